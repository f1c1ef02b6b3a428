package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.run.CompareJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", header = "Side-by-side report of results files (HTML, Markdown, LaTeX, CSV).",
        mixinStandardHelpOptions = true,
        description = {"Generators x metrics with CIs, N, direction arrows, the best value per column, the real-vs-real "
                + "noise floor, fidelity beside privacy, and charts. Writes FILE.html (self-contained) and FILE.md, "
                + "FILE.tex, FILE.csv and FILE.csv.provenance.json (each results file's sha256) beside it."})
public final class CompareCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "[NAME=]RESULTS.json", description = "Results files (cxrbench run, "
            + "demo, fidelity, privacy, utility). NAME= names the file's rows: a one-generator file's generator takes "
            + "the name (default: the file's stem), a run's generators become NAME/generator.")
    List<String> results;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The side-by-side report (.md, .tex and .csv beside it).")
    Path out;

    @Override
    public Integer call() {
        CompareJob.run(new CompareJob.Request(results.stream().map(CompareJob.Input::parse).toList(), out,
                CommonOptions.commandLine(spec)), common.log());
        return Main.OK;
    }
}
