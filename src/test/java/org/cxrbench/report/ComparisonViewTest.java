package org.cxrbench.report;

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
        return ComparisonView.of(List.of(ResultsReader.read(ResultsReaderTest.fixture("multi.json"))));
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
        // precision floor 0.80 without CI: faithful 0.79 is below it (higher is better), memorizer 0.86 above
        assertThat(row(v, "faithful").cell("precision").floor()).isEqualTo(ComparisonView.FloorMark.NONE);
        assertThat(row(v, "memorizer").cell("precision").floor()).isEqualTo(ComparisonView.FloorMark.BEYOND);
        // equal to a CI-less floor counts as within
        MetricEntry floor = new MetricEntry("recall", 0.78, null, null, "higher", null, null, null, null, null, null, null);
        MetricEntry same = new MetricEntry("recall", 0.78, null, null, "higher", null, null, null, null, null, null, null);
        assertThat(ComparisonView.floorMark(same, floor)).isEqualTo(ComparisonView.FloorMark.WITHIN);
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
        ResultsSet a = ResultsReader.read(ResultsReaderTest.fixture("multi.json"));
        ResultsSet b = ResultsReader.read(ResultsReaderTest.fixture("demo_runs.json"));
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
        NoiseFloor floor = new NoiseFloor("m", java.util.Map.of("fid",
                new MetricEntry("fid", 2.0, null, null, "lower", "fidelity", null, 300L, 300L, null, null, null)));
        for (int[] c : new int[][] {{4, 0}, {5, 1}}) {
            GeneratorResult g = new GeneratorResult("g", java.util.Map.of(
                    "memorized_fraction", new MetricEntry("memorized_fraction", c[0] / 300.0, null, null, "lower",
                            "privacy", null, null, 300L, null, null, null),
                    "memorized", new MetricEntry("memorized", (double) c[0], null, null, "lower", "privacy", null, null,
                            null, null, null, null)), null, null, null, null);
            String w = ComparisonView.privacyWarning(g, floor, java.util.Map.of());
            if (c[1] == 0) {
                assertThat(w).as(c[0] + " copies").isNull();
            } else {
                assertThat(w).as(c[0] + " copies").contains("(5)");
            }
        }
    }
}
