package org.cxrbench.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable result of an evaluation run, serialised to the contract's results JSON by {@link ResultsJson}
 * (schema {@code schema/results.schema.json}, version {@link #SCHEMA_VERSION}).
 *
 * @param metrics    the metrics of a single (real, synthetic) pair; empty in multi-generator runs
 * @param noiseFloor the real-vs-real reference for the same metrics, or null
 * @param generators per generator, in multi-generator runs (demo, config runs); empty otherwise
 * @param warnings   run-level warnings (skipped metrics, ...)
 * @param extra      further JSON-ready blocks (privacy summary and histograms, re-id, kid_difference, utility
 *                   conditions and comparisons, filter counts, ...)
 */
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = ResultsJson.EvaluationWriter.class)
public record Evaluation(Map<String, MetricResult> metrics, NoiseFloor noiseFloor,
                         Map<String, GeneratorResult> generators, List<String> warnings, Map<String, Object> extra,
                         Provenance provenance) {
    public static final int SCHEMA_VERSION = 1;

    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        generators = Collections.unmodifiableMap(new LinkedHashMap<>(generators));
        warnings = List.copyOf(warnings);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** How a real-vs-real reference was drawn and its metric values. */
    public record NoiseFloor(String method, Map<String, MetricResult> metrics) {
        public NoiseFloor {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** One generator's results in a multi-generator run, with the content hashes of its inputs. */
    public record GeneratorResult(Map<String, MetricResult> metrics, NoiseFloor noiseFloor, Map<String, String> inputs,
                                  List<String> warnings, Map<String, Object> extra) {
        public GeneratorResult {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            warnings = List.copyOf(warnings);
            extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        }

        /** One metric's result, or null when the generator has none of that key. */
        public MetricResult metric(String key) {
            return metrics.get(key);
        }

        /** The utility block's comparisons and headline metrics ({@code utility}), typed; null when none ran. */
        public UtilitySummary utility() {
            return UtilitySummary.from(extra.get("utility"));
        }

        /** The distribution of distances to the closest training image ({@code histogram_dcr}), or null. */
        public Histogram dcrHistogram() {
            return Histogram.from(extra.get("histogram_dcr"));
        }

        /** The quality filter's counts for this generator (its {@code filter} block), or null when none ran. */
        public FilterCounts filter() {
            return FilterCounts.of(extra.get("filter"));
        }

        /**
         * The same metrics on the generator's images before the quality filter ({@code metrics_unfiltered}), typed;
         * empty when the run did not measure them.
         */
        public Map<String, MetricResult> unfiltered() {
            Object u = extra.get("metrics_unfiltered");
            return u == null ? Map.of() : ResultsJson.readMetrics(Json.MAPPER.valueToTree(u));
        }
    }

    public static Evaluation single(Map<String, MetricResult> metrics, NoiseFloor floor, List<String> warnings,
                                    Map<String, Object> extra, Provenance provenance) {
        return new Evaluation(metrics, floor, Map.of(), warnings, extra, provenance);
    }
}
