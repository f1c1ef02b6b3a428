package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.encode.EncoderTrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "encoder", mixinStandardHelpOptions = true, description = "Built-in encoders.",
        subcommands = {EncoderCommand.Train.class})
public final class EncoderCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand (train)");
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            header = "Train the built-in cxr-cnn encoder (NIH ChestX-ray14 and phantom images).",
            description = {"Train the built-in cxr-cnn encoder on NIH ChestX-ray14 folders and phantom images; writes",
                    "cxr-cnn.params and cxr-cnn.card.json (held-out AUROC per label) to --out."})
    public static final class Train implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--nih", paramLabel = "DIR", description = "NIH folder with Data_Entry*.csv (repeatable).") List<Path> nih = new ArrayList<>();
        @Option(names = "--phantom-patients", defaultValue = "1000", description = "Phantom patients (2 studies each). Default: ${DEFAULT-VALUE}.") int phantom;
        @Option(names = "--epochs", defaultValue = "12", description = "Training epochs. Default: ${DEFAULT-VALUE}.") int epochs;
        @Option(names = "--batch", defaultValue = "64", description = "Images per training batch. Default: ${DEFAULT-VALUE}.") int batch;
        @Option(names = "--lr", defaultValue = "0.002", description = "Learning rate. Default: ${DEFAULT-VALUE}.") double lr;
        @Option(names = "--seed", defaultValue = "0", description = "Seed of the initialisation and the batches. Default: ${DEFAULT-VALUE}.") long seed;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the trained encoder.") Path out;

        @Override
        public Integer call() {
            EncoderTrainJob.run(new EncoderTrainJob.Request(nih, phantom, epochs, batch, lr, seed, out,
                    CommonOptions.commandLine(spec)), common.log());
            return Main.OK;
        }
    }
}
