package org.cxrbench.utility;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
    record Entry(double[][] probabilities, Map<String, Object> training) {}

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
            JsonNode root = Json.MAPPER.readTree(file(condition, seed).toFile());
            if (!key.equals(root.path("key").asText()) || !condition.equals(root.path("condition").asText())) {
                return null;
            }
            JsonNode p = root.get("probabilities");
            double[][] prob = new double[p.size()][];
            for (int i = 0; i < prob.length; i++) {
                prob[i] = new double[p.get(i).size()];
                for (int j = 0; j < prob[i].length; j++) {
                    prob[i][j] = p.get(i).get(j).asDouble();
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> training = Json.MAPPER.convertValue(root.get("training"), Map.class);
            return new Entry(prob, training);
        } catch (IOException e) {
            return null; // unreadable entry: train again
        }
    }

    void write(String condition, int seed, double[][] prob, Map<String, Object> training) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("key", key);
        root.put("condition", condition);
        root.put("seed", seed);
        root.put("probabilities", prob);
        root.put("training", training);
        Json.write(file(condition, seed), root);
    }
}
