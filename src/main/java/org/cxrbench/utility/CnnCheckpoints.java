package org.cxrbench.utility;

import org.cxrbench.common.TrainingRun;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;

/**
 * Finished (condition, seed) results of a CNN or U-Net utility run (the U-Net's "probabilities" are one row: its
 * scores, named in the training entry's "metrics"), and the epoch checkpoints of unfinished ones, one JSON file each in a folder: the test-set
 * probabilities of the scored labels (written with Jackson's round-trip doubles, so read back bit for bit) and the
 * training description, with the run's key (a hash of the inputs and settings). Entries with another key are ignored.
 * Written atomically, so a killed run leaves whole entries only.
 */
final class CnnCheckpoints {
    /** A finished run's test-set probabilities and its training record, as stored (bound by the caller's type). */
    record Entry(double[][] probabilities, JsonNode training) {
        /** The stored training as the record its model writes ({@link TrainingRun}, {@link TrainingRun.CnnTraining}, ...). */
        <T> T training(Class<T> type) {
            return Json.MAPPER.convertValue(training, type);
        }
    }

    /** One checkpoint file: the run's key, the (condition, seed), the probabilities and the training record. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"key", "condition", "seed", "probabilities", "training"})
    record Stored(@com.fasterxml.jackson.annotation.JsonProperty("key") String key,
                  @com.fasterxml.jackson.annotation.JsonProperty("condition") String condition,
                  @com.fasterxml.jackson.annotation.JsonProperty("seed") int seed,
                  @com.fasterxml.jackson.annotation.JsonProperty("probabilities") double[][] probabilities,
                  @com.fasterxml.jackson.annotation.JsonProperty("training") JsonNode training) {}

    private final Path dir;
    private final String key;
    private final String prefix;

    CnnCheckpoints(Path dir, String key) {
        this(dir, key, "cnn");
    }

    /** @param prefix the model's name in the file names (cnn, unet) */
    CnnCheckpoints(Path dir, String key, String prefix) {
        this.dir = dir;
        this.key = key;
        this.prefix = prefix;
    }

    private Path file(String condition, int seed) {
        return dir.resolve(prefix + "-" + Hashing.ofString(condition).substring(7, 19) + "-seed" + seed + ".json");
    }

    /** The epoch checkpoint of an unfinished (condition, seed) training (null without a folder). */
    EpochCheckpoint epochFile(String condition, int seed) {
        return dir == null ? null : new EpochCheckpoint(dir.resolve(prefix + "-" + Hashing.ofString(condition).substring(7, 19)
                + "-seed" + seed + ".epoch"), key);
    }

    /** Removes the epoch checkpoint once the (condition, seed) result is written. */
    void deleteEpochFile(String condition, int seed) {
        EpochCheckpoint e = epochFile(condition, seed);
        if (e != null) {
            e.delete();
        }
    }

    Entry read(String condition, int seed) {
        if (dir == null || !Files.isRegularFile(file(condition, seed))) {
            return null;
        }
        try {
            Stored st = Json.MAPPER.readValue(file(condition, seed).toFile(), Stored.class);
            if (!key.equals(st.key()) || !condition.equals(st.condition()) || st.probabilities() == null) {
                return null;
            }
            return new Entry(st.probabilities(), st.training());
        } catch (IOException e) {
            return null; // unreadable entry: train again
        }
    }

    /** @param training the model's training record (written through its Jackson binding) */
    void write(String condition, int seed, double[][] prob, Object training) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Json.write(file(condition, seed), new Stored(key, condition, seed, prob, Json.MAPPER.valueToTree(training)));
    }
}
