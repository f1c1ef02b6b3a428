package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.pipeline.FidelityJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = {"FID, KID, precision, recall, density and coverage of a synthetic set against a real one.",
                "Inputs: feature files (.npy/.csv, used as-is), image folders or manifest CSVs (encoded with --encoder)."})
public final class FidelityCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--real", required = true, paramLabel = "R") Path real;
    @Option(names = "--synthetic", required = true, paramLabel = "S") Path synthetic;
    @Option(names = "--encoder", paramLabel = "E", description = "For image inputs (default: the built-in encoder).") String encoder;
    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = "fid,kid,precision,recall,density,coverage",
            description = "Comma list. Default: ${DEFAULT-VALUE}.") String metrics;
    @Option(names = "--k", defaultValue = "5", description = "k of the k-NN balls (PRDC). Default: ${DEFAULT-VALUE}.") int k;
    @Option(names = "--kid-subsets", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.") int kidSubsets;
    @Option(names = "--kid-subset-size", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.") int kidSubsetSize;
    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N",
            description = "Resamples for 95% CIs of FID and KID (0: none). Default: ${DEFAULT-VALUE}.") int bootstrap;
    @Option(names = "--seed", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--fid-route", defaultValue = "symmetric", paramLabel = "ROUTE",
            description = "symmetric (default), eigvals (torch-fidelity/torchmetrics) or pytorch-fid (clean-fid).") String fidRoute;
    @Option(names = "--prdc-inclusive", description = "Count points on a ball's boundary as inside (<=, Kynkäänniemi/torch-fidelity); default strict < (prdc).")
    boolean inclusive;
    @Option(names = "--json", paramLabel = "FILE", description = "Results JSON to write.") Path json;

    @Override
    public Integer call() {
        FidelityMetrics.Options o = new FidelityMetrics.Options(FidelityMetrics.Options.parseList(metrics), k, kidSubsets,
                kidSubsetSize, bootstrap, seed, Fid.Route.parse(fidRoute), inclusive);
        FidelityJob.run(new FidelityJob.Request(real, synthetic, encoder, o, json, CommonOptions.commandLine(spec),
                common.threads()), common.log());
        return Main.OK;
    }
}
