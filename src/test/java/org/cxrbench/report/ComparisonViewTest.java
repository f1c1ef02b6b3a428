package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Judging the multi.json fixture. Expected marks worked out by hand from the fixture's numbers: FID floor CI
 * [2.41, 3.02]; faithful 2.55 lies inside, memorizer 1.90 below it, small-n was scored at N = 100 against a floor
 * at 300, blurry 14.2 above.
 */
class ComparisonViewTest {
    static ComparisonView view() {
        return ComparisonView.of(List.of(ResultsSet.read(ResultsSetTest.fixture("multi.json"))));
    }

    static ComparisonView.Row row(ComparisonView v, String name) {
        return v.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bestPerColumnFollowsEachEntrysDirection() {
        ComparisonView v = view();
        assertThat(row(v, "memorizer").cell("fid").best()).isTrue();      // 1.90 is the lowest FID
        assertThat(row(v, "faithful").cell("fid").best()).isFalse();
        assertThat(row(v, "memorizer").cell("precision").best()).isTrue(); // 0.86 the highest precision
        assertThat(row(v, "blurry").cell("dcr_median").best()).isTrue();   // 4.40 the highest DCR (higher is better)
        assertThat(row(v, "real vs real (noise floor)").cell("fid").best()).isFalse(); // floors never compete
    }

    @Test
    void noiseFloorMarks() {
        ComparisonView v = view();
        assertThat(row(v, "faithful").cell("fid").floor()).isEqualTo(ComparisonView.FloorMark.WITHIN);
        assertThat(row(v, "memorizer").cell("fid").floor()).isEqualTo(ComparisonView.FloorMark.BEYOND);
        assertThat(row(v, "blurry").cell("fid").floor()).isEqualTo(ComparisonView.FloorMark.NONE);
        assertThat(row(v, "small-n").cell("fid").floor()).isEqualTo(ComparisonView.FloorMark.NOT_COMPARABLE);
        // precision floor 0.80 without CI: faithful 0.79 is below it (higher is better), memorizer 0.86 above; with no
        // interval on either side nothing is "beyond": at least as good as the floor is "within"
        assertThat(row(v, "faithful").cell("precision").floor()).isEqualTo(ComparisonView.FloorMark.NONE);
        assertThat(row(v, "memorizer").cell("precision").floor()).isEqualTo(ComparisonView.FloorMark.WITHIN);
        // equal to a CI-less floor counts as within
        MetricResult floor = MetricResult.of("recall", 0.78, java.util.Map.of());
        MetricResult same = MetricResult.of("recall", 0.78, java.util.Map.of());
        assertThat(ComparisonView.floorMark(same, floor)).isEqualTo(ComparisonView.FloorMark.WITHIN);
    }

    /**
     * The difference's interval from both sides' intervals (MOVER, Zou &amp; Donner 2008), worked by hand: floor 2.69
     * [2.41, 3.02]; a generator at 2.20 [2.00, 2.30]: 2.20 lies below the floor's CI (the rule before said "beyond"),
     * but the difference -0.49 has upper end -0.49 + hypot(0.10, 0.28) = -0.193, so it is beyond; at 2.20 [1.90,
     * 2.60] the upper end is -0.49 + hypot(0.40, 0.28) = -0.002: still beyond; at 2.20 [1.90, 2.70] it is +0.08:
     * within. Its own uncertainty counts: the rule before judged all three "beyond".
     */
    @Test
    void theDifferenceIntervalCombinesBothSides() {
        MetricResult floor = new MetricResult("fid", 2.69, new double[] {2.41, 3.02}, null, java.util.Map.of(), java.util.Map.of(),
                List.of(), null, null);
        assertThat(ComparisonView.floorMark(fid(2.20, 2.00, 2.30), floor)).isEqualTo(ComparisonView.FloorMark.BEYOND);
        assertThat(ComparisonView.floorMark(fid(2.20, 1.90, 2.60), floor)).isEqualTo(ComparisonView.FloorMark.BEYOND);
        assertThat(ComparisonView.floorMark(fid(2.20, 1.90, 2.70), floor)).isEqualTo(ComparisonView.FloorMark.WITHIN);
        // worse than the floor beyond the interval: no mark; worse within it: "within"
        assertThat(ComparisonView.floorMark(fid(3.60, 3.40, 3.90), floor)).isEqualTo(ComparisonView.FloorMark.NONE);
        assertThat(ComparisonView.floorMark(fid(3.00, 2.80, 3.30), floor)).isEqualTo(ComparisonView.FloorMark.WITHIN);
        // a floor without a CI (no --bootstrap) against a generator without one: never "beyond"
        MetricResult bare = MetricResult.of("fid", 2.69, java.util.Map.of());
        assertThat(ComparisonView.floorMark(MetricResult.of("fid", 1.0, java.util.Map.of()), bare))
                .isEqualTo(ComparisonView.FloorMark.WITHIN);
        assertThat(ComparisonView.floorMark(MetricResult.of("fid", 2.70, java.util.Map.of()), bare))
                .isEqualTo(ComparisonView.FloorMark.NONE);
    }

    private static MetricResult fid(double v, double lo, double hi) {
        return new MetricResult("fid", v, new double[] {lo, hi}, null, java.util.Map.of(), java.util.Map.of(), List.of(),
                null, null);
    }

    @Test
    void theMemorizerRowCarriesAPrivacyWarningAndTheOthersDoNot() {
        ComparisonView v = view();
        assertThat(row(v, "memorizer").privacyWarning()).contains("30% of its images are memorised copies (90)")
                .contains("12 exact copies").contains("marked best may come from copying");
        assertThat(row(v, "faithful").privacyWarning()).isNull();
        assertThat(row(v, "blurry").privacyWarning()).isNull();
    }

    @Test
    void headlineKeepsFidelityBesidePrivacy() {
        ComparisonView v = view();
        // the registry's headline metrics the file has, in declaration order
        assertThat(v.headline()).containsExactly("fid", "kid", "precision", "recall", "density", "coverage",
                "dcr_median", "exact_copies", "memorized", "memorized_fraction");
        assertThat(v.columns()).contains("f1_macro", "memorized").doesNotContain("fid_per_label");
        assertThat(v.hasPrivacy()).isTrue();
    }

    @Test
    void duplicateGeneratorNamesAcrossFilesAreQualifiedByTheirFile() {
        ResultsSet a = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        ResultsSet b = ResultsSet.read(ResultsSetTest.fixture("demo_runs.json"));
        ComparisonView v = ComparisonView.of(List.of(a, b));
        assertThat(v.rows()).extracting(ComparisonView.Row::name).contains("faithful", "faithful (demo_runs)",
                "memorizer (demo_runs)", "real vs real (noise floor 1)", "real vs real (noise floor 2)");
    }

    /**
     * The copy test: 300 images, floor N 300, so the per-image rate is 1/301 (above q = 0.001). Exact binomial
     * tails (python math.comb): P(X >= 4) = 0.0186, P(X >= 5) = 0.00353: 4 copies pass, 5 are flagged at 1%.
     */
    @Test
    void memorisedCopiesAreFlaggedOnlyBeyondChance() {
        Evaluation.NoiseFloor floor = new Evaluation.NoiseFloor("m", java.util.Map.of("fid",
                MetricResult.of("fid", 2.0, java.util.Map.of("n_real", 300L, "n_synthetic", 300L))));
        for (int[] c : new int[][] {{4, 0}, {5, 1}}) {
            java.util.Map<String, MetricResult> m = java.util.Map.of(
                    "memorized_fraction", MetricResult.of("memorized_fraction", c[0] / 300.0,
                            java.util.Map.of("n_synthetic", 300L)),
                    "memorized", MetricResult.of("memorized", (double) c[0], java.util.Map.of()));
            NamedResult g = new NamedResult("g", new Evaluation.GeneratorResult(m, null, java.util.Map.of(),
                    java.util.List.of(), org.cxrbench.common.ResultBlocks.NONE), m);
            String w = ComparisonView.privacyWarning(g, floor, java.util.Map.of());
            if (c[1] == 0) {
                assertThat(w).as(c[0] + " copies").isNull();
            } else {
                assertThat(w).as(c[0] + " copies").contains("(5)");
            }
        }
    }

    /**
     * A generator with more images (500) than its floor (300) is judged where the floor is: at N = 300, on its
     * generator_at_n value (written and read back through results.json). Its full-N FID 2.5 would be "better than
     * the floor" (2.7, no CI); at N = 300 its FID equals the floor's: within. Without generator_at_n: not comparable.
     */
    @Test
    void aGeneratorLargerThanTheFloorIsJudgedAtTheFloorsN(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.util.Map<String, Long> at300 = java.util.Map.of("n_real", 800L, "n_synthetic", 300L);
        java.util.Map<String, MetricResult> floor = java.util.Map.of("fid", MetricResult.of("fid", 2.7, at300));
        java.util.Map<String, MetricResult> full = java.util.Map.of("fid", MetricResult.of("fid", 2.5,
                java.util.Map.of("n_real", 800L, "n_synthetic", 500L)));
        java.util.Map<String, MetricResult> atN = java.util.Map.of("fid", MetricResult.of("fid", 2.7, at300));
        for (boolean judgedAtN : new boolean[] {true, false}) {
            Evaluation.NoiseFloor f = new Evaluation.NoiseFloor("floor", floor, judgedAtN ? atN : java.util.Map.of());
            Evaluation.GeneratorResult g = new Evaluation.GeneratorResult(full, f, java.util.Map.of(), List.of(),
                    org.cxrbench.common.ResultBlocks.NONE);
            java.nio.file.Path file = dir.resolve(judgedAtN + ".json");
            org.cxrbench.common.ResultsJson.write(file, new Evaluation(java.util.Map.of(), null,
                    java.util.Map.of("big", g), List.of(), org.cxrbench.common.ResultBlocks.NONE,
                    org.cxrbench.common.Provenance.builder("test").build()));
            ComparisonView.Cell c = row(ComparisonView.of(List.of(ResultsSet.read(file))), "big").cell("fid");
            assertThat(c.entry().value()).isEqualTo(2.5); // the table still shows the whole set's value
            if (judgedAtN) {
                assertThat(c.floor()).isEqualTo(ComparisonView.FloorMark.WITHIN);
                assertThat(c.atFloorN().value()).isEqualTo(2.7);
                assertThat(c.atFloorN().nSynthetic()).isEqualTo(300L);
            } else {
                assertThat(c.floor()).isEqualTo(ComparisonView.FloorMark.NOT_COMPARABLE);
                assertThat(c.atFloorN()).isNull();
            }
        }
    }
}
