package org.cxrbench.linalg;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A record of the OpenBLAS calls in flight (each block of a product is one single-threaded call, run on the
 * calling run's {@link Workers}), so that the process can exit while they finish.
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

    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static volatile boolean stopping;

    static {
        // every native call passes here: one OpenBLAS thread even where Blas was never loaded (KnnBlocks's sgemm
        // alone, as in a Spark task, ran on 2 OpenBLAS threads per call on a 2-core machine)
        org.bytedeco.openblas.global.openblas.blas_set_num_threads(1);
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
