package org.cxrbench.stats;

import java.util.Arrays;

/** Percentiles with a stated definition. */
public final class Percentiles {
    private Percentiles() {}

    /** numpy's default (Hyndman–Fan type 7): h = (n-1)p, linear interpolation between order statistics. */
    public static double linear(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentile of an empty array");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p=" + p + " outside [0,1]");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** The ceil(p n)-th smallest value (1-based), at least the first. */
    public static double nearestRank(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int k = Math.max(1, (int) Math.ceil(p * s.length));
        return s[k - 1];
    }
}
