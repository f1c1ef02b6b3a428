package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.cxrbench.common.Metric;
import org.cxrbench.common.Metrics;

/**
 * The default nightly tolerance: how far a metric may move in its worse direction between two runs that differ only
 * by their random seed, read from the metric's own uncertainty as the two results files record it. The baseline and
 * the nightly value are two independent estimates, so their difference has standard deviation
 * sqrt(sd_baseline^2 + sd_result^2); the run regresses when the difference passes z of them, z being the one-sided
 * normal quantile at a family-wise false-alarm rate of {@link #NIGHTLY_ALPHA} per night, Bonferroni-split over the
 * lines judged that night (Dunn 1961): z = Phi^-1(1 - alpha / m).
 *
 * <p>Standard deviations, in this order:
 * <ol>
 *   <li>counts (unit "count": exact_copies, memorized): Poisson, sd^2 = (baseline + 1) each side (the +1 keeps a
 *       baseline of 0 from giving a zero tolerance); the limit is rounded down to a whole count;</li>
 *   <li>a recorded 95% interval: its width / (2 x 1.96), whatever its position (a basic bootstrap interval need not
 *       contain its estimate; its width still measures the spread, its position is never used);</li>
 *   <li>a recorded standard deviation (KID over subsets, utility over seeds): that, unless it is zero up to
 *       round-off (KID whose every subset is the whole set);</li>
 *   <li>shares that are a mean of per-synthetic-image indicators, independent given the real sets (which a
 *       nightly job keeps fixed): precision, memorized_fraction, holdout_closer_share, reid_score: binomial,
 *       p = (x + 1) / (N + 2) (add-one), sd^2 = p (1 - p) / N, N the number of synthetic images. Recall, coverage
 *       and identifiability are means over real images of indicators that depend on the whole synthetic set:
 *       over-dispersed, not binomial (a simulated nightly job saw coverage move 0.985 -&gt; 0.915 between seeds,
 *       8 binomial standard deviations);</li>
 *   <li>distances whose ideal is 0 (FID, KID, FID-inf, CMMD, FRD, their per-label cells), when the baseline file
 *       has a real-vs-real noise floor for them: the floor's value is itself the size of the distance sampling alone
 *       gives two real sets at that N, and is used as the tolerance;</li>
 *   <li>otherwise the results record no uncertainty for the metric: it is not judged (the verdict says so), until
 *       the run records one (e.g. {@code --bootstrap}) or the user sets {@code --tolerance METRIC=RULE}. A guessed
 *       share (the old 5%) cried wolf on density 11 nights of 20 in the simulation.</li>
 * </ol>
 */
public final class UncertaintyTolerance {
    private UncertaintyTolerance() {}

    /** The family-wise false-alarm rate of one night (one in a thousand nights cries wolf). */
    public static final double NIGHTLY_ALPHA = 0.001;

    static final double Z95 = 1.959963984540054;

    /** The one-sided z for {@code lines} judged lines at {@link #NIGHTLY_ALPHA}. */
    public static double z(int lines) {
        return new NormalDistribution().inverseCumulativeProbability(1 - NIGHTLY_ALPHA / Math.max(1, lines));
    }

    /** The limit (worst accepted value, NaN when not judged) and the rule that made it. */
    public record Limit(double limit, String rule) {
        public boolean judged() {
            return !Double.isNaN(limit);
        }
    }

    /** Shares that are means of per-synthetic-image indicators (binomial given the fixed real sets). */
    static final java.util.Set<String> PER_SYNTHETIC_IMAGE_SHARES = java.util.Set.of("precision", "memorized_fraction",
            "holdout_closer_share", "reid_score");

    /**
     * @param key    the metric key (a per-label cell's key is its metric's)
     * @param base   the baseline entry (has a value)
     * @param result the nightly entry (has a value)
     * @param floor  the baseline's noise-floor entry for the same key, or null
     */
    public static Limit limit(String key, MetricResult base, MetricResult result, MetricResult floor, boolean lower,
                              double z) {
        Metric m = Metrics.find(key);
        String unit = m == null ? "" : m.unit();
        double b = base.value();
        if (unit.equals("count")) {
            double tol = Math.floor(z * Math.sqrt(2 * (Math.max(b, 0) + 1)));
            return new Limit(lower ? b + tol : b - tol, "count: Poisson, z " + Format.number(z) + ", abs " + Format.number(tol));
        }
        Double sb = sd(base);
        if (sb != null) {
            Double sr = sd(result);
            double s = Math.sqrt(sb * sb + (sr == null ? sb * sb : sr * sr));
            return shifted(b, z * s, lower, (base.ci95() != null ? "CI width" : "sd") + ", z " + Format.number(z));
        }
        Long n = base.nSynthetic();
        if (PER_SYNTHETIC_IMAGE_SHARES.contains(key) && n != null && n > 0) {
            double p = (Math.min(Math.max(b, 0), 1) * n + 1) / (n + 2.0);
            double s = Math.sqrt(2 * p * (1 - p) / n);
            return shifted(b, z * s, lower, "binomial N=" + n + ", z " + Format.number(z));
        }
        if (lower && isDistance(unit) && floor != null && floor.hasValue() && floor.value() > 0) {
            return shifted(b, floor.value(), true, "real-vs-real floor " + Format.number(floor.value()));
        }
        return new Limit(Double.NaN, "no uncertainty recorded: not judged (record one, or set --tolerance)");
    }

    static Limit shifted(double b, double tol, boolean lower, String rule) {
        return new Limit(lower ? b + tol : b - tol, rule);
    }

    /** A distance whose ideal is 0: squared feature distances, MMDs, Fréchet distances (not DCR's distances). */
    static boolean isDistance(String unit) {
        return unit.startsWith("squared") || unit.contains("MMD") || unit.contains("Fréchet");
    }

    /** The entry's standard deviation: from its 95% CI's width, else its recorded sd; null when neither. */
    static Double sd(MetricResult e) {
        double[] ci = e.ci95();
        if (ci != null && Double.isFinite(ci[0]) && Double.isFinite(ci[1]) && ci[1] > ci[0]) {
            return (ci[1] - ci[0]) / (2 * Z95);
        }
        // a spread of zero up to round-off (KID whose every subset is the whole set) records no uncertainty
        boolean spread = e.std() != null && Double.isFinite(e.std())
                && e.std() > 1e-6 * Math.abs(e.value()) && e.std() > 1e-300;
        return spread ? e.std() : null;
    }
}
