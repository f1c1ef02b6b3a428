package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Family;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;
import org.cxrbench.linalg.Features;

/**
 * The fidelity family's functions, one per registry id ({@link Metrics}), over a shared statistics context: the
 * real set's and the synthetic set's {@link SetStats} (Gaussian statistics and k-NN radii computed once and reused
 * by every metric and every generator compared with the same real set). Pure steps: features -&gt; statistics
 * -&gt; metric. Adding a metric: declare it in {@link Metrics}, add its function to {@link #FUNCTIONS}.
 */
public final class FidelityMetrics {
    private FidelityMetrics() {}

    /** Every fidelity id, in registry order. */
    public static final List<String> ALL = Metrics.ids(Family.FIDELITY);

    /** Computed when --metrics is not given (fid_inf, cmmd and frd are opt-in; per-label needs labels). */
    public static final List<String> DEFAULT = Metrics.defaults(Family.FIDELITY);

    public static final List<String> PER_LABEL = List.of("fid_per_label", "kid_per_label");

    public record Options(Set<String> metrics, int k, int kidSubsets, int kidSubsetSize, int bootstrap, long seed,
                          Fid.Route fidRoute, boolean prdcInclusive, String kidRule, int minLabelCount) {
        public Options {
            for (String m : metrics) {
                if (!ALL.contains(m)) {
                    throw new BadInputException("unknown metric '" + m + "' in --metrics; fidelity metrics: "
                            + String.join(",", ALL));
                }
            }
            metrics = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(metrics));
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

        /** The parameters that define the numbers, for provenance and each result's {@code params}. */
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("k", k);
            p.put("kid_subsets", kidSubsets);
            p.put("kid_subset_size", kidSubsetSize);
            p.put("kid_subset_rule", kidRule);
            p.put("bootstrap", bootstrap);
            p.put("fid_route", fidRoute.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            p.put("prdc_convention", prdcInclusive ? "<=" : "<");
            p.put("min_label_count", minLabelCount);
            return p;
        }

        public static Set<String> parseList(String list) {
            return Metrics.parse(list, Family.FIDELITY);
        }
    }

    /** One (real, synthetic) comparison: the two statistics contexts and what several metrics share (PRDC). */
    static final class Pair {
        final SetStats real;
        final SetStats synthetic;
        final Options o;
        private Prdc.Result prdc;

        Pair(SetStats real, SetStats synthetic, Options o) {
            this.real = real;
            this.synthetic = synthetic;
            this.o = o;
        }

        Features r() {
            return real.features();
        }

        Features s() {
            return synthetic.features();
        }

        Map<String, Long> counts() {
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("n_real", (long) real.n());
            c.put("n_synthetic", (long) synthetic.n());
            return c;
        }

        Prdc.Result prdc() {
            if (prdc == null) {
                prdc = Prdc.compute(r(), s(), o.k(), o.prdcInclusive(), real.radii(o.k()), synthetic.radii(o.k()));
            }
            return prdc;
        }

        MetricResult result(String id, double value, double[] ci, Double std, List<String> warnings,
                            Map<String, Object> details) {
            return new MetricResult(id, value, ci, std, counts(), Map.of(), warnings, params(id), details);
        }

        Map<String, Object> params(String id) {
            Map<String, Object> all = o.params();
            Map<String, Object> p = new LinkedHashMap<>();
            List<String> keys = switch (id) {
                case "fid", "fid_inf" -> List.of("fid_route", "bootstrap");
                case "kid" -> List.of("kid_subsets", "kid_subset_size", "kid_subset_rule", "bootstrap");
                case "precision", "recall", "density", "coverage" -> List.of("k", "prdc_convention");
                default -> List.of();
            };
            keys.forEach(k -> p.put(k, all.get(k)));
            return p;
        }
    }

