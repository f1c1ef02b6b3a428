package org.cxrbench.linalg;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cxrbench.common.Progress;

/**
 * The worker threads of one run ({@code --threads N}) and where its progress goes: a fork-join pool of at most N
 * daemon threads, never more (no compensation threads), and the run's {@link Progress}.
 *
 * <p>A run's body executes on its workers ({@link #call}). The kernels then take the workers from the thread that
 * runs them ({@link #current}): {@link Blas}'s blocked products and {@link Knn}'s row work spread over them through
 * {@link #runAll}, and a parallel stream started on a worker runs in this pool, not in the JVM's common pool. So
 * every kernel and every parallel loop of a run uses at most N threads, including those in packages whose
 * signatures do not carry the run (their code needs no change). Outside a run (a library call, a Spark task)
 * {@link #current} is {@link #SERIAL}: everything on the calling thread.
 *
 * <p>The work is always cut into the same fixed tasks, whatever N: which thread runs a task never changes its
 * result, so the bits do not depend on the thread count.
 *
 * <p>A run also holds its settings for code that is not handed the context ({@link #set}: the device models run
 * on) and owns the native resources it loads once and reuses ({@link #resource}: encoders' ONNX Runtime and
 * PyTorch sessions); {@link #close} closes them, in reverse order of loading, and stops the pool. The command line
 * closes a command's workers when the command ends. {@link #SERIAL}'s resources live as long as the process (code
 * that runs outside any run: library use, Spark tasks) and its {@link #close} does nothing.
 */
public final class Workers implements AutoCloseable {
    /** One worker: the calling thread, no pool (outside any run). */
    public static final Workers SERIAL = new Workers(1, Progress.STDERR, false);

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int threads;
    private final Progress progress;
    private final ForkJoinPool pool;
    private final AtomicInteger started = new AtomicInteger();
    private final Set<String> taskThreads = ConcurrentHashMap.newKeySet();
    private final java.util.LinkedHashMap<String, AutoCloseable> resources = new java.util.LinkedHashMap<>();
    private boolean closed;
    private final Map<Class<?>, Object> settings = new ConcurrentHashMap<>();

