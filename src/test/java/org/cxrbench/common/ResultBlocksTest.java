package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every typed block beside the metrics is written and read by the same binding ({@link ResultsJson}): written, read
 * back and written again it gives the same bytes, at the top level and in a generator, with each optional part
 * present and absent.
 */
class ResultBlocksTest {
    @TempDir Path dir;

    static final PrivacySummary.Holdout HOLDOUT = new PrivacySummary.Holdout(0.62, 0.76, 3.5, 2, 0.02, 0.8,
            "dcr < the 0.001 quantile (linear) of the 80 holdout images' distances to their nearest training image",
            3.1, "the holdout has fewer than 1/q = 1000 images: the threshold is (close to) the smallest holdout distance");

    /** Every group computed, with the privacy command's additions. */
    static PrivacySummary full() {
        return new PrivacySummary(120, 100, 0.0, 0.25, 0.3, 2.5, 2.75, 1, 0.91, 1,
                new PrivacySummary.Carlini(0.6, 3, 50), 0.05, 2.2, HOLDOUT, null, 0.12, 4L);
    }

    /** No holdout, no Carlini, no identifiability, no defined NNDR: only what a feature-file run without them has. */
    static PrivacySummary bare() {
        return new PrivacySummary(10, 8, 1.0, 1.1, 1.2, 1.5, 1.6, 0, null, 8, null, null, null, null,
                List.of("memorized", "memorized_fraction", "holdout_closer_share", "holdout_score"), null, null);
    }

    static ResultBlocks commandBlocks(ReidSummary reid, PrivacySummary summary, Integer pixelMemorized) {
        return ResultBlocks.builder()
                .summary(summary)
                .reid(reid)
                .pixelSpace(new PixelSpace("32 x 32", 0.001, 0.002, 0.05, pixelMemorized, 3))
                .dcr(new Histogram(0.0, 0.5, new long[] {1, 0, 7, 12}))
                .dcrHoldout(new Histogram(0.25, 0.5, new long[] {0, 3, 9, 8}))
                .kidDifference(new KidDifference(-0.003, 0.04, 200, "MMD² difference", 240, 100, 100, null))
                .build();
    }

    static ReidSummary scored() {
        return ReidSummary.verifier("logistic", 0.81, 105, 45, 420, 1.5, -2.0, 41.8).scored(0.3, 1.0, 0.9, 7, null);
    }

