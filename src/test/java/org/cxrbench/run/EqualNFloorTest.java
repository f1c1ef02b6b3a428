package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.common.Json;
import org.cxrbench.report.ComparisonView;
import org.cxrbench.report.ResultsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20.2: every generator's fidelity values are compared with a floor at the same N. A generator with fewer
 * images than the holdout gets a floor drawn at its N; one with more is measured again on the holdout's N of its
 * images ({@code noise_floor.generator_at_n}); no cell of the comparison is "N≠".
 */
class EqualNFloorTest {
    @TempDir Path dir;

    @Test
    void everyGeneratorIsComparedWithItsFloorAtEqualN() throws Exception {
        // a small holdout (3 patients) against a generator drawn like the 10-patient training set
        String yaml = ConfigRunTest.config("faithful", "mode-collapse").replace("holdout: {phantom: {patients: 10,",
                "holdout: {phantom: {patients: 3,");
        ConfigRun.Outcome o = ConfigRunTest.runIn(dir, yaml, dir.resolve("out"));
        JsonNode root = Json.MAPPER.readTree(o.results().toFile());
        long holdoutN = root.path("noise_floor").path("metrics").path("fid").path("n_synthetic").asLong();
        int larger = 0;
        for (String g : List.of("faithful", "mode-collapse")) {
            JsonNode gen = root.path("generators").path(g);
            long n = gen.path("metrics").path("fid").path("n_synthetic").asLong();
            JsonNode floor = gen.path("noise_floor");
            if (n > holdoutN) {
                larger++;
                // the run's floor, and the generator at the floor's N
                assertThat(floor.path("metrics").path("fid").path("n_synthetic").asLong()).isEqualTo(holdoutN);
                JsonNode at = floor.path("generator_at_n");
                for (String k : List.of("fid", "kid", "precision", "recall", "density", "coverage")) {
                    assertThat(at.path(k).path("n_synthetic").asLong()).as(g + " " + k).isEqualTo(holdoutN);
                    assertThat(at.path(k).path("value").isNumber()).as(g + " " + k).isTrue();
                }
                assertThat(floor.path("method").asText()).contains("generator_at_n").contains(holdoutN + " of its " + n);
            } else if (n < holdoutN) {
                assertThat(floor.path("metrics").path("fid").path("n_synthetic").asLong()).isEqualTo(n);
                assertThat(floor.has("generator_at_n")).isFalse();
            }
        }
        assertThat(larger).as("at least one generator larger than the holdout").isPositive();
        // the run's floor is one stage, measured once, however many generators are compared with it
        assertThat(o.executed().stream().filter("noise-floor[holdout]"::equals)).hasSize(1);
        assertThat(o.reused()).doesNotContain("noise-floor[holdout]");
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/results.schema.json"))).validate(root)).isEmpty();
        ComparisonView v = ComparisonView.of(List.of(ResultsSet.read(o.results())));
        for (ComparisonView.Row r : v.rows()) {
            r.cells().forEach((k, c) -> assertThat(c.floor()).as(r.name() + " " + k)
                    .isNotEqualTo(ComparisonView.FloorMark.NOT_COMPARABLE));
        }
        assertThat(Files.readString(o.results().resolveSibling("report.html"))).doesNotContain("title=\"the floor was made at another N\"");
    }
}
