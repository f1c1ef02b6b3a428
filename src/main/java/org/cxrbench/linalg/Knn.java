package org.cxrbench.linalg;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Blocked nearest-neighbour search through matrix products: squared distances of a block of query rows to all
 * reference rows come from |q|^2 + |r|^2 - 2 q.r (one dgemm per block), so memory stays at one block x N, never
 * N x M. Candidates are then refined with direct-difference distances so reported distances are exact, and ties
 * are broken by the lower reference index; the result is independent of block size and thread count.
 */
public final class Knn {
    private Knn() {}

    /** Query rows per block. */
    static final int BLOCK_ROWS = 256;

    /** Extra candidates kept beyond k before refinement, to absorb round-off of the product formula. */
    static final int EXTRA = 8;

    /** indices[i*k + j] / distances[i*k + j]: the j-th nearest reference row of query row i (ascending). */
    public record Result(int k, int[] indices, double[] distances) {
        public int index(int i, int j) {
            return indices[i * k + j];
        }

        public double distance(int i, int j) {
            return distances[i * k + j];
        }
    }

    /** Receives squared distances (approximate, from the product formula) of query rows [r0, r0+rows) to all refs. */
    public interface BlockVisitor {
        void visit(int r0, int rows, double[] d2, int refCount);
    }

    /** Streams query x reference squared-distance blocks (row-major rows x refCount) to the visitor, in row order. */
    public static void forEachBlock(Features query, Features ref, int blockRows, BlockVisitor visitor) {
        if (query.d() != ref.d()) {
            throw new IllegalArgumentException("dimension mismatch: " + query.d() + " vs " + ref.d());
        }
        int m = ref.n();
        int d = query.d();
        double[] qn = query.squaredNorms();
        double[] rn = ref.squaredNorms();
        int bmax = Math.min(blockRows, Math.max(1, query.n()));
        double[] g = new double[bmax * m];
        org.cxrbench.common.Progress.Meter meter = Workers.current().progress().meter(
                "distances " + query.n() + " x " + m, query.n(), "rows");
        try (DoublePointer refP = new DoublePointer(ref.data());
             DoublePointer qP = new DoublePointer((long) bmax * d);
             DoublePointer gP = new DoublePointer((long) bmax * m)) {
            for (int r0 = 0; r0 < query.n(); r0 += blockRows) {
                int rows = Math.min(blockRows, query.n() - r0);
                qP.put(query.data(), r0 * d, rows * d);
                Blas.gemm(false, true, rows, m, d, -2.0, qP, d, refP, d, 0.0, gP, m);
                gP.get(g, 0, rows * m);
                for (int i = 0; i < rows; i++) {
                    double a = qn[r0 + i];
                    int off = i * m;
                    for (int j = 0; j < m; j++) {
                        double v = g[off + j] + a + rn[j];
                        g[off + j] = v < 0 ? 0 : v;
                    }
                }
                visitor.visit(r0, rows, g, m);
                meter.add(rows);
            }
        }
    }

    /** The k nearest reference rows of every query row (the query row itself included if it is in ref). */
    public static Result search(Features query, Features ref, int k) {
        if (k < 1 || k > ref.n()) {
            throw new IllegalArgumentException("k=" + k + " with " + ref.n() + " reference rows");
        }
        int n = query.n();
        int[] idx = new int[n * k];
        double[] dist = new double[n * k];
        int cand = Math.min(ref.n(), k + EXTRA);
        forEachBlock(query, ref, BLOCK_ROWS, (r0, rows, d2, m) -> {
            int[] heapIdx = new int[cand];
            double[] heapVal = new double[cand];
            for (int i = 0; i < rows; i++) {
                int size = 0;
                int off = i * m;
                for (int j = 0; j < m; j++) {
                    size = offer(heapVal, heapIdx, size, cand, d2[off + j], j);
                }
                refineInto(query, r0 + i, ref, heapIdx, size, k, idx, dist);
            }
        });
        return new Result(k, idx, dist);
    }

