package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.cxrbench.common.BadInputException;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Percentiles;

/**
 * Computes any set of fidelity metrics from one pair of feature sets, each sufficient statistic once
 * (Gaussian stats for FID, k-NN radii for PRDC), in pure steps: features -> statistics -> metric.
 */
public final class FidelityMetrics {
    private FidelityMetrics() {}

    /** Every metric key this package computes. */
    public static final List<String> ALL = List.of("fid", "kid", "precision", "recall", "density", "coverage",
            "fid_inf", "cmmd", "frd", "fid_per_label", "kid_per_label");

    /** Computed when --metrics is not given (fid_inf, cmmd and frd are opt-in; per-label needs labels). */
    public static final List<String> DEFAULT = List.of("fid", "kid", "precision", "recall", "density", "coverage",
            "fid_per_label", "kid_per_label");

    public record Options(Set<String> metrics, int k, int kidSubsets, int kidSubsetSize, int bootstrap, long seed,
                          Fid.Route fidRoute, boolean prdcInclusive, String kidRule, int minLabelCount) {
        public Options {
            for (String m : metrics) {
                if (!ALL.contains(m)) {
                    throw new BadInputException("unknown metric '" + m + "' in --metrics; fidelity metrics: "
                            + String.join(",", ALL));
                }
            }
            if (k < 1) {
                throw new BadInputException("--k " + k + ": give k >= 1");
            }
            if (kidSubsets < 1 || kidSubsetSize < 2) {
                throw new BadInputException("--kid-subsets " + kidSubsets + " / --kid-subset-size " + kidSubsetSize
                        + ": give at least 1 subset of at least 2");
            }
            if (bootstrap < 0) {
                throw new BadInputException("--bootstrap " + bootstrap + ": give 0 (no CI) or more resamples");
            }
        }

        public Options(Set<String> metrics, int k, int kidSubsets, int kidSubsetSize, int bootstrap, long seed,
                       Fid.Route fidRoute, boolean prdcInclusive) {
            this(metrics, k, kidSubsets, kidSubsetSize, bootstrap, seed, fidRoute, prdcInclusive, "lcg", 50);
        }

        public static Options defaults() {
            return new Options(new LinkedHashSet<>(DEFAULT), 5, 100, 1000, 0, 0, Fid.Route.SYMMETRIC, false);
        }

        public Options withMetrics(Set<String> m) {
            return new Options(m, k, kidSubsets, kidSubsetSize, bootstrap, seed, fidRoute, prdcInclusive, kidRule,
                    minLabelCount);
        }

        public Options withoutBootstrap() {
            return new Options(metrics, k, kidSubsets, kidSubsetSize, 0, seed, fidRoute, prdcInclusive, kidRule,
                    minLabelCount);
        }

        public static Set<String> parseList(String list) {
            Set<String> s = new LinkedHashSet<>();
            for (String p : list.split(",")) {
                if (!p.isBlank()) {
                    s.add(p.trim().toLowerCase(Locale.ROOT));
                }
            }
            return s;
        }
    }

    /** Checks the pair: same dimension, enough rows. Messages name the roles. */
    public static void validate(Features real, Features synthetic, Options o) {
        if (real.d() != synthetic.d()) {
            throw new BadInputException("real features have " + real.d() + " dimensions but synthetic have "
                    + synthetic.d() + "; encode both with the same encoder");
        }
        if (real.n() < 2 || synthetic.n() < 2) {
            throw new BadInputException("need at least 2 rows per set (real " + real.n() + ", synthetic "
                    + synthetic.n() + ")");
        }
        boolean prdc = o.metrics().stream().anyMatch(m -> List.of("precision", "recall", "density", "coverage").contains(m));
        if (prdc && (real.n() <= o.k() || synthetic.n() <= o.k())) {
            throw new BadInputException("precision/recall/density/coverage with k=" + o.k() + " need more than k rows "
                    + "per set (real " + real.n() + ", synthetic " + synthetic.n() + "); lower --k or add images");
        }
    }

