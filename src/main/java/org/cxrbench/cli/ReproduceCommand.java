package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.run.ReproduceJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", header = "A published table beside your results, with a verdict per cell.",
        mixinStandardHelpOptions = true,
        description = {"Renders the rows of a published table (baselines/*.yaml: citation, settings, values) beside "
                + "your generators: differences, and a verdict per cell within the table's stated tolerance. Says which "
                + "settings differ; a different encoder makes feature-space cells not comparable. Writes FILE.html and "
                + "FILE.md, FILE.tex beside it."})
public final class ReproduceCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "TABLE.yaml", description = "A published table, e.g. baselines/chexgenbench-fidelity.yaml.")
    Path table;

    @Option(names = "--results", required = true, paramLabel = "RESULTS.json", description = "Your results.json (from run, fidelity or privacy).")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The report (.md and .tex beside it).")
    Path out;

    @Option(names = "--match", split = ",", paramLabel = "GENERATOR=ROW",
            description = "Compare your generator with this published row (default: rows and generators of the same name).")
    List<String> match = List.of();

    @Option(names = "--tolerance", paramLabel = "RULE", description = "Override the table's tolerance: abs:X, rel:X or ci (the published CI).")
    String tolerance;

    @Override
    public Integer call() {
        ReproduceJob.run(new ReproduceJob.Request(table, results, out, match, tolerance), common.log());
        return Main.OK;
    }
}