    /**
     * The same result as {@link #search} (exact distances, ties by lower index), but candidates come from single
     * precision products (sgemm, about twice the speed of dgemm): the reference set is converted to float once,
     * query rows a block at a time, and each row keeps k + {@link #EXTRA} candidates before the exact refinement.
     * Candidate selection uses a per-row safety margin so that a true neighbour lost to float round-off is caught:
     * every reference within (k-th candidate + margin) is refined. Rows are processed in parallel on the calling
     * run's {@link Workers}; each row's result depends only on that row, so any thread count gives the same result.
     * Progress (rows, rate, ETA) goes to the run's progress stream when the search takes more than a few seconds.
     */
    public static Result searchFast(Features query, Features ref, int k) {
        if (query.d() != ref.d()) {
            throw new IllegalArgumentException("dimension mismatch: " + query.d() + " vs " + ref.d());
        }
        if (k < 1 || k > ref.n()) {
            throw new IllegalArgumentException("k=" + k + " with " + ref.n() + " reference rows");
        }
        int n = query.n();
        int m = ref.n();
        int d = query.d();
        double[] rd = ref.data();
        double[] rnorm = ref.squaredNorms();
        double[] qnorm = query.squaredNorms();
        float[] rn = new float[m];
        for (int j = 0; j < m; j++) {
            rn[j] = (float) rnorm[j];
        }
        int[] idx = new int[n * k];
        double[] dist = new double[n * k];
        // rows per block: large enough for sgemm efficiency, with the block of products capped near 256 MB
        int block = (int) Math.max(FAST_BLOCK_ROWS, Math.min(4096, (64L << 20) / Math.max(1, m)));
        int bmax = Math.min(block, Math.max(1, n));
        float[] qb = new float[bmax * d];
        // the reference set goes to native memory as float, in chunks (no second large Java array)
        FloatPointer refP = new FloatPointer((long) m * d);
        float[] chunk = new float[1 << 20];
        for (long off = 0; off < (long) m * d; off += chunk.length) {
            int len = (int) Math.min(chunk.length, (long) m * d - off);
            for (int i = 0; i < len; i++) {
                chunk[i] = (float) rd[(int) (off + i)];
            }
            refP.position(off).put(chunk, 0, len);
        }
        refP.position(0);
        FloatPointer qP = new FloatPointer((long) bmax * d);
        FloatPointer gP = new FloatPointer((long) bmax * m);
        java.nio.FloatBuffer g = gP.asBuffer();
        Workers workers = Workers.current();
        org.cxrbench.common.Progress.Meter meter = workers.progress().meter("k-NN " + n + " x " + m + " (k=" + k + ")",
                n, "rows");
        try {
        int cand = Math.min(m, k + EXTRA);
        double rmax = maxOf(rnorm);
        for (int r0 = 0; r0 < n; r0 += block) {
            int rows = Math.min(block, n - r0);
            double[] qd = query.data();
            for (int i = 0; i < rows * d; i++) {
                qb[i] = (float) qd[r0 * d + i];
            }
            qP.put(qb, 0, rows * d);
            Blas.sgemm(false, true, rows, m, d, -2f, qP, d, refP, d, 0f, gP, m);
            final int base = r0;
            workers.forEach(rows, SELECT_ROWS, i -> {
                int q = base + i;
                int off = i * m;
                float qn = (float) qnorm[q];
                int[] hIdx = new int[cand];
                double[] hVal = new double[cand];
                int size = 0;
                for (int j = 0; j < m; j++) {
                    size = offer(hVal, hIdx, size, cand, g.get(off + j) + qn + rn[j], j);
                }
                // float round-off of |q|^2 + |r|^2 - 2 q.r is about 1e-6 * (|q|^2 + |r|^2): widen to every reference
                // whose approximate distance is within that margin of the worst kept candidate
                double worst = hVal[0];
                double margin = 4e-6 * (qnorm[q] + rmax) + 1e-30;
                java.util.List<Integer> extra = new java.util.ArrayList<>();
                if (size == cand && cand < m) {
                    java.util.Set<Integer> kept = new java.util.HashSet<>();
                    for (int c = 0; c < size; c++) {
                        kept.add(hIdx[c]);
                    }
                    for (int j = 0; j < m; j++) {
                        double v = g.get(off + j) + qn + rn[j];
                        if (v <= worst + margin && !kept.contains(j)) {
                            extra.add(j);
                        }
                    }
                }
                int total = size + extra.size();
                int[] ci = Arrays.copyOf(hIdx, total);
                for (int c = size; c < total; c++) {
                    ci[c] = extra.get(c - size);
                }
                refineInto(query, q, ref, ci, total, k, idx, dist);
            });
            meter.add(rows);
        }
        } finally {
            refP.close();
            qP.close();
            gP.close();
        }
        return new Result(k, idx, dist);
    }

    /** Query rows per task of the candidate selection (fixed: the partition never depends on the thread count). */
    static final int SELECT_ROWS = 8;

    /** Query rows per block of the single-precision path. */
    static final int FAST_BLOCK_ROWS = 512;

    private static double maxOf(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Offers (v, j) to a bounded max-heap of the cand smallest (value, index) pairs; returns the new size. */
    private static int offer(double[] val, int[] ix, int size, int cand, double v, int j) {
        if (size < cand) {
            val[size] = v;
            ix[size] = j;
            siftUp(val, ix, size);
            return size + 1;
        }
        if (v < val[0] || (v == val[0] && j < ix[0])) {
            val[0] = v;
            ix[0] = j;
            siftDown(val, ix, size);
        }
        return size;
    }

    /**
     * Exact (direct-difference) distances of the first {@code count} candidates of query row q, sorted by
     * (distance, reference index); the k nearest go to row q of idx/dist.
     */
    private static void refineInto(Features query, int q, Features ref, int[] cands, int count, int k, int[] idx,
                                   double[] dist) {
        double[] exact = new double[count];
        Integer[] pos = new Integer[count];
        for (int c = 0; c < count; c++) {
            exact[c] = Features.distance(query, q, ref, cands[c]);
            pos[c] = c;
        }
        Arrays.sort(pos, (x, y) -> {
            int cmp = Double.compare(exact[x], exact[y]);
            return cmp != 0 ? cmp : Integer.compare(cands[x], cands[y]);
        });
        for (int c = 0; c < k; c++) {
            idx[q * k + c] = cands[pos[c]];
            dist[q * k + c] = exact[pos[c]];
        }
    }

    private static boolean greater(double[] v, int[] ix, int a, int b) {
        return v[a] > v[b] || (v[a] == v[b] && ix[a] > ix[b]);
    }

    private static void swap(double[] v, int[] ix, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
        int u = ix[a];
        ix[a] = ix[b];
        ix[b] = u;
    }

    private static void siftUp(double[] v, int[] ix, int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (greater(v, ix, i, p)) {
                swap(v, ix, i, p);
                i = p;
            } else {
                return;
            }
        }
    }

    private static void siftDown(double[] v, int[] ix, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int top = i;
            if (l < size && greater(v, ix, l, top)) {
                top = l;
            }
            if (r < size && greater(v, ix, r, top)) {
                top = r;
            }
            if (top == i) {
                return;
            }
            swap(v, ix, i, top);
            i = top;
        }
    }
}
