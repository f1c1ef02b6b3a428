package org.cxrbench.stats;

/**
 * The consistency check a reviewer runs on a published t-test result (mean difference, 95% CI, p): how many degrees
 * of freedom do the CI and p jointly imply, and do they agree with one integer df?
 *
 * <p>If the CI is mean -+ t_{0.975,df} se and p = P(T_df &gt;= mean/se) (one-tailed, "greater"), then for a given df
 * the CI half-width h fixes se = h / t_{0.975,df}, hence t = (mean/h) t_{0.975,df} and an implied p(df). p(df)
 * decreases in df, so the reported p fixes df: {@link #check} solves p(df) = p_reported by bisection on df in
 * [{@value #DF_MIN}, {@value #DF_MAX}], then evaluates p at the nearest integer df and says whether it rounds to the
 * reported p (within half a unit of its last reported significant digit) and whether the CI is centred on the mean
 * (within half a unit of the CI's last reported decimal).
 *
 * <p>Prakash et al. 2024 (best F1 gain 0.150453, CI 0.099108-0.201798, P = 0.0031; best Dice gain 0.14575, CI
 * 0.108267-0.183233, P = 0.0064) give df about 2 and about 1: three and two runs per condition.
 */
public final class ReportedTTestCheck {
    private ReportedTTestCheck() {}

    static final double DF_MIN = 0.5;
    static final double DF_MAX = 1000;

    /**
     * @param dfSolved     the real df at which the CI and p agree exactly (NaN if none in the search range)
     * @param dfNearest    the nearest integer df (at least 1), i.e. n - 1 runs for a paired test
     * @param pAtNearest   the one-tailed p implied by the CI at dfNearest
     * @param tAtNearest   the t statistic implied by the CI at dfNearest
     * @param pIfNormal    the p implied if the CI had been built with the normal quantile 1.959964 (df = infinity)
     * @param pAgrees      pAtNearest rounds to the reported p
     * @param ciCentred    the CI's midpoint equals the mean within the CI's rounding
     */
    public record Consistency(double mean, double ciLow, double ciHigh, double pReported, double dfSolved, int dfNearest,
                              double pAtNearest, double tAtNearest, double pIfNormal, boolean pAgrees,
                              boolean ciCentred) {
        public boolean consistent() {
            return pAgrees && ciCentred;
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "mean %s, CI [%s, %s], P %s: df = %.3f (nearest %d, i.e. %d paired runs); P implied at df %d = %.5f (%s);"
                            + " CI %s; with a normal quantile P would be %.2g",
                    mean, ciLow, ciHigh, pReported, dfSolved, dfNearest, dfNearest + 1, dfNearest, pAtNearest,
                    pAgrees ? "agrees" : "does not agree", ciCentred ? "centred on the mean" : "not centred on the mean",
                    pIfNormal);
        }
    }

    /**
     * @param pSignificantDigits significant digits of the reported p (0.0031: 2)
     * @param ciDecimals         decimals of the reported CI ends (0.099108: 6)
     */
    public static Consistency check(double mean, double ciLow, double ciHigh, double pOneTailed, int pSignificantDigits,
                                    int ciDecimals) {
        if (!(ciHigh > ciLow)) {
            throw new IllegalArgumentException("reported CI [" + ciLow + ", " + ciHigh + "] is empty or reversed");
        }
        if (!(pOneTailed > 0 && pOneTailed < 0.5)) {
            throw new IllegalArgumentException("reported one-tailed p " + pOneTailed + " is not in (0, 0.5)");
        }
        if (!(mean > 0)) {
            throw new IllegalArgumentException("reported mean difference " + mean + " must be positive for a one-tailed 'greater' p below 0.5");
        }
        double h = (ciHigh - ciLow) / 2;
        double r = mean / h;
        double lo = DF_MIN;
        double hi = DF_MAX;
        double dfSolved;
        if (impliedP(r, lo) < pOneTailed || impliedP(r, hi) > pOneTailed) {
            dfSolved = Double.NaN;
        } else {
            for (int it = 0; it < 200 && hi - lo > 1e-12 * hi; it++) {
                double mid = Math.sqrt(lo * hi);
                if (impliedP(r, mid) > pOneTailed) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            dfSolved = (lo + hi) / 2;
        }
        int dfNearest = Double.isNaN(dfSolved) ? 1 : (int) Math.max(1, Math.round(dfSolved));
        double pAt = impliedP(r, dfNearest);
        double tAt = r * TStatistics.quantile(0.975, dfNearest);
        double zq = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(0.975);
        double pNormal = new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-r * zq);
        double pUnit = Math.pow(10, Math.floor(Math.log10(pOneTailed)) - (pSignificantDigits - 1));
        boolean pAgrees = Math.abs(pAt - pOneTailed) <= pUnit / 2;
        double ciUnit = Math.pow(10, -ciDecimals);
        boolean centred = Math.abs((ciLow + ciHigh) / 2 - mean) <= ciUnit;
        return new Consistency(mean, ciLow, ciHigh, pOneTailed, dfSolved, dfNearest, pAt, tAt, pNormal, pAgrees, centred);
    }

    /** One-tailed p implied by mean/halfwidth ratio r at df. */
    static double impliedP(double r, double df) {
        return TStatistics.sf(r * TStatistics.quantile(0.975, df), df);
    }
}
