package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: reproduction compares like with like. A column whose definition, task or data differ from cxrbench's
 * key (reid_score vs CheXGenBench's avg Re-ID; Prakash et al.'s CheXpert classifiers vs a run's own model) is "not
 * comparable (definition | task | data)" with the difference in the .md and .html, never "differs"; each table says
 * where its numbers come from; the SynthCheX judge is read from the results' filter block.
 */
class ReproduceComparableTest {
    @TempDir Path dir;

    Path results() throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, """
                {"metrics": {}, "generators": {"mine": {"metrics": {
                   "reid_score": {"value": 0.9, "direction": "lower"},
                   "dcr_median": {"value": 1.0, "direction": "higher"}},
                 "filter": {"total": 10, "kept": 8, "removed": 2, "counts": {"high": 8, "low": 2},
                            "remove": ["low", "not-relevant"], "judge": {"name": "builtin", "fingerprint": "x"}},
                 "utility": {"comparisons": [{"condition": "augmented", "metric": "f1_macro", "mean_diff": 0.02,
                             "ci95": [0.0, 0.04], "p": 0.04, "p_adjusted": 0.04, "significant": true}]}}},
                 "provenance": {"cxrbench": "0.1.0", "settings": {"encoder": "raddino"}}}
                """);
        return f;
    }

    ReproductionView view(String table) throws Exception {
        return ReproductionView.of(PublishedTable.read(Path.of("baselines", table)), ResultsSet.read(results()),
                Map.of("mine", PublishedTable.read(Path.of("baselines", table)).rows().get(0).model()), null);
    }

    static ReproductionView.Cell cell(ReproductionView v, String key) {
        return v.pairs().stream().filter(p -> p.generator() != null).flatMap(p -> p.cells().stream())
                .filter(c -> c.column().key().equals(key)).findFirst().orElseThrow();
    }

    /** Every shipped table records its source's version, resolution and sample counts (said when not stated). */
    @Test
    void everyShippedTableSaysWhereItsNumbersComeFrom() throws Exception {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of("baselines"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Map<String, String> about = PublishedTable.read(p).about();
                for (String k : new String[] {"version", "resolution", "samples"}) {
                    assertThat(about.get(k)).as(p + " source." + k).isNotBlank();
                }
            }
        }
    }

    @Test
    void aDifferentDefinitionOrTaskIsNotComparableWithTheDifferenceSaid() throws Exception {
        ReproductionView privacy = view("chexgenbench-privacy.yaml");
        ReproductionView.Cell reid = cell(privacy, "reid_score");
        assertThat(reid.verdict()).isEqualTo(ReproductionView.Verdict.NOT_COMPARABLE); // before: DIFFERS (0.9 vs 0.539)
        assertThat(reid.reason()).isEqualTo("definition");
        for (String out : new String[] {ReproduceRender.markdown(privacy), ReproduceRender.html(privacy)}) {
            assertThat(out).contains("not comparable (definition)").contains("Siamese ResNet-50").doesNotContain("(differs)");
            assertThat(out).contains("version").contains("20,000 synthetic images");
        }
        ReproductionView utility = view("prakash-2024-utility.yaml");
        ReproductionView.Cell f1 = cell(utility, "utility/best_mean_diff/f1");
        assertThat(f1.verdict()).isEqualTo(ReproductionView.Verdict.NOT_COMPARABLE);
        assertThat(f1.reason()).isEqualTo("task");
        assertThat(ReproduceRender.markdown(utility)).contains("not comparable (task)").contains("CheXpert");
    }

    @Test
    void theSynthChexJudgeIsReadFromTheResultsFilterBlock() throws Exception {
        ReproductionView v = view("synthchex-75k-counts.yaml");
        ReproductionView.SettingCheck judge = v.settings().stream().filter(s -> s.setting().equals("judge")).findFirst()
                .orElseThrow();
        assertThat(judge.yours()).isEqualTo("builtin"); // before: not recorded
        assertThat(judge.status()).isEqualTo(ReproductionView.Status.DIFFERENT);
        assertThat(ReproduceRender.markdown(v)).contains("SynthCheX-75K-v2");
    }
}
