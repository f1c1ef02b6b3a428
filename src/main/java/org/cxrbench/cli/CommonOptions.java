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

    /** The command line as typed, for provenance. */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        StringBuilder b = new StringBuilder("cxrbench");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(a);
        }
        return b.toString();
    }
}
