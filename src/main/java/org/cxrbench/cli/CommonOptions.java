package org.cxrbench.cli;

import picocli.CommandLine.Option;

/** Options every command shares (the feature cache options are in {@link CacheOptions}, for the commands that encode). */
public final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new org.cxrbench.common.BadInputException("--threads " + n + ": give at least 1");
        }
        return n;
    }

    public java.io.PrintStream log() {
        java.io.PrintStream log = quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
        org.cxrbench.common.Progress.use(log);
        return log;
    }

    /**
     * What the run is given: cache (from {@link CacheOptions}, null for commands that do not encode), threads, log
     * (stderr) and results (stdout) streams.
     */
    public org.cxrbench.pipeline.RunContext context(org.cxrbench.encode.FeatureCache cache) {
        return new org.cxrbench.pipeline.RunContext(cache, threads(), log(), System.out);
    }

    /** A data-set path restricted to one split of its manifest (FILE.csv#split), or the path as given. */
    static java.nio.file.Path withSplit(java.nio.file.Path p, String split) {
        if (p == null || split == null) {
            return p;
        }
        if (split.isBlank() || split.contains("#")) {
            throw new org.cxrbench.common.BadInputException("split name '" + split + "': give a split of the manifest, e.g. train or holdout");
        }
        return p.resolveSibling(p.getFileName() + "#" + split);
    }

    /** The command line as typed, for provenance. */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        StringBuilder b = new StringBuilder("cxrbench");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(a);
        }
        return b.toString();
    }
}
