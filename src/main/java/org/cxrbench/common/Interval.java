package org.cxrbench.common;

/**
 * A 95% interval with what it covers and how it was computed (issue 20.1): the typed form of a results entry's
 * {@code ci95}, {@code ci95_estimand} and {@code ci95_method} (the latter two in a metric's {@link MetricDetails}, or
 * beside {@code ci95} in a utility condition's entry).
 *
 * @param lo       lower bound
 * @param hi       upper bound
 * @param estimand what the interval covers, in words (e.g. "the expected FID at these two sample sizes")
 * @param method   how it is computed (e.g. "delete-a-group jackknife ...", "t interval over 5 seeds")
 */
public record Interval(double lo, double hi, String estimand, String method) {

    public Interval {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("interval [" + lo + ", " + hi + "] is empty or NaN");
        }
        if (estimand == null || estimand.isBlank() || method == null || method.isBlank()) {
            throw new IllegalArgumentException("an interval states its estimand and its method");
        }
    }

    public double[] bounds() {
        return new double[] {lo, hi};
    }

    public boolean contains(double v) {
        return lo <= v && v <= hi;
    }

    /** The interval of a {@code ci95} pair with its estimand and method; null when any is missing or the pair is empty. */
    public static Interval of(double[] ci95, String estimand, String method) {
        if (ci95 == null || ci95.length != 2 || estimand == null || method == null || !(ci95[0] <= ci95[1])) {
            return null;
        }
        return new Interval(ci95[0], ci95[1], estimand, method);
    }
}
