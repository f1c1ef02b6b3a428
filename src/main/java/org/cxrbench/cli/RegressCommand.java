package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.pipeline.RegressJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "regress", header = "Nightly verdict: exit 3 when a metric regressed against the accepted baseline.",
        mixinStandardHelpOptions = true,
        description = {"Compares every scalar metric of the baseline with the results, in the metric's worse "
                + "direction (from each entry's \"direction\"). Default tolerance: outside the baseline's 95%% CI "
                + "when the baseline entry has one, else 5%% of the baseline value. Prints the table; exit 0 pass, "
                + "3 regression (a metric worse than its tolerance, or missing). Appends one line per run to the "
                + "history (default: history.jsonl beside the baseline). --accept promotes the results to the new "
                + "baseline (atomically; the old one is kept in history/ beside it) and exits 0."})
public final class RegressCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--baseline", required = true, paramLabel = "FILE.json", description = "The accepted results to compare against.")
    Path baseline;

    @Option(names = "--results", required = true, paramLabel = "FILE.json", description = "Tonight's results.json.")
    Path results;

    @Option(names = "--accept", description = "Promote the results to the new baseline after judging them.")
    boolean accept;

    @Option(names = "--tolerance", split = ",", paramLabel = "METRIC=RULE",
            description = "Per-metric tolerance: abs:X (absolute), rel:X (share of the baseline value) or ci "
                    + "(outside the baseline's 95%% CI), e.g. fid=abs:0.5,precision=rel:0.02.")
    List<String> tolerances = List.of();

    @Option(names = "--default-tolerance", paramLabel = "RULE",
            description = "Tolerance of metrics not named in --tolerance (default: ci when the baseline has a CI, else rel:0.05).")
    String defaultTolerance;

    @Option(names = "--metrics", split = ",", paramLabel = "LIST", description = "Judge only these metric keys.")
    List<String> metrics = List.of();

    @Option(names = "--history", paramLabel = "FILE.jsonl", description = "Run history (default: history.jsonl beside the baseline).")
    Path history;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write the verdict and the trend charts as HTML.")
    Path report;

    @Override
    public Integer call() {
        var o = RegressJob.run(new RegressJob.Request(baseline, results, accept, tolerances, defaultTolerance,
                new LinkedHashSet<>(metrics), history, report), System.out, common.log());
        return o.regressed() && !accept ? Main.REGRESSION : Main.OK;
    }
}
