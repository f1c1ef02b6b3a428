package org.cxrbench.stats;

/**
 * One t-test of condition (a) against baseline (b).
 *
 * @param test       "paired", "welch" or "student"
 * @param n          observations of the condition (pairs for the paired test)
 * @param nBaseline  observations of the baseline (equal to n for the paired test)
 * @param meanDiff   mean(a) - mean(b) (= mean of the paired differences)
 * @param se         standard error of meanDiff
 * @param t          meanDiff / se; NaN when meanDiff = 0 and se = 0 (scipy's convention), +-Infinity when only se = 0
 * @param df         degrees of freedom (n-1 paired; Welch–Satterthwaite, not an integer, for Welch)
 * @param p          p-value under {@code alternative}; NaN when t is NaN
 * @param ciLow      lower end of the TWO-SIDED 95% CI of meanDiff, meanDiff - t_{0.975,df} se, whatever the
 *                   alternative (a one-sided test still reports the two-sided interval, as Prakash et al. do)
 * @param ciHigh     upper end of that interval
 */
public record TTestResult(String test, Alternative alternative, int n, int nBaseline, double meanDiff, double se, double t,
                    double df, double p, double ciLow, double ciHigh) {

    /** The two-sided 95% CI as {low, high}. */
    public double[] ci95() {
        return new double[] {ciLow, ciHigh};
    }
}
