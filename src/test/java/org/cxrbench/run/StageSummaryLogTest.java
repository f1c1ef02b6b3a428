package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: the demo printed ~154 bookkeeping lines on stderr (a line per stage, cache hits, per-seed utility
 * lines). Without --verbose it prints one line per phase, the warnings, and its own first and last lines.
 */
class StageSummaryLogTest {
    @Test
    void oneLinePerPhaseWarningsKeptBookkeepingDropped() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StageSummaryLog log = StageSummaryLog.over(new PrintStream(buf, true, StandardCharsets.UTF_8));
        log.println("demo: phantom world, 150 patients per real set");
        log.println("stage data[train]: done in 29.5 s");
        log.println("stage data[holdout]: cached (data-1.json)");
        log.println("filter: 300 of 300 verdicts from the cache (/root/.cache/cxrbench/verdicts)");
        log.println("stage filter[faithful]: done in 9.4 s");
        log.println("train: 300 of 300 images' features from the cache");
        log.println("stage encode[train]: done in 0.5 s");
        log.println("stage fidelity[faithful]: done in 1.4 s");
        log.print("warning: utility tests on the holdout\n");
        log.println("stage privacy[faithful]: cached (privacy-2.json)");
        log.println("utility: seed 1/5, real (30 real + 0 synthetic rows): 0.4 s");
        log.println("stage utility[faithful]: done in 1.2 s");
        log.println("run: 6 stages computed, 2 reused; wrote results.json");
        log.finish();
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("demo:");
        assertThat(lines.get(1)).startsWith("data: 2 stages, 1 computed, 1 reused, ");
        assertThat(lines.get(2)).startsWith("filter: 1 stage, 1 computed, 0 reused, ");
        assertThat(lines.get(3)).isEqualTo("warning: utility tests on the holdout");
        assertThat(lines.get(4)).startsWith("measure: 3 stages (encode 1, fidelity 1, privacy 1), 2 computed, 1 reused, ");
        assertThat(lines.get(5)).startsWith("utility: 1 stage, 1 computed, 0 reused, ");
        assertThat(lines.get(6)).startsWith("run: 6 stages computed");
    }
}
