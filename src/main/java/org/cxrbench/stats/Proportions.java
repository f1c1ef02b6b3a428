package org.cxrbench.stats;

import org.apache.commons.math3.distribution.BetaDistribution;

/** Intervals for a binomial share. */
public final class Proportions {
    private Proportions() {}

    /**
     * Wilson score interval for a binomial share k/n at 95% (Wilson 1927, JASA 22:209): (p + z²/2n ± z sqrt(p(1-p)/n
     * + z²/4n²)) / (1 + z²/n), z = 1.959964; [0, 1] for n = 0. It always contains k/n, and unlike the Wald interval
     * keeps near-nominal coverage for shares near 0 or 1 (Brown, Cai &amp; DasGupta 2001, Statist. Sci. 16:101).
     */
    public static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959963984540054;
        double p = (double) k / n;
        double den = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new double[] {Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half))};
    }

    /**
     * The equal-tailed Jeffreys interval for a share at 95%: the 2.5% and 97.5% quantiles of Beta(x + 1/2, n - x +
     * 1/2), the posterior under Jeffreys' prior Beta(1/2, 1/2) (Brown, Cai &amp; DasGupta 2001, Statist. Sci.
     * 16:101, section 4.1.2, who recommend it with Wilson's for its equal tails), with their modification at the
     * ends: lower 0 where x = 0, upper 1 where x = n. {@code x} and {@code n} need not be whole: with an effective
     * sample size n* = p(1-p)/var and x* = p n* it is the interval of a share from a complex sample (Korn &amp;
     * Graubard 1998, Survey Methodology 24:193, with Clopper-Pearson's; Franco, Little, Louis &amp; Slud 2019, J.
     * Surv. Stat. Methodol. 7:334, compare Jeffreys', Wilson's and others at the effective sample size). Within
     * [0, 1] and always holding x/n; [0, 1] for n &lt;= 0.
     */
    public static double[] jeffreys(double x, double n) {
        if (!(n > 0)) {
            return new double[] {0, 1};
        }
        double p = Math.min(1, Math.max(0, x / n));
        double a = p * n + 0.5;
        double b = (1 - p) * n + 0.5;
        BetaDistribution beta = new BetaDistribution(null, a, b, 1e-14);
        double lo = p == 0 ? 0 : beta.inverseCumulativeProbability(0.025);
        double hi = p == 1 ? 1 : beta.inverseCumulativeProbability(0.975);
        return new double[] {Math.max(0, Math.min(p, lo)), Math.min(1, Math.max(p, hi))};
    }
}
