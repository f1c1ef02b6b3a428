package org.cxrbench.utility;

import org.cxrbench.common.UtilityResult;
import org.cxrbench.common.TrainingRun;
import org.cxrbench.common.StatsResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.ComparisonRow;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Interval;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.common.SeedMetric;
import org.cxrbench.common.UtilitySummary;
import org.cxrbench.stats.Comparisons;
import org.cxrbench.stats.Score;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The utility results model is written and read by one Jackson binding: every record writes, reads back to an equal
 * record and writes again to the same bytes; a block written by an earlier cxrbench (the committed demo) reads and
 * writes back byte for byte; the run-wide family makes new blocks.
 */
class UtilityResultJsonTest {
    private static final Provenance PROV = Provenance.builder("utility test").threads(2).seed("seed", 0)
            .input("train", "sha256:aa").input("test", "sha256:bb").setting("seeds", 5).build();

    /** Write, read, write again: the record comes back equal and the bytes are the same. */
    static <T> T roundTrip(T value, Class<T> type) throws Exception {
        String once = Json.toString(value);
        T back = Json.MAPPER.readValue(once, type);
        assertThat(back).isEqualTo(value);
        assertThat(Json.toString(back)).isEqualTo(once);
        return back;
    }

    static SeedMetric metric(String id, double... perSeed) {
        List<Double> v = Arrays.stream(perSeed).boxed().toList();
        return UtilityResults.entry(id, v);
    }

    static UtilityResult block(List<ComparisonRow> rows, Double alpha) {
        SeedMetric auroc = metric("auroc_macro", 0.71, 0.74, 0.69, 0.73, 0.70)
                .withSeed0Bootstrap(List.of(0.65, 0.77), 0.71, "patient (40 test patients)");
        Map<String, SeedMetric> m = new LinkedHashMap<>();
        m.put("auroc_macro", auroc);
        m.put("f1_macro", metric("f1_macro", 0.5, Double.NaN, 0.6, 0.55, 0.52));
        Map<String, TrainingRun.F1Threshold> th = new LinkedHashMap<>();
        th.put("edema", TrainingRun.F1Threshold.of(0.31));
        th.put("fracture", TrainingRun.F1Threshold.of(Double.NaN));
        TrainingRun probe = TrainingRun.drawn(0, 30, 12, "40 synthetic rows wanted, the set has 12", null)
                .withProbe(Map.of("edema", "converged after 20 iterations"), 5, th);
        TrainingRun cnn = TrainingRun.drawn(1, 20, 10, null, 3).withCnn(new TrainingRun.CnnTraining(25, 5, 4, 3,
                List.of(0.7, 0.6, 0.5, 0.45), List.of(0.72, 0.65, 0.6, 0.61), "validation masked BCE, patience 10", th, null));
        TrainingRun unet = TrainingRun.drawn(2, 30, 0, null, null).withUnet(new TrainingRun.UnetTraining(3, 8, 0.003, 30));
        Map<String, UtilityResult.ConditionResult> conds = new LinkedHashMap<>();
        conds.put("real", new UtilityResult.ConditionResult("real", null, null, null, m, List.of(probe)));
        conds.put("gen:mixed", new UtilityResult.ConditionResult("mixed", "gen", 0.5, null, m, List.of(cnn, unet)));
        conds.put("gen:augmented_1", new UtilityResult.ConditionResult("augmented", "gen", null, 1.0, m, List.of()));
        Map<String, SeedMetric> top = new LinkedHashMap<>();
        m.forEach((k, v) -> top.put(k, v.withCondition("gen:augmented_1")));
        return new UtilityResult(Evaluation.SCHEMA_VERSION, top, new UtilityResult.BestCondition("gen:augmented_1",
                "highest mean auroc_macro over seeds among the conditions that use synthetic data"), conds, rows,
                rows.size(), "bonferroni", alpha, alpha == null ? null : "paired", alpha == null ? null : "greater",
                alpha == null ? null : "real", alpha == null ? null : StatsResult.CI95_NOTE, List.of("a warning"),
                new UtilityResult.ScoredLabels(List.of("edema"), Map.of("fracture", "0 positive")), null,
                new UtilityResult.Settings("linear probe", null, null, null, "0.5", "Mann-Whitney", "the real test set"),
                PROV, null, null);
    }

    static List<Score> scores() {
        List<Score> s = new java.util.ArrayList<>();
        double[] base = {0.70, 0.72, 0.69, 0.71, 0.73};
        for (int seed = 0; seed < base.length; seed++) {
            s.add(new Score("real", seed, "auroc_macro", base[seed]));
            s.add(new Score("up", seed, "auroc_macro", base[seed] + 0.05 + 0.001 * seed));
            s.add(new Score("const", seed, "auroc_macro", base[seed] + 0.25)); // constant difference: t = Infinity
            s.add(new Score("same", seed, "auroc_macro", base[seed]));         // no difference: t = NaN (null)
        }
        return s;
    }

