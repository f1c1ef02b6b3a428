package org.cxrbench.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Paired, Welch and Student t-tests of a condition (a) against a baseline (b), with the two-sided 95% CI of the mean
 * difference from the same t distribution. The t distribution is Commons Math's {@link TDistribution} (regularised
 * incomplete beta); nothing here hand-writes its CDF.
 *
 * <p>Formulas (scipy.stats {@code ttest_rel}, {@code ttest_ind}; Welch 1947, Satterthwaite 1946):
 * <ul>
 *   <li>paired: d = a - b, t = mean(d) / (sd(d) / sqrt(n)), sd with n-1, df = n - 1;</li>
 *   <li>Welch: t = (mean a - mean b) / sqrt(va/na + vb/nb), df = (va/na + vb/nb)^2 /
 *       ((va/na)^2/(na-1) + (vb/nb)^2/(nb-1));</li>
 *   <li>Student: pooled variance ((na-1)va + (nb-1)vb)/(na+nb-2), df = na + nb - 2;</li>
 *   <li>p: greater P(T &gt;= t), less P(T &lt;= t), two-sided 2 P(T &gt;= |t|);</li>
 *   <li>CI: meanDiff -+ t_{0.975, df} se (always two-sided).</li>
 * </ul>
 * Zero variance: when every difference is equal, se = 0; t and p are NaN if meanDiff = 0 (as scipy), otherwise t is
 * +-Infinity and p is 0 or 1 (the limit). Guards throw {@link IllegalArgumentException} with the actual values.
 */
public final class TStatistics {
    private TStatistics() {}

    /** Accuracy of the t quantile for the CI (Commons Math's default, 1e-9, is coarser than the golden tolerance). */
    private static final double QUANTILE_ACCURACY = 1e-14;

