package org.cxrbench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.Histogram;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.UtilitySummary;

/**
 * One generator of a results file under the name the report shows, over the typed
 * {@link Evaluation.GeneratorResult}: its metrics with the utility block's headline metrics added (a column per
 * utility metric), its own noise floor, utility, filter and DCR histogram.
 */
public record NamedResult(String name, Evaluation.GeneratorResult result, Map<String, MetricResult> metrics) {
    public NamedResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    static NamedResult of(String name, Evaluation.GeneratorResult result) {
        Map<String, MetricResult> m = new LinkedHashMap<>(result.metrics());
        UtilitySummary u = result.utility();
        if (u != null) {
            u.metrics().forEach(m::putIfAbsent);
        } else if (result.blocks().utility() != null) {
            UtilitySummary.metricsOf(result.blocks().utility()).forEach(m::putIfAbsent);
        }
        return new NamedResult(name, result, m);
    }

    public MetricResult metric(String key) {
        return metrics.get(key);
    }

    /** The generator's own noise floor (at its N), or null: the file's floor applies. */
    public Evaluation.NoiseFloor noiseFloor() {
        return result.noiseFloor();
    }

    public UtilitySummary utility() {
        return result.utility();
    }

    public FilterCounts filter() {
        return result.filter();
    }

    /** The metrics before the quality filter; empty when the run did not measure them. */
    public Map<String, MetricResult> unfiltered() {
        return result.unfiltered();
    }

    public Histogram dcrHistogram() {
        return result.dcrHistogram();
    }

    /** The synthetic images' distances to the closest real holdout image, or null. */
    public Histogram dcrHoldoutHistogram() {
        return result.dcrHoldoutHistogram();
    }

    public Map<String, String> inputs() {
        return result.inputs();
    }

    public NamedResult renamed(String newName) {
        return new NamedResult(newName, result, metrics);
    }
}