    /** The function of each fidelity id (per-label ids are computed by {@link #perLabel}). */
    static final Map<String, Function<Pair, MetricResult>> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("fid", FidelityMetrics::fid);
        FUNCTIONS.put("kid", FidelityMetrics::kid);
        FUNCTIONS.put("precision", p -> p.result("precision", p.prdc().precision(), null, null, List.of(), prdcDetails(p)));
        FUNCTIONS.put("recall", p -> p.result("recall", p.prdc().recall(), null, null, List.of(), prdcDetails(p)));
        FUNCTIONS.put("density", p -> p.result("density", p.prdc().density(), null, null, List.of(), prdcDetails(p)));
        FUNCTIONS.put("coverage", p -> p.result("coverage", p.prdc().coverage(), null, null, List.of(), prdcDetails(p)));
        FUNCTIONS.put("fid_inf", FidelityMetrics::fidInf);
        FUNCTIONS.put("cmmd", FidelityMetrics::cmmd);
        FUNCTIONS.put("frd", FidelityMetrics::frd);
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

    public static Map<String, MetricResult> compute(Features real, Features synthetic, Options o) {
        return compute(SetStats.of(real), SetStats.of(synthetic), o, 1);
    }

    /**
     * The requested non-per-label metrics, in registry order, over shared statistics contexts. Only what the
     * requested metrics need is computed; with {@code threads >= 2} the two covariances are computed in parallel
     * (the numbers do not change).
     */
    public static Map<String, MetricResult> compute(SetStats real, SetStats synthetic, Options o, int threads) {
        validate(real.features(), synthetic.features(), o);
        Pair p = new Pair(real, synthetic, o);
        if (o.metrics().contains("fid")) {
            SetStats.prepareGaussians(List.of(real, synthetic), threads);
        }
        Map<String, MetricResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Pair, MetricResult>> e : FUNCTIONS.entrySet()) {
            if (o.metrics().contains(e.getKey())) {
                out.put(e.getKey(), e.getValue().apply(p));
            }
        }
        return out;
    }

    static MetricResult fid(Pair p) {
        Options o = p.o;
        Fid.Result f = Fid.compute(p.real.gaussian(), p.synthetic.gaussian(), o.fidRoute());
        Bootstrap boot = o.bootstrap() == 0 ? null : Bootstrap.fid(p.r(), p.s(), o.bootstrap(), o.seed(), f.value(),
                o.fidRoute());
        List<String> warnings = new ArrayList<>(f.warnings());
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("d", p.r().d());
        det.put("mean_term", f.meanTerm());
        det.put("trace_term", f.trace1() + f.trace2() - 2 * f.traceSqrt());
        det.put("rank_real", f.rank1());
        det.put("rank_synthetic", f.rank2());
        det.put("clipped_negative_eigenvalue_mass", f.clippedNegativeMass());
        det.put("eps_offset_used", f.epsOffsetUsed());
        if (boot != null) {
            boot.describe(det, warnings, "FID");
        }
        return p.result("fid", f.value(), boot == null ? null : boot.basic(), null, warnings, det);
    }

    static MetricResult kid(Pair p) {
        Options o = p.o;
        int m = Math.min(o.kidSubsetSize(), Math.min(p.real.n(), p.synthetic.n()));
        List<String> warnings = new ArrayList<>();
        if (m < o.kidSubsetSize()) {
            warnings.add("subset size lowered from " + o.kidSubsetSize() + " to " + m + " (the smaller set's size)");
        }
        Kid.Result k = Kid.compute(p.r(), p.s(), Kid.subsets(o.kidRule(), p.real.n(), p.synthetic.n(), m, o.kidSubsets(), o.seed()));
        Bootstrap boot = o.bootstrap() == 0 ? null : Bootstrap.summarise(Kid.bootstrapMeans(p.r(), p.s(),
                o.bootstrap(), o.seed(), o.kidRule(), m, o.kidSubsets()), k.mean());
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("subsets", k.numSubsets());
        det.put("subset_size", k.subsetSize());
        if (boot != null) {
            boot.describe(det, warnings, "KID");
        }
        return p.result("kid", k.mean(), boot == null ? null : boot.basic(), k.std(), warnings, det);
    }

    static Map<String, Object> prdcDetails(Pair p) {
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("k", p.o.k());
        det.put("convention", p.o.prdcInclusive() ? "<=" : "<");
        return det;
    }

    static MetricResult fidInf(Pair p) {
        int n = p.synthetic.n();
        int minN = Math.max(2, Math.min(n - 1, n / 5));
        FidInfinity.Result r = FidInfinity.compute(p.real.gaussian(), p.s(), 15, minN, p.o.seed(), p.o.fidRoute());
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("slope", r.slope());
        det.put("sizes", r.sizes());
        det.put("fids", r.fids());
        return p.result("fid_inf", r.value(), null, null, List.of(), det);
    }

    static MetricResult cmmd(Pair p) {
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("sigma", Cmmd.SIGMA);
        det.put("scale", Cmmd.SCALE);
        det.put("estimator", "biased (V-statistic), as the authors' implementation");
        return p.result("cmmd", Cmmd.compute(p.r(), p.s(), Cmmd.SIGMA), null, null, List.of(), det);
    }

    static MetricResult frd(Pair p) {
        Frd.Result r = Frd.compute(p.r(), p.s());
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("frechet_distance", r.frechetDistance());
        det.put("features_used", r.featuresUsed());
        det.put("features_dropped_constant", r.featuresDropped());
        return p.result("frd", r.value(), null, null, List.of(), det);
    }

    /**
     * Per-pathology FID and KID: for each CheXpert label, the real images with that label (value 1) against the
     * synthetic images made for it (requested label 1). Labels with fewer than 2 images on a side get no value;
     * labels below {@code minLabelCount} on a side are computed but marked unreliable. Counts are always reported.
     *
     * @param realLabels      per real row, the 14 label values (Labels.POSITIVE = 1)
     * @param syntheticLabels per synthetic row, the 14 requested label values
     */
    public static Map<String, MetricResult> perLabel(Features real, byte[][] realLabels, Features synthetic,
                                                     byte[][] syntheticLabels, Options o, List<String> labelKeys) {
        Map<String, MetricResult> out = new LinkedHashMap<>();
        boolean fid = o.metrics().contains("fid_per_label");
        boolean kid = o.metrics().contains("kid_per_label");
        if (!fid && !kid) {
            return out;
        }
        Map<String, MetricResult.LabelValue> fidValues = new LinkedHashMap<>();
        Map<String, MetricResult.LabelValue> kidValues = new LinkedHashMap<>();
        List<String> unreliable = new ArrayList<>();
        for (int l = 0; l < labelKeys.size(); l++) {
            int[] ir = positives(realLabels, l);
            int[] is = positives(syntheticLabels, l);
            String key = labelKeys.get(l);
            if (ir.length == 0 && is.length == 0) {
                continue;
            }
            boolean reliable = ir.length >= o.minLabelCount() && is.length >= o.minLabelCount();
            if (!reliable) {
                unreliable.add(key);
            }
            Double fv = null;
            Double kv = null;
            if (ir.length >= 2 && is.length >= 2) {
                Features r = real.rows(ir);
                Features sy = synthetic.rows(is);
                if (fid) {
                    fv = Fid.compute(GaussianStats.of(r), GaussianStats.of(sy), o.fidRoute()).value();
                }
                if (kid) {
                    int m = Math.min(o.kidSubsetSize(), Math.min(ir.length, is.length));
                    kv = Kid.compute(r, sy, Kid.subsets(o.kidRule(), ir.length, is.length, m, o.kidSubsets(), o.seed())).mean();
                }
            }
            fidValues.put(key, new MetricResult.LabelValue(fv, ir.length, is.length, reliable));
            kidValues.put(key, new MetricResult.LabelValue(kv, ir.length, is.length, reliable));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("n_real", (long) real.n());
        counts.put("n_synthetic", (long) synthetic.n());
        List<String> warnings = unreliable.isEmpty() ? List.of() : List.of("unreliable (fewer than "
                + o.minLabelCount() + " images on a side): " + String.join(", ", unreliable));
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("unreliable", unreliable);
        det.put("note", "labels below min_label_count on either side are unreliable (FID is biased and "
                + "rank-deficient at small N); labels with fewer than 2 images have a null value");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("min_label_count", o.minLabelCount());
        if (fid) {
            out.put("fid_per_label", new MetricResult("fid_per_label", Double.NaN, null, null, counts, fidValues,
                    warnings, params, det));
        }
        if (kid) {
            out.put("kid_per_label", new MetricResult("kid_per_label", Double.NaN, null, null, counts, kidValues,
                    warnings, params, det));
        }
        return out;
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
}
