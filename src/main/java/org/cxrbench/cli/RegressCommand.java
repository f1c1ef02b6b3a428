package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.cxrbench.run.RegressJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "regress", header = "Nightly verdict: exit 3 when a metric regressed against the accepted baseline.",
        mixinStandardHelpOptions = true,
        description = {"Compares the registry's headline metrics of the baseline with the results (per-label cells "
                + "only when --metrics names their metric), in the metric's worse direction. Default tolerance: from "
                + "the metric's uncertainty (counts: Poisson; a recorded CI's width or sd; shares: binomial; distances: "
                + "the real-vs-real floor; else 5%%), at a false-alarm rate of 0.1%% per night over the lines judged. "
                + "Prints the table; exit 0 pass, 3 regression (a metric worse than its tolerance, or missing, with "
                + "the reason). Appends one line per run to the verdict history (default: regress-history.jsonl "
                + "beside the baseline). --accept promotes the results to the new baseline (atomically; the old one "
                + "is kept in history/ beside it; with no baseline yet, it creates the first) and exits 0."})
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
            description = "Tolerance of metrics not named in --tolerance (default: from each metric's uncertainty; see above).")
    String defaultTolerance;

    @Option(names = "--metrics", split = ",", paramLabel = "LIST", description = "Judge these metric keys (default: the registry's headline metrics).")
    List<String> metrics = List.of();

    @Option(names = "--history", paramLabel = "FILE.jsonl", description = "Run history (default: regress-history.jsonl beside the baseline).")
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
