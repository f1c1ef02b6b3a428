package org.cxrbench.run;

import org.cxrbench.filter.ConfigFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter: block of a config run: a cached stage per generator before encode; the kept set replaces the
 * generator's images; results.json carries the counts (generators.g.filter) and the metrics before filtering
 * (generators.g.metrics_unfiltered). Expected directions come from the phantom generators' ground truth:
 * off-topic(0.5) makes half its images non-radiographs (blank, noise, skull), which the builtin judge calls not
 * relevant, so filtering removes about half its images and brings its FID down; blurry(2) blurs every image, which the
 * judge calls low quality.
 */
class ConfigRunFilterTest {
    @TempDir Path dir;

    ConfigRun.Outcome run(String yaml, Path out) throws Exception {
        return ConfigRunTest.runIn(dir, yaml, out);
    }

    static String config(String filter) {
        return ConfigRunTest.config("faithful", "off-topic(0.5)", "blurry(2)").replace("patients: 10", "patients: 30")
                .replace("size: 64", "size: 128") + filter;
    }

    @Test
    void filterStageRemovesOffTopicImagesAndKeepsTheCountsAndTheUnfilteredMetrics() throws Exception {
        Path out = dir.resolve("out");
        ConfigRun.Outcome first = run(config("filter: {judge: builtin}\n"), out);
        assertThat(first.executed()).contains("filter[faithful]", "filter[off-topic(0.5)]", "filter[blurry(2)]",
                "fidelity[off-topic(0.5) (unfiltered)]");
        JsonNode g = Json.MAPPER.readTree(first.results().toFile()).path("generators");
        JsonNode off = g.path("off-topic(0.5)");
        int total = off.path("filter").path("total").asInt();
        int kept = off.path("filter").path("kept").asInt();
        int notRelevant = off.path("filter").path("counts").path("not-relevant").asInt();
        assertThat(total).isEqualTo(60);
        assertThat(kept + off.path("filter").path("removed").asInt()).isEqualTo(total);
        // the simulator draws each image off-topic with probability 0.5: about 30 of 60; the judge catches them
        assertThat(notRelevant).isBetween(18, 42);
        assertThat(off.path("metrics").path("fid").path("value").asDouble())
                .isLessThan(off.path("metrics_unfiltered").path("fid").path("value").asDouble() / 2);
        // the faithful generator keeps nearly everything (the judge rejects ~2% of real images by construction)
        assertThat(g.path("faithful").path("filter").path("kept").asInt()).isGreaterThanOrEqualTo(54);
        // blurry images are low quality: when fewer than two are kept there is nothing to measure after filtering
        JsonNode blurry = g.path("blurry(2)");
        assertThat(blurry.path("filter").path("counts").path("low").asInt()).isGreaterThanOrEqualTo(54);
        if (blurry.path("filter").path("kept").asInt() < ConfigFilter.MIN_KEPT) {
            assertThat(blurry.path("metrics").size()).isZero();
            assertThat(blurry.path("warnings").toString()).contains("nothing left to measure after filtering");
        }
        assertThat(blurry.path("metrics_unfiltered").path("fid").path("value").asDouble()).isGreaterThan(0);
        assertThat(Files.readString(out.resolve("filter/off-topic0_5/judgements.csv"))).startsWith("image,verdict,score,reason,judge");
        // the report shows the before/after table and, in the gallery, the verdict on each image before filtering
        String html = Files.readString(first.report());
        assertThat(html).contains("Fidelity before and after filtering").contains("What the quality filter removed");
        assertThat(html.substring(html.indexOf("<h2 id=\"samples\">Samples</h2>"))).contains("not-relevant");
        // blurry(2) keeps nothing here (every image low): the main table says why its row is blank
        assertThat(blurry.path("filter").path("kept").asInt()).isZero();
        assertThat(html).contains("all 60 removed by the quality filter");
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/results.schema.json")))
                .validate(Json.MAPPER.readTree(first.results().toFile()))).isEmpty();
        // a second run reuses every stage, filter included, and writes the same numbers
        ConfigRun.Outcome second = run(config("filter: {judge: builtin}\n"), out);
        assertThat(second.executed()).isEmpty();
        assertThat(second.reused()).contains("filter[off-topic(0.5)]");
        assertThat(Json.MAPPER.readTree(second.results().toFile()).path("generators"))
                .isEqualTo(Json.MAPPER.readTree(first.results().toFile()).path("generators"));
        // filtering only one generator re-judges nothing and leaves the others unfiltered
        ConfigRun.Outcome third = run(config("filter: {generators: [off-topic(0.5)], unfiltered: false}\n"), out);
        assertThat(third.executed()).doesNotContain("filter[off-topic(0.5)]");
        JsonNode g3 = Json.MAPPER.readTree(third.results().toFile()).path("generators");
        assertThat(g3.path("faithful").has("filter")).isFalse();
        assertThat(g3.path("off-topic(0.5)").has("metrics_unfiltered")).isFalse();
        assertThat(g3.path("off-topic(0.5)").path("filter").path("kept").asInt()).isEqualTo(kept);
    }

    @Test
    void badFilterBlocksAreOneLineErrorsBeforeAnyWork() {
        Path out = dir.resolve("out2");
        assertThatThrownBy(() -> run(config("filter: {generators: [nope]}\n"), out))
                .isInstanceOf(BadInputException.class).hasMessageContaining("filter.generators: 'nope'");
        assertThatThrownBy(() -> run(config("filter: {judge: labels-file}\n"), out))
                .isInstanceOf(BadInputException.class).hasMessageContaining("labels: FILE");
        assertThatThrownBy(() -> run(config("filter: {judge: vlm, endpoint: 'http://127.0.0.1:9/v1'}\n"), out))
                .isInstanceOf(BadInputException.class).hasMessageContaining("model: NAME");
        assertThatThrownBy(() -> run(config("filter: {apply_to: [real]}\n"), out))
                .isInstanceOf(BadInputException.class).hasMessageContaining("apply_to");
        assertThat(out).doesNotExist();
    }
}
