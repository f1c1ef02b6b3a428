package org.cxrbench.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.MetricResult;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.SetStats;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.cxrbench.stats.Percentiles;

/**
 * The metrics of one flawed set against the reference half, computed by the fidelity and privacy packages'
 * functions, on the whole set and on half-samples of it. Fidelity: the registry's functions with KID on one subset
 * of the whole (smaller) set (the unbiased MMD² of the two sets) and PRDC with k = 5. Privacy: the per-image
 * distances to the training half that {@link PrivacyMetrics} returns, summarised as it does ({@code dcr_median}:
 * linear median; {@code memorized_fraction}: share below the 0.1% quantile of holdout-to-train distances).
 */
final class SetMeasures {
    static final List<String> FIDELITY = List.of("fid", "kid", "precision", "recall", "density", "coverage", "cmmd");
    static final List<String> PRIVACY = List.of("dcr_median", "dcr_p5", "memorized_fraction");
    static final List<String> DEFAULT = List.of("fid", "kid", "precision", "recall", "density", "coverage",
            "dcr_median", "memorized_fraction");

    static List<String> parse(String list) {
        if (list == null || list.isBlank()) {
            return DEFAULT;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : list.split(",")) {
            String m = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (!FIDELITY.contains(m) && !PRIVACY.contains(m)) {
                throw new BadInputException("--metrics: '" + m + "' cannot be validated; give some of "
                        + String.join(",", FIDELITY) + "," + String.join(",", PRIVACY));
            }
            out.add(m);
        }
        return List.copyOf(out);
    }

    private final List<String> metrics;
    private final SetStats reference;
    private final PrivacyMetrics.Reference privacyRef;
    private final FidelityMetrics.Options options;

    SetMeasures(List<String> metrics, Features train, Features holdout, int n, long seed) {
        this.metrics = metrics;
        this.reference = SetStats.of(train);
        this.privacyRef = new PrivacyMetrics.Reference(train, holdout);
        Set<String> fi = new LinkedHashSet<>();
        for (String m : metrics) {
            if (FIDELITY.contains(m)) {
                fi.add(m);
            }
        }
        this.options = new FidelityMetrics.Options(fi, 5, 1, Math.max(2, Math.min(n / 2, train.n())), 0, seed,
                Fid.Route.SYMMETRIC, false);
    }

    /** Per-image privacy values of one set, and the metrics that need no resampling of the reference. */
    record PerImage(double[] dcr, boolean[] memorized) {}

    PerImage perImage(Features set) {
        boolean priv = metrics.stream().anyMatch(PRIVACY::contains);
        if (!priv) {
            return new PerImage(null, null);
        }
        PrivacyMetrics.Result r = PrivacyMetrics.compute(privacyRef, set, PrivacyMetrics.Options.defaults(),
                Set.of("dcr_median", "memorized_fraction"));
        return new PerImage(r.dcr(), r.memorized());
    }

    /** The metrics (order of {@link #metrics}) of the rows {@code rows} of the set (null: all rows). */
    double[] values(Features set, PerImage pi, int[] rows) {
        Features x = rows == null ? set : set.rows(rows);
        double[] out = new double[metrics.size()];
        Map<String, MetricResult> fi = options.metrics().isEmpty() ? Map.of()
                : FidelityMetrics.compute(reference, SetStats.of(x), options, 1);
        for (int m = 0; m < out.length; m++) {
            String id = metrics.get(m);
            out[m] = switch (id) {
                case "dcr_median" -> Percentiles.linear(pick(pi.dcr(), rows), 0.5);
                case "dcr_p5" -> Percentiles.linear(pick(pi.dcr(), rows), 0.05);
                case "memorized_fraction" -> share(pi.memorized(), rows);
                default -> fi.get(id).value();
            };
        }
        return out;
    }

    private static double[] pick(double[] v, int[] rows) {
        if (rows == null) {
            return v;
        }
        double[] o = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            o[i] = v[rows[i]];
        }
        return o;
    }

    private static double share(boolean[] v, int[] rows) {
        int c = 0;
        int n = rows == null ? v.length : rows.length;
        for (int i = 0; i < n; i++) {
            if (v[rows == null ? i : rows[i]]) {
                c++;
            }
        }
        return (double) c / n;
    }

    /** R seeded half-samples (without replacement) of 0..n-1, shared by every set so differences are paired. */
    static List<int[]> halfSamples(int n, int r, long seed) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            int[] p = FlawedSets.permutation(n, new java.util.SplittableRandom(seed * 31 + i));
            int[] h = java.util.Arrays.copyOf(p, n / 2);
            java.util.Arrays.sort(h);
            out.add(h);
        }
        return out;
    }
}
