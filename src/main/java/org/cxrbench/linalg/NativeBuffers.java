package org.cxrbench.linalg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Native float32 buffers kept for reuse by the k-NN searches of one run (query rows, reference tiles, product
 * blocks), so that a run of many searches touches fresh native memory once instead of once per search.
 *
 * <p>Why: a fresh buffer's first write page-faults every page (the kernel zeroes each), and large buffers (glibc
 * maps those above its mmap threshold, at most 32 MiB, afresh on every allocation) fault again on every search.
 * Measured on this project's 2-core machine: loading 6,900 rows of d = 2048 (56 MB) into a fresh buffer took 174-191
 * ms of CPU, into a reused one 6-8 ms; at the release bench's scale 0.03 that was most of what the train -> synthetic
 * search spent above its products. The contents of a buffer handed out are undefined (every user overwrites what
 * it reads), so reuse changes no result.
 *
 * <p>The run's pool ({@link #ofRun}) is one of its {@link Workers#resource resources}, freed when the run ends; at
 * most {@link #KEEP_BYTES} of idle buffers are kept (the largest beyond that are freed when given back). Outside a
 * run ({@link Workers#SERIAL}) each search gets a pool of its own, freed at its end, as before, unless its thread
 * was lent one of this JVM's shared pools ({@link #lendShared}: what a Spark task does, whose searches run outside
 * any run, one thread per task). A lent pool is the task's alone while it runs (no two threads take from it at
 * once) and goes back to the idle ones at its end, so the next task on this executor finds buffers whose pages are
 * already faulted in; at most {@link #SHARED_POOLS} idle pools are kept (one more is freed when given back), each
 * holding at most {@link #KEEP_BYTES}, and {@link #closeShared} frees the idle ones (the rest is freed with the
 * process). Measured on this project's 2-core machine, one task of 2,500 x 10,000 rows, d = 2048: 0.13-0.17 s less
 * per task with a pool reused than with fresh buffers.
 */
public final class NativeBuffers implements AutoCloseable {
    /** Idle bytes kept at most (a search at full size holds about 64 MB of query rows and a 32 MB tile per thread). */
    static final long KEEP_BYTES = 256L << 20;

    /** Idle shared pools kept at most: one per core (a task slot searches on one thread). */
    static final int SHARED_POOLS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** The idle shared pools, the most recently given back first. */
    private static final ArrayDeque<NativeBuffers> SHARED_IDLE = new ArrayDeque<>();

    /** The shared pool lent to this thread, if any. */
    private static final ThreadLocal<NativeBuffers> LENT = new ThreadLocal<>();

    private final List<FloatPointer> idle = new ArrayList<>();
    private final boolean ownedBySearch;
    private long idleBytes;
    private boolean closed;

    private NativeBuffers(boolean ownedBySearch) {
        this.ownedBySearch = ownedBySearch;
    }

    /**
     * The current run's pool; outside a run, the shared pool lent to this thread, else a new one for one search
     * (close it with {@link #endSearch}).
     */
    static NativeBuffers ofRun() {
        Workers w = Workers.current();
        if (w == Workers.SERIAL) {
            NativeBuffers lent = LENT.get();
            return lent != null ? lent : new NativeBuffers(true);
        }
        return w.resource("k-NN native buffers", () -> new NativeBuffers(false));
    }

    /**
     * Runs {@code body} with one of this JVM's shared pools lent to the calling thread: every k-NN search it makes
     * outside a run takes its native buffers from that pool and gives them back to it. Within a run (the run has its
     * own pool), or with a pool already lent to this thread, it just runs {@code body}.
     */
    public static <T> T lendShared(Supplier<T> body) {
        if (Workers.current() != Workers.SERIAL || LENT.get() != null) {
            return body.get();
        }
        NativeBuffers pool;
        synchronized (SHARED_IDLE) {
            pool = SHARED_IDLE.pollFirst();
        }
        if (pool == null) {
            pool = new NativeBuffers(false);
        }
        LENT.set(pool);
        try {
            return body.get();
        } finally {
            LENT.remove();
            giveBackShared(pool);
        }
    }

    private static void giveBackShared(NativeBuffers pool) {
        synchronized (SHARED_IDLE) {
            if (SHARED_IDLE.size() < SHARED_POOLS) {
                SHARED_IDLE.addFirst(pool);
                return;
            }
        }
        pool.close();
    }

    /** Frees the idle shared pools (pools lent now go back to the idle ones when their task ends). */
    public static void closeShared() {
        List<NativeBuffers> idle;
        synchronized (SHARED_IDLE) {
            idle = new ArrayList<>(SHARED_IDLE);
            SHARED_IDLE.clear();
        }
        for (NativeBuffers p : idle) {
            p.close();
        }
    }

    /** Idle shared pools now, and their idle bytes. */
    static long[] sharedIdle() {
        synchronized (SHARED_IDLE) {
            long bytes = 0;
            for (NativeBuffers p : SHARED_IDLE) {
                bytes += p.idleBytes();
            }
            return new long[] {SHARED_IDLE.size(), bytes};
        }
    }

    /** A buffer of at least {@code floats} floats (the smallest idle one that fits, else a new one), at position 0. */
    synchronized FloatPointer take(long floats) {
        int best = -1;
        for (int i = 0; i < idle.size(); i++) {
            long cap = idle.get(i).capacity();
            if (cap >= floats && (best < 0 || cap < idle.get(best).capacity())) {
                best = i;
            }
        }
        if (best < 0) {
            return new FloatPointer(Math.max(1, floats));
        }
        FloatPointer p = idle.remove(best);
        idleBytes -= 4 * p.capacity();
        return p.position(0);
    }

    /** Gives a buffer back for reuse (freed instead once the pool is closed or over {@link #KEEP_BYTES}). */
    synchronized void give(FloatPointer p) {
        if (closed) {
            p.close();
            return;
        }
        idle.add(p);
        idleBytes += 4 * p.capacity();
        while (idleBytes > KEEP_BYTES) {
            int largest = 0;
            for (int i = 1; i < idle.size(); i++) {
                if (idle.get(i).capacity() > idle.get(largest).capacity()) {
                    largest = i;
                }
            }
            FloatPointer out = idle.remove(largest);
            idleBytes -= 4 * out.capacity();
            out.close();
        }
    }

    /** Ends one search: a pool made for that search alone is freed; a run's pool keeps its buffers. */
    void endSearch() {
        if (ownedBySearch) {
            close();
        }
    }

    /** Idle bytes held now. */
    synchronized long idleBytes() {
        return idleBytes;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (FloatPointer p : idle) {
            p.close();
        }
        idle.clear();
        idleBytes = 0;
    }
}
