package org.cxrbench.fidelity;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.ParallelKernels;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.Memo;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.Stage;
import org.cxrbench.pipeline.StageCache;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The fidelity family's stages against one real training set: one measurement ({@link #measure}) that the
 * {@code fidelity} command, a config run's per-generator stage and the real-vs-real noise floor all use, so the
 * three give the same numbers for the same inputs and settings (bootstrap CIs, FID-inf and KID's subset rule
 * included). The real side's statistics are made on first use and shared; a fully cached run makes none.
 */
public final class FidelityStages {
    private final RunConfig cfg;
    private final ConfigData.Encoded train;
    private final StageCache stages;
    private final RunContext ctx;
    private final Supplier<SetStats> realStats;

    public FidelityStages(RunConfig cfg, ConfigData.Encoded train, StageCache stages, RunContext ctx) {
        this.cfg = cfg;
        this.train = train;
        this.stages = stages;
        this.ctx = ctx;
        this.realStats = Memo.of(() -> StatsCache.of(new Inputs.Loaded(train.features(), train.source().hash(), train.encoder(),
                train.source().manifest(), null), ctx));
    }

    /** The config's options for a set of {@code nSynthetic} rows against the training set. */
    public FidelityMetrics.Options options(int nSynthetic) {
        RunConfig.Fidelity f = cfg.fidelity();
        return forSizes(new FidelityMetrics.Options(f.metrics(), f.k(), f.kidSubsets(), f.kidSubsetSize(), f.bootstrap(),
                cfg.seed(), Fid.Route.parse(f.fidRoute()), f.prdcInclusive(), f.kidSubsetRule(), f.minLabelCount()),
                train.features().n(), nSynthetic);
    }

    /** KID's subset size as used: at most the smaller set's size (recorded in the params; 2 at least, else KID says why). */
    public static FidelityMetrics.Options forSizes(FidelityMetrics.Options o, int nReal, int nSynthetic) {
        int subset = Math.min(o.kidSubsetSize(), Math.min(nReal, nSynthetic));
        return new FidelityMetrics.Options(o.metrics(), o.k(), o.kidSubsets(), Math.max(2, subset), o.bootstrap(), o.seed(),
                o.fidRoute(), o.prdcInclusive(), o.kidRule(), o.minLabelCount());
    }

    /** The stage settings of the fidelity metrics (part of every fidelity and floor key). */
    public FidelitySettings settings(FidelityMetrics.Options o) {
        return FidelitySettings.config(o.params(), String.join(",", cfg.fidelity().metrics()), cfg.seed());
    }

    /** Fidelity of one generator against the real training set (a cached stage). */
    public Evaluation fidelity(String name, ConfigData.Encoded syn) {
        byte[][] sl = syn.labels();
        return measured(name, syn.features(), sl, Map.of("real", train.key(), "synthetic", syn.key(), "real_labels",
                ConfigData.labelsHash(train.labels()), "synthetic_labels", ConfigData.labelsHash(sl)));
    }

    /**
     * Fidelity of {@code rows} of one generator's set against the real training set, measured exactly like the whole
     * set (the options of {@code rows.length} rows; a cached stage): the generator at a smaller floor's N.
     */
    public Evaluation fidelityOfRows(String name, ConfigData.Encoded syn, int[] rows) {
        byte[][] sl = org.cxrbench.data.Labels.rows(syn.labels(), rows);
        return measured(name + "@" + rows.length, syn.features().rows(rows), sl, Map.of("real", train.key(),
                "synthetic", syn.key(), "synthetic_rows", org.cxrbench.common.Hashing.ofString(java.util.Arrays.toString(rows)),
                "real_labels", ConfigData.labelsHash(train.labels()), "synthetic_labels", ConfigData.labelsHash(sl)));
    }

    /** The cached stage "fidelity[label]": {@link #measure} of {@code x} against the training set, keyed by inputs. */
    private Evaluation measured(String label, Features x, byte[][] labels, Map<String, String> inputs) {
        FidelityMetrics.Options o = options(x.n());
        byte[][] rl = train.labels();
        return stages.run(Stage.of("fidelity", label, settings(o), inputs, StageCache.EVALUATION, (c, key) -> {
            List<String> warnings = new java.util.ArrayList<>();
            Map<String, MetricResult> m = measure(realStats.get(), train.features(), rl, x, labels, o, ctx.threads(),
                    ctx.clusterKernels(), warnings);
            return Evaluation.single(m, null, warnings, org.cxrbench.common.ResultBlocks.NONE,
                    StageCache.stageProvenance("fidelity", key));
        }));
    }

    /** The floor's fidelity part: {@code rows} of the holdout (all when null) measured exactly like a generator. */
    public Map<String, MetricResult> floor(Features holdout, byte[][] holdoutLabels) {
        return measure(realStats.get(), train.features(), train.labels(), holdout, holdoutLabels,
                options(holdout.n()), ctx.threads(), null, null);
    }

    /**
     * The one fidelity measurement: the metrics on the given features (all but the per-label ones) against the real
     * set's statistics, and the per-label metrics when both sets have labels. (The command measures FRD apart, on
     * radiomics features; a config run measures every metric on the run's features.)
     *
     * @param warnings where a missing per-label input is said; null: skip per-label metrics silently when labels lack
     */
    public static Map<String, MetricResult> measure(SetStats real, Features realFeatures, byte[][] realLabels,
                                                    Features synthetic, byte[][] syntheticLabels, FidelityMetrics.Options o,
                                                    int threads, ParallelKernels kernels, List<String> warnings) {
        Set<String> global = new LinkedHashSet<>(o.metrics());
        global.removeAll(FidelityMetrics.PER_LABEL);
        Set<String> perLabel = new LinkedHashSet<>(o.metrics());
        perLabel.retainAll(FidelityMetrics.PER_LABEL);
        Map<String, MetricResult> m = new LinkedHashMap<>();
        if (!global.isEmpty()) {
            m.putAll(FidelityMetrics.compute(real, SetStats.of(synthetic, kernels), o.withMetrics(global), threads));
        }
        if (!perLabel.isEmpty()) {
            if (realLabels == null || syntheticLabels == null) {
                if (warnings != null) {
                    warnings.add("no per-label metrics: they need labels for both the real and the synthetic set");
                }
            } else {
                m.putAll(FidelityMetrics.perLabel(realFeatures, realLabels, synthetic, syntheticLabels,
                        o.withMetrics(perLabel), FidelityJob.LABEL_KEYS));
            }
        }
        return m;
    }
}
