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
 * @param blocks     the typed blocks beside the metrics (privacy summary and histograms, re-id, closest pairs,
 *                   kid_difference, a config run's stages, ...); {@link ResultBlocks#NONE} when there are none
 */
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = ResultsJson.EvaluationWriter.class)
public record Evaluation(Map<String, MetricResult> metrics, NoiseFloor noiseFloor,
                         Map<String, GeneratorResult> generators, List<String> warnings, ResultBlocks blocks,
                         Provenance provenance) {
    public static final int SCHEMA_VERSION = 1;

    /**
     * The real-vs-real floor a generator is read against: its own (drawn at its N, or carrying its values at the
     * floor's N) where it has one, else the run's.
     */
    public NoiseFloor floorFor(GeneratorResult g) {
        return g.noiseFloor() != null ? g.noiseFloor() : noiseFloor;
    }

    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        generators = Collections.unmodifiableMap(new LinkedHashMap<>(generators));
        warnings = List.copyOf(warnings);
        blocks = blocks == null ? ResultBlocks.NONE : blocks;
    }

    /**
     * How a real-vs-real reference was drawn and its metric values. {@code generatorAtN}: when a generator has more
     * images than the floor, its fidelity values on a seeded draw of the floor's N of its images (the comparison is
     * made there, at equal N; empty otherwise).
     */
    public record NoiseFloor(String method, Map<String, MetricResult> metrics, Map<String, MetricResult> generatorAtN) {
        public NoiseFloor {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            generatorAtN = generatorAtN == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(generatorAtN));
        }

        public NoiseFloor(String method, Map<String, MetricResult> metrics) {
            this(method, metrics, Map.of());
        }
    }

    /** One generator's results in a multi-generator run, with the content hashes of its inputs. */
    public record GeneratorResult(Map<String, MetricResult> metrics, NoiseFloor noiseFloor, Map<String, String> inputs,
                                  List<String> warnings, ResultBlocks blocks) {
        public GeneratorResult {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            warnings = List.copyOf(warnings);
            blocks = blocks == null ? ResultBlocks.NONE : blocks;
        }

        /** The same generator with other blocks. */
        public GeneratorResult withBlocks(ResultBlocks b) {
            return new GeneratorResult(metrics, noiseFloor, inputs, warnings, b);
        }

        /** The same generator with more warnings. */
        public GeneratorResult withWarning(String w) {
            List<String> all = new java.util.ArrayList<>(warnings);
            all.add(w);
            return new GeneratorResult(metrics, noiseFloor, inputs, all, blocks);
        }

        /** One metric's result, or null when the generator has none of that key. */
        public MetricResult metric(String key) {
            return metrics.get(key);
        }

        /** The utility block's comparisons and headline metrics ({@code utility}), typed; null when none ran. */
        public UtilitySummary utility() {
            return UtilitySummary.from(blocks.utility());
        }

        /** The distribution of distances to the closest training image ({@code histogram_dcr}), or null. */
        public Histogram dcrHistogram() {
            return blocks.dcr();
        }

        /**
         * The distribution of the synthetic images' distances to the closest real holdout image
         * ({@code histogram_dcr_holdout}), or null.
         */
        public Histogram dcrHoldoutHistogram() {
            return blocks.dcrHoldout();
        }

        /** The quality filter's counts for this generator (its {@code filter} block), or null when none ran. */
        public FilterCounts filter() {
            return blocks.filter();
        }

        /**
         * The same metrics on the generator's images before the quality filter ({@code metrics_unfiltered}), typed;
         * empty when the run did not measure them.
         */
        public Map<String, MetricResult> unfiltered() {
            return blocks.metricsUnfiltered() == null ? Map.of() : blocks.metricsUnfiltered();
        }
    }

    public static Evaluation single(Map<String, MetricResult> metrics, NoiseFloor floor, List<String> warnings,
                                    ResultBlocks blocks, Provenance provenance) {
        return new Evaluation(metrics, floor, Map.of(), warnings, blocks, provenance);
    }
}
