package org.cxrbench.run;

import org.cxrbench.common.UtilityResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.ResultBlocks;
import org.cxrbench.encode.Encoders;
import org.cxrbench.fidelity.FidelityStages;
import org.cxrbench.filter.ConfigFilter;
import org.cxrbench.filter.Judge;
import org.cxrbench.phantom.Study;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.Engines;
import org.cxrbench.common.Outputs;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.StageCache;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.privacy.PrivacyStages;
import org.cxrbench.report.ClosestPairs;
import org.cxrbench.utility.ConfigUtility;
import org.cxrbench.utility.UtilityFamily;

/**
 * ./cxrbench run CONFIG.yaml as a declared graph of stages:
 * <pre>
 *   data -> filter -> encode -> { fidelity, privacy, noise floor (at the holdout's N and at each generator's N) }
 *        -> utility -> report
 * </pre>
 * Each step below is one method that declares its stages to the one executor ({@link StageCache}, under
 * {@code DIR/.stages/}), which keys each by the content of its inputs and its settings, so adding a generator computes
 * only that generator's stages and a killed run resumes. The sets flow between steps in memory (the encoded features
 * go to the utility stage as they are). Writes {@code DIR/results.json}, {@code DIR/report.html} and a line of
 * {@code DIR/history.jsonl} ({@link ConfigReport}).
 */
public final class ConfigRun {
    private ConfigRun() {}

    /** What a run produced and which stages it computed or reused. */
    public record Outcome(Evaluation evaluation, List<String> executed, List<String> reused, Path results, Path report) {}

    /** The data sets of a run, resolved (phantom sets rendered); a generator is null until its data stage ran. */
    record Sources(ConfigData.Source train, ConfigData.Source holdout, Map<String, ConfigData.Source> synthetic) {}

    /**
     * After the filter: each generator's kept set (absent when the filter emptied it), its images before filtering
     * (where the run measures them too, or the filter emptied it), the filter blocks, and the filtered generators'
     * content hashes as given.
     */
    record Filtered(Map<String, ConfigData.Source> kept, Map<String, ConfigData.Source> unfiltered,
                    Map<String, FilterCounts> blocks, Map<String, String> givenHash) {}

    /**
     * The encoded sets: real train, holdout (or null), every generator the filter left, and the utility's real test
     * set (null without a utility block or without real.test).
     */
    record Encoded(ConfigData.Encoded train, ConfigData.Encoded holdout, Map<String, ConfigData.Encoded> synthetic,
                   ConfigData.Encoded test) {
        /** Records in provenance the images the skip-bad policy left out of each set ({@code skipped_bad_images:ROLE}). */
        void recordSkipped(org.cxrbench.common.Provenance.Builder p) {
            train.recordSkipped(p, "train");
            if (holdout != null) {
                holdout.recordSkipped(p, "holdout");
            }
            synthetic.forEach((g, x) -> x.recordSkipped(p, g));
            if (test != null) {
                test.recordSkipped(p, "test");
            }
        }
    }

    /** Checks that need no data work: engine and cache, filter and utility blocks, encoders, output folder. */
    static void check(RunConfig cfg, Path out, RunContext ctx) {
        if (ctx.engine() != Engines.LOCAL && ctx.cache() == null) {
            throw new BadInputException("engine " + ctx.engine().describe() + " encodes into the feature cache; drop --no-cache "
                    + "(and give a --cache folder every worker can reach)");
        }
        ConfigFilter.settings(cfg);
        ConfigUtility.settings(cfg);
        String imageEncoder = org.cxrbench.encode.FeatureEncoders.imageEncoder(cfg.encoder());
        Encoders.get(imageEncoder == null ? Encoders.DEFAULT : imageEncoder);
        if (cfg.privacy().metrics().contains("reid_score")) {
            Encoders.get(cfg.privacy().reidEncoder());
        }
        Outputs.requireWritable("out", out.resolve("results.json"));
    }

