package org.cxrbench.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A parsed, validated run config ({@code ./cxrbench run CONFIG.yaml}; schema {@code schema/config.schema.json}).
 * Relative paths are already resolved against the config file's folder.
 *
 * @param source     the config file (or a classpath resource name for the embedded demo)
 * @param sourceHash content hash of the config text, for provenance
 * @param train      the real training set (the reference of fidelity and privacy)
 * @param holdout    real images the generators never saw (noise floor, memorisation threshold), or null
 * @param test       real test set (utility), or null
 * @param threads    worker count, or null for the command line's / all cores
 * @param filter     the {@code filter:} block (schema-checked, file paths resolved), or null
 * @param utility    the {@code utility:} block (schema-checked), or null
 * @param device     where models run ({@code cpu}, {@code cuda}, {@code cuda:N}), or null for the command line's
 * @param skipBad    {@code skip_bad: true}: images that cannot be decoded are left out (named, and counted in
 *                   provenance as {@code skipped_bad_images:ROLE}) instead of stopping the run, as {@code --skip-bad}
 */
public record RunConfig(String source, String sourceHash, long seed, Integer threads, String engine, String encoder,
                        DataSet train, DataSet holdout, DataSet test, List<Generator> generators,
                        Fidelity fidelity, Privacy privacy, Filter filter, Utility utility,
                        String device, boolean skipBad) {

    public RunConfig {
        generators = List.copyOf(generators);
    }

    /** A real or synthetic data set: a path (manifest, folder, feature file) or a rendered phantom cohort. */
    public record DataSet(Path path, String split, Path labels, Phantom phantom) {
        public boolean isPhantom() {
            return phantom != null;
        }

        /** The path with its split as {@code FILE.csv#split} (the form the inputs layer takes). */
        public Path pathWithSplit() {
            return split == null ? path : path.resolveSibling(path.getFileName() + "#" + split);
        }
    }

    /**
     * A phantom cohort: patients x studies images of size px from a seed; {@code labelsOf} null (findings drawn
     * independently) or the training cohort whose findings it takes study by study ({@code labels: train}).
     */
    public record Phantom(int patients, int studies, int size, long seed, Phantom labelsOf) {
        public Phantom(int patients, int studies, int size, long seed) {
            this(patients, studies, size, seed, null);
        }
    }

    /**
     * One generator under test: its name in the results and either a data set of its images/features or a phantom
     * simulator ({@code faithful}, {@code memorizer(0.3)}, ...) prompted with the phantom training set's labels.
     */
    public record Generator(String name, DataSet data, String simulator) {}

    /** Fidelity metrics and their parameters (as in the fidelity family's options). */
    public record Fidelity(Set<String> metrics, int k, int kidSubsets, int kidSubsetSize, int bootstrap, String fidRoute,
                           boolean prdcInclusive, int minLabelCount, String kidSubsetRule) {}

    /** Privacy metrics and their parameters (as in PrivacyMetrics.Options and the re-id check). */
    public record Privacy(Set<String> metrics, double memorizationQuantile, int carliniN, String reidEncoder,
                          double reidThreshold) {}

    /**
     * The {@code filter:} block as given, bound by Jackson after the schema check (a key left out is null: the filter
     * stage's default): judge, removal policy (a list or one comma-separated string), generators (null: all), and
     * each judge's options as {@code ./cxrbench filter} takes them (labels, label_map and an onnx model resolved
     * against the config's folder).
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Filter(String judge,
                         @com.fasterxml.jackson.annotation.JsonFormat(with =
                                 com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                         List<String> remove, List<String> generators, Double falseRejection, String labels,
                         String endpoint, String model, String labelMap, String preset, Integer concurrency,
                         Double timeout, Integer retries, Boolean unfiltered, String onError, String apiKeyEnv,
                         Double maxRps, String modelFingerprint) {
        /** The same block with the judge named and the given file keys' paths resolved against {@code base}. */
        public Filter resolved(String judgeName, java.nio.file.Path base, List<String> fileKeys) {
            java.util.function.Function<String, String> r = p -> p == null ? null
                    : base.resolve(p).toAbsolutePath().normalize().toString();
            return new Filter(judgeName, remove, generators, falseRejection,
                    fileKeys.contains("labels") ? r.apply(labels) : labels, endpoint,
                    fileKeys.contains("model") ? r.apply(model) : model,
                    fileKeys.contains("label_map") ? r.apply(labelMap) : labelMap, preset, concurrency, timeout, retries,
                    unfiltered, onError, apiKeyEnv, maxRps, modelFingerprint);
        }
    }

    /**
     * The {@code utility:} block as given, bound by Jackson after the schema check (a key left out is null: the utility
     * stage's default, applied by {@code utility/ConfigUtility}): which generators, task and model, the conditions
     * (a list, or one comma-separated string split before the schema check), the low-data regime (real fraction,
     * synthetic ratios, mixed share), seeds, the probe's C, and the testing family (correction, test, alpha,
     * metrics).
     *
     * @param testIsHoldout not a key of the block: {@code real.test: holdout} (the holdout is reused as the test set,
     *                      said explicitly); set by the reader
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Utility(List<String> generators, String task, String model, List<String> conditions,
                          Double realFraction, List<Double> syntheticRatios, Double mixedShare, Integer seeds,
                          Double probeC, String correction, @com.fasterxml.jackson.annotation.JsonProperty("test") String testKind,
                          Double alpha, List<String> metrics,
                          @com.fasterxml.jackson.annotation.JsonIgnore boolean testIsHoldout) {
        /** The same block with the holdout named as the test set ({@code real.test: holdout}). */
        public Utility withTestIsHoldout() {
            return new Utility(generators, task, model, conditions, realFraction, syntheticRatios, mixedShare, seeds,
                    probeC, correction, testKind, alpha, metrics, true);
        }
    }

    public RunConfig withGenerators(List<Generator> g) {
        return new RunConfig(source, sourceHash, seed, threads, engine, encoder, train, holdout, test, g, fidelity,
                privacy, filter, utility, device, skipBad);
    }
}
