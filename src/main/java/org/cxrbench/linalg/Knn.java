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
        double[] rows64 = new double[bmax * d];
        org.cxrbench.common.Progress.Meter meter = Workers.current().progress().meter(
                "distances " + query.n() + " x " + m, query.n(), "rows");
        try (DoublePointer refP = new DoublePointer((long) m * d);
             DoublePointer qP = new DoublePointer((long) bmax * d);
             DoublePointer gP = new DoublePointer((long) bmax * m)) {
            double[] chunk = new double[Math.max(1, (1 << 20) / d) * d];
            for (int r0 = 0; r0 < m; r0 += chunk.length / d) {
                int rows = Math.min(chunk.length / d, m - r0);
                ref.copyRows(r0, rows, chunk, 0);
                refP.position((long) r0 * d).put(chunk, 0, rows * d);
            }
            refP.position(0);
            for (int r0 = 0; r0 < query.n(); r0 += blockRows) {
                int rows = Math.min(blockRows, query.n() - r0);
                query.copyRows(r0, rows, rows64, 0);
                qP.put(rows64, 0, rows * d);
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

    /**
     * The k nearest reference rows of every query row (the query row itself included if it is in ref): exact
     * distances, ties to the lower reference index. The same result as {@link #searchFast}, which it runs.
     */
    public static Result search(Features query, Features ref, int k) {
        return searchFast(query, ref, k);
    }

    /**
     * The k nearest reference rows of every query row: exact (direct-difference, double) distances sorted
     * ascending, ties broken by the lower reference index. Candidates come from single-precision products
     * ({@link KnnBlocks}: blocked sgemm over tiles of query and reference rows, on the calling run's
     * {@link Workers}); every reference whose approximate squared distance is within a float round-off margin of
     * the k-th smallest is refined exactly, so the result depends neither on the blocking nor on the thread count.
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
        int[] idx = new int[n * k];
        double[] dist = new double[n * k];
        KnnBlocks.candidates(query, ref, k, (q0, rows, cands) -> {
            int[] off = new int[rows + 1];
            double[] exact = KnnRefine.distances(query, q0, ref, cands, false, k, off);
            for (int i = 0; i < rows; i++) {
                selectInto(q0 + i, cands[i].idx, exact, off[i], cands[i].count(), k, idx, dist);
            }
        });
        return new Result(k, idx, dist);
    }

    /**
     * The distance of every query row to its k-th nearest reference row: {@code searchFast(query, ref,
     * k).distance(i, k - 1)}, bit for bit, with less exact work (candidates surely nearer than the k-th are counted,
     * not refined: {@link KnnRefine}). PRDC's radii need nothing else.
     */
    public static double[] kthDistances(Features query, Features ref, int k) {
        if (query.d() != ref.d()) {
            throw new IllegalArgumentException("dimension mismatch: " + query.d() + " vs " + ref.d());
        }
        if (k < 1 || k > ref.n()) {
            throw new IllegalArgumentException("k=" + k + " with " + ref.n() + " reference rows");
        }
        double[] out = new double[query.n()];
        KnnBlocks.candidates(query, ref, k, (q0, rows, cands) -> {
            int[] off = new int[rows + 1];
            double[] values = KnnRefine.distances(query, q0, ref, cands, true, k, off);
            for (int i = 0; i < rows; i++) {
                out[q0 + i] = KnnRefine.kth(values, off[i], cands[i].count(), k);
            }
        });
        return out;
    }

    /** The k smallest of (exact[from + c], cands[c]), c < count, in (distance, index) order into row q. */
    private static void selectInto(int q, int[] cands, double[] exact, int from, int count, int k, int[] idx,
                                   double[] dist) {
        int[] pos = new int[count];
        for (int c = 0; c < count; c++) {
            pos[c] = c;
        }
        if (count <= 32) {
            for (int c = 1; c < count; c++) { // insertion sort: a handful of candidates
                int v = pos[c];
                int j = c - 1;
                while (j >= 0 && before(exact, from, cands, v, pos[j])) {
                    pos[j + 1] = pos[j];
                    j--;
                }
                pos[j + 1] = v;
            }
        } else {
            Integer[] boxed = new Integer[count];
            for (int c = 0; c < count; c++) {
                boxed[c] = c;
            }
            Arrays.sort(boxed, (x, y) -> before(exact, from, cands, x, y) ? -1 : before(exact, from, cands, y, x) ? 1 : 0);
            for (int c = 0; c < count; c++) {
                pos[c] = boxed[c];
            }
        }
        for (int c = 0; c < k; c++) {
            idx[q * k + c] = cands[pos[c]];
            dist[q * k + c] = exact[from + pos[c]];
        }
    }

    /** Whether candidate x comes before candidate y in the order (exact distance, then reference index). */
    private static boolean before(double[] exact, int from, int[] cands, int x, int y) {
        int cmp = Double.compare(exact[from + x], exact[from + y]);
        return cmp < 0 || (cmp == 0 && cands[x] < cands[y]);
    }
}
