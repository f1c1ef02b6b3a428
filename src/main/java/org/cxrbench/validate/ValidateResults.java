package org.cxrbench.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Provenance;

/**
 * validate.json, typed (CONTRACT.md's keys plus the interval details), written and read by one Jackson binding.
 *
 * @param results         one entry per flaw, strength, encoder and metric
 * @param verdicts        one per flaw, encoder and metric: does the metric see the flaw, from which strength
 * @param filter          the quality filter's false rejection and flagged shares; null when no judge ran
 * @param recommendations flaw -&gt; what to use to catch it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"results", "verdicts", "filter", "recommendations", "method", "provenance"})
public record ValidateResults(List<Result> results, List<Verdict> verdicts, FilterCheck filter,
                              Map<String, String> recommendations, Method method, Provenance provenance) {
    public ValidateResults {
        results = List.copyOf(results);
        verdicts = List.copyOf(verdicts);
        recommendations = Collections.unmodifiableMap(new LinkedHashMap<>(recommendations));
    }

    /**
     * One set measured: the metric on the flawed set and on the floor, their difference, each with its interval
     * (null where not finite).
     *
     * @param parameter the flaw's parameter at this strength
     */
    @JsonPropertyOrder({"flaw", "strength", "parameter", "encoder", "metric", "value", "ci95", "floor", "floor_ci95",
            "difference", "difference_ci", "n"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String flaw, int strength, double parameter, String encoder, String metric, Double value,
                         List<Double> ci95, Double floor, List<Double> floorCi95, Double difference,
                         List<Double> differenceCi, int n) {}

    /**
     * @param spearman   rank correlation of the metric with the strength, or null
     * @param detectedAt the smallest strength whose interval is clear of the floor, or null (not detected)
     */
    @JsonPropertyOrder({"flaw", "encoder", "metric", "direction", "spearman", "direction_ok", "detected_at", "verdict",
            "expected"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Verdict(String flaw, String encoder, String metric, String direction, Double spearman,
                         boolean directionOk, Integer detectedAt, String verdict, boolean expected) {}

    /** The filter's rejection of the real holdout, its flagged shares per flaw and strength, and the judge. */
    @JsonPropertyOrder({"false_rejection", "flagged", "judge"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FilterCheck(FalseRejection falseRejection, List<Flagged> flagged, String judge) {
        public FilterCheck {
            flagged = List.copyOf(flagged);
        }
    }

    /** The share of real holdout images rejected, with its Wilson interval, beside the target. */
    @JsonPropertyOrder({"value", "ci95", "n", "rejected", "target", "interval"})
    public record FalseRejection(double value, List<Double> ci95, int n, int rejected, double target, String interval) {}

    /** The share of one flaw's images at one strength judged low or not relevant, with its Wilson interval. */
    @JsonPropertyOrder({"flaw", "strength", "share", "ci95", "low", "not_relevant", "n"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Flagged(String flaw, int strength, double share, List<Double> ci95, int low, int notRelevant, int n) {}

    /** How it was measured: set sizes, the intervals, each flaw's strength parameter, wall time. */
    @JsonPropertyOrder({"reference_half", "holdout", "intervals", "strength_parameters", "seconds"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Method(int referenceHalf, int holdout, String intervals, Map<String, String> strengthParameters,
                         double seconds) {
        public Method {
            strengthParameters = Collections.unmodifiableMap(new LinkedHashMap<>(strengthParameters));
        }
    }
}
