package org.cxrbench.pipeline;

import java.io.OutputStream;
import java.io.PrintStream;
import org.cxrbench.common.Progress;
import org.cxrbench.data.ImageHashes;
import org.cxrbench.encode.ComputeDevice;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Workers;

/**
 * What a run is given instead of process-global state: the feature cache (null: none), its workers (the thread
 * count, the pool every kernel and parallel loop of the run uses, and the progress stream: see {@link Workers}),
 * the log stream (progress, warnings: stderr), the results stream (tables: stdout) and the engine that runs the
 * data-parallel work (encoding, nearest neighbours, statistics; default: this JVM). Passed to every stage; a job
 * runs on the workers through {@link #call} (the command line does this for every command). The run's settings
 * ({@link #device}, {@link #skipBad}, {@link #hashMode}) live with its workers: every context of the run sees them,
 * another run (even in the same process, at the same time) never does.
 */
public record RunContext(FeatureCache cache, Workers workers, PrintStream log, PrintStream out, Engine engine)
        implements AutoCloseable {
    public RunContext {
        if (workers == null) {
            throw new IllegalArgumentException("a run context needs its workers");
        }
        engine = engine == null ? Engines.LOCAL : engine;
    }

    /**
     * A context on {@code engine} with {@code threads} workers reporting progress to {@code log}; inside a run with
     * that many workers (a nested job), the run's own workers.
     */
    public RunContext(FeatureCache cache, int threads, PrintStream log, PrintStream out, Engine engine) {
        this(cache, Workers.forThreads(threads, Progress.to(log)), log, out, engine);
    }

    /**
     * A new run (a command): {@code threads} workers, progress to {@code log} (nothing when {@code quiet}), models
     * on the CPU until {@link #withDevice}; no cache until {@link #withCache}. {@link #close} ends it.
     */
    public static RunContext open(int threads, PrintStream log, boolean quiet, PrintStream out) {
        return new RunContext(null, Workers.of(threads, quiet ? Progress.QUIET : Progress.to(log)), log, out,
                Engines.LOCAL);
    }

    /** A context on the local engine. */
    public RunContext(FeatureCache cache, int threads, PrintStream log, PrintStream out) {
        this(cache, threads, log, out, Engines.LOCAL);
    }

    /** The worker count ({@code --threads}). */
    public int threads() {
        return workers.threads();
    }

    /** Where long steps report progress (the log stream, or nothing with -q). */
    public Progress progress() {
        return workers.progress();
    }

    /** {@link #call} for jobs without checked exceptions. */
    public <T> T get(java.util.function.Supplier<T> job) {
        return workers.get(job);
    }

    /** Whether the current thread is one of this run's workers. */
    public boolean isCurrent() {
        return workers.isCurrent();
    }

    /** Where this run's models run ({@code --device}; the CPU unless set). */
    public ComputeDevice device() {
        return workers.setting(ComputeDevice.class, ComputeDevice.CPU);
    }

    /** Sets where this run's models run (every context of the run sees it); returns this context. */
    public RunContext withDevice(ComputeDevice d) {
        workers.set(ComputeDevice.class, d);
        return this;
    }

    /**
     * Whether this run leaves out images that cannot be decoded ({@code --skip-bad}, {@code skip_bad: true}: named
     * on the log, counted in provenance as {@code skipped_bad_images:ROLE}) instead of stopping; false unless set.
     */
    public boolean skipBad() {
        return workers.setting(BadImages.class, BadImages.STOP) == BadImages.SKIP;
    }

    /** Sets whether this run skips undecodable images (every context of the run sees it); returns this context. */
    public RunContext withSkipBad(boolean skip) {
        workers.set(BadImages.class, skip ? BadImages.SKIP : BadImages.STOP);
        return this;
    }

    /** What a run does with an image that cannot be decoded. */
    public enum BadImages { STOP, SKIP }

    /**
     * How this run checks image hashes ({@code --rehash}: {@link ImageHashes.Mode#REHASH}); code deep in the run
     * reads it through {@link ImageHashes#mode()} on the run's workers.
     */
    public ImageHashes.Mode hashMode() {
        return workers.setting(ImageHashes.Mode.class, ImageHashes.Mode.CACHED);
    }

    /** Sets how this run checks image hashes (every context of the run sees it); returns this context. */
    public RunContext withHashMode(ImageHashes.Mode m) {
        workers.set(ImageHashes.Mode.class, m);
        return this;
    }

    /**
     * Gives this run (one of its own, e.g. at a config's thread count) the settings of the run {@code from}: device,
     * bad-image policy, hash mode; returns this context.
     */
    public RunContext withSettingsOf(RunContext from) {
        if (from.workers == workers) {
            return this;
        }
        return withDevice(from.device()).withSkipBad(from.skipBad()).withHashMode(from.hashMode());
    }

    /** The same run with the feature cache {@code c}. */
    public RunContext withCache(FeatureCache c) {
        return new RunContext(c, workers, log, out, engine);
    }

    /** Ends the run: closes the models it loaded and stops its workers (every context of the run). */
    @Override
    public void close() {
        workers.close();
    }

    /** Runs {@code job} on this run's workers (in place when already on them); its exceptions pass unchanged. */
    public <T> T call(java.util.concurrent.Callable<T> job) throws Exception {
        return workers.call(job);
    }

    public RunContext withEngine(Engine e) {
        return new RunContext(cache, workers, log, out, e);
    }

    /** The engine's kernels, or null on the local engine (stages then use the one-machine routines as they are). */
    public org.cxrbench.linalg.ParallelKernels clusterKernels() {
        return engine == Engines.LOCAL ? null : engine;
    }

    /** A context that prints nothing (tests, nested runs). */
    public static RunContext quiet(FeatureCache cache, int threads) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new RunContext(cache, Workers.of(threads, Progress.QUIET), none, none, Engines.LOCAL);
    }

    /** The same run, logging to {@code l}. */
    public RunContext withLog(PrintStream l) {
        return new RunContext(cache, workers, l, out, engine);
    }

    /** The same run, writing its results to {@code o} (a nested job whose tables belong in the log). */
    public RunContext withOut(PrintStream o) {
        return new RunContext(cache, workers, log, o, engine);
    }
}
