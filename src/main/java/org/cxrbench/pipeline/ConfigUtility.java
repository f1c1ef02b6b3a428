package org.cxrbench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The {@code utility:} block of a config run. The comparisons are corrected over one family declared across every
 * generator of the run (generator x condition x metric; {@link UtilityFamily}), Bonferroni by default as in
 * {@code ./cxrbench utility}; each generator's block keeps its own rows with the run-wide adjusted p-values.
 * <p>
 * The: per generator, a cached stage that runs {@link UtilityJob} with the
 * linear probe on the run's encoded features (real training set vs the real test set, or the holdout set when the
 * config has no test set), comparing each condition with {@code real}. The stage's output is the utility results
 * JSON; the run puts it under {@code generators.<g>.utility}. Only the probe is wired here (the CNN needs images at
 * its own size; run {@code ./cxrbench utility --model cnn} for that).
 */
final class ConfigUtility {
    private ConfigUtility() {}

    /** The block with its defaults applied (a low-data regime: 10% of the real training set, real vs augmented). */
    record Settings(List<String> generators, List<String> conditions, double realFraction, List<Double> ratios,
                    double mixedShare, int seeds, double probeC, String correction, String testKind, double alpha,
                    List<String> compareMetrics, UtilityFamily family) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("conditions", conditions);
            m.put("real_fraction", realFraction);
            m.put("synthetic_ratios", ratios);
            m.put("mixed_share", mixedShare);
            m.put("seeds", seeds);
            m.put("probe_c", probeC);
            m.put("correction", correction);
            m.put("test", testKind);
            m.put("alpha", alpha);
            m.put("metrics", compareMetrics == null ? "headline" : compareMetrics);
            m.put("model", "probe");
            return m;
        }
    }

    /** Reads and checks the block (before any work); null when the config has none. */
    static Settings settings(RunConfig cfg) {
        Map<String, Object> u = cfg.utility();
        if (u == null) {
            return null;
        }
        String task = String.valueOf(u.getOrDefault("task", "classify"));
        String model = String.valueOf(u.getOrDefault("model", "probe"));
        if (!task.equals("classify") || !model.equals("probe")) {
            throw new BadInputException(cfg.source() + ": utility: task " + task + " / model " + model + " is not wired into"
                    + " run (only task: classify, model: probe); run ./cxrbench utility --model cnn on the images instead");
        }
        List<String> names = cfg.generators().stream().map(RunConfig.Generator::name).toList();
        List<String> gens = u.containsKey("generators") ? ((List<?>) u.get("generators")).stream().map(String::valueOf).toList()
                : names;
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
        if (cfg.test() == null && !"holdout".equals(u.get(org.cxrbench.pipeline.config.ConfigReader.REAL_TEST_KEY))) {
            throw new BadInputException(cfg.source() + ": utility: no real.test; the holdout also sets the noise floor and the"
                    + " memorisation threshold, so it is not used as the test set silently: add real.test (patient-disjoint"
                    + " from real.train and real.holdout), or write 'test: holdout' under real: to reuse it (with a warning)");
        }
        List<String> conditions = u.containsKey("conditions") ? strings(u.get("conditions")) : List.of("real", "augmented");
        List<Double> ratios = new ArrayList<>();
        if (u.containsKey("synthetic_ratios")) {
            for (String r : strings(u.get("synthetic_ratios"))) {
                ratios.add(Double.parseDouble(r));
            }
        } else {
            ratios.add(1.0);
        }
        return new Settings(gens, conditions, num(u, "real_fraction", 0.1), ratios, num(u, "mixed_share", 0.5),
                (int) num(u, "seeds", 5), num(u, "probe_c", 1.0), String.valueOf(u.getOrDefault("correction", "bonferroni")),
                String.valueOf(u.getOrDefault("test", "paired")), num(u, "alpha", 0.05),
                u.containsKey("metrics") ? strings(u.get("metrics")) : null, new UtilityFamily());
    }

    /**
     * The utility stage of one generator; returns the utility JSON (as UtilityJob writes it) or null when a set has no
     * labels (logged).
     */
    static Map<String, Object> run(Settings s, String gen, ConfigData.Encoded train, ConfigData.Encoded test,
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
        String key = Runner.key("utility", s.asMap(), inputs);
        Path json = stages.json("utility", gen, key, f -> compute(s, gen, train, test, syn, f, stages, ctx));
        Map<String, Object> m;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = Json.MAPPER.readValue(json.toFile(), LinkedHashMap.class);
            m = read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.family().add(gen, m, s, ctx.log());
        return m;
    }

    private static void compute(Settings s, String gen, ConfigData.Encoded train, ConfigData.Encoded test,
                                ConfigData.Encoded syn, Path json, StageCache stages, RunContext ctx) {
        Path work = stages.dir().resolve("utility-work").resolve(ConfigData.dirName(gen));
        try {
            Files.createDirectories(work);
            Path tr = write(work, "real-train", train);
            Path te = write(work, "real-test", test);
            Path sy = write(work, ConfigData.dirName(gen), syn);
            UtilityJob.Request req = new UtilityJob.Request(tr, te, List.of(sy), label(work, "real-train"),
                    label(work, "real-test"), List.of(label(work, ConfigData.dirName(gen))), "none", "classify", "probe",
                    s.conditions(), s.realFraction(), s.ratios(), s.mixedShare(), s.seeds(), s.probeC(), 1e-4,
                    s.correction(), s.testKind(), s.alpha(), s.compareMetrics(), 0, json, work.resolve("scores.csv"),
                    "run utility[" + gen + "]", ctx.threads(), "0.5");
            // the comparisons table is for the utility command's stdout; in a run it goes to the log
            UtilityJob.run(req, new RunContext(ctx.cache(), ctx.threads(), ctx.log(), ctx.log()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path dir, String name, ConfigData.Encoded e) {
        Path f = dir.resolve(name + ".npy");
        FeatureFiles.writeNpy(f, e.features());
        e.source().labels().write(label(dir, name));
        return f;
    }

    private static Path label(Path dir, String name) {
        return dir.resolve(name + ".labels.csv");
    }

    private static double num(Map<String, Object> u, String k, double dflt) {
        Object v = u.get(k);
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(o -> String.valueOf(o).trim().toLowerCase(Locale.ROOT)).toList();
        }
        return java.util.Arrays.stream(String.valueOf(v).split(",")).map(x -> x.trim().toLowerCase(Locale.ROOT))
                .filter(x -> !x.isEmpty()).toList();
    }
}
