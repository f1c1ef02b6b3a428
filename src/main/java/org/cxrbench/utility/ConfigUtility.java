package org.cxrbench.utility;

import org.cxrbench.common.UtilityResult;

import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.Stage;
import org.cxrbench.pipeline.StageCache;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The {@code utility:} block of a config run: per generator, a cached stage that runs {@link UtilityJob} with the
 * linear probe on the run's encoded features, handed over in memory (real training set vs the real test set, or the
 * holdout set when the config has no test set), comparing each condition with {@code real}. The stage's output is
 * the utility results JSON. The comparisons are then corrected over the run's one testing family across every
 * generator (generator x condition x metric; {@link UtilityFamily}), Bonferroni by default as in
 * {@code ./cxrbench utility}; each generator's block under {@code generators.<g>.utility} keeps its own rows with the
 * run-wide adjusted p-values. Only the probe is wired here (the CNN needs images at its own size; run
 * {@code ./cxrbench utility --model cnn} for that).
 */
public final class ConfigUtility {
    private ConfigUtility() {}

    /** The block with its defaults applied (a low-data regime: 10% of the real training set, real vs augmented). */
    public record Settings(List<String> generators, List<String> conditions, double realFraction, List<Double> ratios,
                    double mixedShare, int seeds, double probeC, String correction, String testKind, double alpha,
                    List<String> compareMetrics) {
        /** The run's testing family over every generator: these metrics (default the headline ones), this correction. */
        public UtilityFamily family() {
            return new UtilityFamily(compareMetrics == null ? UtilityJob.HEADLINE : compareMetrics,
                    new org.cxrbench.stats.Comparisons.Options("real", org.cxrbench.stats.TTestKind.parse(testKind),
                            org.cxrbench.stats.Correction.parse(correction), alpha, org.cxrbench.stats.Alternative.GREATER));
        }

        /** What changes the stage's result, for its key (the probe is the only model wired here). */
        public KeySettings keySettings() {
            return new KeySettings(conditions, realFraction, ratios, mixedShare, seeds, probeC, correction, testKind, alpha,
                    compareMetrics, "probe");
        }
    }

    /**
     * The utility stage's settings (its key): the conditions, the low-data regime, seeds, the probe's C, the testing
     * family (correction, test, alpha, metrics: {@code "headline"} when the block names none) and the model.
     */
    public record KeySettings(List<String> conditions, @JsonProperty("real_fraction") double realFraction,
                              @JsonProperty("synthetic_ratios") List<Double> syntheticRatios,
                              @JsonProperty("mixed_share") double mixedShare, int seeds,
                              @JsonProperty("probe_c") double probeC, String correction, String test, double alpha,
                              @JsonSerialize(nullsUsing = HeadlineWhenNull.class) List<String> metrics, String model) {}

