package org.cxrbench.run;

import org.cxrbench.fidelity.FidelityJob;
import org.cxrbench.fidelity.StatsCache;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.Runner;
import org.cxrbench.pipeline.StageCache;
import org.cxrbench.privacy.PrivacyJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.SetStats;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.cxrbench.privacy.ReidScore;
import org.cxrbench.privacy.ReidVerifier;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The metric stages of a config run against one real training set: fidelity and privacy per generator, and the
 * real-vs-real noise floor. The real side's statistics (one {@link SetStats}, one {@link PrivacyMetrics.Reference},
 * one re-id verifier) are made on first use and shared by every generator; a fully cached run makes none of them.
 */
final class ConfigMetrics {
    private final RunConfig cfg;
    private final ConfigData.Encoded train;
    private final ConfigData.Encoded holdout;
    private final StageCache stages;
    private final RunContext ctx;
    private final Supplier<SetStats> realStats;
    private final Supplier<PrivacyMetrics.Reference> reference;
    private final Supplier<PrivacyMetrics.Reference> referenceNoHoldout;
    private final Supplier<ConfigData.Encoded> reidTrain;
    private final Supplier<ReidVerifier> verifier;

    ConfigMetrics(RunConfig cfg, ConfigData.Encoded train, ConfigData.Encoded holdout, StageCache stages, RunContext ctx) {
        this.cfg = cfg;
        this.train = train;
        this.holdout = holdout;
        this.stages = stages;
        this.ctx = ctx;
        this.realStats = memo(() -> StatsCache.of(new Inputs.Loaded(train.features(), train.source().hash(), train.encoder(),
                train.source().manifest(), null), ctx));
        this.reference = memo(() -> new PrivacyMetrics.Reference(train.features(), holdout == null ? null : holdout.features(),
                ctx.clusterKernels()));
        this.referenceNoHoldout = memo(() -> new PrivacyMetrics.Reference(train.features(), null, ctx.clusterKernels()));
        this.reidTrain = memo(() -> reidFeatures(train));
        this.verifier = memo(() -> ReidVerifier.fit(reidTrain.get().features(), train.patients(), cfg.seed()));
    }

    static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T v;
            private boolean done;

