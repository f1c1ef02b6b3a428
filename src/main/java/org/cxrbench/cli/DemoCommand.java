package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.run.DemoJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", header = "The whole job (data, filter, encode, fidelity, privacy, noise floor, utility, report) "
        + "on the embedded phantom world.", mixinStandardHelpOptions = true,
        description = {"Runs the embedded configs/demo.yaml on the phantom world (nothing downloaded): real train and "
                + "holdout sets, eight simulated generators, the quality filter, encoding, fidelity and privacy beside "
                + "the real-vs-real noise floor, a utility test; writes report.html and results.json. Results go to "
                + "stdout; stderr gets one line per phase (--verbose: every stage), -q only errors."})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;

    @Option(names = "--out", defaultValue = "reports/demo", paramLabel = "DIR", description = "Output folder (results.json, report.html, the rendered data). Default: ${DEFAULT-VALUE}.")
    Path out;
    @Option(names = "--patients", defaultValue = "150", description = "Patients per real set (2 studies each). Default: ${DEFAULT-VALUE}.")
    int patients;
    @Option(names = "--size", defaultValue = "128", description = "Image size in px (64..512). Default: ${DEFAULT-VALUE}.")
    int size;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the phantom world and every random choice. Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--encoder", paramLabel = "E", description = "Encoder of every set (as encode --encoder). Default: the built-in encoder.") String encoder;
    @Option(names = {"-v", "--verbose"}, description = "Every stage's line on stderr (features from the cache, "
            + "stage files, progress), not only one summary line per phase (data, filter, measure, utility, report).")
    boolean verbose;
    @Option(names = "--validate", description = "Instead: validate the metrics and the filter on the phantom world's real images (OUT/validate/).")
    boolean validate;

    @Override
    public Integer call() {
        if (size < 64 || size > 512) {
            throw new org.cxrbench.common.BadInputException("--size " + size + ": give 64..512");
        }
        if (patients < 10) {
            throw new org.cxrbench.common.BadInputException("--patients " + patients + ": give at least 10");
        }
        if (validate) {
            java.nio.file.Path real = DemoJob.writeValidateReal(out.resolve("validate").resolve("real"), Math.min(patients, 60), size, seed);
            java.nio.file.Path dir = org.cxrbench.validate.ValidateJob.run(new org.cxrbench.validate.ValidateJob.Request(real,
                    java.util.List.of(encoder == null ? "cxr-cnn" : encoder, "radiomics"), null, "builtin", "all", seed, 30, 0.02,
                    out.resolve("validate"), caching.featureCache(), CommonOptions.commandLine(spec), common.threads()), common.log());
            System.out.println(dir.resolve("report.html"));
            return Main.OK;
        }
        DemoJob.run(new DemoJob.Request(out, patients, size, seed, encoder, CommonOptions.commandLine(spec),
                common.threads(), caching.featureCache()), common.log(), System.out, verbose);
        return Main.OK;
    }
}
