package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What went into one (condition, seed) training and how it ended, as a utility block writes it
 * ({@code conditions.C.training[seed]}): the seed, the rows drawn (real and synthetic, with the caps and unmatched
 * replacements of the utility conditions), and the model's own account: the probe's solver per label (and, with tuned F1,
 * the validation rows and the thresholds), the CNN's training ({@link CnnTraining}) or the U-Net's
 * ({@link UnetTraining}). The checkpoint of a finished probe run stores the same record with the thresholds it used
 * ({@code thresholds_used}; never in results). Written and read by Jackson through these records.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seed", "n_real", "n_synthetic", "synthetic_capped", "replacement_unmatched", "solver",
        "validation_rows", "f1_thresholds", "cnn", "unet", "thresholds_used"})
public record TrainingRun(@JsonProperty("seed") int seed, @JsonProperty("n_real") int nReal,
                          @JsonProperty("n_synthetic") int nSynthetic,
                          @JsonProperty("synthetic_capped") String syntheticCapped,
                          @JsonProperty("replacement_unmatched") Integer replacementUnmatched,
                          @JsonProperty("solver") Map<String, String> solver,
                          @JsonProperty("validation_rows") Integer validationRows,
                          @JsonProperty("f1_thresholds") Map<String, F1Threshold> f1Thresholds,
                          @JsonProperty("cnn") CnnTraining cnn, @JsonProperty("unet") UnetTraining unet,
                          @JsonProperty("thresholds_used") List<Double> thresholdsUsed) {
    public TrainingRun {
        solver = ordered(solver);
        f1Thresholds = ordered(f1Thresholds);
        thresholdsUsed = thresholdsUsed == null ? null : List.copyOf(thresholdsUsed);
    }

    /** The rows a condition drew for a seed (no model yet). */
    public static TrainingRun drawn(int seed, int nReal, int nSynthetic, String capped, Integer unmatched) {
        return new TrainingRun(seed, nReal, nSynthetic, capped, unmatched, null, null, null, null, null, null);
    }

    /** With the probe's solver summary and, with tuned F1, the validation rows and thresholds. */
    public TrainingRun withProbe(Map<String, String> solverSummary, Integer valRows, Map<String, F1Threshold> thresholds) {
        return new TrainingRun(seed, nReal, nSynthetic, syntheticCapped, replacementUnmatched, solverSummary, valRows,
                thresholds, cnn, unet, thresholdsUsed);
    }

    public TrainingRun withCnn(CnnTraining c) {
        return new TrainingRun(seed, nReal, nSynthetic, syntheticCapped, replacementUnmatched, solver, validationRows,
                f1Thresholds, c, unet, thresholdsUsed);
    }

    public TrainingRun withUnet(UnetTraining u) {
        return new TrainingRun(seed, nReal, nSynthetic, syntheticCapped, replacementUnmatched, solver, validationRows,
                f1Thresholds, cnn, u, thresholdsUsed);
    }

    /** The checkpoint form: with the thresholds the scores used (null: 0.5). */
    public TrainingRun withThresholdsUsed(double[] used) {
        return new TrainingRun(seed, nReal, nSynthetic, syntheticCapped, replacementUnmatched, solver, validationRows,
                f1Thresholds, cnn, unet, used == null ? null : java.util.Arrays.stream(used).boxed().toList());
    }

    /** The thresholds a checkpoint stored, or null. */
    public double[] thresholds() {
        return thresholdsUsed == null ? null : thresholdsUsed.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * A tuned F1 threshold of one label: the value, or null when the validation rows lack a known positive or negative
     * (then 0.5 is used, and the JSON says so in words).
     */
    public record F1Threshold(Double value) {
        public static final String NOT_TUNABLE = "0.5 (validation rows lack a known positive or negative)";

        @JsonValue
        Object json() {
            return value == null ? NOT_TUNABLE : value;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static F1Threshold read(JsonNode n) {
            return new F1Threshold(n.isNumber() ? n.asDouble() : null);
        }

        /** NaN (not tunable) as null. */
        public static F1Threshold of(double t) {
            return new F1Threshold(Double.isNaN(t) ? null : t);
        }
    }

    /**
     * The CNN's training of one (condition, seed): the rows of its patient-disjoint split, the epochs run, the best
     * epoch kept, the losses per epoch and the early-stopping rule; with tuned F1, the thresholds per label. Its
     * checkpoint adds the thresholds used.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"train_rows", "validation_rows", "epochs_run", "best_epoch", "train_loss", "validation_loss",
            "early_stopping", "f1_thresholds", "thresholds_used"})
    public record CnnTraining(@JsonProperty("train_rows") int trainRows, @JsonProperty("validation_rows") int validationRows,
                              @JsonProperty("epochs_run") int epochsRun, @JsonProperty("best_epoch") int bestEpoch,
                              @JsonProperty("train_loss") List<Double> trainLoss,
                              @JsonProperty("validation_loss") List<Double> validationLoss,
                              @JsonProperty("early_stopping") String earlyStopping,
                              @JsonProperty("f1_thresholds") Map<String, F1Threshold> f1Thresholds,
                              @JsonProperty("thresholds_used") List<Double> thresholdsUsed) {
        public CnnTraining {
            trainLoss = trainLoss == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(trainLoss));
            validationLoss = validationLoss == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(validationLoss));
            f1Thresholds = ordered(f1Thresholds);
            thresholdsUsed = thresholdsUsed == null ? null : List.copyOf(thresholdsUsed);
        }

        public CnnTraining withThresholds(Map<String, F1Threshold> tuned, double[] used) {
            return new CnnTraining(trainRows, validationRows, epochsRun, bestEpoch, trainLoss, validationLoss, earlyStopping,
                    tuned, used == null ? null : java.util.Arrays.stream(used).boxed().toList());
        }

        /** As results show it: without the thresholds used (the checkpoint's). */
        public CnnTraining withoutThresholdsUsed() {
            return new CnnTraining(trainRows, validationRows, epochsRun, bestEpoch, trainLoss, validationLoss, earlyStopping,
                    f1Thresholds, null);
        }
    }

    /** The U-Net's training of one (condition, seed): epochs, batch, learning rate, training images. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"epochs", "batch", "learning_rate", "n_train"})
    public record UnetTraining(@JsonProperty("epochs") int epochs, @JsonProperty("batch") int batch,
                               @JsonProperty("learning_rate") double learningRate, @JsonProperty("n_train") int nTrain) {}

    /** A finished U-Net run's checkpoint entry: its training and the names of its scores, in order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"unet", "metrics"})
    public record UnetCheckpoint(@JsonProperty("unet") UnetTraining unet, @JsonProperty("metrics") List<String> metrics) {
        public UnetCheckpoint {
            metrics = List.copyOf(metrics);
        }
    }
}
