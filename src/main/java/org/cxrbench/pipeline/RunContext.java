package org.cxrbench.pipeline;

import java.io.OutputStream;
import java.io.PrintStream;
import org.cxrbench.encode.FeatureCache;

/**
 * What a run is given instead of process-global state: the feature cache (null: none), the worker count, the log
 * stream (progress, warnings: stderr) and the results stream (tables: stdout). Passed to every stage.
 */
public record RunContext(FeatureCache cache, int threads, PrintStream log, PrintStream out) {
    public RunContext {
        if (threads < 1) {
            throw new org.cxrbench.common.BadInputException("--threads " + threads + ": give at least 1");
        }
    }

    /** A context that prints nothing (tests, nested runs). */
    public static RunContext quiet(FeatureCache cache, int threads) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new RunContext(cache, threads, none, none);
    }

    public RunContext withLog(PrintStream l) {
        return new RunContext(cache, threads, l, out);
    }
}
