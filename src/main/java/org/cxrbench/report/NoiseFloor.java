package org.cxrbench.report;

import java.util.Map;

/** The real-vs-real noise floor as the run wrote it: how it was made ({@code method}) and its metric entries. */
public record NoiseFloor(String method, Map<String, MetricEntry> metrics) {
    public NoiseFloor {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
