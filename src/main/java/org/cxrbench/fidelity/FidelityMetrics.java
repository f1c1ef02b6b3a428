package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Family;
import org.cxrbench.common.MetricDetails;
import org.cxrbench.common.MetricFunctions;
import org.cxrbench.common.MetricParams;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;
import org.cxrbench.common.Provenance;
import org.cxrbench.linalg.Features;

/**
 * The fidelity family's functions, one per registry id ({@link Metrics}), over a shared statistics context: the
 * real set's and the synthetic set's {@link SetStats} (Gaussian statistics and k-NN radii computed once and reused
 * by every metric and every generator compared with the same real set). Pure steps: features -&gt; statistics
 * -&gt; metric. Adding a metric: declare it in {@link Metrics}, bind its function in {@link #FUNCTIONS} (the
 * table refuses to build while a declared fidelity id has no function); the config schema's enum, CLI help, reports
 * and regression verdicts follow from the declaration.
 */
public final class FidelityMetrics {
    private FidelityMetrics() {}

    /** Every fidelity id, in registry order. */
    public static final List<String> ALL = Metrics.ids(Family.FIDELITY);

    /** Computed when --metrics is not given (fid_inf, cmmd and frd are opt-in; per-label needs labels). */
    public static final List<String> DEFAULT = Metrics.defaults(Family.FIDELITY);

    public static final List<String> PER_LABEL = Metrics.of(Family.FIDELITY).stream()
            .filter(org.cxrbench.common.Metric::perLabel).map(org.cxrbench.common.Metric::id).toList();

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

        /**
         * Every parameter that defines the numbers (each result's {@code params} is the part that applies to it; the
         * stages' settings and the provenance hold them all).
         */
        public MetricParams params() {
            return new MetricParams(bootstrap, fidRouteName(), k, kidRule, kidSubsetSize, kidSubsets, minLabelCount,
                    prdcConvention());
        }

        /** FID's square-root route as the results and settings name it ({@code symmetric}, ...). */
        public String fidRouteName() {
            return fidRoute.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** PRDC's ball convention as the results name it: {@code <} (strict) or {@code <=}. */
        public String prdcConvention() {
            return prdcInclusive ? "<=" : "<";
        }

        /** Records the parameters as provenance settings. */
        public void record(Provenance.Builder prov) {
            prov.setting("k", k).setting("kid_subsets", kidSubsets).setting("kid_subset_size", kidSubsetSize)
                    .setting("kid_subset_rule", kidRule).setting("bootstrap", bootstrap)
                    .setting("fid_route", fidRouteName()).setting("prdc_convention", prdcConvention())
                    .setting("min_label_count", minLabelCount);
        }

        public static Set<String> parseList(String list) {
            return Metrics.parse(list, Family.FIDELITY);
        }
    }

    /**
     * The fidelity context of one (real, synthetic) comparison: the two statistics contexts, the settings, and what
     * several metrics share, computed once: the Gaussian fits ({@code gaussian}), the PRDC ball counts
     * ({@code knn_radii}) and, for per-label metrics, each label's rows on both sides ({@code labels}).
     */
    static final class Pair {
        final SetStats real;
        final SetStats synthetic;
        final Options o;
        final byte[][] realLabels;
        final byte[][] syntheticLabels;
        final List<String> labelKeys;
        private Prdc.Result prdc;
        private Map<String, Bootstrap> prdcIntervals;
        private List<LabelRows> labelRows;

        Pair(SetStats real, SetStats synthetic, Options o) {
            this(real, synthetic, o, null, null, List.of());
        }

        Pair(SetStats real, SetStats synthetic, Options o, byte[][] realLabels, byte[][] syntheticLabels,
             List<String> labelKeys) {
            this.real = real;
            this.synthetic = synthetic;
            this.o = o;
            this.realLabels = realLabels;
            this.syntheticLabels = syntheticLabels;
            this.labelKeys = labelKeys;
        }

