package org.cxrbench.run;

import org.cxrbench.pipeline.RunContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.report.ResultsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The utility: and filter: blocks of a config run: each runs as a cached stage per generator and lands in
 * results.json where the report reader finds it.
 */
class ConfigRunBlocksTest {
    @TempDir Path dir;

    ConfigRun.Outcome run(String yaml, Path out) throws Exception {
        Path cfg = dir.resolve("c-" + System.nanoTime() + ".yaml");
        Files.writeString(cfg, yaml);
        RunConfig c = ConfigReader.read(cfg);
        return ConfigRun.run(c, out, "test", RunContext.quiet(new FeatureCache(dir.resolve("cache")), 2));
    }

    static String utilityConfig() {
        return ConfigRunTest.config("faithful", "label-ignorant").replace("patients: 10", "patients: 30")
                .replace("\ngenerators:", "\n  test: holdout\ngenerators:")
                + "utility: {generators: [faithful], real_fraction: 0.5, seeds: 3, synthetic_ratios: [1]}\n";
    }

    @Test
    void utilityBlockRunsAsACachedStageAndIsReadByTheReport() throws Exception {
        Path out = dir.resolve("out");
        ConfigRun.Outcome first = run(utilityConfig(), out);
        assertThat(first.executed()).contains("utility[faithful]").doesNotContain("utility[label-ignorant]");
        JsonNode u = Json.MAPPER.readTree(first.results().toFile()).path("generators").path("faithful").path("utility");
        // real.test: holdout is explicit, and said in the results (issue 23: it was silent)
        assertThat(Json.MAPPER.readTree(first.results().toFile()).path("generators").path("faithful").path("warnings").toString())
                .contains("real.test: holdout");
        assertThat(u.path("comparisons").isArray()).isTrue();
        assertThat(u.path("comparisons").size()).isGreaterThan(0);
        // the comparisons are of the augmented condition against real, as the compare report reads them
        var set = ResultsSet.read(first.results());
        assertThat(set.generators().stream().filter(g -> g.name().equals("faithful")).findFirst().orElseThrow()
                .utility()).isNotNull();
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/results.schema.json")))
                .validate(Json.MAPPER.readTree(first.results().toFile()))).isEmpty();
        // report.html is the report package's comparison page of results.json: its utility section and the samples
        String html = Files.readString(first.report());
        assertThat(html).contains("<h2>Utility</h2>").contains("<h2 id=\"samples\">Samples</h2>");
        // a second run reuses the stage and gives the same block
        ConfigRun.Outcome second = run(utilityConfig(), out);
        assertThat(second.executed()).isEmpty();
        assertThat(second.reused()).contains("utility[faithful]");
        assertThat(Json.MAPPER.readTree(second.results().toFile()).path("generators").path("faithful").path("utility"))
                .isEqualTo(u);
    }

    @Test
    void utilityOfAnUnknownGeneratorIsABadInputBeforeAnyWork() throws Exception {
        Path out = dir.resolve("out2");
        assertThatThrownBy(() -> run(ConfigRunTest.config("faithful") + "utility: {generators: [nope]}\n", out))
                .isInstanceOf(BadInputException.class).hasMessageContaining("utility.generators: 'nope'");
        assertThat(out).doesNotExist();
    }

    @Test
    void withoutRealTestUtilityIsAnErrorNamingTheFix() throws Exception {
        String yaml = ConfigRunTest.config("faithful") + "utility: {real_fraction: 0.5, seeds: 3}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(yaml, dir.resolve("out")))
                .isInstanceOf(org.cxrbench.common.BadInputException.class).hasMessageContaining("no real.test")
                .hasMessageContaining("test: holdout");
        assertThat(dir.resolve("out/.stages")).doesNotExist();
    }
}
