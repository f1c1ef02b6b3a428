package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.junit.jupiter.api.Test;

/**
 * The command's console table reads a generator against its floor at equal N (issue 20.2), like the report: the
 * floor, the generator's value on the floor's N of its images where it was measured there, and the report's verdict.
 */
class ConsoleFloorColumnsTest {
    private static MetricResult fid(double v, double lo, double hi, long n) {
        return new MetricResult("fid", v, new double[] {lo, hi}, null, Map.of("n_real", 400L, "n_synthetic", n),
                Map.of(), List.of(), null, null);
    }

    @Test
    void theValueAtTheFloorsNAndTheVerdictAreShown() {
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        metrics.put("fid", fid(4.13, 1.94, 6.31, 395)); // 395 images, the floor at 180: not comparable as it is
        Evaluation.NoiseFloor floor = new Evaluation.NoiseFloor("halves", Map.of("fid", fid(3.09, 2.0, 4.3, 180)),
                Map.of("fid", fid(4.62, 3.1, 6.2, 180)));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ConsoleReport.table(metrics, floor, new PrintStream(b, true, StandardCharsets.UTF_8));
        List<String> lines = b.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("noise floor").contains("at floor's N").contains("vs floor");
        // difference 4.62 - 3.09 = 1.53, its interval's lower end 1.53 - hypot(1.52, 1.21) < 0: as good as real
        assertThat(lines.get(1)).contains("3.09").contains("4.62").endsWith("≈ real");

        Evaluation.NoiseFloor bare = new Evaluation.NoiseFloor("holdout", Map.of("fid", fid(3.09, 2.9, 3.3, 180)));
        b.reset();
        ConsoleReport.table(metrics, bare, new PrintStream(b, true, StandardCharsets.UTF_8));
        lines = b.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).doesNotContain("at floor's N");
        assertThat(lines.get(1)).endsWith("N≠");
    }
}
