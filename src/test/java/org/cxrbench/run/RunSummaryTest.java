package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.junit.jupiter.api.Test;

/** The verdict lines never skip a generator the quality filter emptied: its unfiltered value counts, marked. */
class RunSummaryTest {
    @Test
    void worstFidIncludesAGeneratorTheFilterEmptied() {
        Map<String, Long> n = Map.of("n_real", 300L, "n_synthetic", 300L);
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        gens.put("faithful", new Evaluation.GeneratorResult(Map.of("fid", MetricResult.of("fid", 1.2, n)), null,
                Map.of(), List.of(), org.cxrbench.common.ResultBlocks.NONE));
        gens.put("mode-collapse(3)", new Evaluation.GeneratorResult(Map.of("fid", MetricResult.of("fid", 6.894, n)),
                null, Map.of(), List.of(), org.cxrbench.common.ResultBlocks.NONE));
        org.cxrbench.common.ResultBlocks blocks = org.cxrbench.common.ResultBlocks.builder()
                .filter(org.cxrbench.common.FilterCounts.of(Map.of("total", 300, "kept", 0, "removed", 300)))
                .metricsUnfiltered(Map.of("fid", MetricResult.of("fid", 232.0, n))).build();
        gens.put("low-contrast(0.4)", new Evaluation.GeneratorResult(Map.of(), null, Map.of(), List.of(), blocks));
        Evaluation e = new Evaluation(Map.of(), null, gens, List.of(), org.cxrbench.common.ResultBlocks.NONE, Provenance.builder("test").build());
        List<String> lines = RunSummary.lines(e);
        assertThat(lines.get(0)).isEqualTo("Best FID: faithful, fid 1.200");
        assertThat(lines.get(3)).isEqualTo("Worst FID: low-contrast(0.4), fid 232.0 (unfiltered: the quality filter "
                + "removed all 300 images)");
    }
}
