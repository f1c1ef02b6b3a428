package org.cxrbench.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.Stage;
import org.cxrbench.pipeline.StageCache;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.common.ClosestPair;
import org.cxrbench.common.Histogram;
import org.cxrbench.common.ReidSummary;
import org.cxrbench.common.ResultBlocks;

/**
 * The privacy family's stages of a config run against one real training set (and holdout): a generator's privacy
 * stage and the floor's privacy part. The real side (one {@link PrivacyMetrics.Reference}, one re-id verifier) is
 * made on first use and shared by every generator. The closest pairs a run's results carry are drawn by the caller
 * ({@link ClosestPairsOutput}): rendering is not this family's job.
 */
public final class PrivacyStages {
    /**
     * How the caller draws the closest pairs into a stage's results; {@code key} names the drawing (part of the stage
     * key: another drawing is another result).
     */
    public record ClosestPairsOutput(String key, Draw draw) {
        @FunctionalInterface
        public interface Draw {
            List<ClosestPair> closestPairs(PrivacyMetrics.Result r, Manifest train, Manifest synthetic);
        }
    }

    private final RunConfig cfg;
    private final ConfigData.Encoded train;
    private final ConfigData.Encoded holdout;
    private final StageCache stages;
    private final RunContext ctx;
    private final ClosestPairsOutput pairs;
    private final Supplier<PrivacyMetrics.Reference> reference;
    private final Supplier<PrivacyMetrics.Reference> referenceNoHoldout;
    private final Supplier<ConfigData.Encoded> reidTrain;
    private final Supplier<ReidVerifier> verifier;

    public PrivacyStages(RunConfig cfg, ConfigData.Encoded train, ConfigData.Encoded holdout, StageCache stages,
                         RunContext ctx, ClosestPairsOutput pairs) {
        this.cfg = cfg;
        this.train = train;
        this.holdout = holdout;
        this.stages = stages;
        this.ctx = ctx;
        this.pairs = pairs;
        this.reference = org.cxrbench.pipeline.Memo.of(() -> new PrivacyMetrics.Reference(train.features(),
                holdout == null ? null : holdout.features(), ctx.clusterKernels()));
        this.referenceNoHoldout = org.cxrbench.pipeline.Memo.of(() -> new PrivacyMetrics.Reference(
                train.features(), null, ctx.clusterKernels()));
        this.reidTrain = org.cxrbench.pipeline.Memo.of(() -> reidFeatures(train));
        this.verifier = org.cxrbench.pipeline.Memo.of(() -> ReidVerifier.fit(reidTrain.get().features(),
                train.patients(), cfg.seed()));
    }

    /** The stage settings of the privacy metrics (the privacy stage's key; part of the noise floor's). */
    public PrivacySettings keySettings() {
        RunConfig.Privacy p = cfg.privacy();
        return new PrivacySettings(String.join(",", p.metrics()), p.memorizationQuantile(), p.carliniN(), p.reidEncoder(),
                p.reidThreshold(), cfg.seed(), null);
    }

    /** Whether re-identification can be scored for this set (asked for, patient ids known, images given). */
    public boolean reid(ConfigData.Encoded set) {
        return cfg.privacy().metrics().contains("reid_score") && train.patients() != null && set.source().manifest() != null;
    }

    /** The set's re-id features (the re-id encoder's encode stage). */
    public ConfigData.Encoded reidFeatures(ConfigData.Encoded e) {
        return ConfigData.encode(e.source(), cfg.privacy().reidEncoder(), e.source().role() + " (re-id)", stages, ctx);
    }

    /** Privacy of one generator against the real training set (and holdout): a cached stage. */
    public Evaluation privacy(String name, ConfigData.Encoded syn) {
        boolean reid = reid(syn);
        ConfigData.Encoded reidSyn = reid ? reidFeatures(syn) : null;
        Map<String, String> in = new LinkedHashMap<>();
        in.put("train", train.key());
        in.put("synthetic", syn.key());
        in.put("holdout", holdout == null ? "none" : holdout.key());
        in.put("reid_synthetic", reid ? reidSyn.key() : "none");
        in.put("outputs", "closest_pairs:" + pairs.key());
        return stages.run(Stage.of("privacy", name, keySettings(), in, StageCache.EVALUATION, (c, key) -> {
            PrivacyMetrics.Result pr = PrivacyMetrics.compute(reference.get(), syn.features(), options(), want());
            ReidScore.Result re = reid ? ReidScore.score(verifier.get(), reidTrain.get().features(), reidSyn.features(), pr,
                    cfg.privacy().reidThreshold()) : ReidScore.Result.none();
            ResultBlocks blocks = ResultBlocks.builder()
                    .reidVerifier(ReidSummary.auc(re.description().validationAuc()))
                    .privacySummary(pr.stats())
                    .dcr(Histogram.of(pr.dcr(), 20))
                    .dcrHoldout(pr.dcrHoldout() == null ? null : Histogram.of(pr.dcrHoldout(), 20))
                    .closestPairs(train.source().manifest() == null || syn.source().manifest() == null ? null
                            : pairs.draw().closestPairs(pr, train.source().manifest(), syn.source().manifest()))
                    .build();
            return Evaluation.single(wanted(results(pr, re, train.features().n(), syn.features().n())), null,
                    warnings(reid), blocks, StageCache.stageProvenance("privacy", key));
        }));
    }

    /**
     * The floor's privacy part: real rows (not in training) scored against the training set like a generator's set,
     * without the holdout reference; returns the metrics and the floor's re-id verifier AUC (its {@code noiseFloorReidVerifier} block).
     *
     * @param reidRows the rows' re-id features, or null when re-id is not scored
     */
    public Evaluation floor(Features rows, Features reidRows) {
        PrivacyMetrics.Result pr = PrivacyMetrics.compute(referenceNoHoldout.get(), rows, options(), want());
        ReidScore.Result re = reidRows != null ? ReidScore.score(verifier.get(), reidTrain.get().features(), reidRows, pr,
                cfg.privacy().reidThreshold()) : ReidScore.Result.none();
        ResultBlocks blocks = ResultBlocks.builder()
                .noiseFloorReidVerifier(ReidSummary.auc(re.description().validationAuc())).build();
        return Evaluation.single(wanted(results(pr, re, train.features().n(), rows.n())), null, List.of(), blocks,
                null);
    }

    /** The registry's privacy keys present in a summary (and the re-id score), with the two sets' sizes. */
    public static Map<String, MetricResult> results(PrivacyMetrics.Result r, ReidScore.Result reid, long nTrain,
                                                    long nSyn) {
        return PrivacyMetrics.results(r, reid.score(), nTrain, nSyn, PrivacyJob.KEYS, null);
    }

    private PrivacyMetrics.Options options() {
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
}
