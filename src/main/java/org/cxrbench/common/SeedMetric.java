package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One utility metric of one condition over training seeds, as a utility block writes it ({@code conditions.C.metrics.M},
 * and the best condition's {@code metrics.M} with its {@code condition}): the mean, the sample sd, the per-seed values,
 * the 95% interval over seeds with its estimand and method, direction / family / unit from the registry, and, where a
 * bootstrap ran, the first seed's value and its percentile CI over test images. Written and read by Jackson through
 * this record.
 *
 * @param value     mean over seeds; null when not finite
 * @param sd        sample sd (n - 1); null with one seed
 * @param perSeed   the value of each seed (index = seed); null where not finite
 * @param ci95      the interval over seeds, or null (one seed)
 * @param condition the condition these numbers are of (set in the block's headline {@code metrics}), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"value", "sd", "per_seed", "n_seeds", "ci95", "ci95_estimand", "ci95_method", "direction", "family",
        "unit", "warnings", "seed0_bootstrap_ci95", "seed0_value", "seed0_bootstrap_unit", "condition"})
public record SeedMetric(@JsonProperty("value") Double value, @JsonProperty("sd") Double sd,
                         @JsonProperty("per_seed") List<Double> perSeed, @JsonProperty("n_seeds") Integer nSeeds,
                         @JsonProperty("ci95") @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> ci95,
                         @JsonProperty("ci95_estimand") @JsonInclude(JsonInclude.Include.NON_NULL) String ci95Estimand,
                         @JsonProperty("ci95_method") @JsonInclude(JsonInclude.Include.NON_NULL) String ci95Method,
                         @JsonProperty("direction") String direction, @JsonProperty("family") String family,
                         @JsonProperty("unit") String unit, @JsonProperty("warnings") List<String> warnings,
                         @JsonProperty("seed0_bootstrap_ci95") @JsonInclude(JsonInclude.Include.NON_NULL)
                         List<Double> seed0BootstrapCi95,
                         @JsonProperty("seed0_value") @JsonInclude(JsonInclude.Include.NON_NULL) Double seed0Value,
                         @JsonProperty("seed0_bootstrap_unit") @JsonInclude(JsonInclude.Include.NON_NULL)
                         String seed0BootstrapUnit,
                         @JsonProperty("condition") @JsonInclude(JsonInclude.Include.NON_NULL) String condition) {
    public SeedMetric {
        perSeed = perSeed == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(perSeed));
        ci95 = ci95 == null ? null : Collections.unmodifiableList(new ArrayList<>(ci95));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        seed0BootstrapCi95 = seed0BootstrapCi95 == null ? null : Collections.unmodifiableList(new ArrayList<>(seed0BootstrapCi95));
    }

    /** A metric over seeds with direction, family and unit from the registry, and its interval (or null). */
    public static SeedMetric of(String id, Double mean, Double sd, List<Double> perSeed, Interval interval) {
        Metric reg = Metrics.get(id);
        return new SeedMetric(mean, sd, perSeed, perSeed.size(), interval == null ? null : List.of(interval.lo(), interval.hi()),
                interval == null ? null : interval.estimand(), interval == null ? null : interval.method(),
                reg.direction().json(), reg.family().json(), reg.unit(), List.of(), null, null, null, null);
    }

    /** The 95% interval over seeds with its estimand and method; null when there is none. */
    public Interval interval() {
        if (ci95 == null || ci95.size() != 2 || ci95.get(0) == null || ci95.get(1) == null) {
            return null;
        }
        return Interval.of(new double[] {ci95.get(0), ci95.get(1)}, ci95Estimand, ci95Method);
    }

    /** The same numbers with the first seed's bootstrap CI over test images. */
    public SeedMetric withSeed0Bootstrap(List<Double> ci, Double seed0, String unit) {
        return new SeedMetric(value, sd, perSeed, nSeeds, ci95, ci95Estimand, ci95Method, direction, family, this.unit,
                warnings, ci, seed0, unit, condition);
    }

    /** The same numbers, named as those of {@code condition} (a block's headline metrics). */
    public SeedMetric withCondition(String name) {
        return new SeedMetric(value, sd, perSeed, nSeeds, ci95, ci95Estimand, ci95Method, direction, family, unit,
                warnings, seed0BootstrapCi95, seed0Value, seed0BootstrapUnit, name);
    }

    /**
     * The registry's view of this entry for the reports: the mean with its interval and the number of seeds (as
     * {@code n_seeds}); no spread or details.
     */
    public MetricResult toMetricResult(String id) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (nSeeds != null) {
            counts.put("n_seeds", (long) nSeeds);
        }
        double[] ci = ci95 == null || ci95.size() != 2 || ci95.get(0) == null || ci95.get(1) == null ? null
                : new double[] {ci95.get(0), ci95.get(1)};
        return new MetricResult(id, value == null ? Double.NaN : value, ci, null, counts, Map.of(), warnings,
                MetricParams.NONE, MetricDetails.NONE);
    }
}
