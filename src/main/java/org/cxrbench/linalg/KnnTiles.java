package org.cxrbench.linalg;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The schedule of {@link KnnBlocks#forEachTile}: a super-block of query rows is cut into query blocks and the
 * reference set into tiles (the cut depends on the set sizes only, never on the thread count); every (tile, query
 * block) pair is one task (one single-threaded sgemm, then the scan of its product), and the tasks of a super-block
 * are taken by the workers in tile-major order with no barrier between tiles: a tile's float32 rows are loaded by
 * the first task that needs it while the other workers go on with their products, and freed after its last product,
 * so at most about one tile per worker is in native memory. A query block's scans still arrive in tile order (a
 * task whose product is ready waits for the scan of the same block's previous tile, which an earlier task holds),
 * and the last tile's task calls {@link KnnBlocks.Visitor#rowsDone}, so that per-row work overlaps the products of
 * the other blocks.
 */
final class KnnTiles {
    private KnnTiles() {}

    /**
     * A super-block of at least this many tasks when the sets allow it, so that the workers share the work: 12
     * equal tasks split evenly over 1, 2, 3, 4 or 6 workers (8 left the bench's 2,269 x 6,900 and 2,269 x 2,269
     * products at 3 x 3 = 9 tasks, 5 on one of 2 workers and 4 on the other: a tenth of the wall time idle).
     */
    static final int MIN_TASKS = 12;
    /** Smallest tile when tiles are cut finer than {@link KnnBlocks#REF_ROWS} to make tasks. */
    static final int MIN_TILE_ROWS = 256;
    /** Smallest query block when blocks are cut finer than {@link KnnBlocks#TASK_ROWS} to make tasks. */
    static final int MIN_BLOCK_ROWS = 128;

    /** Super-block rows, the largest query block, and the tiles' first rows (tileStart[tiles] = m). */
    record Grid(int superRows, int blockRows, int[] tileStart) {
        static Grid of(int n, int m) {
            int sup = Math.max(1, Math.min(KnnBlocks.SUPER_ROWS, n));
            int blocks = ceilDiv(sup, KnnBlocks.TASK_ROWS);
            int tiles = ceilDiv(m, KnnBlocks.REF_ROWS);
            while (tiles > 0 && (long) blocks * tiles < MIN_TASKS) {
                boolean finerTiles = ceilDiv(m, tiles + 1) >= MIN_TILE_ROWS;
                boolean finerBlocks = ceilDiv(sup, blocks + 1) >= MIN_BLOCK_ROWS;
                if (finerTiles && (ceilDiv(m, tiles) >= ceilDiv(sup, blocks) || !finerBlocks)) {
                    tiles++;
                } else if (finerBlocks) {
                    blocks++;
                } else {
                    break;
                }
            }
            int[] start = new int[tiles + 1];
            for (int t = 1; t <= tiles; t++) {
                start[t] = (int) ((long) t * m / tiles);
            }
            return new Grid(sup, ceilDiv(sup, blocks), start);
        }

        int tiles() {
            return tileStart.length - 1;
        }

        int maxTileRows() {
            int r = 0;
            for (int t = 0; t < tiles(); t++) {
                r = Math.max(r, tileStart[t + 1] - tileStart[t]);
            }
            return r;
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** A worker's product block: native (for sgemm) and its heap copy (for the scan). */
    private static final class Scratch {
        final FloatPointer out;
        final float[] buf;

        Scratch(NativeBuffers pool, int rows, int cols) {
            out = pool.take((long) rows * cols);
            buf = new float[rows * cols];
        }
    }

    /** One search's native buffers and the schedule of its super-blocks. */
    static final class Run implements AutoCloseable {
        private final Features query;
        private final Features ref;
        private final Grid grid;
        private final float[] rn;
        private final KnnBlocks.Visitor visitor;
        private final int d;
        private final NativeBuffers buffers;
        private final FloatPointer queryRows;
        private final ConcurrentLinkedQueue<FloatPointer> tileBuffers = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<FloatPointer> allTileBuffers = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Scratch> allScratch = new ConcurrentLinkedQueue<>();

        Run(Features query, Features ref, Grid grid, float[] rn, KnnBlocks.Visitor visitor) {
            this.query = query;
            this.ref = ref;
            this.grid = grid;
            this.rn = rn;
            this.visitor = visitor;
            this.d = query.d();
            this.buffers = NativeBuffers.ofRun();
            this.queryRows = buffers.take((long) grid.superRows() * d);
        }

        /** Every (tile, query block) task of query rows [q0, q0 + rowsQ), on the workers. */
        void superBlock(Workers workers, int q0, int rowsQ) {
            int blocks = ceilDiv(rowsQ, grid.blockRows());
            int[] qs = new int[blocks + 1];
            for (int b = 0; b <= blocks; b++) {
                qs[b] = (int) ((long) b * rowsQ / blocks);
            }
            int tiles = grid.tiles();
            if (tiles == 0) {
                for (int b = 0; b < blocks; b++) {
                    visitor.rowsDone(q0 + qs[b], qs[b + 1] - qs[b]);
                }
                return;
            }
            State st = new State(blocks, tiles);
            Runnable[] tasks = new Runnable[blocks * tiles];
            for (int t = 0; t < tiles; t++) {
                for (int b = 0; b < blocks; b++) {
                    int tile = t;
                    int block = b;
                    tasks[t * blocks + b] = () -> {
                        try {
                            task(st, q0, qs, block, tile);
                        } catch (RuntimeException | Error e) {
                            throw st.fail(e);
                        }
                    };
                }
            }
            workers.runAll(tasks);
        }

        private void task(State st, int q0, int[] qs, int b, int t) {
            int a0 = qs[b];
            int rows = qs[b + 1] - a0;
            int r0 = grid.tileStart()[t];
            int rowsR = grid.tileStart()[t + 1] - r0;
            if (st.claim(st.queryState, b)) {
                KnnBlocks.load(query, q0 + a0, rows, new FloatPointer(queryRows).position((long) a0 * d));
                st.loaded(st.queryState, b);
            }
            FloatPointer tile = acquireTile(st, t, r0, rowsR);
            Scratch s = scratch.poll();
            if (s == null) {
                s = new Scratch(buffers, grid.blockRows(), grid.maxTileRows());
                allScratch.add(s);
            }
            try {
                try {
                    KnnBlocks.product(new FloatPointer(queryRows).position((long) a0 * d), rows, tile, rowsR, d, s.out,
                            s.buf);
                } finally {
                    releaseTile(st, t);
                }
                st.awaitTurn(b, t);
                for (int i = 0; i < rows; i++) {
                    visitor.row(q0 + a0 + i, s.buf, i * rowsR, r0, rowsR, rn);
                }
                st.advance(b);
            } finally {
                scratch.add(s);
            }
            if (t == grid.tiles() - 1) {
                visitor.rowsDone(q0 + a0, rows);
            }
        }

        private FloatPointer acquireTile(State st, int t, int r0, int rowsR) {
            if (st.claim(st.tileState, t)) {
                FloatPointer buf = tileBuffers.poll();
                if (buf == null) {
                    buf = buffers.take((long) grid.maxTileRows() * d);
                    allTileBuffers.add(buf);
                }
                KnnBlocks.load(ref, r0, rowsR, buf);
                st.tiles[t] = buf;
                st.loaded(st.tileState, t);
            }
            return st.tiles[t];
        }

        private void releaseTile(State st, int t) {
            FloatPointer done = st.release(t);
            if (done != null) {
                tileBuffers.add(done);
            }
        }

        /**
         * Gives the native buffers back to the run's {@link NativeBuffers} (freed there outside a run) and drops the
         * heap ones (a finished task may still be referenced by a pool).
         */
        @Override
        public void close() {
            buffers.give(queryRows);
            for (FloatPointer p : allTileBuffers) {
                buffers.give(p);
            }
            for (Scratch s : allScratch) {
                buffers.give(s.out);
            }
            buffers.endSearch();
            allTileBuffers.clear();
            tileBuffers.clear();
            allScratch.clear();
            scratch.clear();
        }
    }

    /** A super-block's progress: which rows are loaded, each tile's remaining tasks, each block's next tile. */
    private static final class State {
        static final byte LOADING = 1;
        static final byte LOADED = 2;
        final byte[] queryState;
        final byte[] tileState;
        final FloatPointer[] tiles;
        final int[] tileUsers;
        final int[] nextTile;
        private Throwable failure;

        State(int blocks, int tiles) {
            queryState = new byte[blocks];
            tileState = new byte[tiles];
            this.tiles = new FloatPointer[tiles];
            tileUsers = new int[tiles];
            java.util.Arrays.fill(tileUsers, blocks);
            nextTile = new int[blocks];
        }

        /** True if the caller is to load slab i (first to need it); else waits until it is loaded. */
        synchronized boolean claim(byte[] state, int i) {
            while (state[i] == LOADING) {
                await();
            }
            if (state[i] == LOADED) {
                return false;
            }
            state[i] = LOADING;
            return true;
        }

        synchronized void loaded(byte[] state, int i) {
            state[i] = LOADED;
            notifyAll();
        }

        /** One task is done with tile t; returns its buffer when it was the tile's last task. */
        synchronized FloatPointer release(int t) {
            if (--tileUsers[t] > 0) {
                return null;
            }
            FloatPointer p = tiles[t];
            tiles[t] = null;
            return p;
        }

        synchronized void awaitTurn(int b, int t) {
            while (nextTile[b] != t) {
                await();
            }
        }

        synchronized void advance(int b) {
            nextTile[b]++;
            notifyAll();
        }

        /**
         * Records a task's failure (a RuntimeException or an Error) and wakes the waiting tasks, which then throw the
         * first failure too, so that the run reports the cause whichever thread reports first; returns (or throws,
         * for an Error) the first failure, for the failed task to throw.
         */
        synchronized RuntimeException fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
            return sneaky(failure);
        }

        private void await() {
            if (failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            if (failure != null) {
                throw sneaky(failure);
            }
        }

        private static RuntimeException sneaky(Throwable t) {
            if (t instanceof Error err) {
                throw err;
            }
            return (RuntimeException) t;
        }
    }
}
