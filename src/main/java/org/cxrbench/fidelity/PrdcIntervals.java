package org.cxrbench.fidelity;

import java.util.Locale;
import java.util.Map;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Proportions;

/**
 * Precision, recall, density and coverage intervals (issue 20.1; metrics/prdc.md): the two-part variance of
 * {@link PrdcSubsample} turned into a Jeffreys interval (shares) or a Poisson score interval (density), each a
 * {@link Bootstrap} record like the jackknife intervals of FID and KID.
 */
final class PrdcIntervals {
    private PrdcIntervals() {}

    static final String PRDC_ESTIMAND = "the expected value of the statistic at these two sample sizes and this k for "
            + "these two populations (k-NN radii shrink as N grows, so it depends on N like FID)";

    /** Seeded subsets of each set in PRDC's intervals (100: the Monte Carlo part of the SE is then ~7%). */
    static final int PRDC_SUBSETS = 100;

    /** Share of a set's rows deleted in each of PRDC's subsets (d = n/4; metrics/prdc.md compares n/2 and n/20). */
    static final double PRDC_DELETED = 0.25;

    /**
     * Precision, recall, density and coverage intervals (issue 20.1; metrics/prdc.md) from a two-part variance,
     * {@link PrdcSubsample#variances}: the law of total variance over the set a statistic averages over and the
     * other set, with each set's part from a delete-d jackknife (Shao &amp; Wu 1989, Ann. Statist. 17:1176) on that
     * set alone and the interaction counted once (Owen 2007, Ann. Appl. Stat. 1:386, on resampling both factors of
     * a crossed design). Precision, recall and coverage (shares) get the equal-tailed Jeffreys interval at the
     * effective sample size ({@link #jeffreys}), density (a mean of counts / k, right-skewed when small) the Poisson score interval at
     * the effective count ({@link #poissonScore}). Keys: the metric ids. {@code b} only asks for
     * intervals (b &gt; 0); the subsets are {@link #PRDC_SUBSETS}.
     */
    static Map<String, Bootstrap> prdc(Features real, Features synthetic, Prdc.Result est, int b, long seed) {
        return prdcWith(real, synthetic, est, seed, PRDC_SUBSETS, PRDC_DELETED);
    }

    /** As {@link #prdc(Features, Features, Prdc.Result, int, long)} with the subset count and deleted share given. */
    static Map<String, Bootstrap> prdcWith(Features real, Features synthetic, Prdc.Result est, long seed, int subsets,
                                           double deleted) {
        double[][] v = PrdcSubsample.variances(real, synthetic, est.k(), est.inclusive(), subsets, seed, deleted);
        double[] pts = {est.precision(), est.recall(), est.density(), est.coverage()};
        String[] ids = {"precision", "recall", "density", "coverage"};
        String[] within = {"s^2/M of the synthetic rows' indicators", "s^2/N of the real rows' indicators",
            "s^2/M of the synthetic rows' ball counts / k", "the real set's delete-d jackknife variance"};
        String[] other = {"real", "synthetic", "real", "synthetic"};
        int[] rows = {synthetic.n(), real.n(), synthetic.n(), real.n()};
        Map<String, Bootstrap> out = new java.util.LinkedHashMap<>();
        for (int q = 0; q < 4; q++) {
            String method = String.format(Locale.ROOT, "two-part variance (law of total variance): %s plus the %s "
                    + "set's delete-d jackknife variance without the rows' own variances (%d seeded subsets of each "
                    + "set, %.0f%% of its rows deleted; Shao & Wu 1989), each jackknife part on the variance-"
                    + "stabilising scale (%s); %s", within[q], other[q], subsets, 100 * deleted,
                    q == 2 ? "square root" : "arcsine square root", q == 2
                    ? "Poisson score interval at the effective count estimate^2/SE^2"
                    : "equal-tailed Jeffreys interval at the effective sample size p(1-p)/SE^2");
            double var = PrdcSubsample.combined(pts[q], v[q], q == 2);
            out.put(ids[q], q == 2 ? poissonScore(pts[q], var, 1.0 / ((double) est.k() * synthetic.n()), subsets,
                    PRDC_ESTIMAND, method) : jeffreys(pts[q], var, rows[q], subsets, PRDC_ESTIMAND, method));
        }
        return out;
    }

    /**
     * The equal-tailed Jeffreys interval of a share p with variance var ({@link Proportions#jeffreys}) at the
     * effective sample size n* = p(1-p)/var and count x* = p n* (the design-effect form for proportions from complex
     * samples: Korn &amp; Graubard 1998, Survey Methodology 24:193; Franco et al. 2019, J. Surv. Stat. Methodol.
     * 7:334); n* = {@code rows} where p(1-p) or var is 0. Its two tails are equal where the Wilson interval, which
     * cxrbench used before, reaches further above a small share than its spread does (metrics/prdc.md: at N = 150,
     * d = 256 coverage's misses were 35 below and 11 above of 1600 runs with Wilson's, 26 and 24 with Jeffreys').
     * Within [0, 1] and always holding p.
     */
    static Bootstrap jeffreys(double p, double var, int rows, int units, String estimand, String method) {
        double pq = p * (1 - p);
        double ne = pq > 0 && var > 0 ? pq / var : rows;
        double[] ci = Proportions.jeffreys(p * ne, ne);
        return new Bootstrap(new double[] {Math.min(p, ci[0]), Math.max(p, ci[1])}, Math.sqrt(var), units,
                estimand, var, method);
    }

    /**
     * The score interval of a Poisson mean (the Poisson analogue of Wilson's; Brown, Cai &amp; DasGupta 2003, Statist.
     * Sinica 13:19) at the effective count x* = estimate^2 / var, the count whose Poisson variance has the estimate's
     * relative variance (the equivalent-count idea of Fay &amp; Feuer 1997, Stat. Med. 16:791, for weighted counts):
     * the lambda with (x* - lambda)^2 / lambda &lt;= 1.96^2, scaled back by estimate / x*. For a mean of counts whose
     * sum is right-skewed (density: ball memberships / kM) it reaches further above the estimate than below; it tends
     * to estimate +- 1.96 SE as x* grows. x* = {@code count} (the raw count, estimate times {@code count / estimate})
     * where the estimate or var is 0; {@code perUnit} is the statistic's value per unit count (1/kM for density).
     * Never below 0, always holding the estimate.
     */
    static Bootstrap poissonScore(double estimate, double var, double perUnit, int units, String estimand,
                                  String method) {
        double z = 1.96;
        boolean effective = estimate > 0 && var > 0;
        double x = effective ? estimate * estimate / var : estimate / perUnit;
        double scale = effective ? var / estimate : perUnit;
        double centre = x + z * z / 2;
        double half = z * Math.sqrt(x + z * z / 4);
        double lo = Math.max(0, Math.min(estimate, (centre - half) * scale));
        double hi = Math.max(estimate, (centre + half) * scale);
        return new Bootstrap(new double[] {lo, hi}, Math.sqrt(var), units, estimand, var, method);
    }
}
