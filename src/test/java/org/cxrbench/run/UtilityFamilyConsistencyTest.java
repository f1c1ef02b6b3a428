package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.utility.StatsJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One testing family, defined once: the run's console table, each generator's block in results.json, the run's
 * family statement (size and members) and {@code ./cxrbench stats} on the run's scores CSV give the same adjusted p
 * for the same comparison; adding a generator widens the family everywhere at once.
 */
class UtilityFamilyConsistencyTest {
    @TempDir Path dir;

    JsonNode run(String... generators) throws Exception {
        Path cfg = dir.resolve("c" + generators.length + ".yaml");
        Files.writeString(cfg, ConfigRunTest.config(generators).replace("patients: 10", "patients: 30")
                .replace("\ngenerators:", "\n  test: holdout\ngenerators:")
                + "utility: {real_fraction: 0.5, seeds: 3, synthetic_ratios: [1]}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        ConfigRun.Outcome o = ConfigRun.run(ConfigReader.read(cfg), dir.resolve("out"), "test",
                new RunContext(new FeatureCache(dir.resolve("cache")), 2, none, new PrintStream(out, true)));
        JsonNode j = Json.MAPPER.readTree(o.results().toFile());
        int size = j.path("utility_family").path("size").asInt();
        assertThat(size).isEqualTo(3 * generators.length);
        assertThat(j.path("utility_family").path("members")).hasSize(size);
        assertThat(out.toString()).contains("over a family of " + size);
        // stats on the run's scores, with the family the run states, gives every comparison's adjusted p
        Path stats = dir.resolve("stats" + generators.length + ".json");
        StatsJob.run(new StatsJob.Request(dir.resolve("out").resolve(ConfigRun.UTILITY_SCORES), "real", "paired",
                "bonferroni", 0.05, "greater", stats, "test", null), RunContext.quiet(null, 1));
        JsonNode s = Json.MAPPER.readTree(stats.toFile());
        assertThat(s.path("family_size").asInt()).isEqualTo(size);
        Map<String, Double> fromStats = new HashMap<>();
        for (JsonNode r : s.path("comparisons")) {
            fromStats.put(r.path("dataset").asText() + "/" + r.path("condition").asText() + "/" + r.path("metric").asText(),
                    r.path("p_adjusted").asDouble());
        }
        for (String g : generators) {
            JsonNode u = j.path("generators").path(g).path("utility");
            assertThat(u.path("family_size").asInt()).isEqualTo(size);
            for (JsonNode r : u.path("comparisons")) {
                String key = g + "/" + r.path("condition").asText() + "/" + r.path("metric").asText();
                assertThat(r.path("p_adjusted").asDouble()).as(key).isEqualTo(fromStats.get(key));
                assertThat(out.toString()).contains(g);
            }
        }
        return j;
    }

    @Test
    void addingAGeneratorWidensTheFamilyEverywhere() throws Exception {
        JsonNode one = run("faithful");
        JsonNode two = run("faithful", "label-ignorant");
        JsonNode a = one.path("generators").path("faithful").path("utility").path("comparisons");
        JsonNode b = two.path("generators").path("faithful").path("utility").path("comparisons");
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            // the same raw p, now corrected over 6 instead of 3
            assertThat(b.get(i).path("p").asDouble()).isEqualTo(a.get(i).path("p").asDouble());
            assertThat(b.get(i).path("p_adjusted").asDouble())
                    .isCloseTo(Math.min(1, 6 * a.get(i).path("p").asDouble()), org.assertj.core.data.Offset.offset(1e-15));
        }
    }
}
