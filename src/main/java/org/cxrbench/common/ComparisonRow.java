package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row of a comparisons table (the contract's Stats JSON, a utility block's {@code comparisons}): a condition
 * against the baseline on one metric (of one data set), its t-test, the two-sided 95% CI of the mean difference and
 * the p-value adjusted over the family. Written and read by Jackson through this record. Numbers that are undefined
 * (NaN) are null; infinities (t when the differences are constant and not 0) are written as the strings
 * {@code "Infinity"} / {@code "-Infinity"} (Jackson's default) and read back as infinities.
 *
 * @param dataset  the data set; null (not written) when the table has one
 * @param ci95     [low, high] of mean_diff, either end null when undefined
 * @param seeds    the seeds used (matched seeds for the paired test)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"dataset", "condition", "metric", "mean_diff", "ci95", "t", "df", "p", "p_adjusted", "significant",
        "baseline", "n", "n_baseline", "seeds", "condition_mean", "baseline_mean", "warnings"})
public record ComparisonRow(@JsonProperty("dataset") @JsonInclude(JsonInclude.Include.NON_NULL) String dataset,
                            @JsonProperty("condition") String condition, @JsonProperty("metric") String metric,
                            @JsonProperty("mean_diff") Double meanDiff, @JsonProperty("ci95") List<Double> ci95Bounds,
                            @JsonProperty("t") Double t, @JsonProperty("df") Double df, @JsonProperty("p") Double p,
                            @JsonProperty("p_adjusted") Double pAdjusted, @JsonProperty("significant") Boolean significant,
                            @JsonProperty("baseline") String baseline, @JsonProperty("n") Integer n,
                            @JsonProperty("n_baseline") Integer nBaseline, @JsonProperty("seeds") List<Integer> seeds,
                            @JsonProperty("condition_mean") Double conditionMean,
                            @JsonProperty("baseline_mean") Double baselineMean,
                            @JsonProperty("warnings") List<String> warnings) {
    public ComparisonRow {
        ci95Bounds = ci95Bounds == null ? null : Collections.unmodifiableList(new ArrayList<>(ci95Bounds));
        seeds = seeds == null ? null : List.copyOf(seeds);
        warnings = warnings == null ? null : List.copyOf(warnings);
    }

    /** A JSON number for a double: null for NaN (undefined), the value otherwise (infinities included). */
    public static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** The two-sided 95% CI of mean_diff as {low, high}; null when either end is undefined. */
    public double[] ci95() {
        if (ci95Bounds == null || ci95Bounds.size() != 2 || ci95Bounds.get(0) == null || ci95Bounds.get(1) == null) {
            return null;
        }
        return new double[] {ci95Bounds.get(0), ci95Bounds.get(1)};
    }

    /** The same row without its data set (a generator's own rows of a run-wide family). */
    public ComparisonRow withoutDataset() {
        return new ComparisonRow(null, condition, metric, meanDiff, ci95Bounds, t, df, p, pAdjusted, significant, baseline,
                n, nBaseline, seeds, conditionMean, baselineMean, warnings);
    }

    /** [low, high] as a list that may hold nulls (undefined ends). */
    public static List<Double> bounds(double low, double high) {
        return Arrays.asList(num(low), num(high));
    }
}