    public static Map<String, MetricValue> compute(Features real, Features synthetic, Options o) {
        validate(real, synthetic, o);
        Map<String, MetricValue> out = new LinkedHashMap<>();
        Set<String> want = o.metrics();
        if (want.contains("fid")) {
            Fid.Result f = Fid.compute(GaussianStats.of(real), GaussianStats.of(synthetic), o.fidRoute());
            Boot boot = o.bootstrap() == 0 ? null : bootstrap(real, synthetic, o.bootstrap(), o.seed(), f.value(),
                    (pair) -> Fid.compute(GaussianStats.of(pair[0]), GaussianStats.of(pair[1]), o.fidRoute()).value());
            List<String> warnings = new ArrayList<>(f.warnings());
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("n_real", real.n());
            det.put("n_synthetic", synthetic.n());
            det.put("d", real.d());
            det.put("route", f.route().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            det.put("mean_term", f.meanTerm());
            det.put("trace_term", f.trace1() + f.trace2() - 2 * f.traceSqrt());
            det.put("rank_real", f.rank1());
            det.put("rank_synthetic", f.rank2());
            det.put("clipped_negative_eigenvalue_mass", f.clippedNegativeMass());
            det.put("eps_offset_used", f.epsOffsetUsed());
            if (boot != null) {
                boot.describe(det, f.value(), warnings, "FID");
            }
            det.put("warnings", warnings);
            out.put("fid", new MetricValue(f.value(), boot == null ? null : boot.basic(), det));
        }
        if (want.contains("kid")) {
            int m = Math.min(o.kidSubsetSize(), Math.min(real.n(), synthetic.n()));
            List<String> warnings = new ArrayList<>();
            if (m < o.kidSubsetSize()) {
                warnings.add("subset size lowered from " + o.kidSubsetSize() + " to " + m + " (the smaller set's size)");
            }
            Kid.Result k = Kid.compute(real, synthetic, Kid.subsets(o.kidRule(), real.n(), synthetic.n(), m, o.kidSubsets(), o.seed()));
            Boot boot = o.bootstrap() == 0 ? null : boot(Kid.bootstrapMeans(real, synthetic, o.bootstrap(), o.seed(),
                    o.kidRule(), m, o.kidSubsets()), k.mean());
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("std", k.std());
            det.put("subsets", k.numSubsets());
            det.put("subset_size", k.subsetSize());
            det.put("subset_rule", o.kidRule());
            det.put("n_real", real.n());
            det.put("n_synthetic", synthetic.n());
            if (boot != null) {
                boot.describe(det, k.mean(), warnings, "KID");
            }
            det.put("warnings", warnings);
            out.put("kid", new MetricValue(k.mean(), boot == null ? null : boot.basic(), det));
        }
        if (want.contains("fid_inf")) {
            int minN = Math.max(2, Math.min(synthetic.n() - 1, synthetic.n() / 5));
            FidInfinity.Result r = FidInfinity.compute(GaussianStats.of(real), synthetic, 15, minN, o.seed(), o.fidRoute());
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("slope", r.slope());
            det.put("sizes", r.sizes());
            det.put("fids", r.fids());
            det.put("n_real", real.n());
            det.put("n_synthetic", synthetic.n());
            out.put("fid_inf", new MetricValue(r.value(), null, det));
        }
        if (want.contains("cmmd")) {
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("sigma", Cmmd.SIGMA);
            det.put("scale", Cmmd.SCALE);
            det.put("estimator", "biased (V-statistic), as the authors' implementation");
            det.put("n_real", real.n());
            det.put("n_synthetic", synthetic.n());
            out.put("cmmd", new MetricValue(Cmmd.compute(real, synthetic, Cmmd.SIGMA), null, det));
        }
        if (want.contains("frd")) {
            Frd.Result r = Frd.compute(real, synthetic);
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("frechet_distance", r.frechetDistance());
            det.put("features_used", r.featuresUsed());
            det.put("features_dropped_constant", r.featuresDropped());
            det.put("n_real", real.n());
            det.put("n_synthetic", synthetic.n());
            out.put("frd", new MetricValue(r.value(), null, det));
        }
        List<String> prdcKeys = List.of("precision", "recall", "density", "coverage");
        if (prdcKeys.stream().anyMatch(want::contains)) {
            Prdc.Result p = Prdc.compute(real, synthetic, o.k(), o.prdcInclusive());
            double[] vals = {p.precision(), p.recall(), p.density(), p.coverage()};
            for (int i = 0; i < 4; i++) {
                if (want.contains(prdcKeys.get(i))) {
                    Map<String, Object> det = new LinkedHashMap<>();
                    det.put("k", o.k());
                    det.put("convention", o.prdcInclusive() ? "<=" : "<");
                    det.put("n_real", real.n());
                    det.put("n_synthetic", synthetic.n());
                    out.put(prdcKeys.get(i), new MetricValue(vals[i], null, det));
                }
            }
        }
        return out;
    }

    /**
     * Per-pathology FID and KID: for each CheXpert label, the real images with that label (value 1) against the
     * synthetic images made for it (requested label 1). Labels with fewer than 2 images on a side get no value;
     * labels below {@code minLabelCount} on a side are computed but listed in {@code unreliable}. Counts are always
     * reported.
     *
     * @param realLabels      per real row, the 14 label values (Labels.POSITIVE = 1)
     * @param syntheticLabels per synthetic row, the 14 requested label values
     */
    public static Map<String, MetricValue> perLabel(Features real, byte[][] realLabels, Features synthetic,
                                                    byte[][] syntheticLabels, Options o, List<String> labelKeys) {
        Map<String, MetricValue> out = new LinkedHashMap<>();
        boolean fid = o.metrics().contains("fid_per_label");
        boolean kid = o.metrics().contains("kid_per_label");
        if (!fid && !kid) {
            return out;
        }
        Map<String, Object> fidValues = new LinkedHashMap<>();
        Map<String, Object> kidValues = new LinkedHashMap<>();
        Map<String, Object> nReal = new LinkedHashMap<>();
        Map<String, Object> nSyn = new LinkedHashMap<>();
        List<String> unreliable = new ArrayList<>();
        for (int l = 0; l < labelKeys.size(); l++) {
            int[] ir = positives(realLabels, l);
            int[] is = positives(syntheticLabels, l);
            String key = labelKeys.get(l);
            nReal.put(key, ir.length);
            nSyn.put(key, is.length);
            if (ir.length == 0 && is.length == 0) {
                continue;
            }
            if (ir.length < 2 || is.length < 2) {
                fidValues.put(key, null);
                kidValues.put(key, null);
                unreliable.add(key);
                continue;
            }
            Features r = real.rows(ir);
            Features sy = synthetic.rows(is);
            if (fid) {
                fidValues.put(key, Fid.compute(GaussianStats.of(r), GaussianStats.of(sy), o.fidRoute()).value());
            }
            if (kid) {
                int m = Math.min(o.kidSubsetSize(), Math.min(ir.length, is.length));
                kidValues.put(key, Kid.compute(r, sy, Kid.subsets(o.kidRule(), ir.length, is.length, m, o.kidSubsets(),
                        o.seed())).mean());
            }
            if (ir.length < o.minLabelCount() || is.length < o.minLabelCount()) {
                unreliable.add(key);
            }
        }
        for (String metric : List.of("fid_per_label", "kid_per_label")) {
            if (!o.metrics().contains(metric)) {
                continue;
            }
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("n_real", nReal);
            det.put("n_synthetic", nSyn);
            det.put("min_label_count", o.minLabelCount());
            det.put("unreliable", unreliable);
            det.put("note", "labels below min_label_count on either side are unreliable (FID is biased and "
                    + "rank-deficient at small N); labels with fewer than 2 images have a null value");
            out.put(metric, new PerLabelValue(metric.startsWith("fid") ? fidValues : kidValues, det).asMetric());
        }
        return out;
    }

    /** A map-valued metric: JSON value is the label -> value object. */
    record PerLabelValue(Map<String, Object> values, Map<String, Object> details) {
        MetricValue asMetric() {
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("value", values);
            det.putAll(details);
            return new MetricValue(Double.NaN, null, det);
        }
    }

    private static int[] positives(byte[][] labels, int l) {
        int c = 0;
        for (byte[] row : labels) {
            if (row[l] == 1) {
                c++;
            }
        }
        int[] idx = new int[c];
        c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i][l] == 1) {
                idx[c++] = i;
            }
        }
        return idx;
    }

    /** Bootstrap summary: the reported basic interval, the percentile interval and the bias estimate. */
    record Boot(double[] basic, double[] percentile, double bias, int resamples) {
        void describe(Map<String, Object> det, double value, List<String> warnings, String metric) {
            det.put("ci95_method", "basic bootstrap (2*estimate - percentiles), resampling both sets with replacement");
            det.put("ci95_percentile", percentile);
            det.put("bootstrap_bias", bias);
            det.put("bootstrap", resamples);
            double half = (basic[1] - basic[0]) / 2;
            if (Math.abs(bias) > half) {
                warnings.add(String.format(Locale.ROOT, "%s's bootstrap bias (%.4g) exceeds half its CI width: the "
                        + "estimate depends on N (resampled sets hold duplicates); compare generators at equal N", metric, bias));
            }
        }
    }

    /**
     * Basic bootstrap 95% interval [2t - q97.5, 2t - q2.5] (Davison &amp; Hinkley 1997, eq. 5.6): both sets are
     * resampled with replacement, independently, B times from a seeded stream. The percentile interval would not
     * contain the estimate for FID or KID, because duplicated rows bias both upward; the basic interval corrects
     * for that shift. The same seed gives the same interval.
     */
    static Boot bootstrap(Features real, Features synthetic, int b, long seed, double estimate,
                          ToDoubleFunction<Features[]> stat) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] v = new double[b];
        for (int r = 0; r < b; r++) {
            int[] ir = new int[real.n()];
            for (int i = 0; i < ir.length; i++) {
                ir[i] = rnd.nextInt(real.n());
            }
            int[] is = new int[synthetic.n()];
            for (int i = 0; i < is.length; i++) {
                is[i] = rnd.nextInt(synthetic.n());
            }
            v[r] = stat.applyAsDouble(new Features[] {real.rows(ir), synthetic.rows(is)});
        }
        return boot(v, estimate);
    }

    /** The basic interval of {@link #bootstrap} from the resample values {@code v}. */
    static Boot boot(double[] v, double estimate) {
        int b = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x / b;
        }
        double lo = Percentiles.linear(v, 0.025);
        double hi = Percentiles.linear(v, 0.975);
        return new Boot(new double[] {2 * estimate - hi, 2 * estimate - lo}, new double[] {lo, hi}, mean - estimate, b);
    }
}
