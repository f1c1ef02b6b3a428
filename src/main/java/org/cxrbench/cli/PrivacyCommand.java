package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.privacy.PrivacyJob;
import org.cxrbench.privacy.PrivacyMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "privacy", header = "Nearest-neighbour privacy: DCR, memorised copies, identifiability, re-identification.", mixinStandardHelpOptions = true,
        description = {"Nearest-neighbour privacy checks of every synthetic image against the real training set:",
                "distance to closest record, NNDR, exact and memorised copies (threshold calibrated on --holdout),",
                "Carlini ratio, identifiability, holdout share, patient re-identification."})
public final class PrivacyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;
    @Mixin EncoderOptions encoding;
    @Mixin EngineOptions engine;

    @Option(names = "--train", required = true, paramLabel = "T", description = "The generator's real training images: a feature file, an image folder or a manifest (M.csv#split).") Path train;
    @Option(names = "--synthetic", required = true, paramLabel = "S", description = "Synthetic images, in the same forms as --train.") Path synthetic;
    @Option(names = "--holdout", paramLabel = "H", description = "Real images the generator never saw (calibrates 'memorised').") Path holdout;
    @Option(names = "--train-split", paramLabel = "NAME", description = "Use only this split of the --train manifest (also: --train M.csv#NAME).") String trainSplit;
    @Option(names = "--synthetic-split", paramLabel = "NAME", description = "Use only this split of the --synthetic manifest.") String syntheticSplit;
    @Option(names = "--holdout-split", paramLabel = "NAME", description = "Use only this split of the --holdout manifest.") String holdoutSplit;
    @Option(names = "--metrics", paramLabel = "LIST", completionCandidates = MetricKeys.Privacy.class,
            description = "Comma list of: ${COMPLETION-CANDIDATES} (default: all the inputs allow).")
    String metrics;
    @Option(names = "--memorization-quantile", defaultValue = "0.001", paramLabel = "Q", description = "Memorised: a synthetic image closer to its nearest training image than the holdout's Q quantile of that distance (0.001: closer than 99.9%% of holdout images). Default: ${DEFAULT-VALUE}.")
    double quantile;
    @Option(names = "--reid-threshold", defaultValue = "0.9", description = "Re-ID probability counted as a likely re-identification. Default: ${DEFAULT-VALUE}.")
    double reidThreshold;
    @Option(names = "--reid-encoder", paramLabel = "E", description = "Embeddings for the same-patient verifier (e.g. a Siamese network's embedding branch as model.onnx/model.pt with --reid-preset); default: the DCR features.")
    String reidEncoder;
    @Option(names = "--reid-preset", paramLabel = "P", description = "Preset of --reid-encoder.") String reidPreset;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (bootstrap, subsampling). Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--json", paramLabel = "FILE", description = CommonOptions.JSON_HELP) Path json;
    @Option(names = "--per-sample", paramLabel = "FILE.csv", description = "Per synthetic image: nearest training index, DCR, NNDR, memorised.") Path perSample;
    @Option(names = "--contact-sheet", paramLabel = "FILE.png", description = "Closest synthetic/training pairs side by side (image inputs).")
    Path contactSheet;

    @Override
    public Integer call() {
        encoding.refuseWithFeatureFiles(train, synthetic, holdout);
        return engine.run(common.log(), this::runJob);
    }

    private Integer runJob(org.cxrbench.pipeline.Engine e) {
        if (!(quantile > 0 && quantile < 1)) {
            throw new org.cxrbench.common.BadInputException("--memorization-quantile " + quantile + ": give a value in (0, 1)");
        }
        org.cxrbench.pipeline.RunContext ctx = common.context(caching.featureCache()).withEngine(e);
        PrivacyJob.Outcome o = org.cxrbench.pipeline.StageCache.throwAway(ctx).run(new PrivacyJob.AsStage(new PrivacyJob.Request(CommonOptions.withSplit(train, trainSplit),
                CommonOptions.withSplit(synthetic, syntheticSplit), CommonOptions.withSplit(holdout, holdoutSplit), encoding.spec(),
                metrics == null ? null : org.cxrbench.common.Metrics.parse(metrics, org.cxrbench.common.Family.PRIVACY),
                new PrivacyMetrics.Options(quantile, 50, 0.5), reidThreshold, seed, json, perSample, contactSheet,
                reidEncoder == null ? null : org.cxrbench.encode.Encoders.spec(reidEncoder, reidPreset),
                CommonOptions.commandLine(spec))));
        org.cxrbench.run.PrivacyOutputs.write(o, perSample, contactSheet, ctx);
        return Main.OK;
    }
}
