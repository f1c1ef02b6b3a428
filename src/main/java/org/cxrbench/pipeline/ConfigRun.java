package org.cxrbench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.encode.Encoders;
import org.cxrbench.linalg.Blas;
import org.cxrbench.phantom.Study;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.report.ConsoleReport;

/**
 * ./cxrbench run CONFIG.yaml: the stages {@code data -> encode -> fidelity / privacy -> report} of a config, each
 * cached under {@code DIR/.stages/} by the content key of its inputs and settings ({@link StageCache}), so adding a
 * generator computes only that generator's stages and a killed run resumes. Writes {@code DIR/results.json} (a
 * multi-generator Evaluation), {@code DIR/report.html}, and appends a line to {@code DIR/history.jsonl}; tables and
 * the summary go to stdout, progress to stderr.
 */
public final class ConfigRun {
    private ConfigRun() {}

    /** What a run produced and which stages it computed or reused. */
    public record Outcome(Evaluation evaluation, List<String> executed, List<String> reused, Path results, Path report) {}

    /** Checks that need no data work: engine and cache, filter and utility blocks, encoders, output folder. */
    static void check(RunConfig cfg, Path out, RunContext ctx) {
        if (ctx.engine() != Engines.LOCAL && ctx.cache() == null) {
            throw new BadInputException("engine " + ctx.engine().describe() + " encodes into the feature cache; drop --no-cache "
                    + "(and give a --cache folder every worker can reach)");
        }
        ConfigFilter.settings(cfg);
        ConfigUtility.settings(cfg);
        String imageEncoder = org.cxrbench.encode.FeatureFiles.imageEncoder(cfg.encoder());
        Encoders.get(imageEncoder == null ? Encoders.DEFAULT : imageEncoder);
        if (cfg.privacy().metrics().contains("reid_score")) {
            Encoders.get(cfg.privacy().reidEncoder());
        }
        Outputs.requireWritable("out", out.resolve("results.json"));
    }

