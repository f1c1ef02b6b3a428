package org.cxrbench.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric's result, typed and immutable: the value, its 95% CI when one was computed, its spread over subsets
 * or seeds, the sample counts, a per-label breakdown for per-label metrics, warnings, the parameters it was
 * computed with and diagnostics. Direction, family and unit come from the registry ({@link Metrics}).
 *
 * @param value    the value; NaN for a per-label metric (its values are in {@code perLabel}) or when undefined
 * @param ci95     [lo, hi] or null
 * @param std      standard deviation over subsets/seeds, or null
 * @param counts   sample counts by role, e.g. n_real, n_synthetic (or n_train)
 * @param perLabel label -&gt; value with counts; empty unless the metric is per label
 * @param params   the settings that define the number (k, subset size, route, ...); {@link MetricParams#NONE} if none
 * @param details  diagnostics (terms, ranks, the interval's description, ...); {@link MetricDetails#NONE} if none
 */
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = ResultsJson.EntryWriter.class)
public record MetricResult(String id, double value, double[] ci95, Double std, Map<String, Long> counts,
                           Map<String, LabelValue> perLabel, List<String> warnings, MetricParams params,
                           MetricDetails details) {

    /** One label's value (null when fewer than 2 images on a side), counts and whether N makes it reliable. */
    public record LabelValue(Double value, long nReal, long nSynthetic, boolean reliable) {}

    public MetricResult {
        Metrics.get(id); // every result is of a declared metric
        ci95 = ci95 == null ? null : ci95.clone();
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        perLabel = Collections.unmodifiableMap(new LinkedHashMap<>(perLabel));
        warnings = List.copyOf(warnings);
        params = params == null ? MetricParams.NONE : params;
        details = details == null ? MetricDetails.NONE : details;
    }

    @Override
    public double[] ci95() {
        return ci95 == null ? null : ci95.clone();
    }

    /** The 95% interval with its estimand and method (from {@code details}), or null when there is none. */
    public Interval interval() {
        return details.interval(ci95);
    }

    /** A plain scalar result. */
    public static MetricResult of(String id, double value, Map<String, Long> counts) {
        return new MetricResult(id, value, null, null, counts, Map.of(), List.of(), MetricParams.NONE,
                MetricDetails.NONE);
    }

    public Metric metric() {
        return Metrics.get(id);
    }

    public boolean isPerLabel() {
        return !perLabel.isEmpty() || metric().perLabel();
    }

    public Long count(String role) {
        return counts.get(role);
    }

    /** False when the value is undefined (NaN: not computed, or a per-label metric whose values are per label). */
    public boolean hasValue() {
        return !Double.isNaN(value);
    }

    /** The real-side sample count ({@code n_real}), or null when the entry has none. */
    public Long nReal() {
        return counts.get("n_real");
    }

    /** The synthetic-side sample count ({@code n_synthetic}), or null when the entry has none. */
    public Long nSynthetic() {
        return counts.get("n_synthetic");
    }

    /** True when the registry says lower values are better. */
    public boolean lowerIsBetter() {
        return metric().direction() == Direction.LOWER;
    }

    /** True when the registry says higher values are better. */
    public boolean higherIsBetter() {
        return metric().direction() == Direction.HIGHER;
    }

    /** This result's value and counts for one label of a per-label metric (no CI, no per-label breakdown). */
    public MetricResult forLabel(LabelValue cell) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("n_real", cell.nReal());
        c.put("n_synthetic", cell.nSynthetic());
        return new MetricResult(id, cell.value() == null ? Double.NaN : cell.value(), null, null, c, Map.of(),
                List.of(), MetricParams.NONE, MetricDetails.NONE);
    }

    /** This result with a 95% interval: its bounds as {@code ci95}, its estimand and method in the details. */
    public MetricResult withInterval(Interval ci) {
        return new MetricResult(id, value, ci.bounds(), std, counts, perLabel, warnings, params, details.withInterval(ci));
    }

    /** The contract's JSON entry ({@link ResultsJson}'s writer) as a tree, for callers that inspect it. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }
}