        /** Computes what the needs name, once, before the metric functions run (they are then pure reads). */
        Pair prepare(java.util.Collection<String> needs, int threads) {
            if (needs.contains("gaussian") && !needs.contains("labels")) {
                SetStats.prepareGaussians(List.of(real, synthetic), threads);
            }
            if (needs.contains("knn_radii")) {
                prdc();
            }
            if (needs.contains("labels")) {
                labelRows();
            }
            return this;
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

        /** The PRDC jackknife intervals (one pass for all four), or null without {@code --bootstrap}. */
        Map<String, Bootstrap> prdcIntervals() {
            if (prdcIntervals == null && o.bootstrap() > 0) {
                prdcIntervals = PrdcIntervals.prdc(r(), s(), prdc(), o.bootstrap(), o.seed());
            }
            return prdcIntervals;
        }

        /** Per label with images on either side: its rows on both sides and whether both reach minLabelCount. */
        List<LabelRows> labelRows() {
            if (labelRows == null) {
                List<LabelRows> out = new ArrayList<>();
                for (int l = 0; l < labelKeys.size(); l++) {
                    int[] ir = positives(realLabels, l);
                    int[] is = positives(syntheticLabels, l);
                    if (ir.length == 0 && is.length == 0) {
                        continue;
                    }
                    out.add(new LabelRows(labelKeys.get(l), ir, is,
                            ir.length >= o.minLabelCount() && is.length >= o.minLabelCount()));
                }
                labelRows = List.copyOf(out);
            }
            return labelRows;
        }

        MetricResult result(String id, double value, double[] ci, Double std, List<String> warnings,
                            MetricDetails details) {
            return new MetricResult(id, value, ci, std, counts(), Map.of(), warnings, params(id), details);
        }

        /** The parameters that apply to a metric (none for cmmd and frd, whose settings are fixed). */
        MetricParams params(String id) {
            return switch (id) {
                case "fid", "fid_inf" -> MetricParams.fid(o.fidRouteName(), o.bootstrap());
                case "kid" -> MetricParams.kid(o.kidSubsets(), o.kidSubsetSize(), o.kidRule(), o.bootstrap());
                case "precision", "recall", "density", "coverage" -> MetricParams.prdc(o.k(), o.prdcConvention(),
                        o.bootstrap());
                default -> MetricParams.NONE;
            };
        }
    }

    /** One label's rows: real images with the label positive, synthetic images made for it. */
    record LabelRows(String key, int[] real, int[] synthetic, boolean reliable) {}

    /** The function of every fidelity id, bound to its declaration (a declared id without one fails here). */
    static final MetricFunctions<Pair> FUNCTIONS = MetricFunctions.<Pair>builder(Family.FIDELITY)
            .bind("fid", FidelityMetrics::fid)
            .bind("kid", FidelityMetrics::kid)
            .bind("precision", p -> prdcResult(p, "precision", p.prdc().precision()))
            .bind("recall", p -> prdcResult(p, "recall", p.prdc().recall()))
            .bind("density", p -> prdcResult(p, "density", p.prdc().density()))
            .bind("coverage", p -> prdcResult(p, "coverage", p.prdc().coverage()))
            .bind("fid_per_label", p -> perLabelResult(p, "fid_per_label"))
            .bind("kid_per_label", p -> perLabelResult(p, "kid_per_label"))
            .bind("fid_inf", FidInfinity::result)
            .bind("cmmd", FidelityMetrics::cmmd)
            .bind("frd", FidelityMetrics::frd)
            .build();

    /** The bound functions (tests check the binding against the registry). */
    public static MetricFunctions<?> functions() {
        return FUNCTIONS;
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
        boolean prdc = FUNCTIONS.needs(global(o.metrics())).contains("knn_radii");
        if (prdc && (real.n() <= o.k() || synthetic.n() <= o.k())) {
            throw new BadInputException("precision/recall/density/coverage with k=" + o.k() + " need more than k rows "
                    + "per set (real " + real.n() + ", synthetic " + synthetic.n() + "); lower --k or add images");
        }
    }

    /** The requested ids that are not per label. */
    static List<String> global(Set<String> metrics) {
        return metrics.stream().filter(m -> !Metrics.get(m).perLabel()).toList();
    }

    public static Map<String, MetricResult> compute(Features real, Features synthetic, Options o) {
        return compute(SetStats.of(real), SetStats.of(synthetic), o, 1);
    }

    /**
     * The requested non-per-label metrics, in registry order, over shared statistics contexts. Only what the
     * requested metrics need is computed (the union of their {@code needs}), once; with {@code threads >= 2} the two
     * covariances are computed in parallel (the numbers do not change).
     */
    public static Map<String, MetricResult> compute(SetStats real, SetStats synthetic, Options o, int threads) {
        validate(real.features(), synthetic.features(), o);
        List<String> ids = global(o.metrics());
        Pair p = new Pair(real, synthetic, o).prepare(FUNCTIONS.needs(ids), threads);
        return FUNCTIONS.compute(ids, p, null);
    }