    /** Paired test: a[i] and b[i] belong to the same seed (or image). */
    public static TTestResult paired(double[] a, double[] b, Alternative alternative) {
        checkFinite("condition", a);
        checkFinite("baseline", b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired t-test: dimensions mismatch: " + a.length + " condition values != "
                    + b.length + " baseline values (each condition value needs its baseline partner)");
        }
        checkSize("paired t-test", "pairs", a.length);
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        double mean = mean(d);
        double se = Math.sqrt(variance(d, mean) / n);
        return finish("paired", alternative, n, n, mean, se, n - 1.0);
    }

    /** Welch's unequal-variance test (scipy {@code ttest_ind(equal_var=False)}). */
    public static TTestResult welch(double[] a, double[] b, Alternative alternative) {
        checkFinite("condition", a);
        checkFinite("baseline", b);
        checkSize("Welch t-test", "condition values", a.length);
        checkSize("Welch t-test", "baseline values", b.length);
        double ma = mean(a);
        double mb = mean(b);
        double qa = variance(a, ma) / a.length;
        double qb = variance(b, mb) / b.length;
        double se = Math.sqrt(qa + qb);
        double df = (qa + qb) * (qa + qb) / (qa * qa / (a.length - 1) + qb * qb / (b.length - 1));
        return finish("welch", alternative, a.length, b.length, ma - mb, se, df);
    }

    /** Student's equal-variance test (scipy {@code ttest_ind(equal_var=True)}), pooled variance. */
    public static TTestResult student(double[] a, double[] b, Alternative alternative) {
        checkFinite("condition", a);
        checkFinite("baseline", b);
        checkSize("Student t-test", "condition values", a.length);
        checkSize("Student t-test", "baseline values", b.length);
        double ma = mean(a);
        double mb = mean(b);
        int na = a.length;
        int nb = b.length;
        double pooled = ((na - 1) * variance(a, ma) + (nb - 1) * variance(b, mb)) / (na + nb - 2);
        double se = Math.sqrt(pooled * (1.0 / na + 1.0 / nb));
        return finish("student", alternative, na, nb, ma - mb, se, na + nb - 2.0);
    }

    /** scipy's threshold for precision loss: 10 x float64's resolution (1e-15), as in scipy.stats' {@code _moment}. */
    public static final double PRECISION_LOSS_SPREAD = 1e-14;

    /** scipy's warning text (scipy.stats._stats_py._moment), so users can search for it. */
    public static final String PRECISION_LOSS = "Precision loss occurred in moment calculation due to catastrophic "
            + "cancellation. This occurs when the data are nearly identical. Results may be unreliable.";

    /**
     * scipy's precision-loss check (scipy.stats {@code _moment}, used by its t-tests): the values are nearly
     * identical when max |x_i - mean| / |mean| is below {@link #PRECISION_LOSS_SPREAD}; their variance is then
     * rounding, and t = mean / se can be ~1e15 with a p-value like 1e-60. False for fewer than 2 values, a zero
     * mean (the ratio is infinite or undefined) or exactly equal values (se = 0 is handled as zero variance).
     */
    public static boolean precisionLoss(double[] x) {
        if (x.length < 2) {
            return false;
        }
        double m = mean(x);
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v - m));
        }
        return max > 0 && max / Math.abs(m) < PRECISION_LOSS_SPREAD;
    }

    /** P(T_df &lt;= t). */
    public static double cdf(double t, double df) {
        checkDf(df);
        return dist(df).cumulativeProbability(t);
    }

    /** P(T_df &gt;= t), computed as cdf(-t) so that small tail probabilities keep their relative accuracy. */
    public static double sf(double t, double df) {
        checkDf(df);
        return dist(df).cumulativeProbability(-t);
    }

    /** The q-quantile of T_df (0 &lt; q &lt; 1). */
    public static double quantile(double q, double df) {
        checkDf(df);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile: probability " + q + " is not in (0, 1)");
        }
        return dist(df).inverseCumulativeProbability(q);
    }

    /**
     * The two-sided 95% t interval of the mean of {@code x}: mean -+ t_0.975,n-1 sd / sqrt(n) (Student 1908; sd with
     * n - 1); null for fewer than 2 values or a non-finite one. Its estimand is the mean of the population the
     * values are drawn from (for utility scores: the mean over training seeds for this data).
     */
    public static double[] meanCi95(double[] x) {
        if (x.length < 2) {
            return null;
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        double m = mean(x);
        double half = quantile(0.975, x.length - 1) * Math.sqrt(variance(x, m) / x.length);
        return new double[] {m - half, m + half};
    }

    /** p-value of an observed t under the alternative (NaN for NaN t; limits for infinite t). */
    public static double pValue(double t, double df, Alternative alternative) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            boolean up = t > 0;
            return switch (alternative) {
                case GREATER -> up ? 0.0 : 1.0;
                case LESS -> up ? 1.0 : 0.0;
                case TWO_SIDED -> 0.0;
            };
        }
        return switch (alternative) {
            case GREATER -> sf(t, df);
            case LESS -> cdf(t, df);
            case TWO_SIDED -> Math.min(1.0, 2 * sf(Math.abs(t), df));
        };
    }

    private static TTestResult finish(String test, Alternative alt, int n, int nBaseline, double meanDiff, double se, double df) {
        double t;
        if (se == 0) {
            t = meanDiff == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, meanDiff);
        } else {
            t = meanDiff / se;
        }
        double p = Double.isNaN(df) && !Double.isInfinite(t) ? Double.NaN : pValue(t, df, alt);
        double half = se == 0 ? 0.0 : quantile(0.975, df) * se;
        return new TTestResult(test, alt, n, nBaseline, meanDiff, se, t, df, p, meanDiff - half, meanDiff + half);
    }

    private static TDistribution dist(double df) {
        return new TDistribution(null, df, QUANTILE_ACCURACY);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance with n - 1 (ddof = 1), two-pass. */
    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    private static void checkSize(String test, String what, int n) {
        if (n < 2) {
            throw new IllegalArgumentException(test + ": insufficient data: needs at least 2 " + what + ", got " + n);
        }
    }

    private static void checkFinite(String what, double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("t-test: no " + what + " values (null)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("t-test: " + what + " value [" + i + "] = " + x[i] + " is not finite");
            }
        }
    }

    private static void checkDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("t distribution: degrees of freedom " + df + " must be positive and finite");
        }
    }
}
