package org.cxrbench.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The distribution-free 95% interval of a population quantile from order statistics (Thompson 1936, Ann. Math.
 * Statist. 7:122; Conover 1999, Practical Nonparametric Statistics, 3rd ed., section 3.2; Hahn &amp; Meeker 1991,
 * Statistical Intervals, section 5.2): for n independent draws and the p-quantile xi_p, the number B of draws below
 * xi_p is Binomial(n, p), so [X_(l), X_(u)] (1-based order statistics) holds xi_p with probability
 * P(l &lt;= B &lt;= u - 1) for a continuous distribution, and at least that for a discrete one (ties). The ranks are
 * equal-tailed: l the largest with P(B &lt;= l - 1) &lt;= 0.025, u the smallest with P(B &gt;= u) &lt;= 0.025, so the exact
 * coverage is at least 95% ({@link #coverage}; it is above 95% by the binomial's discreteness, most at small n).
 *
 * <p>When even l = 1 has P(B = 0) &gt; 0.025 (few draws, a low quantile: n &lt; 72 for p = 0.05), the interval starts at
 * the variable's lower support bound (0 for a distance); when u would exceed n (n &lt; 6 for the median) there is no
 * interval. The numpy linear percentile (type 7) of the same draws lies inside (checked for n = 1..5000 by the
 * test): its position (n - 1) p lies between l - 1 and u - 1 (0-based).
 */
public final class QuantileInterval {
    private QuantileInterval() {}

    /** The 1-based ranks {l, u} (l = 0: from the support's lower bound), or null when no u &lt;= n reaches 97.5%. */
    public static int[] ranks95(int n, double p) {
        if (n < 1 || !(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile interval: needs n >= 1 and 0 < p < 1, got n = " + n + ", p = " + p);
        }
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        // l: the largest in [0, n] with l = 0 or P(B <= l - 1) <= 0.025 (binary search: the condition holds up to l)
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (b.cumulativeProbability(mid - 1) <= 0.025) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int l = lo;
        // u: the smallest in [1, n + 1] with P(B <= u - 1) >= 0.975 (n + 1: none)
        lo = 1;
        hi = n + 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b.cumulativeProbability(mid - 1) >= 0.975) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int u = lo;
        return u > n ? null : new int[] {l, u};
    }

    /** The exact coverage P(l &lt;= B &lt;= u - 1), B ~ Binomial(n, p), of the ranks {l, u} for a continuous variable. */
    public static double coverage(int n, double p, int[] ranks) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        return b.cumulativeProbability(ranks[1] - 1) - (ranks[0] == 0 ? 0 : b.cumulativeProbability(ranks[0] - 1));
    }

    /**
     * The 95% interval {lo, hi} of the p-quantile of the distribution {@code x} is drawn from, or null when there
     * are too few values; {@code lowerSupport} is the lower bound used when l = 0 (0 for distances). NaN values are
     * the caller's to remove.
     */
    public static double[] ci95(double[] x, double p, double lowerSupport) {
        int[] r = ranks95(x.length, p);
        if (r == null) {
            return null;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return new double[] {r[0] == 0 ? Math.min(lowerSupport, s[0]) : s[r[0] - 1], s[r[1] - 1]};
    }

    /** The method, in words. */
    public static String method(int n, double p) {
        int[] r = ranks95(n, p);
        return String.format(java.util.Locale.ROOT, "distribution-free order-statistic interval of the %s quantile "
                + "(Conover 1999): %s to the %d-th smallest of %d values (binomial ranks, exact coverage %.1f%%)",
                p == 0.5 ? "median" : p + "", r[0] == 0 ? "the variable's lower bound" : "the " + r[0] + "-th",
                r[1], n, 100 * coverage(n, p, r));
    }
}
