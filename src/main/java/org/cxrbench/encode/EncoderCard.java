package org.cxrbench.encode;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained encoder's card ({@code cxr-cnn.card.json}, written by {@code ./cxrbench encoder train}): the network,
 * its weights' hash, the training data and run, and the held-out AUROC per label; one Jackson binding writes and
 * reads it.
 *
 * @param heldOutAuroc held-out set (nih-test, phantom-test) -&gt; label -&gt; AUROC with its class counts
 */
@JsonPropertyOrder({"model", "weights_sha256", "weights_bytes", "training_data", "training", "held_out_auroc", "command",
        "cxrbench", "engine"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EncoderCard(String model, String weightsSha256, int weightsBytes, TrainingData trainingData,
                          Training training, Map<String, Map<String, LabelAuroc>> heldOutAuroc, String command,
                          String cxrbench, String engine) {
    public EncoderCard {
        Map<String, Map<String, LabelAuroc>> a = new LinkedHashMap<>();
        heldOutAuroc.forEach((k, v) -> a.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        heldOutAuroc = Collections.unmodifiableMap(a);
    }

    /** Where the training images came from and how the NIH images were split. */
    @JsonPropertyOrder({"nih_folders", "nih_patients", "nih_train_images", "nih_test_images", "nih_split",
            "phantom_train_images", "phantom_test_images", "labels", "acknowledgement"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TrainingData(List<String> nihFolders, long nihPatients, int nihTrainImages, int nihTestImages,
                               String nihSplit, int phantomTrainImages, int phantomTestImages, String labels,
                               String acknowledgement) {
        public TrainingData {
            nihFolders = List.copyOf(nihFolders);
        }
    }

    /** The training run: epochs, batch, optimizer, loss, seed, the mean loss of each epoch and the wall time. */
    @JsonPropertyOrder({"epochs", "batch", "optimizer", "loss", "seed", "epoch_losses", "seconds"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Training(int epochs, int batch, String optimizer, String loss, long seed, List<Double> epochLosses,
                           double seconds) {
        public Training {
            epochLosses = List.copyOf(epochLosses);
        }
    }

    /** One label's held-out AUROC and the positives and negatives it was computed on. */
    @JsonPropertyOrder({"auroc", "positives", "negatives"})
    public record LabelAuroc(double auroc, long positives, long negatives) {}
}