    @Test
    void everyRecordRoundTrips() throws Exception {
        StatsResult stats = Comparisons.compare(scores(), Comparisons.Options.defaults("real")).toJson();
        JsonNode rows = Json.MAPPER.valueToTree(stats).get("comparisons");
        assertThat(rows.get(1).get("t").asText()).isEqualTo("Infinity");
        assertThat(rows.get(2).get("t").isNull()).isTrue();
        assertThat(rows.get(2).get("p").isNull()).isTrue();
        StatsResult back = roundTrip(stats, StatsResult.class);
        assertThat(back.comparisons().get(1).t()).isEqualTo(Double.POSITIVE_INFINITY);
        roundTrip(stats.withFamily(List.of("auroc_macro"), List.of("up / auroc_macro"), PROV), StatsResult.class);
        for (ComparisonRow r : stats.comparisons()) {
            roundTrip(r, ComparisonRow.class);
        }

        UtilityResult tested = roundTrip(block(stats.comparisons(), 0.05), UtilityResult.class);
        assertThat(tested.stats().comparisons()).isEqualTo(stats.comparisons());
        assertThat(tested.stats().familySize()).isEqualTo(stats.familySize());
        UtilityResult untested = roundTrip(block(List.of(), null), UtilityResult.class);
        assertThat(Json.MAPPER.valueToTree(untested).has("alpha")).isFalse();
        assertThat(untested.stats()).isNull();

        SeedMetric one = roundTrip(metric("f1_macro", 0.6), SeedMetric.class);
        assertThat(one.sd()).isNull();
        assertThat(one.interval()).isNull();
        SeedMetric five = roundTrip(metric("f1_macro", 0.71, 0.74, 0.69, 0.73, 0.70), SeedMetric.class);
        assertThat(five.interval()).isEqualTo(UtilityResults.seedInterval(List.of(0.71, 0.74, 0.69, 0.73, 0.70)).orElseThrow());

        TrainingRun.CnnTraining ck = new TrainingRun.CnnTraining(25, 5, 4, 3, List.of(0.7), List.of(Double.NaN), "none",
                null, null).withThresholds(Map.of("edema", TrainingRun.F1Threshold.of(0.4)), new double[] {0.4});
        roundTrip(ck, TrainingRun.CnnTraining.class);
        roundTrip(TrainingRun.drawn(0, 3, 4, null, null).withThresholdsUsed(new double[] {0.5, 0.25}), TrainingRun.class);
        roundTrip(new TrainingRun.UnetCheckpoint(new TrainingRun.UnetTraining(1, 2, 0.01, 3), List.of("dice_lung")),
                TrainingRun.UnetCheckpoint.class);
        roundTrip(new UtilityResult.Settings("unet", new UtilityResult.StructureChoice(List.of()), "ignore", "per image",
                null, null, "test"), UtilityResult.Settings.class);
        roundTrip(new UtilityResult.Settings("unet", new UtilityResult.StructureChoice(List.of("lungs", "heart")), "ignore",
                "per image", null, null, "test"), UtilityResult.Settings.class);
        assertThat(Json.toString(new UtilityResult.StructureChoice(List.of()))).isEqualTo("\"mask names common to every row\"");
        assertThat(Json.toString(TrainingRun.F1Threshold.of(Double.NaN))).startsWith("\"0.5 (validation rows lack");
    }

