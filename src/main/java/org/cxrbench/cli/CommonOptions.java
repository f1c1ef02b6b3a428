package org.cxrbench.cli;

import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: $CXRBENCH_CACHE or ~/.cache/cxrbench/features).")
    java.nio.file.Path cache;

    @Option(names = "--no-cache", description = "Encode images without reading or writing the feature cache.")
    boolean noCache;

    /** The feature cache to use, or null with --no-cache. */
    public org.cxrbench.encode.FeatureCache featureCache() {
        if (noCache) {
            return null;
        }
        return new org.cxrbench.encode.FeatureCache(cache != null ? cache : org.cxrbench.encode.FeatureCache.defaultRoot());
    }

    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new org.cxrbench.common.BadInputException("--threads " + n + ": give at least 1");
        }
        return n;
    }

    public java.io.PrintStream log() {
        return quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
    }

    /** What the run is given: cache, threads, log (stderr) and results (stdout) streams. */
    public org.cxrbench.pipeline.RunContext context() {
        return new org.cxrbench.pipeline.RunContext(featureCache(), threads(), log(), System.out);
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
