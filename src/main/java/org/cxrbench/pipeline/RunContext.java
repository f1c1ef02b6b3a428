package org.cxrbench.pipeline;

import java.io.OutputStream;
import java.io.PrintStream;
import org.cxrbench.encode.FeatureCache;

/**
 * What a run is given instead of process-global state: the feature cache (null: none), the worker count, the log
 * stream (progress, warnings: stderr), the results stream (tables: stdout) and the engine that runs the
 * data-parallel work (encoding, nearest neighbours, statistics; default: this JVM). Passed to every stage.
 */
public record RunContext(FeatureCache cache, int threads, PrintStream log, PrintStream out, Engine engine) {
    public RunContext {
        if (threads < 1) {
            throw new org.cxrbench.common.BadInputException("--threads " + threads + ": give at least 1");
        }
        engine = engine == null ? Engines.LOCAL : engine;
    }

    /** A context on the local engine. */
    public RunContext(FeatureCache cache, int threads, PrintStream log, PrintStream out) {
        this(cache, threads, log, out, Engines.LOCAL);
    }

    public RunContext withEngine(Engine e) {
        return new RunContext(cache, threads, log, out, e);
    }

    /** The engine's kernels, or null on the local engine (stages then use the one-machine routines as they are). */
    public org.cxrbench.linalg.ParallelKernels clusterKernels() {
        return engine == Engines.LOCAL ? null : engine;
    }

    /** A context that prints nothing (tests, nested runs). */
    public static RunContext quiet(FeatureCache cache, int threads) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new RunContext(cache, threads, none, none);
    }

    public RunContext withLog(PrintStream l) {
        return new RunContext(cache, threads, l, out, engine);
    }
}
