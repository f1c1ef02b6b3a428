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
import org.cxrbench.report.HeadlessBrowserTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config run's report: each generator's closest pairs (kept in results.json by the privacy stage, the closest
 * first, the first one at the run's minimum DCR) drawn with their distances, and a labelled gallery of 8 images per
 * generator; in headless Chromium (when installed) every image loads and the console stays clean.
 */
class RunReportTest {
    @TempDir Path dir;

    @Test
    void theRunReportShowsClosestPairsAndALabelledGalleryPerGenerator() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, ConfigRunTest.config("faithful", "memorizer(0.3)"));
        RunConfig c = ConfigReader.read(cfg);
        Path out = dir.resolve("out");
        ConfigRun.run(c, out, "test", RunContext.quiet(new FeatureCache(dir.resolve("cache")), 2));
        JsonNode gens = Json.MAPPER.readTree(out.resolve("results.json").toFile()).path("generators");
        for (String g : new String[] {"faithful", "memorizer(0.3)"}) {
            JsonNode pairs = gens.path(g).path("closest_pairs");
            assertThat(pairs.size()).isEqualTo(org.cxrbench.report.ClosestPairs.IN_RESULTS);
            assertThat(pairs.get(0).path("dcr").asDouble())
                    .isEqualTo(gens.path(g).path("privacy_summary").path("dcr_min").asDouble());
            for (int i = 1; i < pairs.size(); i++) {
                assertThat(pairs.get(i).path("dcr").asDouble()).isGreaterThanOrEqualTo(pairs.get(i - 1).path("dcr").asDouble());
            }
            assertThat(pairs.get(0).path("synthetic_id").asText()).isNotEmpty();
            assertThat(pairs.get(0).path("train_id").asText()).startsWith("train-");
        }
        // the memoriser's closest pairs are its copies: below the memorisation threshold
        assertThat(gens.path("memorizer(0.3)").path("closest_pairs").get(0).path("memorized").asBoolean()).isTrue();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Closest pairs (privacy)", "memorizer(0.3): closest pairs", "faithful: closest pairs");
        assertThat(html.split("<figure class=\"sample\">", -1).length - 1).isEqualTo(2 * RunReport.GALLERY);
        assertThat(html).doesNotContain("src=\"samples.png\"");
        int images = html.split("<img ", -1).length - 1;
        Assumptions.assumeTrue(HeadlessBrowserTest.chromium() != null, "chromium is not installed");
        HeadlessBrowserTest.assertClean(HeadlessBrowserTest.open(dir.resolve("chromium"), html), images);
    }
}
