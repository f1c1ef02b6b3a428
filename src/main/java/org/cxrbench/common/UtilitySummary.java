package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generator's utility block as the reports read it: the one-tailed comparisons of each condition against the
 * baseline with raw and adjusted p ({@link ComparisonRow}), the correction, alpha and the family size, and the
 * headline metrics of the best condition. Bound by the same Jackson records that write the block ({@link Block}:
 * the fields of a utility block, the top level of a {@code utility} / {@code stats} command's JSON, that the reports
 * read), from the typed block itself or from the tree a results file holds.
 *
 * @param metrics the best condition's metrics ({@code metrics}), as registry results; empty when absent
 */
public record UtilitySummary(String correction, Double alpha, Integer familySize, List<ComparisonRow> comparisons,
                             Map<String, MetricResult> metrics) {
    public UtilitySummary {
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The fields of a utility (or stats) block that the reports read; the others are left in the file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Block(@JsonProperty("correction") String correction, @JsonProperty("alpha") Double alpha,
                        @JsonProperty("family_size") Integer familySize,
                        @JsonProperty("comparisons") List<ComparisonRow> comparisons,
                        @JsonProperty("metrics") Map<String, SeedMetric> metrics) {
        /** The headline metrics as registry results, in the block's order. */
        public Map<String, MetricResult> headline() {
            Map<String, MetricResult> out = new LinkedHashMap<>();
            if (metrics != null) {
                metrics.forEach((id, m) -> {
                    if (Metrics.find(id) == null) {
                        throw new BadInputException("results JSON names metric '" + id + "', which this cxrbench does not know");
                    }
                    out.put(id, m.toMetricResult(id));
                });
            }
            return out;
        }
    }

    /** The block bound through {@link Block} (a typed block, or a results file's map or tree); null for null. */
    public static Block block(Object block) {
        if (block == null) {
            return null;
        }
        try {
            return Json.MAPPER.convertValue(block, Block.class);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("a utility block does not read as one (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    /** The headline metrics of a utility block, whether or not it has comparisons; empty when absent. */
    public static Map<String, MetricResult> metricsOf(Object block) {
        Block b = block(block);
        return b == null ? Map.of() : b.headline();
    }

    /** Reads a utility or stats block (typed, a map or a results file's node); null when it has no {@code comparisons}. */
    public static UtilitySummary from(Object block) {
        if (block instanceof UtilityResult r) {
            return r.summary();
        }
        Block b = block(block);
        if (b == null || b.comparisons() == null) {
            return null;
        }
        return new UtilitySummary(b.correction(), b.alpha(), b.familySize(), b.comparisons(), b.headline());
    }
}
