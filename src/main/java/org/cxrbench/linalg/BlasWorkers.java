package org.cxrbench.linalg;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java side of cxrbench's BLAS parallelism: one shared pool of daemon threads that runs fixed blocks of a
 * product, each block a single-threaded OpenBLAS call, and a record of the native calls in flight.
 *
 * <p>OpenBLAS's own thread pool is never given work (it is set to one thread once, before any call). The reason is
 * process exit: at exit OpenBLAS's library destructor wakes and joins its pool threads, and a pool thread that was
 * busy with a call when SIGTERM/SIGINT arrived misses the wake-up and the join waits forever (the JVM then hangs at
 * 0% CPU, every thread parked). With the pool idle the destructor returns at once. A shutdown hook stops new native
 * calls and waits (at most {@link #DRAIN_MILLIS}) for the ones in flight, so that no thread is inside OpenBLAS while
 * the library is torn down.
 */
final class BlasWorkers {
    private BlasWorkers() {}

    /** Longest wait at shutdown for native calls in flight (each is one block of a product: well under a second). */
    static final long DRAIN_MILLIS = 5000;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cxrbench-blas");
        t.setDaemon(true);
        return t;
    });

    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BlasWorkers::drain, "cxrbench-blas-shutdown"));
    }

    /** Marks the start of a native call; refused once the process is shutting down. */
    static void enter() {
        if (stopping) {
            throw new CancellationException("cxrbench is shutting down");
        }
        IN_FLIGHT.incrementAndGet();
        if (stopping) {
            IN_FLIGHT.decrementAndGet();
            throw new CancellationException("cxrbench is shutting down");
        }
    }

    static void leave() {
        IN_FLIGHT.decrementAndGet();
    }

    /** Runs one native call between {@link #enter} and {@link #leave}. */
    static <T> T call(java.util.function.Supplier<T> nativeCall) {
        enter();
        try {
            return nativeCall.get();
        } finally {
            leave();
        }
    }

    static void run(Runnable nativeCall) {
        enter();
        try {
            nativeCall.run();
        } finally {
            leave();
        }
    }

    /**
     * Runs every task (each a native call) on {@code workers} threads: the caller and workers - 1 pool threads
     * take the next task index from one counter. Which thread runs a task never changes its result.
     */
    static void runAll(Runnable[] tasks, int workers) {
        if (workers <= 1 || tasks.length <= 1) {
            for (Runnable t : tasks) {
                run(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < tasks.length) {
                run(tasks[i]);
            }
        };
        int helpers = Math.min(workers, tasks.length) - 1;
        Future<?>[] fs = new Future<?>[helpers];
        for (int w = 0; w < helpers; w++) {
            fs[w] = POOL.submit(worker);
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(tasks.length); // the helpers stop after their current block
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.set(tasks.length);
                if (failure == null) {
                    failure = new CancellationException("interrupted");
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Shutdown hook: no new native calls; wait for those in flight. */
    static void drain() {
        stopping = true;
        long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
        while (IN_FLIGHT.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
