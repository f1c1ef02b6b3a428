package org.cxrbench.stats;

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
}
