package org.cxrbench.fidelity;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;

/**
 * FID∞ (Chong &amp; Forsyth, CVPR 2020): FID is biased by the synthetic sample size N, roughly linearly in 1/N.
 * FID is computed against the full real statistics on seeded random subsets of the synthetic set of sizes spaced
 * evenly from {@code minN} to N, a least-squares line is fitted to (1/N, FID), and its intercept (1/N = 0) is FID∞.
 */
public final class FidInfinity {
    private FidInfinity() {}

    public record Result(double value, double slope, int[] sizes, double[] fids) {}

    public static Result compute(GaussianStats real, Features synthetic, int points, int minN, long seed, Fid.Route route) {
        int n = synthetic.n();
        if (minN < 2 || minN >= n || points < 2) {
            throw new IllegalArgumentException("FID∞ needs 2 <= minN < N and at least 2 points (minN=" + minN + ", N=" + n
                    + ", points=" + points + ")");
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xF1D1F1D1L);
        int[] sizes = new int[points];
        double[] fids = new double[points];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int p = 0; p < points; p++) {
            int size = (int) Math.round(minN + (double) (n - minN) * p / (points - 1));
            Features sub = synthetic.rows(org.cxrbench.stats.Sampling.withoutReplacement(rnd, n, size));
            double f = Fid.compute(real, GaussianStats.of(sub), route).value();
            sizes[p] = size;
            fids[p] = f;
            double x = 1.0 / size;
            sx += x;
            sy += f;
            sxx += x * x;
            sxy += x * f;
        }
        double slope = (points * sxy - sx * sy) / (points * sxx - sx * sx);
        double intercept = (sy - slope * sx) / points;
        return new Result(intercept, slope, sizes, fids);
    }
}
