package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cxrbench.common.RoundTrips.assertRoundTrips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config run's history line: the record round-trips and is appended as one line with the keys in their order. */
class RunHistoryLineTest {
    @TempDir Path dir;

    @Test
    void aLineRoundTripsAndIsAppendedWhole() throws Exception {
        Map<String, Map<String, Double>> gens = new LinkedHashMap<>();
        gens.put("faithful", new LinkedHashMap<>(Map.of("fid", 1.25)));
        gens.put("blurry(1.5)", Map.of());
        RunHistory.Line line = new RunHistory.Line("2026-12-05T12:00:00Z", "sha256:c", "sha256:r", "abc", "cxrbench demo",
                76, 5, gens);
        assertThat(assertRoundTrips(line, RunHistory.Line.class)).isEqualTo(line);
        Path h = dir.resolve("history.jsonl");
        RunHistory.append(h, line);
        RunHistory.append(h, line);
        List<String> lines = Files.readAllLines(h);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).replaceAll("\\s", "")).isEqualTo("{\"time\":\"2026-12-05T12:00:00Z\",\"config\":\"sha256:c\","
                + "\"results\":\"sha256:r\",\"commit\":\"abc\",\"command\":\"cxrbenchdemo\",\"stages_run\":76,\"stages_reused\":5,"
                + "\"generators\":{\"faithful\":{\"fid\":1.25},\"blurry(1.5)\":{}}}");
        assertThat(Json.MAPPER.readValue(lines.get(1), RunHistory.Line.class)).isEqualTo(line);
    }
}
