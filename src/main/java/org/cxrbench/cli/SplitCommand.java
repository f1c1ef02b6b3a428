package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.SplitJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "split", header = "Seeded patient-level splits, or a check that patients stay apart.", mixinStandardHelpOptions = true,
        description = {"Assign a seeded patient-level split to a manifest: no patient is ever in two splits.",
                "With --check, only verify that the manifest's existing split column keeps patients apart."})
public final class SplitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "MANIFEST.csv", description = "The manifest to split by patient.")
    Path input;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Manifest to write with the split column filled in.")
    Path out;

    @Option(names = "--fractions", defaultValue = "train=0.8,holdout=0.2", paramLabel = "NAME=F,...",
            description = "Split names and image shares. Default: ${DEFAULT-VALUE}.")
    String fractions;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the patients' assignment to splits. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--check", description = "Only check the existing split column (exit 2 if a patient is in two splits).")
    boolean check;

    @Override
    public Integer call() {
        if (!check && out == null) {
            throw new BadInputException("split: give --out FILE.csv (or --check to only verify)");
        }
        SplitJob.run(new SplitJob.Request(input, out, parse(fractions), seed, check, CommonOptions.commandLine(spec),
                common.threads()), common.log());
        return Main.OK;
    }

    static Map<String, Double> parse(String s) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--fractions: '" + part + "' is not NAME=FRACTION");
            }
            try {
                m.put(part.substring(0, eq).trim(), Double.parseDouble(part.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new BadInputException("--fractions: '" + part + "' has no number after '='");
            }
        }
        return m;
    }
}