    static MetricResult fid(Pair p) {
        Options o = p.o;
        Fid.Result f = Fid.compute(p.real.gaussian(), p.synthetic.gaussian(), o.fidRoute());
        Bootstrap boot = o.bootstrap() == 0 ? null : Bootstrap.fid(p.r(), p.s(), o.bootstrap(), o.seed(), f.value(),
                o.fidRoute());
        List<String> warnings = new ArrayList<>(f.warnings());
        MetricDetails det = MetricDetails.builder().d(p.r().d()).meanTerm(f.meanTerm())
                .traceTerm(f.trace1() + f.trace2() - 2 * f.traceSqrt()).rankReal(f.rank1()).rankSynthetic(f.rank2())
                .clippedNegativeEigenvalueMass(f.clippedNegativeMass()).epsOffsetUsed(f.epsOffsetUsed()).build();
        if (boot != null) {
            det = boot.describe(det);
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
        Bootstrap boot = o.bootstrap() == 0 ? null : Bootstrap.kid(p.r(), p.s(), o.bootstrap(), o.seed(), o.kidRule(),
                m, o.kidSubsets(), k.mean());
        MetricDetails det = MetricDetails.builder().subsets(k.numSubsets()).subsetSize(k.subsetSize()).build();
        if (boot != null) {
            det = boot.describe(det);
        }
        return p.result("kid", k.mean(), boot == null ? null : boot.basic(), k.std(), warnings, det);
    }

    static MetricResult prdcResult(Pair p, String id, double value) {
        MetricDetails det = MetricDetails.builder().k(p.o.k()).convention(p.o.prdcConvention()).build();
        Bootstrap boot = p.prdcIntervals() == null ? null : p.prdcIntervals().get(id);
        if (boot != null) {
            det = boot.describe(det);
        }
        return p.result(id, value, boot == null ? null : boot.basic(), null, List.of(), det);
    }

    static MetricResult cmmd(Pair p) {
        MetricDetails det = MetricDetails.builder().sigma(Cmmd.SIGMA).scale(Cmmd.SCALE)
                .estimator("biased (V-statistic), as the authors' implementation").build();
        return p.result("cmmd", Cmmd.compute(p.r(), p.s(), Cmmd.SIGMA), null, null, List.of(), det);
    }

    static MetricResult frd(Pair p) {
        Frd.Result r = Frd.compute(p.r(), p.s());
        MetricDetails det = MetricDetails.builder().frechetDistance(r.frechetDistance()).featuresUsed(r.featuresUsed())
                .featuresDroppedConstant(r.featuresDropped()).build();
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
        List<String> ids = o.metrics().stream().filter(m -> Metrics.get(m).perLabel()).toList();
        if (ids.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Pair p = new Pair(SetStats.of(real), SetStats.of(synthetic), o, realLabels, syntheticLabels, labelKeys)
                .prepare(FUNCTIONS.needs(ids), 1);
        return FUNCTIONS.compute(ids, p, null);
    }

    /** One per-label metric (fid_per_label or kid_per_label) over the context's label rows. */
    static MetricResult perLabelResult(Pair p, String id) {
        Options o = p.o;
        boolean fid = id.equals("fid_per_label");
        Map<String, MetricResult.LabelValue> values = new LinkedHashMap<>();
        List<String> unreliable = new ArrayList<>();
        for (LabelRows lr : p.labelRows()) {
            int[] ir = lr.real();
            int[] is = lr.synthetic();
            if (!lr.reliable()) {
                unreliable.add(lr.key());
            }
            Double v = null;
            if (ir.length >= 2 && is.length >= 2) {
                Features r = p.r().rows(ir);
                Features sy = p.s().rows(is);
                if (fid) {
                    v = Fid.compute(GaussianStats.of(r), GaussianStats.of(sy), o.fidRoute()).value();
                } else {
                    int m = Math.min(o.kidSubsetSize(), Math.min(ir.length, is.length));
                    v = Kid.compute(r, sy, Kid.subsets(o.kidRule(), ir.length, is.length, m, o.kidSubsets(), o.seed())).mean();
                }
            }
            values.put(lr.key(), new MetricResult.LabelValue(v, ir.length, is.length, lr.reliable()));
        }
        List<String> warnings = unreliable.isEmpty() ? List.of() : List.of("unreliable (fewer than "
                + o.minLabelCount() + " images on a side): " + String.join(", ", unreliable));
        MetricDetails det = MetricDetails.builder().unreliable(unreliable)
                .note("labels below min_label_count on either side are unreliable (FID is biased and "
                        + "rank-deficient at small N); labels with fewer than 2 images have a null value").build();
        return new MetricResult(id, Double.NaN, null, null, p.counts(), values, warnings,
                MetricParams.perLabel(o.minLabelCount()), det);
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