    public static Outcome run(RunConfig cfg, Path out, String command, RunContext ctx) {
        check(cfg, out, ctx);
        long t0 = System.nanoTime();
        StageCache stages = new StageCache(out.resolve(".stages"), ctx);
        Sources given = resolve(cfg);
        Sources data = data(cfg, given, out, stages);
        Filtered filtered = filter(cfg, data, out, stages, ctx);
        Encoded encoded = encode(cfg, data, filtered, out, stages, ctx);
        FidelityStages fidelity = new FidelityStages(cfg, encoded.train(), stages, ctx);
        PrivacyStages privacy = new PrivacyStages(cfg, encoded.train(), encoded.holdout(), stages, ctx,
                new PrivacyStages.ClosestPairsOutput(String.valueOf(ClosestPairs.IN_RESULTS),
                        (r, t, s) -> ClosestPairs.stored(ClosestPairs.closest(r, t, s, ClosestPairs.IN_RESULTS))));
        FloorStages floors = new FloorStages(cfg, encoded.train(), encoded.holdout(), stages, fidelity, privacy);
        Evaluation floor = floors.full();
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        for (RunConfig.Generator gen : cfg.generators()) {
            gens.put(gen.name(), measure(gen.name(), encoded, filtered, fidelity, privacy, floors, stages, ctx, cfg));
        }
        UtilityFamily.Result family = utility(cfg, encoded, gens, out, stages, ctx);
        Evaluation ev = ConfigReport.evaluation(cfg, command, ctx, encoded, filtered, floor,
                floor == null ? null : floors.method(), gens, stages, family);
        return ConfigReport.write(cfg, ev, encoded, filtered, family, out, stages, ctx, t0);
    }

    /** Data sets given by path, read and checked (every image present) before any stage runs. */
    static Sources resolve(RunConfig cfg) {
        Map<String, ConfigData.Source> syn = new LinkedHashMap<>();
        for (RunConfig.Generator g : cfg.generators()) {
            syn.put(g.name(), g.data() == null ? null : ConfigData.fromPath(g.name(), g.data()));
        }
        Sources s = new Sources(ConfigData.fromPath("train", cfg.train()),
                cfg.holdout() == null ? null : ConfigData.fromPath("holdout", cfg.holdout()), syn);
        ConfigFilter.Settings filter = ConfigFilter.settings(cfg);
        if (filter != null) {
            ConfigFilter.check(filter, cfg, s.train(), s.synthetic());
        }
        return s;
    }

    /** Stage data: phantom cohorts and simulated generators rendered as PNG + manifest.csv. */
    static Sources data(RunConfig cfg, Sources given, Path out, StageCache stages) {
        ConfigData.Source train = cfg.train().isPhantom() ? ConfigData.phantom("train", cfg.train().phantom(), out, stages)
                : given.train();
        ConfigData.Source hold = cfg.holdout() != null && cfg.holdout().isPhantom()
                ? ConfigData.phantom("holdout", cfg.holdout().phantom(), out, stages) : given.holdout();
        Map<String, ConfigData.Source> syn = new LinkedHashMap<>(given.synthetic());
        Supplier<List<Study>> studies = org.cxrbench.pipeline.Memo.of(() -> ConfigData.cohort("train", cfg.train().phantom()));
        for (RunConfig.Generator g : cfg.generators()) {
            if (g.simulator() != null) {
                syn.put(g.name(), ConfigData.simulated(g, cfg.train().phantom(), cfg.seed(), out, stages, studies));
            }
        }
        return new Sources(train, hold, syn);
    }