    public static Outcome run(RunConfig cfg, Path out, String command, RunContext ctx) {
        check(cfg, out, ctx);
        long t0 = System.nanoTime();
        Blas.setThreads(ctx.threads());
        StageCache stages = new StageCache(out.resolve(".stages"), ctx);
        // data sets given by path are read and checked (every image present) before any stage runs
        ConfigData.Source trainSrc = ConfigData.fromPath("train", cfg.train());
        ConfigData.Source holdSrc = cfg.holdout() == null ? null : ConfigData.fromPath("holdout", cfg.holdout());
        Map<String, ConfigData.Source> synSrc = new LinkedHashMap<>();
        for (RunConfig.Generator g : cfg.generators()) {
            synSrc.put(g.name(), g.data() == null ? null : ConfigData.fromPath(g.name(), g.data()));
        }
        ConfigFilter.Settings filter = ConfigFilter.settings(cfg);
        if (filter != null) {
            ConfigFilter.check(filter, cfg, trainSrc, synSrc);
        }
        // stage data: phantom cohorts and simulated generators rendered as PNG + manifest.csv
        if (cfg.train().isPhantom()) {
            trainSrc = ConfigData.phantom("train", cfg.train().phantom(), out, stages);
        }
        if (cfg.holdout() != null && cfg.holdout().isPhantom()) {
            holdSrc = ConfigData.phantom("holdout", cfg.holdout().phantom(), out, stages);
        }
        Supplier<List<Study>> studies = ConfigMetrics.memo(() -> ConfigData.cohort("train", cfg.train().phantom()));
        for (RunConfig.Generator g : cfg.generators()) {
            if (g.simulator() != null) {
                synSrc.put(g.name(), ConfigData.simulated(g, cfg.train().phantom(), cfg.seed(), out, stages, studies));
            }
        }
        // stage filter: each filtered generator's kept set replaces its images from here on
        Map<String, ConfigData.Source> unfilteredSrc = new LinkedHashMap<>();
        Map<String, Map<String, Object>> filterBlocks = new LinkedHashMap<>();
        Map<String, String> givenHash = new LinkedHashMap<>(); // a filtered generator's images as given
        List<String> emptied = new ArrayList<>();
        if (filter != null) {
            Map<String, org.cxrbench.filter.Judge> judges = new java.util.HashMap<>();
            for (String g : filter.generators()) {
                ConfigFilter.Filtered f = ConfigFilter.apply(filter, g, synSrc.get(g), trainSrc, out, stages, ctx, judges);
                givenHash.put(g, synSrc.get(g).hash());
                if (filter.unfiltered() || f.kept() == null) {
                    unfilteredSrc.put(g, synSrc.get(g));
                }
                if (f.kept() == null) {
                    synSrc.remove(g);
                    emptied.add(g);
                } else {
                    synSrc.put(g, f.kept());
                }
                filterBlocks.put(g, f.block());
            }
        }
        // stage encode
        ConfigData.Encoded train = ConfigData.encode(trainSrc, cfg.encoder(), "train", stages, ctx);
        ConfigData.Encoded hold = holdSrc == null ? null : ConfigData.encode(holdSrc, cfg.encoder(), "holdout", stages, ctx);
        Map<String, ConfigData.Encoded> syn = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigData.Source> e : synSrc.entrySet()) {
            ConfigData.Encoded x = ConfigData.encode(e.getValue(), cfg.encoder(), e.getKey(), stages, ctx);
            sameEncoder(train, x, cfg);
            syn.put(e.getKey(), x);
        }
        if (hold != null) {
            sameEncoder(train, hold, cfg);
        }
        // stages fidelity, privacy (per generator) and the noise floor, sharing the real side's statistics
        ConfigMetrics metrics = new ConfigMetrics(cfg, train, hold, stages, ctx);
        Evaluation floor = metrics.noiseFloor();
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        for (RunConfig.Generator gen : cfg.generators()) {
            String g = gen.name();
            ConfigData.Encoded x = syn.get(g);
            Map<String, MetricResult> m = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            Map<String, Object> extra = new LinkedHashMap<>();
            Map<String, String> inputs = new LinkedHashMap<>();
            if (x != null) {
                Evaluation f = metrics.fidelity(g, x);
                Evaluation p = metrics.privacy(g, x);
                m.putAll(f.metrics());
                m.putAll(p.metrics());
                warnings.addAll(f.warnings());
                warnings.addAll(p.warnings());
                extra.putAll(p.extra());
                inputs.put("synthetic", x.source().hash());
                if (givenHash.containsKey(g)) {
                    inputs.put("synthetic", givenHash.get(g)); // the generator's images as given ...
                    inputs.put("synthetic_filtered", x.source().hash()); // ... and the kept set measured here
                }
            } else {
                inputs.put("synthetic", givenHash.get(g));
                warnings.add("the filter kept " + filterBlocks.get(g).get("kept") + " of " + filterBlocks.get(g).get("total")
                        + " images: nothing left to measure after filtering; metrics_unfiltered has the numbers before it");
            }
            if (filterBlocks.containsKey(g)) {
                extra.put("filter", filterBlocks.get(g));
            }
            if (unfilteredSrc.containsKey(g)) {
                // the same stages on the generator's images before filtering, for the before/after view
                String label = g + " (unfiltered)";
                ConfigData.Encoded u = ConfigData.encode(unfilteredSrc.get(g), cfg.encoder(), label, stages, ctx);
                Map<String, Object> um = new LinkedHashMap<>();
                metrics.fidelity(label, u).metrics().forEach((k, v) -> um.put(k, v.toJson()));
                metrics.privacy(label, u).metrics().forEach((k, v) -> um.put(k, v.toJson()));
                extra.put("metrics_unfiltered", um);
            }
            gens.put(g, new Evaluation.GeneratorResult(m, null, inputs, warnings, extra));
        }
        // stage utility (per generator named in the utility: block): real train vs real test (or holdout)
        ConfigUtility.Settings us = ConfigUtility.settings(cfg);
        if (us != null) {
            ConfigData.Encoded test = hold;
            String holdoutAsTest = cfg.test() == null ? "utility tests on the holdout (real.test: holdout), which also sets "
                    + "the noise floor and the memorisation threshold" : null;
            if (holdoutAsTest != null) {
                ctx.log().println("warning: " + holdoutAsTest);
            }
            if (cfg.test() != null) {
                ConfigData.Source ts = cfg.test().isPhantom() ? ConfigData.phantom("test", cfg.test().phantom(), out, stages)
                        : ConfigData.fromPath("test", cfg.test());
                test = ConfigData.encode(ts, cfg.encoder(), "test", stages, ctx);
                sameEncoder(train, test, cfg);
            }
            for (String g : us.generators()) {
                if (syn.get(g) == null) {
                    ctx.log().println("utility: skipping " + g + ": the filter left none of its images");
                    continue;
                }
                Map<String, Object> u = ConfigUtility.run(us, g, train, test, syn.get(g), stages, ctx);
                Evaluation.GeneratorResult r = gens.get(g);
                if (u != null && r != null) {
                    Map<String, Object> x = new LinkedHashMap<>(r.extra());
                    x.put("utility", u);
                    List<String> w = new ArrayList<>(r.warnings());
                    if (holdoutAsTest != null) {
                        w.add(holdoutAsTest);
                    }
                    gens.put(g, new Evaluation.GeneratorResult(r.metrics(), r.noiseFloor(), r.inputs(), w, x));
                }
            }
        }
        // stage report
        Provenance.Builder prov = Provenance.builder(command).threads(ctx.threads()).setting("engine", ctx.engine().describe()).input("config", cfg.sourceHash())
                .input("real_train", train.source().hash()).seed("seed", cfg.seed())
                .setting("encoder", train.encoder()).setting("config", cfg.source());
        if (hold != null) {
            prov.input("real_holdout", hold.source().hash());
        }
        syn.forEach((g, x) -> prov.input("synthetic:" + g, givenHash.getOrDefault(g, x.source().hash())));
        givenHash.forEach((g, h) -> {
            prov.input("synthetic:" + g, h);
            if (syn.containsKey(g)) {
                prov.input("synthetic_filtered:" + g, syn.get(g).source().hash());
            }
        });
        if (cfg.privacy().metrics().contains("reid_score")) {
            prov.setting("reid_encoder", Encoders.get(cfg.privacy().reidEncoder()).fingerprint());
        }
        metrics.settings(prov);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (floor != null) {
            extra.putAll(floor.extra());
        }
        List<String> stageList = new ArrayList<>();
        if (filter != null) {
            stageList.add("filter: " + filter.judge() + " judge on " + String.join(", ", filter.generators()) + "; removed "
                    + String.join(", ", filter.remove().stream().map(org.cxrbench.filter.Verdict::key).toList())
                    + (filter.unfiltered() ? "; metrics_unfiltered: the same metrics before filtering" : ""));
        }
        stageList.addAll(List.of("data: " + (cfg.train().isPhantom() ? "phantom world written as PNG + manifest" : "manifests/folders/features"),
                "encode: " + train.encoder(), "fidelity: " + String.join(", ", cfg.fidelity().metrics()) + " vs the real training set",
                "privacy: " + String.join(", ", cfg.privacy().metrics())));
        extra.put("stages", stageList);
        extra.put("stage_runs", Map.of("computed", stages.executed(), "reused", stages.reused()));
        Evaluation ev = new Evaluation(Map.of(), floor == null ? null : new Evaluation.NoiseFloor(metrics.floorMethod(),
                floor.metrics()), gens, List.of(), extra, prov.build());
        Path results = out.resolve("results.json");
        ResultsJson.write(results, ev);
        Map<String, org.cxrbench.data.Manifest> images = new LinkedHashMap<>();
        for (RunConfig.Generator gen : cfg.generators()) {
            ConfigData.Source s = unfilteredSrc.containsKey(gen.name()) ? unfilteredSrc.get(gen.name())
                    : syn.containsKey(gen.name()) ? syn.get(gen.name()).source() : null;
            if (s != null && s.manifest() != null) {
                images.put(gen.name(), s.manifest());
            }
        }
        Path report = RunReport.write(ev, images, out, cfg, ctx);
        RunHistory.append(out.resolve("history.jsonl"), RunHistory.line(ev, cfg.sourceHash(), Hashing.ofFile(results), stages));
        ConsoleReport.demoTables(ev, ctx.out());
        org.cxrbench.report.FilterConsoleTable.print(ev, ctx.out());
        ctx.out().println();
        ctx.out().println("Report: " + (report == null ? results : report).toAbsolutePath().normalize());
        RunSummary.lines(ev).forEach(ctx.out()::println);
        ctx.out().flush();
        ctx.log().printf(Locale.ROOT, "%nrun: %d stages computed, %d reused; wrote %s%s (%.1f s)%n", stages.executed().size(),
                stages.reused().size(), results, report == null ? "" : " and " + report, (System.nanoTime() - t0) / 1e9);
        return new Outcome(ev, stages.executed(), stages.reused(), results, report);
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
}
