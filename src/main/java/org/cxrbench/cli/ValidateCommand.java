package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.validate.ValidateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", header = "Controlled flaws on your real images: shows whether each metric, encoder and the filter sees each flaw.",
        mixinStandardHelpOptions = true,
        description = {"Splits the real images into patient-disjoint halves, makes each flaw (blur, noise, poisson, contrast, gamma,",
                "jpeg, resample, shift, text, memorize, mode-collapse, label-shuffle, off-topic) from the holdout at strengths",
                "1-4 in memory (0 = the holdout itself: the equal-N real-vs-real floor), measures each against the",
                "reference half with every metric and encoder, and judges every image with the quality filter.",
                "Writes DIR/validate.json, DIR/validate.csv and DIR/report.html."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;

    @Option(names = "--real", required = true, paramLabel = "M.csv[#split]", description = "Real images: a manifest (optionally one split) or an image folder.")
    Path real;
    @Option(names = "--encoder", defaultValue = "cxr-cnn", paramLabel = "E[,E2...]",
            description = "Encoders, comma-separated. Default: ${DEFAULT-VALUE}.") String encoders;
    @Option(names = "--metrics", paramLabel = "LIST",
            description = "Metrics, a comma list (default: fid, kid, precision, recall, density, coverage, dcr_median and memorized_fraction; also cmmd, dcr_p5).")
    String metrics;
    @Option(names = "--judge", defaultValue = "builtin", paramLabel = "J", description = "builtin or none. Default: ${DEFAULT-VALUE}.")
    String judge;
    @Option(names = "--flaws", defaultValue = "all", paramLabel = "LIST", description = "Flaws to make (default: all).") String flaws;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the halves and the flaws. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--resamples", defaultValue = "100", paramLabel = "R", description = "Half-samples per set for the intervals. Default: ${DEFAULT-VALUE}.")
    int resamples;
    @Option(names = "--false-rejection", defaultValue = "0.02", paramLabel = "RATE",
            description = "builtin judge: share of real images its thresholds may reject. Default: ${DEFAULT-VALUE}.") double falseRejection;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.") Path out;

    @Override
    public Integer call() {
        List<String> enc = Arrays.stream(encoders.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Path dir = ValidateJob.run(new ValidateJob.Request(real, enc, metrics, judge, flaws, seed, resamples, falseRejection,
                out, caching.featureCache(), CommonOptions.commandLine(spec), common.threads()), common.log());
        System.out.println(dir.resolve("report.html"));
        return Main.OK;
    }
}
