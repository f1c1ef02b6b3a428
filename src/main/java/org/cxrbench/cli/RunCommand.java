package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.run.ConfigRun;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", header = "The full pipeline from a config (YAML): cached, resumable stages.", mixinStandardHelpOptions = true,
        description = {"Run the stages data -> encode -> fidelity / privacy -> report of a config (see configs/*.yaml and",
                "schema/config.schema.json). Each stage is cached under DIR/.stages by the content hash of its inputs and",
                "settings: a second run with one more generator computes only that generator; a killed run resumes.",
                "Writes DIR/results.json, DIR/report.html and appends a line to DIR/history.jsonl."})
public final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;
    @Mixin EngineOptions engine;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The run config; relative paths in it are read from its folder.")
    Path config;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/<config name>).")
    Path out;
    @Option(names = {"-v", "--verbose"}, description = "Every stage's line on stderr (computed or reused, with its time); "
            + "without it, one line per phase of the stage graph, warnings and errors.")
    boolean verbose;

    @Override
    public Integer call() {
        RunConfig cfg = ConfigReader.read(config);
        Path dir = out != null ? out : Path.of("reports", config.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        int threads = common.threads != null ? common.threads() : cfg.threads() != null ? cfg.threads() : common.threads();
        org.cxrbench.run.StageSummaryLog summary = verbose ? null : org.cxrbench.run.StageSummaryLog.over(common.log());
        RunContext ctx = new RunContext(caching.featureCache(), threads, summary == null ? common.log() : summary,
                System.out);
        // --device wins over the config's device: (both checked before any work)
        org.cxrbench.encode.ComputeDevice dev = common.run().device();
        if (common.deviceOption() == null && cfg.device() != null) {
            dev = org.cxrbench.encode.ComputeDevice.parse(config + ": device:", cfg.device());
            dev.requireAvailable(config + ": device:");
        }
        // the command line's settings (--skip-bad, --rehash) hold on the config's workers too; skip_bad: adds to them
        ctx.withSettingsOf(common.run()).withDevice(dev);
        if (cfg.skipBad()) {
            ctx.withSkipBad(true);
        }
        // --engine on the command line wins over the config's engine: key
        if (!spec.commandLine().getParseResult().hasMatchedOption("--engine")) {
            engine.engine = cfg.engine();
        }
        // the config's threads: may differ from the command line's default, so the run moves to its own workers
        try {
            return engine.run(common.log(), e -> ctx.get(() -> {
                ConfigRun.run(cfg, dir, CommonOptions.commandLine(spec), ctx.withEngine(e));
                return Main.OK;
            }));
        } finally {
            if (summary != null) {
                summary.finish();
            }
            if (!ctx.isCurrent()) {
                ctx.close(); // the config's own thread count: its own workers (Main closes the command's)
            }
        }
    }
}