            @Override public synchronized T get() {
                if (!done) {
                    v = s.get();
                    done = true;
                }
                return v;
            }
        };
    }

    FidelityMetrics.Options options(int nSynthetic) {
        RunConfig.Fidelity f = cfg.fidelity();
        int subset = Math.min(f.kidSubsetSize(), Math.min(train.features().n(), nSynthetic));
        return new FidelityMetrics.Options(f.metrics(), f.k(), f.kidSubsets(), subset, f.bootstrap(), cfg.seed(),
                Fid.Route.parse(f.fidRoute()), f.prdcInclusive(), "lcg", f.minLabelCount());
    }

    private Set<String> global() {
        Set<String> g = new LinkedHashSet<>(cfg.fidelity().metrics());
        g.removeAll(FidelityMetrics.PER_LABEL);
        return g;
    }

    private Set<String> perLabel() {
        Set<String> p = new LinkedHashSet<>(cfg.fidelity().metrics());
        p.retainAll(FidelityMetrics.PER_LABEL);
        return p;
    }

    private Map<String, Object> fidelitySettings(FidelityMetrics.Options o) {
        Map<String, Object> s = new LinkedHashMap<>(o.params());
        s.put("metrics", String.join(",", cfg.fidelity().metrics()));
        s.put("seed", cfg.seed());
        return s;
    }

    private Map<String, Object> privacySettings() {
        RunConfig.Privacy p = cfg.privacy();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("metrics", String.join(",", p.metrics()));
        s.put("memorization_quantile", p.memorizationQuantile());
        s.put("carlini_n", p.carliniN());
        s.put("reid_encoder", p.reidEncoder());
        s.put("reid_threshold", p.reidThreshold());
        s.put("seed", cfg.seed());
        return s;
    }

    /** Fidelity of one generator against the real training set (a cached stage). */
    Evaluation fidelity(String name, ConfigData.Encoded syn) {
        FidelityMetrics.Options o = options(syn.features().n());
        byte[][] rl = train.labels();
        byte[][] sl = syn.labels();
        String key = Runner.key("fidelity", fidelitySettings(o), Map.of("real", train.key(), "synthetic", syn.key(),
                "real_labels", ConfigData.labelsHash(rl), "synthetic_labels", ConfigData.labelsHash(sl)));
        return stages.evaluation("fidelity", name, key, () -> {
            Map<String, MetricResult> m = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            Set<String> g = global();
            if (!g.isEmpty()) {
                m.putAll(FidelityMetrics.compute(realStats.get(), SetStats.of(syn.features(), ctx.clusterKernels()), o.withMetrics(g), ctx.threads()));
            }
            if (!perLabel().isEmpty()) {
                if (rl == null || sl == null) {
                    warnings.add("no per-label metrics: they need labels for both the real and the synthetic set");
                } else {
                    m.putAll(FidelityMetrics.perLabel(train.features(), rl, syn.features(), sl, o.withMetrics(perLabel()),
                            FidelityJob.LABEL_KEYS));
                }
            }
            return Evaluation.single(m, null, warnings, Map.of(), StageCache.stageProvenance("fidelity", key));
        });
    }

    /** Privacy of one generator against the real training set (and holdout): a cached stage. */
    Evaluation privacy(String name, ConfigData.Encoded syn) {
        boolean reid = cfg.privacy().metrics().contains("reid_score") && train.patients() != null
                && syn.source().manifest() != null;
        ConfigData.Encoded reidSyn = reid ? reidFeatures(syn) : null;
        Map<String, String> in = new LinkedHashMap<>();
        in.put("train", train.key());
        in.put("synthetic", syn.key());
        in.put("holdout", holdout == null ? "none" : holdout.key());
        in.put("reid_synthetic", reid ? reidSyn.key() : "none");
        in.put("outputs", "closest_pairs:" + org.cxrbench.report.ClosestPairs.IN_RESULTS);
        String key = Runner.key("privacy", privacySettings(), in);
        return stages.evaluation("privacy", name, key, () -> {
            PrivacyMetrics.Result pr = PrivacyMetrics.compute(reference.get(), syn.features(), privacyOptions(), want());
            ReidScore.Result re = reid ? ReidScore.score(verifier.get(), reidTrain.get().features(), reidSyn.features(), pr,
                    cfg.privacy().reidThreshold()) : ReidScore.Result.none();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("reid_verifier_auc", re.description().get("validation_auc"));
            extra.put("privacy_summary", pr.summary());
            extra.put("histogram_dcr", org.cxrbench.stats.Histogram.of(pr.dcr(), 20));
            if (pr.dcrHoldout() != null) {
                extra.put("histogram_dcr_holdout", org.cxrbench.stats.Histogram.of(pr.dcrHoldout(), 20));
            }
            if (train.source().manifest() != null && syn.source().manifest() != null) {
                extra.put("closest_pairs", org.cxrbench.report.ClosestPairs.toJson(org.cxrbench.report.ClosestPairs.closest(
                        pr, train.source().manifest(), syn.source().manifest(), org.cxrbench.report.ClosestPairs.IN_RESULTS)));
            }
            return Evaluation.single(wanted(DemoJob.privacyResults(pr, re, train.features().n(), syn.features().n())),
                    null, warnings(reid), extra, StageCache.stageProvenance("privacy", key));
        });
    }

    /**
     * Real holdout vs real train, fidelity and privacy, scored exactly like a generator's set (with the same bootstrap
     * CIs) so a generator's value can be read against it; how comparable the holdout is, is said by {@link #floorMethod}.
     */
    Evaluation noiseFloor() {
        if (holdout == null) {
            return null;
        }
        FidelityMetrics.Options o = options(holdout.features().n());
        boolean reid = cfg.privacy().metrics().contains("reid_score") && train.patients() != null
                && holdout.source().manifest() != null;
        ConfigData.Encoded reidHold = reid ? reidFeatures(holdout) : null;
        Map<String, Object> s = fidelitySettings(o);
        s.putAll(privacySettings());
        Map<String, String> in = new LinkedHashMap<>();
        in.put("train", train.key());
        in.put("holdout", holdout.key());
        in.put("real_labels", ConfigData.labelsHash(train.labels()));
        in.put("holdout_labels", ConfigData.labelsHash(holdout.labels()));
        in.put("reid_holdout", reid ? reidHold.key() : "none");
        String key = Runner.key("noise-floor", s, in);
        return stages.evaluation("noise-floor", "holdout", key, () -> {
            Map<String, MetricResult> m = new LinkedHashMap<>();
            if (!global().isEmpty()) {
                m.putAll(FidelityMetrics.compute(realStats.get(), SetStats.of(holdout.features()), o.withMetrics(global()), ctx.threads()));
            }
            if (!perLabel().isEmpty() && train.labels() != null && holdout.labels() != null) {
                m.putAll(FidelityMetrics.perLabel(train.features(), train.labels(), holdout.features(), holdout.labels(),
                        o.withMetrics(perLabel()), FidelityJob.LABEL_KEYS));
            }
            PrivacyMetrics.Result pr = PrivacyMetrics.compute(referenceNoHoldout.get(), holdout.features(), privacyOptions(), want());
            ReidScore.Result re = reid ? ReidScore.score(verifier.get(), reidTrain.get().features(), reidHold.features(), pr,
                    cfg.privacy().reidThreshold()) : ReidScore.Result.none();
            m.putAll(wanted(DemoJob.privacyResults(pr, re, train.features().n(), holdout.features().n())));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("noise_floor_reid_verifier_auc", re.description().get("validation_auc"));
            return Evaluation.single(m, null, List.of(), extra, StageCache.stageProvenance("noise-floor", key));
        });
    }

    /**
     * How the floor was drawn, from the data themselves: N and patient structure of both sets, whether they share
     * patients, whether the holdout has the training set's label mix, and the CI settings.
     */
    String floorMethod() {
        int boot = cfg.fidelity().bootstrap();
        return String.format(Locale.ROOT, "real holdout vs real train, scored exactly like each generator's set against"
                + " the same training set: %s, against %s; %s; %s; %s", structure(holdout), structure(train),
                disjoint(), labelMix(), boot == 0 ? "no CIs (bootstrap: 0)"
                : "95% CIs from " + boot + " bootstrap resamples of both sets, as for the generators");
    }

    private static String structure(ConfigData.Encoded e) {
        String[] p = e.patients();
        if (p == null) {
            return e.features().n() + " images (no patient ids)";
        }
        long np = java.util.Arrays.stream(p).distinct().count();
        return String.format(Locale.ROOT, "%d images of %d patients (%.2f studies per patient)", e.features().n(), np,
                e.features().n() / (double) np);
    }

    private String disjoint() {
        String[] t = train.patients();
        String[] h = holdout.patients();
        if (t == null || h == null) {
            return "patient overlap unknown (no patient ids)";
        }
        Set<String> ts = Set.of(java.util.Arrays.stream(t).distinct().toArray(String[]::new));
        long shared = java.util.Arrays.stream(h).distinct().filter(ts::contains).count();
        return shared == 0 ? "patient-disjoint" : shared + " patients in both sets";
    }

    /** "the training set's label mix exactly", or the largest prevalence gap of an independently drawn mix. */
    private String labelMix() {
        byte[][] t = train.labels();
        byte[][] h = holdout.labels();
        if (t == null || h == null) {
            return "label mix not compared (labels missing)";
        }
        java.util.Comparator<byte[]> cmp = java.util.Arrays::compare;
        List<byte[]> ts = new ArrayList<>(List.of(t));
        List<byte[]> hs = new ArrayList<>(List.of(h));
        ts.sort(cmp);
        hs.sort(cmp);
        if (ts.size() == hs.size() && java.util.stream.IntStream.range(0, ts.size())
                .allMatch(i -> java.util.Arrays.equals(ts.get(i), hs.get(i)))) {
            return "with exactly the training set's label mix (the one the generators are prompted with)";
        }
        double worst = -1;
        String which = "";
        for (int c = 0; c < FidelityJob.LABEL_KEYS.size(); c++) {
            double gap = Math.abs(prevalence(t, c) - prevalence(h, c));
            if (gap > worst) {
                worst = gap;
                which = FidelityJob.LABEL_KEYS.get(c);
            }
        }
        return String.format(Locale.ROOT, "its label mix is its own, not the training set's the generators are prompted"
                + " with (largest prevalence gap %.1f points, %s), which raises the floor's FID", 100 * worst, which);
    }

    private static double prevalence(byte[][] l, int c) {
        long pos = java.util.Arrays.stream(l).filter(r -> c < r.length && r[c] == org.cxrbench.data.Labels.POSITIVE).count();
        return pos / (double) l.length;
    }

    private ConfigData.Encoded reidFeatures(ConfigData.Encoded e) {
        return ConfigData.encode(e.source(), cfg.privacy().reidEncoder(), e.source().role() + " (re-id)", stages, ctx);
    }

    private PrivacyMetrics.Options privacyOptions() {
        PrivacyMetrics.Options d = PrivacyMetrics.Options.defaults();
        return new PrivacyMetrics.Options(cfg.privacy().memorizationQuantile(), cfg.privacy().carliniN(), d.carliniAlpha());
    }

    /** null (everything, incl. the Carlini diagnostic) when every privacy key is asked for. */
    private Set<String> want() {
        return cfg.privacy().metrics().containsAll(PrivacyJob.KEYS) ? null : cfg.privacy().metrics();
    }

    private Map<String, MetricResult> wanted(Map<String, MetricResult> all) {
        Map<String, MetricResult> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (cfg.privacy().metrics().contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private List<String> warnings(boolean reid) {
        if (!reid && cfg.privacy().metrics().contains("reid_score")) {
            return List.of("no reid_score: it needs image inputs and a training manifest with patient ids");
        }
        return List.of();
    }

    Provenance.Builder settings(Provenance.Builder p) {
        options(train.features().n()).params().forEach(p::setting);
        privacySettings().forEach(p::setting);
        return p;
    }

    Features trainFeatures() {
        return train.features();
    }
}
