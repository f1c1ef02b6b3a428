package org.cxrbench.linalg;

/**
 * The exact stage of {@link Knn}'s searches: the direct-difference distances ({@link ExactDistances}, bit for bit
 * {@link Features#distance}) of a query block's candidates, except for two kinds of candidate whose part in the
 * result is known without the sum.
 *
 * <ul>
 *   <li>In a self-search (the query and reference sets are the same object), a row's own candidate: its distance is
 *       exactly +0.0 when the row is finite (x - x = +0.0 in every column, so the sum and its root are +0.0, as
 *       {@link Features#distance} computes them); a row's float squared norm is finite only when every value is, and
 *       a row that is not is summed as before.</li>
 *   <li>When only the k-th nearest distance is wanted ({@link Knn#kthDistances}), a candidate whose approximate
 *       squared distance is below the row's k-th smallest approximate value by more than {@link #SURE_MARGINS}
 *       round-off margins: it is nearer than the k-th nearest, so only its count matters ({@link #NEARER}). Why:
 *       the candidate stage ({@link KnnBlocks}) is exact when every approximate value is within half a margin m of
 *       the exact one; then at most k - 1 exact values lie below a_(k) - m/2 (they have approximate values below
 *       a_(k)), so the k-th exact value is at least a_(k) - m/2, while such a candidate's exact value is below
 *       a_(k) - 2m + m/2. With a margin to spare, it is strictly nearer, and the k-th smallest exact distance of the
 *       row is the k-th smallest of the candidates' values with these ones taken as -infinity.</li>
 * </ul>
 */
final class KnnRefine {
    private KnnRefine() {}

    /** The value of a candidate known to be nearer than the k-th nearest (its distance is not computed). */
    static final double NEARER = Double.NEGATIVE_INFINITY;

    /**
     * Below the k-th smallest approximate value by more than this many margins, a candidate is surely nearer than
     * the k-th (one margin would do when the candidate stage is exact; twice is a reserve against round-off).
     */
    static final double SURE_MARGINS = 2;

    /**
     * The candidates' distances of query rows [q0, q0 + rows.length), flattened row after row (row i's from
     * {@code offsets[i]}, which this fills; {@code offsets} has rows.length + 1 entries): exact, or known as
     * described above ({@code kthOnly}: the k-th distance alone is wanted, with k = {@code k}).
     */
    static double[] distances(Features query, int q0, Features ref, KnnBlocks.RowCandidates[] rows, boolean kthOnly,
                              int k, int[] offsets) {
        int total = 0;
        for (int i = 0; i < rows.length; i++) {
            offsets[i] = total;
            total += rows[i].count();
        }
        offsets[rows.length] = total;
        double[] out = new double[total];
        int[] slot = new int[total];
        int[] pq = new int[total];
        int[] pr = new int[total];
        int need = 0;
        boolean self = query == ref;
        for (int i = 0; i < rows.length; i++) {
            KnnBlocks.RowCandidates c = rows[i];
            int q = q0 + i;
            boolean finite = Float.isFinite(c.qn);
            double sure = kthOnly && c.count() >= k ? (double) c.kthValue() - SURE_MARGINS * c.margin
                    : Double.NEGATIVE_INFINITY;
            for (int t = 0; t < c.count(); t++) {
                int at = offsets[i] + t;
                if (self && finite && c.idx[t] == q) {
                    out[at] = 0.0;
                } else if (c.val[t] < sure) {
                    out[at] = NEARER;
                } else {
                    slot[need] = at;
                    pq[need] = q;
                    pr[need++] = c.idx[t];
                }
            }
        }
        double[] exact = ExactDistances.of(query, pq, ref, pr, need);
        for (int p = 0; p < need; p++) {
            out[slot[p]] = exact[p];
        }
        return out;
    }

    /** The k-th smallest of values[from : from + count] (count at least k). */
    static double kth(double[] values, int from, int count, int k) {
        double[] v = java.util.Arrays.copyOfRange(values, from, from + count);
        java.util.Arrays.sort(v);
        return v[k - 1];
    }
}
