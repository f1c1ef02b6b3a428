package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.common.BadInputException;
import org.cxrbench.utility.UtilityJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "utility", header = "Does synthetic data help a downstream model? Conditions over seeds, one-tailed t-tests.",
        mixinStandardHelpOptions = true,
        description = {"Trains a downstream model under the conditions real, synthetic (train on synthetic, test on real),",
                "mixed (a share of the real training images replaced by synthetic ones with the same labels) and",
                "augmented (real plus synthetic at ratios), over seeds paired across conditions, tests each on the real",
                "test set (patient-disjoint from training) and compares it with real: one-tailed paired t-tests,",
                "Bonferroni (or Holm) over the declared family. Model: linear probe on frozen features (multi-label",
                "L2 logistic regression, scikit-learn's C) or a small ResNet (--model cnn): F1 at probability >= 0.5; AUROC.",
                "--task segment --model unet: a small U-Net on the manifests' masks, Dice and IoU per structure."})
public final class UtilityCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;
    @Mixin EncoderOptions encoding;

    @Option(names = "--train", required = true, paramLabel = "T", description = "Real training set.") Path train;
    @Option(names = "--test", required = true, paramLabel = "E", description = "Real test set (patient-disjoint from --train).") Path test;
    @Option(names = "--synthetic", paramLabel = "S", description = "Synthetic set (repeat for several generators).") List<Path> synthetic;
    @Option(names = "--train-labels", paramLabel = "M.csv", description = "Labels of a feature-file --train (manifest, same row order).") Path trainLabels;
    @Option(names = "--test-labels", paramLabel = "M.csv", description = "Labels of a feature-file --test.") Path testLabels;
    @Option(names = "--synthetic-labels", paramLabel = "M.csv", description = "Labels of feature-file --synthetic sets, one per set, same order.") List<Path> syntheticLabels;
    @Option(names = "--task", defaultValue = "classify", description = "classify or segment (a U-Net on the masks the manifests name). Default: ${DEFAULT-VALUE}.") String task;
    @Option(names = "--model", defaultValue = "probe", description = "probe (linear probe on features) or cnn (small ResNet trained on the images, read as pixels at --cnn-size); unet for --task segment. Default: ${DEFAULT-VALUE} (unet with --task segment).") String model;
    @Option(names = "--unet-size", defaultValue = "64", description = "U-Net input side in pixels (images and masks resampled). Default: ${DEFAULT-VALUE}.") int unetSize;
    @Option(names = "--unet-epochs", defaultValue = "10", description = "U-Net epochs. Default: ${DEFAULT-VALUE}.") int unetEpochs;
    @Option(names = "--unet-batch", defaultValue = "8", description = "U-Net batch size. Default: ${DEFAULT-VALUE}.") int unetBatch;
    @Option(names = "--unet-lr", defaultValue = "0.003", description = "U-Net Adam learning rate. Default: ${DEFAULT-VALUE}.") double unetLr;
    @Option(names = "--structures", split = ",", paramLabel = "S", description = "Structures scored: NAME or NAME=A+B (a row's mask NAME, else the union of its masks A and B). Default: the mask names every row has.") List<String> structures;
    @Option(names = "--empty-masks", defaultValue = "ignore", description = "Empty ground-truth masks (MONAI): ignore, score or plain. Default: ${DEFAULT-VALUE}.") String emptyMasks;
    @Option(names = "--cnn-size", defaultValue = "64", description = "CNN input side in pixels. Default: ${DEFAULT-VALUE}.") int cnnSize;
    @Option(names = "--cnn-epochs", defaultValue = "30", description = "CNN epochs at most (early stopping). Default: ${DEFAULT-VALUE}.") int cnnEpochs;
    @Option(names = "--cnn-batch", defaultValue = "32", description = "CNN batch size. Default: ${DEFAULT-VALUE}.") int cnnBatch;
    @Option(names = "--cnn-lr", defaultValue = "0.002", description = "CNN Adam learning rate. Default: ${DEFAULT-VALUE}.") double cnnLr;
    @Option(names = "--cnn-patience", defaultValue = "4", description = "Epochs without a lower validation loss before stopping. Default: ${DEFAULT-VALUE}.") int cnnPatience;
    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Keep each finished (condition, seed) here, and for the CNN and U-Net the last finished epoch; a rerun with the same DIR resumes.") Path checkpoints;
    @Option(names = "--conditions", defaultValue = "real,synthetic,mixed,augmented", split = ",",
            paramLabel = "LIST", description = "Training conditions compared with real (real is the baseline). Default: ${DEFAULT-VALUE}.") List<String> conditions;
    @Option(names = "--real-fraction", defaultValue = "1", paramLabel = "F", description = "Share of the real training images used per seed (low-data regimes, e.g. 0.1). Default: ${DEFAULT-VALUE}.") double realFraction;
    @Option(names = "--synthetic-ratios", defaultValue = "0.25,0.5,1,2", split = ",", paramLabel = "R",
            description = "Augmented: synthetic images per real training image. Default: ${DEFAULT-VALUE}.") List<Double> ratios;
    @Option(names = "--mixed-share", defaultValue = "0.5", description = "Mixed: share of the real training images replaced. Default: ${DEFAULT-VALUE}.") double mixedShare;
    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 0..N-1 (each fixes the real subset and the synthetic draw). Default: ${DEFAULT-VALUE}.") int seeds;
    @Option(names = "--probe-c", defaultValue = "1.0", description = "Inverse L2 strength, scikit-learn's C. Default: ${DEFAULT-VALUE}.") double probeC;
    @Option(names = "--probe-tol", defaultValue = "1e-4", description = "L-BFGS stops at max|gradient| <= tol (scikit-learn's tol). Default: ${DEFAULT-VALUE}.") double probeTol;
    @Option(names = "--test-kind", defaultValue = "paired", paramLabel = "paired|welch", description = "paired: by "
            + "seed; welch: unequal-variance unpaired (stats takes the same --test-kind). Default: ${DEFAULT-VALUE}.")
    String testKind;
    @Option(names = "--correction", defaultValue = "bonferroni", description = "bonferroni or holm. Default: ${DEFAULT-VALUE}.") String correction;
    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A", description = "Family-wise error rate of the corrected tests. Default: ${DEFAULT-VALUE}.") double alpha;
    @Option(names = "--compare-metrics", split = ",", paramLabel = "LIST",
            description = "Metrics tested against real (the family). Default: f1_macro,f1_micro,auroc_macro; 'all': every metric.")
    List<String> compareMetrics;
    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N", description = "Test-image resamples for 95%% CIs of the first seed's AUROCs. Default: ${DEFAULT-VALUE}.") int bootstrap;
    @Option(names = "--f1-thresholds", defaultValue = "0.5", paramLabel = "0.5|tuned", description = "F1 at probability >= 0.5, or per-label thresholds tuned on a validation split of the training patients (probe, cnn). Default: ${DEFAULT-VALUE}.") String f1Thresholds;
    @Option(names = "--json", paramLabel = "FILE", description = CommonOptions.JSON_HELP) Path json;
    @Option(names = "--scores", paramLabel = "FILE.csv", description = "Scores CSV (condition,seed,metric,value) for ./cxrbench stats.") Path scores;

    private boolean modelGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--model");
    }

    @Override
    public Integer call() {
        List<String> conds = new ArrayList<>();
        for (String c : conditions) {
            if (!c.isBlank()) {
                conds.add(c.trim());
            }
        }
        if (ratios.stream().anyMatch(r -> r == null)) {
            throw new BadInputException("--synthetic-ratios: give numbers such as 0.25,0.5,1,2");
        }
        UtilityJob.run(new UtilityJob.Request(train, test, synthetic, trainLabels, testLabels, syntheticLabels,
                encoding.spec(), task, "segment".equals(task) && "probe".equals(model) && !modelGiven() ? "unet" : model, conds, realFraction, ratios, mixedShare, seeds, probeC, probeTol, correction,
                testKind, alpha, compareMetrics, bootstrap, json, scores, CommonOptions.commandLine(spec), common.threads(), f1Thresholds),
                new org.cxrbench.utility.UtilityCnn(cnnSize, cnnEpochs, cnnBatch, cnnLr, cnnPatience, checkpoints),
                new org.cxrbench.utility.UtilitySegment(unetSize, unetEpochs, unetBatch, unetLr, structures, emptyMasks,
                        checkpoints),
                common.context(caching.featureCache()));
        return Main.OK;
    }
}
