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

    public static final List<String> ALL = List.of("fid", "kid", "precision", "recall", "density", "coverage");

    public record Options(Set<String> metrics, int k, int kidSubsets, int kidSubsetSize, int bootstrap, long seed,
                          Fid.Route fidRoute, boolean prdcInclusive) {
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

        public static Options defaults() {
            return new Options(new LinkedHashSet<>(ALL), 5, 100, 1000, 0, 0, Fid.Route.SYMMETRIC, false);
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
            Kid.Result k = Kid.compute(real, synthetic, Kid.lcgSubsets(real.n(), synthetic.n(), m, o.kidSubsets(), o.seed()));
            Boot boot = o.bootstrap() == 0 ? null : bootstrap(real, synthetic, o.bootstrap(), o.seed(), k.mean(),
                    (pair) -> Kid.compute(pair[0], pair[1],
                            Kid.lcgSubsets(pair[0].n(), pair[1].n(), m, o.kidSubsets(), o.seed())).mean());
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("std", k.std());
            det.put("subsets", k.numSubsets());
            det.put("subset_size", k.subsetSize());
            det.put("subset_rule", "lcg");
            det.put("n_real", real.n());
            det.put("n_synthetic", synthetic.n());
            if (boot != null) {
                boot.describe(det, k.mean(), warnings, "KID");
            }
            det.put("warnings", warnings);
            out.put("kid", new MetricValue(k.mean(), boot == null ? null : boot.basic(), det));
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
        double mean = 0;
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
            mean += v[r] / b;
        }
        double lo = Percentiles.linear(v, 0.025);
        double hi = Percentiles.linear(v, 0.975);
        return new Boot(new double[] {2 * estimate - hi, 2 * estimate - lo}, new double[] {lo, hi}, mean - estimate, b);
    }
}