    /** Writes a null metric list as {@code "headline"} (the default set: {@link UtilityJob#HEADLINE}). */
    static final class HeadlineWhenNull extends JsonSerializer<Object> {
        @Override public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString("headline");
        }
    }

    /** Reads and checks the block (before any work), its defaults applied; null when the config has none. */
    public static Settings settings(RunConfig cfg) {
        RunConfig.Utility u = cfg.utility();
        if (u == null) {
            return null;
        }
        String task = orElse(u.task(), "classify");
        String model = orElse(u.model(), "probe");
        if (!task.equals("classify") || !model.equals("probe")) {
            throw new BadInputException(cfg.source() + ": utility: task " + task + " / model " + model + " is not wired into"
                    + " run (only task: classify, model: probe); run ./cxrbench utility --model cnn on the images instead");
        }
        List<String> names = cfg.generators().stream().map(RunConfig.Generator::name).toList();
        List<String> gens = orElse(u.generators(), names);
        for (String g : gens) {
            if (!names.contains(g)) {
                throw new BadInputException(cfg.source() + ": utility.generators: '" + g + "' is not a generator of this"
                        + " config; use some of " + String.join(", ", names));
            }
        }
        if (cfg.test() == null && cfg.holdout() == null) {
            throw new BadInputException(cfg.source() + ": utility: needs a real test set; add real.test (or real.holdout),"
                    + " patient-disjoint from real.train");
        }
        if (cfg.test() == null && !u.testIsHoldout()) {
            throw new BadInputException(cfg.source() + ": utility: no real.test; the holdout also sets the noise floor and the"
                    + " memorisation threshold, so it is not used as the test set silently: add real.test (patient-disjoint"
                    + " from real.train and real.holdout), or write 'test: holdout' under real: to reuse it (with a warning)");
        }
        Settings st = new Settings(gens, u.conditions() == null ? List.of("real", "augmented") : names(u.conditions()),
                orElse(u.realFraction(), 0.1), orElse(u.syntheticRatios(), List.of(1.0)), orElse(u.mixedShare(), 0.5),
                orElse(u.seeds(), 5), orElse(u.probeC(), 1.0), orElse(u.correction(), "bonferroni"),
                orElse(u.testKind(), "paired"), orElse(u.alpha(), 0.05), u.metrics() == null ? null : names(u.metrics()));
        try {
            st.family();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(cfg.source() + ": utility: " + e.getMessage());
        }
        return st;
    }

    /**
     * The utility stage of one generator; returns the utility JSON (as UtilityJob writes it) or null when a set has no
     * labels (logged).
     */
    public static UtilityResult run(Settings s, String gen, ConfigData.Encoded train, ConfigData.Encoded test,
                                   ConfigData.Encoded syn, StageCache stages, RunContext ctx) {
        for (ConfigData.Encoded e : List.of(train, test, syn)) {
            if (e.source().labels() == null || e.source().labels().size() != e.features().n()) {
                ctx.log().println("note: utility[" + gen + "] skipped: " + e.source().role() + " has no labels manifest");
                return null;
            }
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("train", train.key());
        inputs.put("test", test.key());
        inputs.put("synthetic", syn.key());
        inputs.put("train_labels", ConfigData.labelsHash(train.labels()));
        inputs.put("test_labels", ConfigData.labelsHash(test.labels()));
        inputs.put("synthetic_labels", ConfigData.labelsHash(syn.labels()));
        inputs.put("patients", String.valueOf(java.util.Arrays.hashCode(train.patients())) + ","
                + java.util.Arrays.hashCode(test.patients()));
        return stages.run(Stage.of("utility", gen, s.keySettings(), inputs, StageCache.json(UtilityResult.class),
                (c, key) -> compute(s, gen, train, test, syn, ctx)));
    }

    /**
     * The probe on the run's encoded sets, handed over in memory (the features the encode stage stored, float32, and
     * each set's labels manifest). Its own comparisons table is not printed: the run prints the one family's table.
     */
    private static UtilityResult compute(Settings s, String gen, ConfigData.Encoded train, ConfigData.Encoded test,
                                               ConfigData.Encoded syn, RunContext ctx) {
        String name = ConfigData.dirName(gen);
        UtilityJob.Request req = new UtilityJob.Request(null, null, List.of(), null, null, List.of(), "none", "classify",
                "probe", s.conditions(), s.realFraction(), s.ratios(), s.mixedShare(), s.seeds(), s.probeC(), 1e-4,
                s.correction(), s.testKind(), s.alpha(), s.compareMetrics(), 0, null, null, "run utility[" + gen + "]",
                ctx.threads(), "0.5");
        org.cxrbench.data.PatientSplits.checkDisjoint(train.source().labels(), "real.train", test.source().labels(),
                test.source().role());
        UtilityJob.Sets sets = new UtilityJob.Sets(loaded(train), loaded(test), List.of(loaded(syn)),
                labelled("real", train), labelled("test", test), List.of(labelled(name, syn)), List.of(name), true);
        return UtilityJob.runOn(req, sets, UtilityCnn.defaults(), UtilitySegment.defaults(), null,
                ctx.withOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    }

    private static Inputs.Loaded loaded(ConfigData.Encoded e) {
        return new Inputs.Loaded(e.features(), e.key(), e.encoder(), e.source().labels(), null);
    }

    private static LabelledSet labelled(String name, ConfigData.Encoded e) {
        return UtilityJob.labelled(name, loaded(e), null, e.source().role());
    }

    private static <T> T orElse(T given, T dflt) {
        return given == null ? dflt : given;
    }

    /** Names as the utility command takes them: trimmed, lower case. */
    private static List<String> names(List<String> given) {
        return given.stream().map(x -> x.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
