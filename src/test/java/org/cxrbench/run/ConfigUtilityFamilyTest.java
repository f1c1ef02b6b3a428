package org.cxrbench.run;

import org.cxrbench.pipeline.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The utility block of a config run uses the command's default correction (Bonferroni) with the family declared
 * across every generator of the run: two generators x one condition (augmented_1) x the three headline metrics = a
 * family of 6, each block's p_adjusted = min(1, 6 p), rows of its own generator only.
 */
class ConfigUtilityFamilyTest {
    @TempDir Path dir;

    @Test
    void bonferroniOverEveryGeneratorOfTheRun() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, ConfigRunTest.config("faithful", "label-ignorant").replace("patients: 10", "patients: 30")
                .replace("\ngenerators:", "\n  test: holdout\ngenerators:")
                + "utility: {real_fraction: 0.5, seeds: 3, synthetic_ratios: [1]}\n");
        RunConfig c = ConfigReader.read(cfg);
        ConfigRun.Outcome o = ConfigRun.run(c, dir.resolve("out"), "test", RunContext.quiet(new FeatureCache(dir.resolve("cache")), 2));
        JsonNode root = Json.MAPPER.readTree(o.results().toFile());
        JsonNode gens = root.path("generators");
        // issue 23: provenance.settings.metrics held only the privacy list; it lists every family's metrics
        JsonNode settings = root.path("provenance").path("settings");
        assertThat(settings.path("metrics").asText().split(",")).contains("fid", "coverage", "dcr_median", "f1_macro");
        assertThat(settings.path("fidelity_metrics").asText()).startsWith("fid,kid,");
        assertThat(settings.path("utility_metrics").asText()).isEqualTo("f1_macro,f1_micro,auroc_macro");
        for (String g : new String[] {"faithful", "label-ignorant"}) {
            JsonNode u = gens.path(g).path("utility");
            assertThat(u.path("correction").asText()).as(g).isEqualTo("bonferroni");
            assertThat(u.path("family_size").asInt()).as(g).isEqualTo(6);
            assertThat(u.path("family_scope").asText()).contains("faithful").contains("label-ignorant");
            assertThat(u.path("comparisons")).hasSize(3);
            for (JsonNode r : u.path("comparisons")) {
                assertThat(r.has("dataset")).isFalse();
                if (r.path("p").isNumber()) {
                    assertThat(r.path("p_adjusted").asDouble()).as(g + " " + r.path("metric").asText())
                            .isCloseTo(Math.min(1, 6 * r.path("p").asDouble()), org.assertj.core.data.Offset.offset(1e-15));
                }
            }
        }
    }
}