    private Workers(int threads, Progress progress, boolean pooled) {
        if (threads < 1) {
            throw new org.cxrbench.common.BadInputException("--threads " + threads + ": give at least 1");
        }
        this.threads = threads;
        this.progress = progress;
        if (!pooled) {
            this.pool = null;
            return;
        }
        int run = RUNS.incrementAndGet();
        this.pool = new ForkJoinPool(threads, p -> {
            WorkerThread t = new WorkerThread(p, this);
            t.setName("cxrbench-worker-" + run + "-" + started.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false, 0, threads, 1, p -> true, 30, TimeUnit.SECONDS);
    }

    /** A run's workers: {@code threads} threads, progress to {@code progress}. */
    public static Workers of(int threads, Progress progress) {
        return new Workers(threads, progress, true);
    }

    /**
     * The workers of the run the current thread belongs to if they have {@code threads} threads (a nested job of
     * the same run shares them, and the run's progress), else new ones reporting to {@code progress}.
     */
    public static Workers forThreads(int threads, Progress progress) {
        Workers here = current();
        return here != SERIAL && here.threads == threads ? here : of(threads, progress);
    }

    /** The workers of the run executing on this thread, or {@link #SERIAL} outside any run. */
    public static Workers current() {
        return Thread.currentThread() instanceof WorkerThread w ? w.workers : SERIAL;
    }

    public int threads() {
        return threads;
    }

    public Progress progress() {
        return progress;
    }

    /** Threads this run's pool has started so far (never more than {@link #threads}). */
    public int threadsStarted() {
        return started.get();
    }

    /** Names of the threads that have run a task of {@link #runAll} (the kernels' blocks) in this run. */
    public Set<String> taskThreads() {
        return Set.copyOf(taskThreads);
    }

    /** Whether the current thread is one of these workers. */
    public boolean isCurrent() {
        return current() == this;
    }

    /**
     * Runs {@code body} on these workers and returns its result; its exceptions reach the caller unchanged. On one
     * of these workers already, it runs in place.
     */
    public <T> T call(Callable<T> body) throws Exception {
        if (pool == null || isCurrent()) {
            return body.call();
        }
        ForkJoinTask<T> task = pool.submit(body);
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** {@link #call} for bodies that throw no checked exception. */
    public <T> T get(java.util.function.Supplier<T> body) {
        try {
            return call(body::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs every task, the caller and up to {@code threads - 1} other workers taking the next task index from one
     * counter (each task is independent; which thread runs it never changes its result). From a thread that is
     * not one of these workers, or with one thread, the tasks run on the caller in order.
     */
    public void runAll(Runnable[] tasks) {
        int helpers = Math.min(threads, tasks.length) - 1;
        if (helpers <= 0 || !isCurrent()) {
            for (Runnable t : tasks) {
                runTask(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        RuntimeException[] failure = new RuntimeException[1];
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < tasks.length) {
                try {
                    runTask(tasks[i]);
                } catch (RuntimeException | Error e) {
                    next.set(tasks.length); // the others stop after their current task
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                        }
                    }
                }
            }
        };
        ForkJoinTask<?>[] fs = new ForkJoinTask<?>[helpers];
        for (int w = 0; w < helpers; w++) {
            fs[w] = pool.submit(worker);
        }
        worker.run();
        for (ForkJoinTask<?> f : fs) {
            f.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Runs body(i) for i in [0, n), in fixed chunks of {@code chunk} indices spread by {@link #runAll}. */
    public void forEach(int n, int chunk, java.util.function.IntConsumer body) {
        int tasks = (n + chunk - 1) / chunk;
        Runnable[] ts = new Runnable[tasks];
        for (int c = 0; c < tasks; c++) {
            int lo = c * chunk;
            int hi = Math.min(n, lo + chunk);
            ts[c] = () -> {
                for (int i = lo; i < hi; i++) {
                    body.accept(i);
                }
            };
        }
        runAll(ts);
    }

    /**
     * The run's resource named {@code key}, made by {@code make} the first time it is asked for in this run (a
     * model loaded once, reused by every stage of the run) and closed by {@link #close}.
     */
    public synchronized <T extends AutoCloseable> T resource(String key, java.util.function.Supplier<T> make) {
        if (closed) {
            throw new IllegalStateException("this run has ended; its resources are closed");
        }
        AutoCloseable r = resources.get(key);
        if (r == null) {
            r = make.get();
            resources.put(key, r);
        }
        @SuppressWarnings("unchecked")
        T t = (T) r;
        return t;
    }

    /**
     * Sets a run-wide setting that code deep in the run reads through {@link #current} (e.g. the device models run
     * on: {@code encode.ComputeDevice}); keyed by its type. Not for {@link #SERIAL}.
     */
    public <T> Workers set(Class<T> type, T value) {
        if (pool == null) {
            throw new IllegalStateException("settings belong to a run, not to SERIAL");
        }
        settings.put(type, value);
        return this;
    }

    /** The run's setting of this type, or {@code fallback}. */
    public <T> T setting(Class<T> type, T fallback) {
        Object v = settings.get(type);
        return v == null ? fallback : type.cast(v);
    }

    /** Names of the resources this run holds now. */
    public synchronized java.util.List<String> resourceKeys() {
        return java.util.List.copyOf(resources.keySet());
    }

    /**
     * Ends the run: closes its resources (last loaded first; a failure to close one is reported on the run's
     * progress stream and the others are still closed) and stops the pool's threads. Does nothing for
     * {@link #SERIAL} or a second time.
     */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        java.util.List<java.util.Map.Entry<String, AutoCloseable>> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new java.util.ArrayList<>(resources.entrySet());
            resources.clear();
        }
        java.util.Collections.reverse(all);
        for (java.util.Map.Entry<String, AutoCloseable> e : all) {
            try {
                e.getValue().close();
            } catch (Exception ex) {
                progress.stream().println("warning: closing " + e.getKey() + " failed: " + ex);
            }
        }
        pool.shutdown();
    }

    private void runTask(Runnable t) {
        if (pool != null) {
            taskThreads.add(Thread.currentThread().getName());
        }
        t.run();
    }

    /** A pool thread that knows its run (so kernels find the run's workers and progress without a parameter). */
    static final class WorkerThread extends ForkJoinWorkerThread
            implements Progress.Source, org.cxrbench.common.RunSettings.Source {
        final Workers workers;

        WorkerThread(ForkJoinPool pool, Workers workers) {
            super(pool);
            this.workers = workers;
        }

        @Override
        public Progress progress() {
            return workers.progress;
        }

        @Override
        public <T> T setting(Class<T> type, T fallback) {
            return workers.setting(type, fallback);
        }
    }
}
