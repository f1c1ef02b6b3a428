package org.cxrbench.privacy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cxrbench.common.Interval;
import org.cxrbench.common.MetricResult;
import org.cxrbench.stats.Proportions;
import org.cxrbench.stats.QuantileInterval;

/**
 * The 95% intervals of the privacy counts and distance quantiles (issue 20.1; metrics/privacy.md). Like the shares'
 * Wilson intervals ({@code PrivacyMetrics.Scored#share}) they hold the real sets fixed: given the training (and
 * holdout) images, the synthetic images are independent draws of the generator, so each image's DCR and NNDR are
 * independent draws of one distribution and a count of images with a property is binomial.
 * <ul>
 *   <li>{@code exact_copies}, {@code memorized}: n times the Wilson interval of k of n (the expected count among n
 *       images; the count k is inside because k/n is inside the Wilson interval);</li>
 *   <li>{@code dcr_median}, {@code dcr_p5}, {@code nndr_median}: the distribution-free order-statistic interval of
 *       the population quantile ({@link QuantileInterval}; the NNDR over the rows where it is defined); the reported
 *       numpy percentile is inside.</li>
 * </ul>
 * {@code dcr_min} (a sample extreme, whose expectation falls as n grows) and {@code identifiability} (a share of
 * training rows that depends on the whole synthetic set) get none here.
 */
final class PrivacyIntervals {
    private PrivacyIntervals() {}

    static final String COUNT_ESTIMAND = "the expected number of such images among n_synthetic images from this "
            + "generator, given these training (and holdout) images and this threshold: n_synthetic times the probability";

    static String quantileEstimand(String what, double p) {
        return "the " + (p == 0.5 ? "median" : p + " quantile") + " of " + what + " over infinitely many images of this "
                + "generator, given these training images";
    }

    /** {@code results} with the intervals added to the entries it has (a new map, same order). */
    static Map<String, MetricResult> attach(Map<String, MetricResult> results, PrivacyMetrics.Result r) {
        Map<String, MetricResult> out = new LinkedHashMap<>(results);
        int n = r.dcr().length;
        out.computeIfPresent("exact_copies", (id, m) -> count(m, n));
        out.computeIfPresent("memorized", (id, m) -> count(m, n));
        out.computeIfPresent("dcr_median", (id, m) -> quantile(m, r.dcr(), 0.5,
                "the distance from an image to its closest training image"));
        out.computeIfPresent("dcr_p5", (id, m) -> quantile(m, r.dcr(), 0.05,
                "the distance from an image to its closest training image"));
        double[] nndr = Arrays.stream(r.nndr()).filter(Double::isFinite).toArray();
        out.computeIfPresent("nndr_median", (id, m) -> quantile(m, nndr, 0.5,
                "the NNDR (nearest over second-nearest training distance) of an image, where defined"));
        return out;
    }

    static MetricResult count(MetricResult m, int n) {
        long k = Math.round(m.value());
        double[] w = Proportions.wilson(k, n);
        return m.withInterval(new Interval(Math.min(k, n * w[0]), Math.max(k, n * w[1]), COUNT_ESTIMAND,
                "n x the Wilson score interval (Wilson 1927) of " + k + " of " + n + " synthetic images"));
    }

    static MetricResult quantile(MetricResult m, double[] values, double p, String what) {
        double[] ci = QuantileInterval.ci95(values, p, 0);
        if (ci == null) {
            return m;
        }
        return m.withInterval(new Interval(ci[0], ci[1], quantileEstimand(what, p), QuantileInterval.method(values.length, p)));
    }
}
