package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.junit.jupiter.api.Test;

/** The run's console filter table names every verdict column it prints, the unjudged count included. */
class FilterConsoleTableTest {
    @Test
    void theUnjudgedCountHasItsHeaderAndEveryRowLinesUpWithIt() {
        Map<String, Object> filter = Map.of("total", 60, "kept", 50, "removed", 10, "counts",
                Map.of("high", 30, "medium", 17, "low", 4, "not-relevant", 6, "unjudged", 3));
        Evaluation.GeneratorResult g = new Evaluation.GeneratorResult(Map.of(), null, Map.of(), List.of(),
                org.cxrbench.common.ResultBlocks.builder().filter(org.cxrbench.common.FilterCounts.of(filter)).build());
        Evaluation e = new Evaluation(Map.of(), null, Map.of("vlm-judged", g), List.of(), org.cxrbench.common.ResultBlocks.NONE, null);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FilterConsoleTable.print(e, new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        String[] head = lines.get(0).trim().split("\\s+");
        String[] row = lines.get(1).trim().split("\\s+");
        assertThat(head).containsSubsequence("total", "kept", "high", "medium", "low", "not-rel.", "unjudged");
        // "filter (verdicts)" is two words in the header; the row's name is one
        assertThat(row).hasSize(head.length - 1);
        assertThat(row[row.length - 1]).isEqualTo("3");
        assertThat(lines.get(1).length()).isEqualTo(lines.get(0).length());
    }
}
