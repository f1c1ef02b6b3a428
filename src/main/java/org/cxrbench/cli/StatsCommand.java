package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.utility.StatsJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stats", header = "One-tailed t-tests of each condition against a baseline, from a scores CSV.",
        mixinStandardHelpOptions = true,
        description = {"Reads a scores CSV (columns condition,seed,metric,value; more may follow; an optional dataset"
                + " column) from any training code, tests every condition against the baseline on every metric"
                + " (paired by seed, or Welch), adjusts the p-values over the family of comparisons (--metrics)"
                + " (Bonferroni or Holm) and reports the two-sided 95%% CI of each mean difference.",
                "The table goes to stdout; the JSON has comparisons, family_size and correction."})
public final class StatsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--scores", required = true, paramLabel = "FILE.csv", description = "Scores: condition,seed,metric,value.")
    Path scores;

    @Option(names = "--baseline", required = true, paramLabel = "NAME", description = "The condition every other one is tested against (for example real).")
    String baseline;

    @Option(names = {"--test-kind", "--test"}, defaultValue = "paired", paramLabel = "paired|welch",
            description = "paired: by seed (the seeds must match); welch: unequal-variance unpaired (--test-kind as in "
                    + "utility, where --test is the test set; --test kept). Default: ${DEFAULT-VALUE}.")
    String test;

    @Option(names = "--correction", defaultValue = "bonferroni", paramLabel = "bonferroni|holm",
            description = "Family-wise correction over every condition x metric (x data set). Default: ${DEFAULT-VALUE}.")
    String correction;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Family-wise error rate. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--alternative", defaultValue = "greater", paramLabel = "greater|less|two-sided",
            description = "greater: the condition beats the baseline (one-tailed). Default: ${DEFAULT-VALUE}.")
    String alternative;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "The testing family's metrics (or all). Default: the headline utility metrics"
                    + " (f1_macro, f1_micro, auroc_macro) the scores hold, as a config run's family; every metric when"
                    + " they hold none of them.")
    java.util.List<String> metrics;

    @Option(names = "--json", paramLabel = "FILE", description = CommonOptions.JSON_HELP)
    Path json;

    @Override
    public Integer call() {
        // no feature cache: stats reads a scores table, never images
        StatsJob.run(new StatsJob.Request(scores, baseline, test, correction, alpha, alternative, json,
                CommonOptions.commandLine(spec), metrics), new RunContext(null, common.threads(), common.log(), System.out));
        return Main.OK;
    }
}
