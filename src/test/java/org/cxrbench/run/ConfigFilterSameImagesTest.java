package org.cxrbench.run;

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
        // two generators with the same simulator: each gets its data folder
        Path first = dir.resolve("first");
        ConfigRunTest.runIn(dir, ConfigRunTest.config("{name: a, simulator: faithful}", "{name: b, simulator: faithful}")
                .replace("size: 64", "size: 128"), first);
        Path images = first.resolve("data/b/manifest.csv");
        assertThat(images).isRegularFile();
        // two generators pointing at the same manifest, filtered: each gets its filter folder
        String yaml = ConfigRunTest.config("{name: c, path: " + images + "}", "{name: d, path: " + images + "}")
                .replace("size: 64", "size: 128") + "filter: {judge: builtin}\n";
        Path out = dir.resolve("out");
        ConfigRun.Outcome r = ConfigRunTest.runIn(dir, yaml, out);
        JsonNode g = Json.MAPPER.readTree(r.results().toFile()).path("generators");
        assertThat(out.resolve("filter/c/summary.json")).isRegularFile();
        assertThat(out.resolve("filter/d/summary.json")).isRegularFile();
        assertThat(g.path("d").path("filter")).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) g.path("c").path("filter").deepCopy())
                .put("folder", "filter/d"));
        assertThat(g.path("c").path("filter").path("total").asInt()).isPositive();
    }
}
