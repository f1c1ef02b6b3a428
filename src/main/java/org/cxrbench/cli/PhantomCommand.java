package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.run.GalleryJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "phantom", mixinStandardHelpOptions = true, description = "The embedded phantom CXR world.",
        subcommands = {PhantomCommand.Gallery.class})
public final class PhantomCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand (gallery)");
    }

    @Command(name = "gallery", mixinStandardHelpOptions = true,
            description = "Contact sheets of every finding (with mask outlines), every simulated generator and patients.")
    public static final class Gallery implements Callable<Integer> {
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the gallery.") Path out;
        @Option(names = "--size", defaultValue = "128", description = "Tile size in px (64..512). Default: ${DEFAULT-VALUE}.") int size;
        @Option(names = "--seed", defaultValue = "0", description = "Seed of the phantom world. Default: ${DEFAULT-VALUE}.") long seed;

        @Override
        public Integer call() {
            if (size < 64 || size > 512) {
                throw new org.cxrbench.common.BadInputException("--size " + size + ": give 64..512");
            }
            GalleryJob.run(out, size, seed, CommonOptions.commandLine(spec), common.log());
            return Main.OK;
        }
    }
}
