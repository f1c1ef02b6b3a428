package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A results entry's typed {@code params} and {@code details}: written, read and written again give the same bytes
 * with every part set; their keys come out in key order (the order of every results file written before they were
 * typed); keys a file has that this version does not know are ignored.
 */
class MetricResultJsonTest {
    static MetricParams allParams() {
        return new MetricParams(20, "symmetric", 5, "lcg", 200, 50, 25, "<=");
    }

    static MetricDetails allDetails() {
        return MetricDetails.builder().ci95Estimand("the expected FID at these two sample sizes")
                .ci95Method("delete-a-group jackknife (20 random groups per set, seeded) standard error")
                .clippedNegativeEigenvalueMass(0.0).convention("<").d(256).epsOffsetUsed(false)
                .estimator("biased (V-statistic)").featuresDroppedConstant(3).featuresUsed(74)
                .fids(List.of(12.5, 11.25, 10.0)).frechetDistance(1.75).fromStatistics(true).jackknifeGroups(20).k(5)
                .meanTerm(0.125).note("a note").rankReal(255).rankSynthetic(254).scale(1000.0).sigma(10.0)
                .sizes(List.of(60, 90, 120)).slope(-3.5).curvature(12.25).standardError(0.4).subsetSize(200).subsets(50).traceTerm(7.5)
                .unreliable(List.of("edema", "pneumonia")).build();
    }

    static MetricResult full() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("n_real", 300L);
        counts.put("n_synthetic", 280L);
        return new MetricResult("fid", 12.0, new double[] {11.0, 13.0}, 0.5, counts, Map.of(), List.of("a warning"),
                allParams(), allDetails());
    }

    @Test
    void everyPartRoundTripsToTheSameBytes() {
        MetricResult r = full();
        String first = Json.toString(Map.of("fid", r));
        MetricResult back = ResultsJson.readMetrics(read(first)).get("fid");
        assertThat(back.params()).isEqualTo(r.params());
        assertThat(back.details()).isEqualTo(r.details());
        assertThat(back.interval()).isEqualTo(r.interval());
        assertThat(Json.toString(Map.of("fid", back))).isEqualTo(first);
        // every record component is set (none left null), so the test covers every key
        assertThat(read(first).get("fid").get("params").size()).isEqualTo(MetricParams.class.getRecordComponents().length);
        assertThat(read(first).get("fid").get("details").size()).isEqualTo(MetricDetails.class.getRecordComponents().length);
    }

    @Test
    void paramsAndDetailsAreWrittenInKeyOrder() {
        JsonNode entry = read(Json.toString(Map.of("fid", full()))).get("fid");
        for (String part : List.of("params", "details")) {
            List<String> keys = new ArrayList<>();
            entry.get(part).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(part).isSorted();
        }
    }

    @Test
    void emptyPartsAreNotWrittenAndUnknownKeysAreIgnored() {
        JsonNode plain = read(Json.toString(Map.of("fid", MetricResult.of("fid", 1.0, Map.of("n_real", 3L)))));
        assertThat(plain.get("fid").has("params")).isFalse();
        assertThat(plain.get("fid").has("details")).isFalse();
        ObjectNode older = (ObjectNode) read(Json.toString(Map.of("fid", full())));
        ((ObjectNode) older.get("fid").get("params")).put("retired_setting", 3);
        ((ObjectNode) older.get("fid").get("details")).put("retired_diagnostic", "x");
        MetricResult back = ResultsJson.readMetrics(older).get("fid");
        assertThat(back.params()).isEqualTo(allParams());
        assertThat(back.details()).isEqualTo(allDetails());
    }

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
