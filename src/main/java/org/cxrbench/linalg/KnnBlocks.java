package org.cxrbench.linalg;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The candidate stage of {@link Knn#searchFast}: approximate squared distances |q|^2 + |r|^2 - 2 q.r from float32
 * products, blocked over both sets, and for every query row the references within a round-off margin of its k-th
 * smallest approximate distance.
 *
 * <p>Blocking: {@link #SUPER_ROWS} query rows at a time go to native memory as float32, then each tile of
 * {@link #REF_ROWS} reference rows; for one tile, tasks of {@link #TASK_ROWS} query rows each run one
 * single-threaded sgemm (tasks x tile x d) and scan their rows of the product, spread over the calling run's
 * {@link Workers} (one thread's selection overlaps the other's product). Native memory is two blocks of float32
 * rows and one product block per thread, whatever the set sizes; the heap holds the candidate lists.
 *
 * <p>Why the result does not depend on the blocking nor the thread count: a query row's candidates are every
 * reference j whose approximate value v_j is at most v_(k) + margin, v_(k) its k-th smallest; a reference dropped
 * on the way had v_j above (k-th smallest so far) + margin, so above v_(k) + margin too. The float error of
 * v_j is far below the margin ({@link #MARGIN} (|q|^2 + max |r|^2); the float product's error is about
 * sqrt(d) 2^-24 |q| |r|), so the true k nearest are always among the candidates, and {@link Knn} ranks the
 * candidates on exact double distances.
 */
public final class KnnBlocks {
    private KnnBlocks() {}

    /** Query rows in native memory at once. */
    public static final int SUPER_ROWS = 8192;

    /** Reference rows per tile. */
    public static final int REF_ROWS = 4096;

    /** Query rows per task: one single-threaded sgemm of TASK_ROWS x REF_ROWS x d, then its selection. */
    public static final int TASK_ROWS = 1024;

    /** Relative margin on approximate squared distances (float round-off of the product formula is ~1e-6). */
    public static final double MARGIN = 4e-6;

    /** Receives the candidates (reference rows) of query row q; called once per row, from any worker. */
    interface Sink {
        void accept(int q, int[] candidates, int count);
    }

    /** A worker's product block: native (for sgemm) and its heap copy (for the scan). */
    private static final class Scratch {
        final FloatPointer out;
        final float[] buf;

        Scratch(int rows, int cols) {
            out = new FloatPointer((long) rows * cols);
            buf = new float[rows * cols];
        }
    }

    static void candidates(Features query, Features ref, int k, Sink sink) {
        double rmax = 0;
        double[] rnorm = ref.squaredNorms();
        for (double v : rnorm) {
            rmax = Math.max(rmax, v);
        }
        double[] qnorm = query.squaredNorms();
        RowCandidates[] state = new RowCandidates[query.n()];
        for (int i = 0; i < state.length; i++) {
            state[i] = new RowCandidates(k, (float) (MARGIN * (qnorm[i] + rmax)) + Float.MIN_NORMAL, (float) qnorm[i]);
        }
        forEachTile(query, ref, rnorm, "k-NN " + query.n() + " x " + ref.n() + " (k=" + k + ")", new Visitor() {
            @Override
            public void row(int q, float[] g, int off, int r0, int count, float[] rn) {
                state[q].scan(g, off, count, r0, rn);
            }

            @Override
            public void blockDone(int q0, int rows) {
                Workers.current().forEach(rows, 64, i -> {
                    RowCandidates c = state[q0 + i];
                    int count = c.finish();
                    sink.accept(q0 + i, c.idx, count);
                    state[q0 + i] = null;
                });
            }
        });
    }

    /** Receives the products of query rows with tiles of reference rows. */
    public interface Visitor {
        /**
         * Query row q against reference rows [r0, r0 + count): g[off + t] = -2 q.r (float32 product) for reference
         * r0 + t, whose approximate squared distance is g[off + t] + rn[r0 + t] + |q|^2 (rn: the references' squared
         * norms as float). For one q, tiles arrive one at a time in reference order; different q concurrently.
         */
        void row(int q, float[] g, int off, int r0, int count, float[] rn);

        /** Every tile of query rows [q0, q0 + rows) has been visited (called on the calling thread). */
        default void blockDone(int q0, int rows) {}
    }

    /**
     * Streams float32 products of every query row with every reference row to the visitor, blocked as described
     * above, on the calling run's workers, with progress (rows, rate, ETA) under {@code label}. {@code rnorm}: the
     * references' squared norms (from {@link Features#squaredNorms}).
     */
    public static void forEachTile(Features query, Features ref, double[] rnorm, String label, Visitor visitor) {
        if (query.d() != ref.d()) {
            throw new IllegalArgumentException("dimension mismatch: " + query.d() + " vs " + ref.d());
        }
        int n = query.n();
        int m = ref.n();
        int d = query.d();
        float[] rn = new float[m];
        for (int j = 0; j < m; j++) {
            rn[j] = (float) rnorm[j];
        }
        Workers workers = Workers.current();
        org.cxrbench.common.Progress.Meter meter = workers.progress().meter(label, n, "rows");
        int sup = Math.max(1, Math.min(SUPER_ROWS, n));
        int tile = Math.max(1, Math.min(REF_ROWS, m));
        int taskRows = Math.min(TASK_ROWS, sup);
        ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
        try (FloatPointer qP = new FloatPointer((long) sup * d);
             FloatPointer rP = new FloatPointer((long) tile * d)) {
            for (int q0 = 0; q0 < n; q0 += sup) {
                int rowsQ = Math.min(sup, n - q0);
                load(query, q0, rowsQ, qP);
                for (int r0 = 0; r0 < m; r0 += tile) {
                    int rowsR = Math.min(tile, m - r0);
                    load(ref, r0, rowsR, rP);
                    int tasks = (rowsQ + taskRows - 1) / taskRows;
                    Runnable[] ts = new Runnable[tasks];
                    final int base = r0;
                    final int qBase = q0;
                    for (int t = 0; t < tasks; t++) {
                        int a0 = t * taskRows;
                        int rows = Math.min(taskRows, rowsQ - a0);
                        ts[t] = () -> {
                            Scratch s = scratch.poll();
                            if (s == null) {
                                s = new Scratch(taskRows, tile);
                            }
                            try {
                                product(qP, a0, rows, rP, rowsR, d, s);
                                for (int i = 0; i < rows; i++) {
                                    visitor.row(qBase + a0 + i, s.buf, i * rowsR, base, rowsR, rn);
                                }
                            } finally {
                                scratch.add(s);
                            }
                        };
                    }
                    workers.runAll(ts);
                }
                visitor.blockDone(q0, rowsQ);
                meter.add(rowsQ);
            }
        } finally {
            for (Scratch s : scratch) {
                s.out.close();
            }
        }
    }

    /** Rows [from, from + count) of x into dst as float32, a few hundred rows at a time. */
    private static void load(Features x, int from, int count, FloatPointer dst) {
        int d = x.d();
        int step = Math.max(1, (1 << 19) / d);
        float[] stage = new float[Math.min(step, count) * d];
        for (int r = 0; r < count; r += step) {
            int rows = Math.min(step, count - r);
            x.copyRows(from + r, rows, stage, 0);
            dst.position((long) r * d).put(stage, 0, rows * d);
        }
        dst.position(0);
    }

    /** s.buf (rows x rowsR) = -2 Q[a0 : a0 + rows] R^T, one single-threaded sgemm. */
    private static void product(FloatPointer qP, int a0, int rows, FloatPointer rP, int rowsR, int d, Scratch s) {
        FloatPointer a = new FloatPointer(qP).position((long) a0 * d);
        BlasWorkers.run(() -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans,
                rows, rowsR, d, -2f, a, d, rP, d, 0f, s.out, rowsR));
        s.out.position(0).get(s.buf, 0, rows * rowsR);
    }

    /** One query row's candidates: every reference seen with value at most (k-th smallest so far) + margin. */
    static final class RowCandidates {
        private final int k;
        private final float margin;
        private final float qn;
        private float threshold = Float.POSITIVE_INFINITY;
        private float[] val;
        int[] idx;
        private int size;

        RowCandidates(int k, float margin, float qn) {
            this.k = k;
            this.margin = margin;
            this.qn = qn;
            int cap = Math.max(2 * k, 32);
            val = new float[cap];
            idx = new int[cap];
        }

        /** Offers references [base, base + count) with products g[off + j] (= -2 q.r). */
        void scan(float[] g, int off, int count, int base, float[] rn) {
            float thr = threshold - qn;
            for (int j = 0; j < count; j++) {
                float v = g[off + j] + rn[base + j];
                if (v <= thr) {
                    add(v + qn, base + j);
                    thr = threshold - qn;
                }
            }
        }

        private void add(float v, int j) {
            if (size == val.length) {
                compact();
                if (size > val.length / 2) {
                    val = Arrays.copyOf(val, 2 * val.length);
                    idx = Arrays.copyOf(idx, 2 * idx.length);
                }
                if (v > threshold) {
                    return;
                }
            }
            val[size] = v;
            idx[size] = j;
            size++;
        }

        /** Keeps the entries within the margin of the k-th smallest value. */
        private void compact() {
            float[] sorted = Arrays.copyOf(val, size);
            Arrays.sort(sorted);
            threshold = sorted[Math.min(k, size) - 1] + margin;
            int w = 0;
            for (int c = 0; c < size; c++) {
                if (val[c] <= threshold) {
                    val[w] = val[c];
                    idx[w] = idx[c];
                    w++;
                }
            }
            size = w;
        }

        /** The final candidates (in {@link #idx}); returns their number. */
        int finish() {
            compact();
            return size;
        }
    }
}