    /** Stage filter: each filtered generator's kept set replaces its images from here on. */
    static Filtered filter(RunConfig cfg, Sources data, Path out, StageCache stages, RunContext ctx) {
        Map<String, ConfigData.Source> kept = new LinkedHashMap<>(data.synthetic());
        Map<String, ConfigData.Source> unfiltered = new LinkedHashMap<>();
        Map<String, FilterCounts> blocks = new LinkedHashMap<>();
        Map<String, String> givenHash = new LinkedHashMap<>();
        ConfigFilter.Settings filter = ConfigFilter.settings(cfg);
        if (filter == null) {
            return new Filtered(kept, unfiltered, blocks, givenHash);
        }
        Map<String, Judge> judges = new HashMap<>();
        for (String g : filter.generators()) {
            ConfigData.Source src = data.synthetic().get(g);
            ConfigFilter.Filtered f = ConfigFilter.apply(filter, g, src, data.train(), out, stages, ctx, judges);
            givenHash.put(g, src.hash());
            if (filter.unfiltered() || f.kept() == null) {
                unfiltered.put(g, src);
            }
            if (f.kept() == null) {
                kept.remove(g);
            } else {
                kept.put(g, f.kept());
            }
            blocks.put(g, f.block());
        }
        return new Filtered(kept, unfiltered, blocks, givenHash);
    }

