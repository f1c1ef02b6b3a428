package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generator's utility block as the reports read it, bound by Jackson from the block the utility stage writes
 * ({@code generators.<g>.utility}, or the top level of a {@code utility} / {@code stats} command's JSON): the
 * one-tailed comparisons of each condition against the baseline with raw and adjusted p, the correction and the
 * family size, and the headline metrics of the best condition. Fields the reports do not read are left in the file.
 *
 * @param metrics the best condition's metrics ({@code metrics}), typed; empty when absent
 */
public record UtilitySummary(String correction, Double alpha, Integer familySize, List<Comparison> comparisons,
                             Map<String, MetricResult> metrics) {
    public UtilitySummary {
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        metrics = metrics == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** One row of {@code comparisons}: condition minus baseline, its two-sided 95% CI, p and adjusted p. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comparison(@JsonProperty("condition") String condition, @JsonProperty("metric") String metric,
                             @JsonProperty("mean_diff") Double meanDiff, @JsonProperty("ci95") double[] ci95,
                             @JsonProperty("p") Double p, @JsonProperty("p_adjusted") Double pAdjusted,
                             @JsonProperty("significant") Boolean significant) {}

    /** The headline metrics of a utility block, whether or not it has comparisons; empty when absent. */
    public static Map<String, MetricResult> metricsOf(Object block) {
        return block == null ? Map.of() : ResultsJson.readMetrics(Json.MAPPER.valueToTree(block).path("metrics"));
    }

    /** Reads a utility or stats block (a map or a results file's node); null when it has no {@code comparisons}. */
    public static UtilitySummary from(Object block) {
        if (block == null) {
            return null;
        }
        JsonNode n = Json.MAPPER.valueToTree(block);
        if (!n.isObject() || !n.has("comparisons")) {
            return null;
        }
        List<Comparison> rows = new ArrayList<>();
        for (JsonNode c : n.path("comparisons")) {
            Comparison r = Json.MAPPER.convertValue(c, Comparison.class);
            boolean ci = c.path("ci95").size() == 2 && c.path("ci95").get(0).isNumber() && c.path("ci95").get(1).isNumber();
            rows.add(ci ? r : new Comparison(r.condition, r.metric, r.meanDiff, null, r.p, r.pAdjusted, r.significant));
        }
        return new UtilitySummary(n.path("correction").isTextual() ? n.get("correction").asText() : null,
                n.path("alpha").isNumber() ? n.get("alpha").asDouble() : null,
                n.path("family_size").isNumber() ? n.get("family_size").asInt() : null, rows,
                ResultsJson.readMetrics(n.path("metrics")));
    }
}
