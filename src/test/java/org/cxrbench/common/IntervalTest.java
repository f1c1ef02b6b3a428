package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed interval: estimand and method required, read back from a metric's details through the results JSON. */
class IntervalTest {
    @Test
    void intervalRoundTripsThroughTheResultsJson() {
        MetricResult r = MetricResult.of("precision", 0.7, Map.of("n_real", 10L)).withInterval(
                new Interval(0.6, 0.8, "the expected precision at these sample sizes", "delete-a-group jackknife"));
        JsonNode j = Json.MAPPER.valueToTree(Map.of("precision", r.toJson()));
        MetricResult back = ResultsJson.readMetrics(j).get("precision");
        assertThat(back.interval()).isEqualTo(r.interval());
        assertThat(back.interval().contains(back.value())).isTrue();
        assertThat(back.interval().estimand()).startsWith("the expected precision");
    }

    @Test
    void anIntervalWithoutEstimandIsNoInterval() {
        MetricResult r = new MetricResult("fid", 1.0, new double[] {0.5, 1.5}, null, Map.of(), Map.of(), List.of(),
                MetricParams.NONE, MetricDetails.NONE);
        assertThat(r.interval()).isNull();
        assertThatThrownBy(() -> new Interval(0, 1, "", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(1, 0, "e", "t")).isInstanceOf(IllegalArgumentException.class);
    }
}