    static ResultBlocks generatorBlocks(ReidSummary verifier, Boolean memorized) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("total", 60);
        filter.put("kept", 50);
        filter.put("counts", Map.of("low", 10, "high", 50));
        Map<String, MetricResult> before = new LinkedHashMap<>();
        before.put("fid", MetricResult.of("fid", 12.5, Map.of("n_real", 300L, "n_synthetic", 60L)));
        before.put("dcr_median", MetricResult.of("dcr_median", 2.5, Map.of("n_train", 300L, "n_synthetic", 60L)));
        return ResultBlocks.builder()
                .reidVerifier(verifier)
                .privacySummary(full().withCommandAdditions(null, null))
                .dcr(new Histogram(0.0, 0.5, new long[] {1, 2}))
                .closestPairs(List.of(new ClosestPair("s1", "t9", 0.0, memorized), new ClosestPair("s2", "t3", 0.5, false)))
                .filter(FilterCounts.of(filter))
                .metricsUnfiltered(before)
                .closestPairsUnfiltered(List.of(new ClosestPair("s7", "t1", 1.25, null)))
                .build();
    }

    static ResultBlocks runBlocks(ReidSummary floorVerifier) {
        return ResultBlocks.builder()
                .noiseFloorReidVerifier(floorVerifier)
                .utilityFamily(new UtilityFamilyBlock(6, List.of("auroc"), "holm", 0.05, "paired", "real",
                        List.of("g / synthetic / auroc"), "utility-scores.csv", "./cxrbench stats"))
                .stages(List.of("data: phantom", "encode: pixels8"))
                .stageRuns(new ResultBlocks.StageRuns(List.of("encode[train]"), List.of()))
                .build();
    }

    /** Written, read back and written again: the same bytes; returns the file's tree. */
    JsonNode roundTrip(Evaluation e) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ResultsJson.write(a, e);
        ResultsJson.write(b, ResultsJson.read(a));
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        return Json.MAPPER.readTree(a.toFile());
    }

    static Evaluation single(ResultBlocks b) {
        return Evaluation.single(Map.of(), null, List.of(), b, Provenance.builder("test").build());
    }

    @Test
    void theCommandsBlocksRoundTripWithEveryPartPresentOrAbsent() throws Exception {
        for (ReidSummary reid : new ReidSummary[] {scored(), ReidSummary.unavailable("needs patient ids"), null}) {
            for (PrivacySummary s : new PrivacySummary[] {full(), bare()}) {
                for (Integer mem : new Integer[] {2, null}) {
                    roundTrip(single(commandBlocks(reid, s, mem)));
                }
            }
        }
        JsonNode n = roundTrip(single(commandBlocks(ReidSummary.unavailable("needs patient ids"), bare(), null)));
        assertThat(names(n)).containsExactly("schema_version", "metrics", "warnings", "summary", "reid", "pixel_space",
                "histogram_dcr", "histogram_dcr_holdout", "kid_difference", "provenance");
        assertThat(names(n.get("reid"))).containsExactly("unavailable");
        assertThat(n.get("pixel_space").has("memorized")).as("written null, not left out").isTrue();
        assertThat(n.get("summary").get("nndr_median").isNull()).isTrue();
        assertThat(n.get("kid_difference").has("note")).isFalse();
    }

    @Test
    void theSummaryKeepsTheContractsKeysAndOrder() throws Exception {
        JsonNode s = roundTrip(single(commandBlocks(scored(), full(), 2))).get("summary");
        assertThat(names(s)).containsExactly("n_train", "n_synthetic", "dcr_min", "dcr_p5", "dcr_p5_nearest_rank",
                "dcr_median", "dcr_mean", "percentile_definition", "exact_copies", "nndr_median", "nndr_undefined",
                "carlini_ratio_median", "carlini_below_one_third", "carlini_n", "identifiability",
                "real_to_synthetic_nn_distance_mean", "holdout_closer_share", "holdout_score", "dcr_holdout_median",
                "memorized", "memorized_fraction", "memorization_threshold", "memorization_rule",
                "holdout_dcr_to_train_median", "memorization_note", "reid_score", "exact_copies_pixels");
        assertThat(names(roundTrip(single(commandBlocks(null, bare(), null))).get("summary"))).containsExactly(
                "n_train", "n_synthetic", "dcr_min", "dcr_p5", "dcr_p5_nearest_rank", "dcr_median", "dcr_mean",
                "percentile_definition", "exact_copies", "nndr_median", "nndr_undefined", "unavailable_without_holdout");
        // read back, the typed summary is the one written
        Path f = dir.resolve("s.json");
        ResultsJson.write(f, single(commandBlocks(scored(), full(), 2)));
        Evaluation back = ResultsJson.read(f);
        assertThat(back.blocks().summary()).isEqualTo(full());
        assertThat(back.blocks().reid()).isEqualTo(scored());
        assertThat(back.blocks().dcrHoldout().counts()).containsExactly(0, 3, 9, 8);
    }

    @Test
    void aRunsGeneratorAndRunBlocksRoundTrip() throws Exception {
        for (ReidSummary v : new ReidSummary[] {ReidSummary.auc(0.93), ReidSummary.NONE}) {
            for (Boolean mem : new Boolean[] {true, null}) {
                Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
                gens.put("g", new Evaluation.GeneratorResult(Map.of(), null, Map.of("synthetic", "sha256:" + "0".repeat(64)),
                        List.of(), generatorBlocks(v, mem).toBuilder().build())); // rebuilt, as a config run does
                JsonNode n = roundTrip(new Evaluation(Map.of(), null, gens, List.of(), runBlocks(v),
                        Provenance.builder("test").build()));
                assertThat(names(n.get("generators").get("g"))).containsExactly("metrics", "inputs", "warnings",
                        "reid_verifier_auc", "privacy_summary", "histogram_dcr", "closest_pairs", "filter",
                        "metrics_unfiltered", "closest_pairs_unfiltered");
                assertThat(names(n)).containsExactly("schema_version", "metrics", "generators", "warnings",
                        "noise_floor_reid_verifier_auc", "utility_family", "stages", "stage_runs", "provenance");
                // a block keeps the order it was given in (rebuilt included); a map without one is written sorted
                assertThat(names(n.get("generators").get("g").get("filter"))).containsExactly("total", "kept", "removed", "counts", "per_label");
                assertThat(names(n.get("generators").get("g").get("filter").get("counts"))).containsExactly("high", "low");
                // a verifier that was not fitted is written as null, and read back as such
                Evaluation back = ResultsJson.read(dir.resolve("a.json"));
                assertThat(back.blocks().noiseFloorReidVerifier().validationAuc()).isEqualTo(v.validationAuc());
                assertThat(back.generators().get("g").blocks().reidVerifier().validationAuc()).isEqualTo(v.validationAuc());
                assertThat(back.generators().get("g").unfiltered()).containsOnlyKeys("fid", "dcr_median");
                assertThat(back.generators().get("g").filter().kept()).isEqualTo(50);
            }
        }
    }

    /** The committed demo results (a config run with a filter, utility, floors and re-id) read and write back as they are. */
    @Test
    void theExampleDemoResultsReadAndWriteBackUnchanged() throws Exception {
        Path demo = Path.of("reports/example-demo/results.json");
        Assumptions.assumeTrue(Files.isRegularFile(demo), "no reports/example-demo/results.json");
        Path again = dir.resolve("again.json");
        ResultsJson.write(again, ResultsJson.read(demo));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(demo));
    }

    static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
