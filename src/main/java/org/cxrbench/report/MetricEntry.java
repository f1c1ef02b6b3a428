package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One metric entry of a results file, as written (nothing recomputed): the value, its 95% CI or standard deviation
 * when the run computed them, the sample sizes, the direction ("lower"/"higher" is better, or null when unknown),
 * and for per-label metrics the cells per label. {@code raw} keeps the whole entry for provenance.
 */
public record MetricEntry(String key, Double value, double[] ci95, Double std, String direction, String family,
                          String unit, Long nReal, Long nSynthetic, List<String> warnings,
                          Map<String, LabelCell> perLabel, JsonNode raw) {
    public MetricEntry {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        perLabel = perLabel == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perLabel));
    }

    /** One label's cell of a per-label metric; {@code reliable} false when the run flagged it (too few images). */
    public record LabelCell(Double value, Long nReal, Long nSynthetic, boolean reliable) {}

    public boolean hasValue() {
        return value != null && !value.isNaN();
    }

    public boolean lowerIsBetter() {
        return "lower".equals(direction);
    }

    public boolean higherIsBetter() {
        return "higher".equals(direction);
    }

    public MetricEntry withDirection(String d) {
        return new MetricEntry(key, value, ci95, std, d, family, unit, nReal, nSynthetic, warnings, perLabel, raw);
    }

    public MetricEntry withFamily(String f) {
        return new MetricEntry(key, value, ci95, std, direction, f, unit, nReal, nSynthetic, warnings, perLabel, raw);
    }
}