    @Test
    void theRecordsAreDeeplyImmutable() {
        UtilityResult b = block(List.of(), null);
        assertThatThrownBy(() -> b.conditions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.conditions().get("real").training().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.conditions().get("real").metrics().get("f1_macro").perSeed().set(0, 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.conditions().get("real").training().get(0).f1Thresholds().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.metrics().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** A block as the committed demo's results.json holds it reads into the record and writes back byte for byte. */
    @Test
    void theDemosBlocksReadAndWriteBackUnchanged() throws Exception {
        Path demo = Path.of("reports/example-demo/results.json");
        Assumptions.assumeTrue(Files.isRegularFile(demo), "the committed demo results are not here");
        JsonNode gens = Json.MAPPER.readTree(demo.toFile()).get("generators");
        int seen = 0;
        for (JsonNode g : gens) {
            if (!g.has("utility")) {
                continue;
            }
            UtilityResult r = Json.MAPPER.treeToValue(g.get("utility"), UtilityResult.class);
            assertThat(Json.toString(r)).isEqualTo(Json.MAPPER.writeValueAsString(g.get("utility")));
            roundTrip(r, UtilityResult.class);
            UtilitySummary s = UtilitySummary.from(r);
            assertThat(Json.toString(s)).isEqualTo(Json.toString(UtilitySummary.from(Json.MAPPER.convertValue(g.get("utility"),
                    Map.class))));
            assertThat(s.comparisons()).hasSameSizeAs(r.comparisons());
            assertThat(s.metrics().keySet()).isEqualTo(r.metrics().keySet());
            seen++;
        }
        assertThat(seen).isGreaterThan(0);
    }

    /** An evaluation holding typed utility blocks writes, reads back and writes again to the same bytes (ResultsJson). */
    @Test
    void anEvaluationWithUtilityBlocksRoundTripsThroughResultsJson(@TempDir Path dir) throws Exception {
        Evaluation.GeneratorResult g = new Evaluation.GeneratorResult(Map.of(), null, Map.of("synthetic", "sha256:cc"),
                List.of(), org.cxrbench.common.ResultBlocks.builder().utility(block(List.of(), null)).build());
        Evaluation e = new Evaluation(Map.of(), null, Map.of("gen", g), List.of(), org.cxrbench.common.ResultBlocks.NONE, PROV);
        Path once = dir.resolve("once.json");
        Path twice = dir.resolve("twice.json");
        ResultsJson.write(once, e);
        Evaluation back = ResultsJson.read(once);
        ResultsJson.write(twice, back);
        assertThat(Files.readString(twice)).isEqualTo(Files.readString(once));
        assertThat(back.generators().get("gen").blocks().utility())
                .isEqualTo(block(List.of(), null));
        assertThat(Json.toString(back.generators().get("gen").utility())).isEqualTo(Json.toString(g.utility()));
    }

    /** The run-wide family makes a new block with its own rows; the stage's block is left as it was. */
    @Test
    void theFamilyMakesNewBlocks() throws Exception {
        UtilityFamily family = new UtilityFamily(List.of("auroc_macro"), Comparisons.Options.defaults("real"));
        UtilityResult a = blockWithScores(0.0);
        UtilityResult b = blockWithScores(0.02);
        String before = Json.toString(a);
        family.add("a", a);
        family.add("b", b);
        UtilityFamily.Result r = family.result();
        UtilityResult fa = r.block("a", a);
        assertThat(Json.toString(a)).isEqualTo(before);
        assertThat(fa.familySize()).isEqualTo(2);
        assertThat(fa.comparisons()).hasSize(1).allSatisfy(c -> assertThat(c.dataset()).isNull());
        assertThat(fa.familyMembers()).containsExactly("a / up / auroc_macro", "b / up / auroc_macro");
        assertThat(fa.comparisons().get(0).pAdjusted()).isEqualTo(Math.min(1, 2 * fa.comparisons().get(0).p()));
        assertThat(Json.MAPPER.valueToTree(fa).get("family_scope").asText()).startsWith("run: every generator");
        roundTrip(fa, UtilityResult.class);
        roundTrip(r.describe(family.metrics(), "utility-scores.csv", "./cxrbench stats"), org.cxrbench.common.UtilityFamilyBlock.class);
    }

    private static UtilityResult blockWithScores(double shift) {
        Map<String, UtilityResult.ConditionResult> conds = new LinkedHashMap<>();
        conds.put("real", new UtilityResult.ConditionResult("real", null, null, null,
                Map.of("auroc_macro", metric("auroc_macro", 0.70, 0.72, 0.69, 0.71, 0.73)), List.of()));
        conds.put("up", new UtilityResult.ConditionResult("augmented", "g", null, 1.0, Map.of("auroc_macro",
                metric("auroc_macro", 0.75 + shift, 0.78, 0.74 + shift, 0.77, 0.79)), List.of()));
        return new UtilityResult(1, Map.of(), null, conds, List.of(), 0, "bonferroni", null, null, null, null, null,
                List.of(), null, null, new UtilityResult.Settings("probe", null, null, null, null, null, "t"), PROV, null,
                null);
    }

    @Test
    void theSeedIntervalIsTheOneTheBlockStates() {
        Interval ci = UtilityResults.seedInterval(List.of(0.71, 0.74, 0.69, 0.73, 0.70)).orElseThrow();
        SeedMetric m = metric("auroc_macro", 0.71, 0.74, 0.69, 0.73, 0.70);
        assertThat(m.ci95()).containsExactly(ci.lo(), ci.hi());
        assertThat(m.ci95Estimand()).isEqualTo(ci.estimand());
        assertThat(m.toMetricResult("auroc_macro").ci95()).containsExactly(ci.lo(), ci.hi());
    }
}
