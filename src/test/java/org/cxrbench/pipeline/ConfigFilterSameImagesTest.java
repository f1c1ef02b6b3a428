package org.cxrbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: two generators pointing at the same images with a filter: block crashed every run ("cannot read
 * .../filter/b/summary.json"): the filter stage's key was the images' content, so the second generator's stage was
 * "cached" by the first one's marker and its folder never written.
 */
class ConfigFilterSameImagesTest {
    @TempDir Path dir;

    @Test
    void twoGeneratorsWithTheSameImagesEachGetTheirFilterFolder() throws Exception {
        String yaml = ConfigRunTest.config("{name: a, simulator: faithful}", "{name: b, simulator: faithful}")
                .replace("size: 64", "size: 128") + "filter: {judge: builtin}\n";
        Path out = dir.resolve("out");
        ConfigRun.Outcome r = ConfigRunTest.runIn(dir, yaml, out);
        JsonNode g = Json.MAPPER.readTree(r.results().toFile()).path("generators");
        assertThat(out.resolve("filter/a/summary.json")).isRegularFile();
        assertThat(out.resolve("filter/b/summary.json")).isRegularFile();
        // the same images (the same simulator and seed) get the same verdicts in each generator's folder
        assertThat(g.path("b").path("filter").path("counts")).isEqualTo(g.path("a").path("filter").path("counts"));
        assertThat(g.path("b").path("filter").path("total").asInt()).isEqualTo(g.path("a").path("filter").path("total").asInt())
                .isPositive();
    }
}
