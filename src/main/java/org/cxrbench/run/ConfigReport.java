package org.cxrbench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.ResultBlocks;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoders;
import org.cxrbench.filter.ConfigFilter;
import org.cxrbench.filter.Verdict;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.StageCache;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.report.ConsoleReport;
import org.cxrbench.report.FilterConsoleTable;
import org.cxrbench.utility.ConfigUtility;
import org.cxrbench.utility.UtilityFamily;

/**
 * The report step of a config run: the run's {@link Evaluation} (generators, the floor, provenance, which stages ran
 * or were reused), written as {@code results.json} and rendered as {@code report.html}, a line of
 * {@code history.jsonl}, the tables on stdout and the summary on stderr.
 */
final class ConfigReport {
    private ConfigReport() {}

    static Evaluation evaluation(RunConfig cfg, String command, RunContext ctx, ConfigRun.Encoded enc,
                                 ConfigRun.Filtered filtered, Evaluation floor, String floorMethod,
                                 Map<String, Evaluation.GeneratorResult> gens, StageCache stages,
                                 UtilityFamily.Result family) {
        ResultBlocks.Builder blocks = ResultBlocks.builder();
        if (floor != null) {
            blocks.noiseFloorReidVerifier(floor.blocks().noiseFloorReidVerifier());
        }
        if (family != null) {
            ConfigUtility.Settings us = ConfigUtility.settings(cfg);
            org.cxrbench.common.UtilityFamilyBlock f = family.describe(us.family().metrics(), ConfigRun.UTILITY_SCORES,
                    "./cxrbench stats --scores " + ConfigRun.UTILITY_SCORES + " --baseline real --test "
                    + us.testKind() + " --correction " + us.correction() + " --alpha " + us.alpha() + " --metrics "
                    + String.join(",", us.family().metrics()) + " --json stats.json");
            blocks.utilityFamily(f);
        }
        blocks.stages(stageList(cfg, enc));
        blocks.stageRuns(new ResultBlocks.StageRuns(stages.executed(), stages.reused()));
        return new Evaluation(Map.of(), floor == null ? null : new Evaluation.NoiseFloor(floorMethod, floor.metrics()), gens,
                List.of(), blocks.build(), provenance(cfg, command, ctx, enc, filtered).build());
    }

    private static Provenance.Builder provenance(RunConfig cfg, String command, RunContext ctx, ConfigRun.Encoded enc,
                                                 ConfigRun.Filtered filtered) {
        Provenance.Builder prov = Provenance.builder(command).threads(ctx.threads()).setting("engine", ctx.engine().describe())
                .input("config", cfg.sourceHash()).input("real_train", enc.train().source().hash()).seed("seed", cfg.seed())
                .setting("encoder", enc.train().encoder()).setting("config", cfg.source());
        if (enc.holdout() != null) {
            prov.input("real_holdout", enc.holdout().source().hash());
        }
        enc.recordSkipped(prov);
        Map<String, String> given = filtered.givenHash();
        enc.synthetic().forEach((g, x) -> prov.input("synthetic:" + g, given.getOrDefault(g, x.source().hash())));
        given.forEach((g, h) -> {
            prov.input("synthetic:" + g, h);
            if (enc.synthetic().containsKey(g)) {
                prov.input("synthetic_filtered:" + g, enc.synthetic().get(g).source().hash());
            }
        });
        if (cfg.privacy().metrics().contains("reid_score")) {
            prov.setting("reid_encoder", Encoders.get(cfg.privacy().reidEncoder()).fingerprint());
        }
        org.cxrbench.fidelity.FidelityStages f = new org.cxrbench.fidelity.FidelityStages(cfg, enc.train(), null, ctx);
        f.options(enc.train().features().n()).record(prov);
        new org.cxrbench.privacy.PrivacyStages(cfg, enc.train(), enc.holdout(), null, ctx, null).keySettings()
                .record(prov);
        // "metrics" is every metric the run asked for (the privacy settings above wrote only theirs), each family's too
        List<String> all = new ArrayList<>(cfg.fidelity().metrics());
        prov.setting("fidelity_metrics", String.join(",", cfg.fidelity().metrics()));
        prov.setting("privacy_metrics", String.join(",", cfg.privacy().metrics()));
        all.addAll(cfg.privacy().metrics());
        ConfigUtility.Settings us = ConfigUtility.settings(cfg);
        if (us != null) {
            prov.setting("utility_metrics", String.join(",", us.family().metrics()));
            us.family().metrics().stream().filter(m -> !all.contains(m)).forEach(all::add);
        }
        prov.setting("metrics", String.join(",", all));
        return prov;
    }

    private static List<String> stageList(RunConfig cfg, ConfigRun.Encoded enc) {
        List<String> stageList = new ArrayList<>();
        ConfigFilter.Settings filter = ConfigFilter.settings(cfg);
        if (filter != null) {
            stageList.add("filter: " + filter.judge() + " judge on " + String.join(", ", filter.generators()) + "; removed "
                    + String.join(", ", filter.remove().stream().map(Verdict::key).toList())
                    + (filter.unfiltered() ? "; metrics_unfiltered: the same metrics before filtering" : ""));
        }
        stageList.addAll(List.of("data: " + (cfg.train().isPhantom() ? "phantom world written as PNG + manifest"
                        : "manifests/folders/features"), "encode: " + enc.train().encoder(),
                "fidelity: " + String.join(", ", cfg.fidelity().metrics()) + " vs the real training set",
                "privacy: " + String.join(", ", cfg.privacy().metrics())));
        return stageList;
    }

    static ConfigRun.Outcome write(RunConfig cfg, Evaluation ev, ConfigRun.Encoded enc, ConfigRun.Filtered filtered,
                                   UtilityFamily.Result family, Path out, StageCache stages, RunContext ctx, long t0) {
        Path results = out.resolve("results.json");
        ResultsJson.write(results, ev);
        Map<String, Manifest> images = new LinkedHashMap<>();
        for (RunConfig.Generator gen : cfg.generators()) {
            ConfigData.Source s = filtered.unfiltered().containsKey(gen.name()) ? filtered.unfiltered().get(gen.name())
                    : enc.synthetic().containsKey(gen.name()) ? enc.synthetic().get(gen.name()).source() : null;
            if (s != null && s.manifest() != null) {
                images.put(gen.name(), s.manifest());
            }
        }
        Path report = RunReport.write(ev, images, out, cfg, ctx);
        RunHistory.append(out.resolve("history.jsonl"), RunHistory.line(ev, cfg.sourceHash(), Hashing.ofFile(results), stages));
        ConsoleReport.demoTables(ev, ctx.out());
        FilterConsoleTable.print(ev, ctx.out());
        if (family != null) {
            ctx.out().println();
            ctx.out().println("Utility: one testing family over the run (as in results.json, the report and "
                    + ConfigRun.UTILITY_SCORES + " through ./cxrbench stats)");
            ctx.out().print(family.table().text());
        }
        ctx.out().println();
        ctx.out().println("Report: " + (report == null ? results : report).toAbsolutePath().normalize());
        RunSummary.lines(ev).forEach(ctx.out()::println);
        ctx.out().flush();
        ctx.log().printf("%nrun: %d stages computed, %d reused; wrote %s%s (%s)%n", stages.executed().size(),
                stages.reused().size(), results, report == null ? "" : " and " + report, ConfigRun.seconds(t0));
        return new ConfigRun.Outcome(ev, stages.executed(), stages.reused(), results, report);
    }
}
