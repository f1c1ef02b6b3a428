package org.cxrbench.cli;

import picocli.CommandLine.Option;

/** Options every command shares (the feature cache options are in {@link CacheOptions}, for the commands that encode). */
public final class CommonOptions {
    /**
     * The one rule for {@code --json FILE} (fidelity, privacy, utility, stats, score-masks): optional; the results
     * table always goes to stdout, and the JSON file is written only when given.
     */
    public static final String JSON_HELP = "Results JSON to write (optional: the results table goes to stdout either way).";

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "Quiet: nothing on stderr but errors (no logs, warnings or progress); results still go "
            + "to stdout.")
    boolean quiet;

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]",
            description = "Where models run (encoders, ONNX judges, the utility CNN/U-Net): the CPU (default) or CUDA "
                    + "GPU N (ONNX Runtime's CUDA provider: a 'mvn -Pgpu' build; PyTorch: a CUDA libtorch in "
                    + "PYTORCH_LIBRARY_PATH). Without a GPU, cuda is an error before any work.")
    String device;

    /** The --device given (null: none, the config's or the CPU). */
    public String deviceOption() {
        return device;
    }

    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new org.cxrbench.common.BadInputException("--threads " + n + ": give at least 1");
        }
        return n;
    }

    private java.io.PrintStream log;
    private org.cxrbench.pipeline.RunContext run;

    /** The log stream: stderr, or nothing with -q (the same stream for the whole command). */
    public java.io.PrintStream log() {
        if (log == null) {
            log = quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
        }
        return log;
    }

    /**
     * The command's run: {@link #threads()} workers, progress to {@link #log()}, models on {@code --device}
     * (checked here, before any work); made once per command, ended by Main when the command ends.
     */
    public org.cxrbench.pipeline.RunContext run() {
        if (run == null) {
            org.cxrbench.encode.ComputeDevice dev = org.cxrbench.encode.ComputeDevice.parse("--device", device);
            dev.requireAvailable("--device");
            run = org.cxrbench.pipeline.RunContext.open(threads(), log(), quiet, System.out).withDevice(dev);
        }
        return run;
    }

    /**
     * What the run is given: cache (from {@link CacheOptions}, null for commands that do not encode), the
     * command's workers and device, log (stderr) and results (stdout) streams.
     */
    public org.cxrbench.pipeline.RunContext context(org.cxrbench.encode.FeatureCache cache) {
        return run().withCache(cache);
    }

    /**
     * Runs a command's body on its workers (Main does this for every command that has these options), so that
     * every kernel and parallel loop of the command uses {@code --threads} threads, and ends the run afterwards:
     * the models it loaded (encoder sessions) are closed. {@code settings} gives the run the command line's
     * settings (--skip-bad, --rehash) first.
     */
    static Object runOnWorkers(picocli.CommandLine.ParseResult parsed,
                               java.util.function.Consumer<org.cxrbench.pipeline.RunContext> settings,
                               java.util.concurrent.Callable<Object> body) throws Exception {
        picocli.CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        for (picocli.CommandLine.Model.CommandSpec mixin : leaf.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof CommonOptions common) {
                try (org.cxrbench.pipeline.RunContext r = common.run()) {
                    settings.accept(r);
                    return r.call(body);
                }
            }
        }
        return body.call();
    }

    /** A data-set path restricted to one split of its manifest (FILE.csv#split), or the path as given. */
    static java.nio.file.Path withSplit(java.nio.file.Path p, String split) {
        if (p == null || split == null) {
            return p;
        }
        if (split.isBlank() || split.contains("#")) {
            throw new org.cxrbench.common.BadInputException("split name '" + split + "': give a split of the manifest, e.g. train or holdout");
        }
        return p.resolveSibling(p.getFileName() + "#" + split);
    }

    /** The command line as typed, for provenance. */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        StringBuilder b = new StringBuilder("cxrbench");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(a);
        }
        return b.toString();
    }
}
