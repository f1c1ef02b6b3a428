package org.cxrbench.fidelity;

import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) and density and coverage (Naeem et al. 2020) on
 * k-nearest-neighbour balls. The radius of a point is the distance to its k-th nearest other point of its own set
 * (the (k+1)-th smallest distance counting itself, as prdc does; duplicates count).
 *
 * <ul>
 *   <li>precision: share of synthetic points inside some real ball;</li>
 *   <li>recall: share of real points inside some synthetic ball;</li>
 *   <li>density: (1 / kM) sum over synthetic points of the number of real balls containing them;</li>
 *   <li>coverage: share of real balls whose centre's nearest synthetic point lies inside.</li>
 * </ul>
 * "Inside" is strict {@code <} by default (clovaai/prdc); {@code inclusive} uses {@code <=} (NVlabs'
 *  precision_recall.py, torch-fidelity). Distances come from blocked float32 matrix products (KnnBlocks, on the run's
 * workers; the counts do not depend on the thread count); any comparison within
 * round-off of a radius is redone with the exact direct-difference distance, so ties fall as the definition says.
 */
public final class Prdc {
    private Prdc() {}

    public record Result(double precision, double recall, double density, double coverage, int k, boolean inclusive,
                         double[] realRadii, double[] syntheticRadii) {}

    /** The k-NN radius of every row within its own set. */
    public static double[] radii(Features x, int k) {
        if (x.n() < k + 1) {
            throw new IllegalArgumentException("k=" + k + " needs at least " + (k + 1) + " rows, got " + x.n());
        }
        return Knn.kthDistances(x, x, k + 1); // the (k+1)-th of Knn.search(x, x, k + 1), bit for bit
    }

    public static Result compute(Features real, Features synthetic, int k, boolean inclusive) {
        return compute(real, synthetic, k, inclusive, radii(real, k), radii(synthetic, k));
    }

    /** The k-NN radius of every row within its own set, the search run by {@code kernels} (same exact distances). */
    public static double[] radii(Features x, int k, org.cxrbench.linalg.ParallelKernels kernels) {
        if (x.n() < k + 1) {
            throw new IllegalArgumentException("k=" + k + " needs at least " + (k + 1) + " rows, got " + x.n());
        }
        if (kernels == org.cxrbench.linalg.ParallelKernels.LOCAL) {
            return Knn.kthDistances(x, x, k + 1);
        }
        Knn.Result r = kernels.nearest(x, x, k + 1);
        double[] out = new double[x.n()];
        for (int i = 0; i < x.n(); i++) {
            out[i] = r.distance(i, k);
        }
        return out;
    }

    public static Result compute(Features real, Features synthetic, int k, boolean inclusive, double[] realRadii,
                                 double[] synthRadii) {
        int n = real.n();
        int m = synthetic.n();
        boolean[] synthInReal = new boolean[m];
        long[] realBallsContaining = new long[m];
        boolean[] realInSynth = new boolean[n];
        boolean[] realCovered = new boolean[n];
        double[] rr2 = squares(realRadii);
        double[] rs2 = squares(synthRadii);
        double[] realNorm = org.cxrbench.linalg.KnnBlocks.squaredNorms(real);
        double[] synthNorm = synthetic == real ? realNorm : org.cxrbench.linalg.KnnBlocks.squaredNorms(synthetic);
        // a pair whose approximate value is above both balls' "decided outside" bounds (taken at the largest norm of
        // the other set, so above the pair's own bound) is outside both: it is skipped without the per-pair work
        double[] realCut = outsideBounds(rr2, realNorm, max(synthNorm));
        double[] synthCut = outsideBounds(rs2, synthNorm, max(realNorm));
        // query = synthetic rows j, reference = real rows i (float32 products, blocked, on the run's workers): each
        // synthetic row's count is written by the one task that holds it; the real rows' flags only ever become
        // true. Pairs whose approximate distance is within the float round-off margin of a radius are decided on
        // the exact distance, so the counts equal an exact computation's.
        org.cxrbench.linalg.KnnBlocks.forEachTile(synthetic, real, realNorm, "PRDC " + m + " x " + n,
                (j, g, off, r0, count, rn) -> {
                    float sn = (float) synthNorm[j];
                    double cutJ = synthCut[j];
                    long c = 0;
                    for (int t = 0; t < count; t++) {
                        int i = r0 + t;
                        double v = g[off + t] + rn[i] + sn; // float sums, as the bounds assume
                        if (v > cutJ && v > realCut[i]) {
                            continue;
                        }
                        double tol = org.cxrbench.linalg.KnnBlocks.MARGIN * (realNorm[i] + synthNorm[j]) + 1e-300;
                        // synthetic j inside real ball i?  (precision, density, coverage)
                        if (inside(v, rr2[i], realRadii[i], tol, inclusive, real, i, synthetic, j)) {
                            synthInReal[j] = true;
                            c++;
                            realCovered[i] = true;
                        }
                        // real i inside synthetic ball j?  (recall)
                        if (!realInSynth[i] && inside(v, rs2[j], synthRadii[j], tol, inclusive, real, i, synthetic, j)) {
                            realInSynth[i] = true;
                        }
                    }
                    realBallsContaining[j] += c;
                });
        long p = 0;
        long dens = 0;
        for (int j = 0; j < m; j++) {
            p += synthInReal[j] ? 1 : 0;
            dens += realBallsContaining[j];
        }
        long rec = 0;
        long cov = 0;
        for (int i = 0; i < n; i++) {
            rec += realInSynth[i] ? 1 : 0;
            cov += realCovered[i] ? 1 : 0;
        }
        return new Result((double) p / m, (double) rec / n, (double) dens / ((double) k * m), (double) cov / n, k,
                inclusive, realRadii, synthRadii);
    }

    /**
     * Per ball: r^2 + MARGIN (|centre|^2 + otherMax) + 1e-300, at least the bound above which {@link #inside} says
     * "outside" for any point of the other set (whose squared norm is at most otherMax).
     */
    static double[] outsideBounds(double[] r2, double[] norms, double otherMax) {
        double[] b = new double[r2.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = r2[i] + (org.cxrbench.linalg.KnnBlocks.MARGIN * (norms[i] + otherMax) + 1e-300);
        }
        return b;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double[] squares(double[] r) {
        double[] s = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            s[i] = r[i] * r[i];
        }
        return s;
    }

    /**
     * Is the pair inside the ball of radius r? Decided on the approximate squared distance when it is clearly
     * away from r², otherwise on the exact distance.
     */
    static boolean inside(double d2, double r2, double r, double tol, boolean inclusive, Features a, int i,
                                  Features b, int j) {
        if (d2 < r2 - tol) {
            return true;
        }
        if (d2 > r2 + tol) {
            return false;
        }
        double exact = Features.distance(a, i, b, j);
        return inclusive ? exact <= r : exact < r;
    }
}