    /** Stage encode: every set with the run's encoder (one encoder and dimension for all of them). */
    static Encoded encode(RunConfig cfg, Sources data, Filtered filtered, Path out, StageCache stages, RunContext ctx) {
        ConfigData.Encoded train = ConfigData.encode(data.train(), cfg.encoder(), "train", stages, ctx);
        ConfigData.Encoded hold = data.holdout() == null ? null
                : ConfigData.encode(data.holdout(), cfg.encoder(), "holdout", stages, ctx);
        Map<String, ConfigData.Encoded> syn = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigData.Source> e : filtered.kept().entrySet()) {
            ConfigData.Encoded x = ConfigData.encode(e.getValue(), cfg.encoder(), e.getKey(), stages, ctx);
            sameEncoder(train, x, cfg);
            syn.put(e.getKey(), x);
        }
        if (hold != null) {
            sameEncoder(train, hold, cfg);
        }
        ConfigData.Encoded test = null;
        if (ConfigUtility.settings(cfg) != null && cfg.test() != null) {
            ConfigData.Source ts = cfg.test().isPhantom() ? ConfigData.phantom("test", cfg.test().phantom(), out, stages)
                    : ConfigData.fromPath("test", cfg.test());
            test = ConfigData.encode(ts, cfg.encoder(), "test", stages, ctx);
            sameEncoder(train, test, cfg);
        }
        return new Encoded(train, hold, syn, test);
    }

    /**
     * Stages fidelity and privacy of one generator, its floor at its own N, and the same stages on its images before
     * filtering when the run keeps them (the before/after view).
     */
    static Evaluation.GeneratorResult measure(String g, Encoded enc, Filtered filtered, FidelityStages fidelity,
                                              PrivacyStages privacy, FloorStages floors, StageCache stages, RunContext ctx,
                                              RunConfig cfg) {
        ConfigData.Encoded x = enc.synthetic().get(g);
        Map<String, MetricResult> m = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ResultBlocks.Builder blocks = ResultBlocks.builder();
        Map<String, String> inputs = new LinkedHashMap<>();
        Evaluation.NoiseFloor ownFloor = null;
        if (x != null) {
            Evaluation f = fidelity.fidelity(g, x);
            Evaluation p = privacy.privacy(g, x);
            m.putAll(f.metrics());
            m.putAll(p.metrics());
            warnings.addAll(f.warnings());
            warnings.addAll(p.warnings());
            blocks = p.blocks().toBuilder();
            inputs.put("synthetic", filtered.givenHash().getOrDefault(g, x.source().hash())); // as given ...
            if (filtered.givenHash().containsKey(g)) {
                inputs.put("synthetic_filtered", x.source().hash()); // ... and the kept set measured here
            }
            ownFloor = floors.forGenerator(g, x);
        } else {
            FilterCounts b = filtered.blocks().get(g);
            inputs.put("synthetic", filtered.givenHash().get(g));
            warnings.add("the filter kept " + b.kept() + " of " + b.total() + " images: nothing left to measure"
                    + " after filtering; metrics_unfiltered has the numbers before it");
        }
        if (filtered.blocks().containsKey(g)) {
            blocks.filter(filtered.blocks().get(g));
        }
        if (filtered.unfiltered().containsKey(g)) {
            String label = g + " (unfiltered)";
            ConfigData.Encoded u = ConfigData.encode(filtered.unfiltered().get(g), cfg.encoder(), label, stages, ctx);
            Map<String, MetricResult> um = new LinkedHashMap<>(fidelity.fidelity(label, u).metrics());
            Evaluation up = privacy.privacy(label, u);
            um.putAll(up.metrics());
            blocks.metricsUnfiltered(um);
            if (m.isEmpty() && up.blocks().closestPairs() != null) {
                blocks.closestPairsUnfiltered(up.blocks().closestPairs()); // the filter left none
            }
        }
        return new Evaluation.GeneratorResult(m, ownFloor, inputs, warnings, blocks.build());
    }

    /**
     * Stage utility (per generator named in the utility: block): real train vs real test (or holdout); then the run's
     * one testing family over every generator's comparisons (null when there is none).
     */
    static UtilityFamily.Result utility(RunConfig cfg, Encoded enc, Map<String, Evaluation.GeneratorResult> gens,
                                        Path out, StageCache stages, RunContext ctx) {
        ConfigUtility.Settings us = ConfigUtility.settings(cfg);
        if (us == null) {
            return null;
        }
        UtilityFamily family = us.family();
        ConfigData.Encoded test = cfg.test() != null ? enc.test() : enc.holdout();
        String holdoutAsTest = cfg.test() == null ? "utility tests on the holdout (real.test: holdout), which also sets "
                + "the noise floor and the memorisation threshold" : null;
        if (holdoutAsTest != null) {
            ctx.log().println("warning: " + holdoutAsTest);
        }
        Map<String, UtilityResult> blocks = new LinkedHashMap<>();
        for (String g : us.generators()) {
            if (enc.synthetic().get(g) == null) {
                ctx.log().println("utility: skipping " + g + ": the filter left none of its images");
                continue;
            }
            UtilityResult u = ConfigUtility.run(us, g, enc.train(), test, enc.synthetic().get(g), stages, ctx);
            if (u != null) {
                family.add(g, u);
                blocks.put(g, u);
                withUtility(gens, g, u);
                if (holdoutAsTest != null) {
                    gens.put(g, gens.get(g).withWarning(holdoutAsTest));
                }
            }
        }
        UtilityFamily.Result result = family.result();
        if (result != null) {
            blocks.forEach((g, u) -> withUtility(gens, g, result.block(g, u)));
            ctx.log().printf("utility: comparisons corrected (%s) over the run's family of %d (%d generators)%n",
                    result.table().options().correction().key(), result.table().familySize(), gens.size());
        }
        family.writeScores(out.resolve(UTILITY_SCORES));
        return result;
    }

    /** The run's utility scores of every generator (dataset = generator), for ./cxrbench stats. */
    static final String UTILITY_SCORES = "utility-scores.csv";

    private static void withUtility(Map<String, Evaluation.GeneratorResult> gens, String g, UtilityResult u) {
        Evaluation.GeneratorResult r = gens.get(g);
        if (r != null) {
            gens.put(g, r.withBlocks(r.blocks().toBuilder().utility(u).build()));
        }
    }

    static void sameEncoder(ConfigData.Encoded a, ConfigData.Encoded b, RunConfig cfg) {
        if (!a.encoder().equals("none") && !b.encoder().equals("none") && !a.encoder().equals(b.encoder())) {
            throw new BadInputException(cfg.source() + ": " + b.source().role() + " holds features of '" + b.encoder()
                    + "' but the real training set of '" + a.encoder() + "'; use one encoder for every set");
        }
        if (a.features().d() != b.features().d()) {
            throw new BadInputException(cfg.source() + ": " + b.source().role() + " has " + b.features().d()
                    + " feature dimensions but the real training set " + a.features().d() + "; use one encoder for every set");
        }
    }

    static String seconds(long t0) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }
}
