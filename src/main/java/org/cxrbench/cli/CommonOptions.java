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
        java.io.PrintStream log = quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
        org.cxrbench.common.Progress.use(log);
        return log;
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
