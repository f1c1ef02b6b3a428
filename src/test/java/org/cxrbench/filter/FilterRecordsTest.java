package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cxrbench.common.RoundTrips.assertRoundTrips;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The filter's typed outputs (summary.json with each kind of judge, the results' filter block) round-trip through
 * their one Jackson binding, and keep the key order the map-built files had.
 */
class FilterRecordsTest {
    static CalibrationInfo calibration() {
        Map<String, CalibrationInfo.LabelStat> rel = new LinkedHashMap<>();
        rel.put("edema", new CalibrationInfo.LabelStat(45, CalibrationInfo.StatOrReason.of(
                new CalibrationInfo.Stat(2.3367, 1.9408, "low"))));
        rel.put("pleural_other", new CalibrationInfo.LabelStat(0, CalibrationInfo.StatOrReason.none(
                "not calibrated (fewer than 10 real positives)")));
        Map<String, CalibrationInfo.Test> tests = new LinkedHashMap<>();
        tests.put("not_chest_xray", new CalibrationInfo.Test("mean distance", null, 0,
                new CalibrationInfo.Stat(4.3, 1.9, "high")));
        tests.put("relevance", new CalibrationInfo.Test("logit", rel, 1, null));
        tests.put("noise", new CalibrationInfo.Test(null, null, 5, new CalibrationInfo.Stat(0.0, 5.9e-4, "high")));
        return new CalibrationInfo(300, 0.02, 4.7, 1.37, 2.86, Double.POSITIVE_INFINITY, 6, 0.32, 0.22, "largest z", tests);
    }

    static FilterSummary summary(JudgeInfo judge) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("high", 138);
        counts.put("medium", 149);
        counts.put("low", 12);
        counts.put("not-relevant", 1);
        counts.put("unjudged", 0);
        Map<String, FilterSummary.PathologyCounts> per = new LinkedHashMap<>();
        per.put("edema", new FilterSummary.PathologyCounts(45, 43, 2, counts));
        Map<String, FilterSummary.Metric> metrics = new LinkedHashMap<>();
        metrics.put("kept", FilterSummary.Metric.of(287, "higher", 300));
        metrics.put("removed", FilterSummary.Metric.of(13, "lower", 300));
        Provenance p = Provenance.builder("cxrbench filter").input("input", "sha256:ab").input("calibrate", "sha256:cd")
                .setting("remove", "low,not-relevant").setting("judge", "j").threads(2).build();
        return new FilterSummary(287, 13, 300, counts, per, new FilterSummary.Policy(List.of("low", "not-relevant"), "none"),
                judge, metrics, p, "sha256:run");
    }

    @Test
    void summaryRoundTripsWithEveryKindOfJudge() {
        List<JudgeInfo> judges = List.of(new JudgeInfo.Builtin("builtin", "builtin;v5", "largest z", calibration()),
                new JudgeInfo.Vlm("vlm", "vlm;v1", "http://h/v1", "m", null, "Rate it.", "\\n\\nDescription: <prompt>", 0,
                        8, 120.0, 4, 0.0, "unjudged", null, 2, "none (NaN)"),
                new JudgeInfo.Onnx("onnx", "onnx;x", "sha256:m", "map.json", List.of("high", "low"), "probability"),
                new JudgeInfo.LabelsFile("labels-file", "labels;y", "labels.csv", "sha256:l"),
                new JudgeInfo.Basic("test-judge", "t"));
        for (JudgeInfo j : judges) {
            FilterSummary back = assertRoundTrips(summary(j), FilterSummary.class);
            assertThat(back).isEqualTo(summary(j));
            assertThat(back.judge()).isInstanceOf(j.getClass());
        }
        assertThat(summary(judges.get(0)).withRunKey(null).runKey()).isNull();
        assertThat(Json.toString(summary(judges.get(0)).withRunKey(null))).doesNotContain("run_key");
    }

    @Test
    void summaryKeepsTheWrittenKeyOrder() {
        String s = Json.toString(summary(new JudgeInfo.Basic("test-judge", "t")));
        assertThat(s.replaceAll("\\s", "")).contains("{\"kept\":287,\"removed\":13,\"total\":300,\"counts\":{\"high\":138,")
                .contains("\"per_pathology\":{\"edema\":{\"n\":45,\"kept\":43,\"removed\":2,\"high\":138,\"medium\":149,")
                .contains("\"policy\":{\"remove\":[\"low\",\"not-relevant\"],\"images\":\"none\"},\"judge\":{\"name\":\"test-judge\"")
                .contains("\"kept\":{\"value\":287,\"share\":0.9566666666666667,\"direction\":\"higher\",\"family\":\"filter\","
                        + "\"unit\":\"images\",\"n\":300}")
                // provenance as every written map: its unordered maps in key order
                .contains("\"inputs\":{\"calibrate\":\"sha256:cd\",\"input\":\"sha256:ab\"}")
                .endsWith("\"run_key\":\"sha256:run\"}");
        String cal = Json.toString(calibration()).replaceAll("\\s", "");
        assertThat(cal).contains("\"layout_naming_threshold\":\"Infinity\"")
                .contains("\"not_chest_xray\":{\"measure\":\"meandistance\",\"real_images_above_threshold\":0,\"stat\":{")
                .contains("\"pleural_other\":{\"real_positives\":0,\"stat\":\"notcalibrated(fewerthan10realpositives)\"}");
    }

    @Test
    void resultsBlockRoundTripsAndReadsOlderBlocks() {
        Map<String, Map<String, Long>> perLabel = Map.of("edema", new LinkedHashMap<>(Map.of("high", 19L)));
        FilterCounts f = new FilterCounts(300, 287, 13, new LinkedHashMap<>(Map.of("high", 138L)), perLabel,
                List.of("low", "not-relevant"), new FilterCounts.JudgeRef("builtin", "builtin;v5"), "filter/faithful");
        assertThat(assertRoundTrips(f, FilterCounts.class)).isEqualTo(f);
        assertThat(Json.toString(f).replaceAll("\\s", "")).startsWith("{\"total\":300,\"kept\":287,\"removed\":13,\"counts\":")
                .endsWith("\"remove\":[\"low\",\"not-relevant\"],\"judge\":{\"name\":\"builtin\",\"fingerprint\":\"builtin;v5\"},"
                        + "\"folder\":\"filter/faithful\"}");
        assertThat(FilterCounts.of(Json.MAPPER.valueToTree(f))).isEqualTo(f);
        // a hand-written block: no total, the removed verdicts under judge.keep
        FilterCounts old = FilterCounts.of(Map.of("kept", 90, "removed", 110, "counts", Map.of("high", 30, "low", 110),
                "judge", Map.of("keep", List.of("high"))));
        assertThat(old.total()).isEqualTo(200);
        assertThat(old.removedVerdicts()).containsExactly("low");
        assertThat(old.judge()).isNull();
        assertThat(FilterCounts.of(Map.of("total", 3))).isNull();
    }
}
