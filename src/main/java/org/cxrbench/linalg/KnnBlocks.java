package org.cxrbench.linalg;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The candidate stage of {@link Knn#searchFast}: approximate squared distances |q|^2 + |r|^2 - 2 q.r from float32
 * products, blocked over both sets, and for every query row the references within a round-off margin of its k-th
 * smallest approximate distance.
 *
 * <p>Blocking: {@link #SUPER_ROWS} query rows at a time go to native memory as float32, in blocks of at most
 * {@link #TASK_ROWS} rows, and the reference set in tiles of at most {@link #REF_ROWS} rows (cut finer when the sets
 * are small, so that there are tasks for every worker; the cut depends on the set sizes only); every (tile, block)
 * pair is one single-threaded sgemm and the scan of its product, taken by the calling run's {@link Workers} with no
 * barrier between tiles, so that one thread's loading, selection and exact refinement overlap the others' products
 * ({@link KnnTiles}). Native memory is one super-block of float32 query rows, about one tile and one product block
 * per thread, whatever the set sizes (taken from, and given back to, the run's {@link NativeBuffers}, so that the
 * next search of the run does not fault in fresh pages); the heap holds the candidate lists.
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

    /**
     * Receives the candidates of query rows [q0, q0 + rows): rows[i] for row q0 + i ({@link RowCandidates#finish}ed:
     * reference rows {@code idx[0 : count]}, approximate squared distances {@code val[0 : count]}); called once per
     * query block, from any worker.
     */
    interface Sink {
        void accept(int q0, int rows, RowCandidates[] candidates);
    }

    static void candidates(Features query, Features ref, int k, Sink sink) {
        double rmax = 0;
        double[] rnorm = squaredNorms(ref);
        for (double v : rnorm) {
            rmax = Math.max(rmax, v);
        }
        double[] qnorm = query == ref ? rnorm : squaredNorms(query);
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
            public void rowsDone(int q0, int rows) {
                RowCandidates[] done = new RowCandidates[rows];
                for (int i = 0; i < rows; i++) {
                    done[i] = state[q0 + i];
                    done[i].finish();
                    state[q0 + i] = null;
                }
                sink.accept(q0, rows, done);
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

        /**
         * Every tile of query rows [q0, q0 + rows) has been visited: called once per query block, on the worker that
         * visited its last tile, while the other workers go on with their products (per-row work such as exact
         * refinement overlaps the GEMM this way).
         */
        default void rowsDone(int q0, int rows) {}

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
        float[] rn = new float[m];
        for (int j = 0; j < m; j++) {
            rn[j] = (float) rnorm[j];
        }
        Workers workers = Workers.current();
        org.cxrbench.common.Progress.Meter meter = workers.progress().meter(label, n, "rows");
        KnnTiles.Grid grid = KnnTiles.Grid.of(n, m);
        try (KnnTiles.Run run = new KnnTiles.Run(query, ref, grid, rn, visitor)) {
            for (int q0 = 0; q0 < n; q0 += grid.superRows()) {
                int rowsQ = Math.min(grid.superRows(), n - q0);
                run.superBlock(workers, q0, rowsQ);
                visitor.blockDone(q0, rowsQ);
                meter.add(rowsQ);
            }
        }
    }

    /**
     * Row squared norms, as {@link Features#squaredNorms} computes them (the same bits: each row's sum in column
     * order, in double), spread over the calling run's workers, four rows interleaved per worker.
     */
    public static double[] squaredNorms(Features x) {
        int n = x.n();
        int d = x.d();
        double[] out = new double[n];
        Workers.current().forEach((n + 255) / 256, 1, c -> {
            int lo = c * 256;
            int hi = Math.min(n, lo + 256);
            double[] rows = new double[4 * d];
            for (int i = lo; i < hi; i += 4) {
                int cnt = Math.min(4, hi - i);
                for (int r = 0; r < cnt; r++) {
                    x.row(i + r, rows, r * d);
                }
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = 0; j < d; j++) {
                    double a0 = rows[j];
                    double a1 = rows[d + j];
                    double a2 = rows[2 * d + j];
                    double a3 = rows[3 * d + j];
                    s0 += a0 * a0;
                    s1 += a1 * a1;
                    s2 += a2 * a2;
                    s3 += a3 * a3;
                }
                double[] s = {s0, s1, s2, s3};
                System.arraycopy(s, 0, out, i, cnt);
            }
        });
        return out;
    }

    /** Rows [from, from + count) of x into dst (from its position on) as float32, a few hundred rows at a time. */
    static void load(Features x, int from, int count, FloatPointer dst) {
        int d = x.d();
        long base = dst.position();
        int step = Math.max(1, (1 << 19) / d);
        float[] stage = new float[Math.min(step, count) * d];
        for (int r = 0; r < count; r += step) {
            int rows = Math.min(step, count - r);
            x.copyRows(from + r, rows, stage, 0);
            dst.position(base + (long) r * d).put(stage, 0, rows * d);
        }
        dst.position(base);
    }

    /** out (rows x rowsR) = -2 A R^T, one single-threaded sgemm, copied to the heap buffer buf. */
    static void product(FloatPointer a, int rows, FloatPointer r, int rowsR, int d, FloatPointer out, float[] buf) {
        BlasWorkers.run(() -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans,
                rows, rowsR, d, -2f, a, d, r, d, 0f, out, rowsR));
        out.position(0).get(buf, 0, rows * rowsR);
    }

    /** One query row's candidates: every reference seen with value at most (k-th smallest so far) + margin. */
    static final class RowCandidates {
        private final int k;
        /** The round-off margin of this row's approximate values. */
        final float margin;
        /** The query row's squared norm as float: finite only if every value of the row is finite. */
        final float qn;
        private float threshold = Float.POSITIVE_INFINITY;
        private float kth = Float.POSITIVE_INFINITY;
        float[] val;
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
            kth = sorted[Math.min(k, size) - 1];
            threshold = kth + margin;
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

        /** The final candidates (in {@link #idx}, their values in {@link #val}); returns their number. */
        int finish() {
            compact();
            return size;
        }

        /** The number of candidates (after {@link #finish}). */
        int count() {
            return size;
        }

        /** The k-th smallest approximate value (after {@link #finish}; the largest when there are fewer than k). */
        float kthValue() {
            return kth;
        }
    }
}
