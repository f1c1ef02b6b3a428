package org.cxrbench.report;

import java.util.Map;

/**
 * One generator's results in a results file: its metric entries, its own noise floor when the run made one per
 * generator (else null: the file's floor applies), its utility and filter blocks when present, its input hashes.
 */
public record GeneratorResult(String name, Map<String, MetricEntry> metrics, NoiseFloor noiseFloor,
                              UtilityBlock utility, FilterBlock filter, Map<String, String> inputs,
                              Histogram dcrHistogram) {

    /** Equal-width bins: the first starts at {@code min}; counts of synthetic images per bin. */
    public record Histogram(double min, double binWidth, long[] counts) {}

    public GeneratorResult(String name, Map<String, MetricEntry> metrics, NoiseFloor noiseFloor, UtilityBlock utility,
                           FilterBlock filter, Map<String, String> inputs) {
        this(name, metrics, noiseFloor, utility, filter, inputs, null);
    }

    public GeneratorResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public MetricEntry metric(String key) {
        return metrics.get(key);
    }

    public GeneratorResult withUtility(UtilityBlock u) {
        return new GeneratorResult(name, metrics, noiseFloor, u, filter, inputs, dcrHistogram);
    }

    public GeneratorResult renamed(String newName) {
        return new GeneratorResult(newName, metrics, noiseFloor, utility, filter, inputs, dcrHistogram);
    }
}
