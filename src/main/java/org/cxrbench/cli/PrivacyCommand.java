package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.pipeline.PrivacyJob;
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

    @Option(names = "--train", required = true, paramLabel = "T") Path train;
    @Option(names = "--synthetic", required = true, paramLabel = "S") Path synthetic;
    @Option(names = "--holdout", paramLabel = "H", description = "Real images the generator never saw (calibrates 'memorised').") Path holdout;
    @Option(names = "--metrics", paramLabel = "LIST", description = "Comma list of " + "dcr_min,dcr_median,dcr_p5,exact_copies,memorized,"
            + "memorized_fraction,nndr_median,identifiability,holdout_closer_share,holdout_score,reid_score (default: all the inputs allow).")
    String metrics;
    @Option(names = "--memorization-quantile", defaultValue = "0.001", description = "Default: ${DEFAULT-VALUE} (closer than 99.9%% of holdout images).")
    double quantile;
    @Option(names = "--reid-threshold", defaultValue = "0.9", description = "Re-ID probability counted as a likely re-identification. Default: ${DEFAULT-VALUE}.")
    double reidThreshold;
    @Option(names = "--reid-encoder", paramLabel = "E", description = "Embeddings for the same-patient verifier (e.g. a Siamese network's embedding branch as model.onnx/model.pt with --reid-preset); default: the DCR features.")
    String reidEncoder;
    @Option(names = "--reid-preset", paramLabel = "P", description = "Preset of --reid-encoder.") String reidPreset;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--json", paramLabel = "FILE") Path json;
    @Option(names = "--per-sample", paramLabel = "FILE.csv") Path perSample;
    @Option(names = "--contact-sheet", paramLabel = "FILE.png", description = "Closest synthetic/training pairs side by side (image inputs).")
    Path contactSheet;

    @Override
    public Integer call() {
        org.cxrbench.pipeline.Inputs.useCache(caching.featureCache());
        if (!(quantile > 0 && quantile < 1)) {
            throw new org.cxrbench.common.BadInputException("--memorization-quantile " + quantile + ": give a value in (0, 1)");
        }
        PrivacyJob.run(new PrivacyJob.Request(train, synthetic, holdout, encoding.spec(),
                metrics == null ? null : FidelityMetrics.Options.parseList(metrics),
                new PrivacyMetrics.Options(quantile, 50, 0.5), reidThreshold, seed, json, perSample, contactSheet,
                reidEncoder == null ? null : org.cxrbench.encode.Encoders.spec(reidEncoder, reidPreset),
                CommonOptions.commandLine(spec), common.threads()), common.log());
        return Main.OK;
    }
}
