package org.cxrbench.cli;

import java.util.concurrent.Callable;
import org.cxrbench.run.BenchJob;
import org.cxrbench.run.ReleaseBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", header = "Speed of each stage (FID, KID, PRDC, privacy k-NN, encoders, phantom).", mixinStandardHelpOptions = true,
        description = {"Speed of each stage (FID, KID, phantom rendering).",
                "--release: the full-release shapes (75,649 synthetic x 230,000 train + 5,159 holdout x d=2048) on seeded synthetic "
                        + "features scaled by --scale, each stage projected to full size from its measured rate, beside its FLOP-limit "
                        + "time (GEMM FLOPs / this machine's measured sgemm or dgemm rate) and its peak heap."})
public final class BenchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--n", defaultValue = "10000", description = "Rows per set. Default: ${DEFAULT-VALUE}.") int n;
    @Option(names = "--d", defaultValue = "2048", description = "Feature dimension. Default: ${DEFAULT-VALUE}.") int d;
    @Option(names = "--kid-subsets", defaultValue = "100", description = "KID subsets timed. Default: ${DEFAULT-VALUE}.") int kidSubsets;
    @Option(names = "--kid-subset-size", defaultValue = "1000", description = "Rows per KID subset. Default: ${DEFAULT-VALUE}.") int kidSubsetSize;
    @Option(names = "--privacy", description = "Also time the privacy nearest-neighbour search (N synthetic x --privacy-train).") boolean privacy;
    @Option(names = "--privacy-train", defaultValue = "20000", description = "Training rows of the timed privacy search. Default: ${DEFAULT-VALUE}.") int privacyTrain;
    @Option(names = "--encoders", description = "Also time the built-in encoders at 128 and 256 px.") boolean encoders;
    @Option(names = "--release", description = "Time every fidelity and privacy stage at the full-release shapes (scaled by --scale) instead; --n is ignored.") boolean release;
    @Option(names = "--scale", defaultValue = "0.05", description = "With --release: the fraction of each set's rows timed (1: full size). Default: ${DEFAULT-VALUE}.") double scale;

    @Override
    public Integer call() {
        if (release) {
            ReleaseBench.run(new ReleaseBench.Request(scale, d, kidSubsets, kidSubsetSize, common.threads()), System.out);
        } else {
            BenchJob.run(new BenchJob.Request(n, d, kidSubsets, kidSubsetSize, common.threads(), privacy, privacyTrain, encoders), System.out);
        }
        return Main.OK;
    }
}
