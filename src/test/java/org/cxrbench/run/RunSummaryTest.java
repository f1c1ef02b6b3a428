package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The verdict lines never skip a generator the quality filter emptied: its unfiltered value counts, marked. Each value
 * is read against its own floor at equal N (issue 20.2): a filtered generator's floor drawn at its N, a larger
 * generator's value on the floor's N of its images; generators ranked at unequal N say so.
 */
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

    @Test
    void eachValueIsReadAgainstItsFloorAtEqualN() {
        Map<String, Long> n300 = Map.of("n_real", 600L, "n_synthetic", 300L);
        Map<String, Long> n287 = Map.of("n_real", 600L, "n_synthetic", 287L);
        Map<String, Long> n200 = Map.of("n_real", 600L, "n_synthetic", 200L);
        Evaluation.NoiseFloor run = new Evaluation.NoiseFloor("holdout", Map.of("fid", MetricResult.of("fid", 1.263,
                n200)));
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        // filtered to 287 images: its own floor at N = 287
        gens.put("faithful", new Evaluation.GeneratorResult(Map.of("fid", MetricResult.of("fid", 1.211, n287)),
                new Evaluation.NoiseFloor("holdout at 287", Map.of("fid", MetricResult.of("fid", 1.329, n287))),
                Map.of(), List.of(), org.cxrbench.common.ResultBlocks.NONE));
        // larger than the 200-image floor: judged on 200 of its images
        gens.put("big", new Evaluation.GeneratorResult(Map.of("fid", MetricResult.of("fid", 3.4, n300)),
                new Evaluation.NoiseFloor("holdout", Map.of("fid", MetricResult.of("fid", 1.263, n200)),
                        Map.of("fid", MetricResult.of("fid", 3.674, n200))),
                Map.of(), List.of(), org.cxrbench.common.ResultBlocks.NONE));
        Evaluation e = new Evaluation(Map.of(), run, gens, List.of(), org.cxrbench.common.ResultBlocks.NONE,
                Provenance.builder("test").build());
        List<String> lines = RunSummary.lines(e);
        assertThat(lines.get(0)).isEqualTo("Best FID: faithful, fid 1.211 (real-vs-real floor 1.329 at N = 287) "
                + "[ranked at unequal N, 287-300 images: fid depends on N, so read each against its floor]");
        assertThat(lines.get(3)).startsWith("Worst FID: big, fid 3.400 (3.674 on 200 of its images; real-vs-real "
                + "floor 1.263 at N = 200) [ranked at unequal N");
    }
}
