package org.cxrbench.linalg;

import java.util.ArrayList;
import java.util.List;
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
 * run ({@link Workers#SERIAL}) each search gets a pool of its own, freed at its end, as before.
 */
final class NativeBuffers implements AutoCloseable {
    /** Idle bytes kept at most (a search at full size holds about 64 MB of query rows and a 32 MB tile per thread). */
    static final long KEEP_BYTES = 256L << 20;

    private final List<FloatPointer> idle = new ArrayList<>();
    private final boolean ownedBySearch;
    private long idleBytes;
    private boolean closed;

    private NativeBuffers(boolean ownedBySearch) {
        this.ownedBySearch = ownedBySearch;
    }

    /** The current run's pool, or a new one for one search outside a run (close it with {@link #endSearch}). */
    static NativeBuffers ofRun() {
        Workers w = Workers.current();
        if (w == Workers.SERIAL) {
            return new NativeBuffers(true);
        }
        return w.resource("k-NN native buffers", () -> new NativeBuffers(false));
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
