package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.FidelityJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fidelity", header = "FID, KID, precision/recall/density/coverage, per-label FID, FID-inf, CMMD, FRD.", mixinStandardHelpOptions = true,
        description = {"FID, KID, precision, recall, density, coverage (and per-label FID/KID, FID-infinity, CMMD, FRD)",
                "of a synthetic set against a real one. Inputs: feature files (.npy/.csv, used as-is), image folders",
                "or manifest CSVs (encoded with --encoder); --real may also be saved statistics (.npz with mu, sigma)."})
public final class FidelityCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;
    @Mixin EncoderOptions encoding;
    @Mixin EngineOptions engine;

    @Option(names = "--real", required = true, paramLabel = "R", description = "Real images: a feature file (.npy/.csv), an image folder or a manifest (M.csv#split).") Path real;
    @Option(names = "--synthetic", required = true, paramLabel = "S", description = "Synthetic images, in the same forms as --real.") Path synthetic;
    @Option(names = "--real-split", paramLabel = "NAME", description = "Use only this split of the --real manifest (also: --real M.csv#NAME).") String realSplit;
    @Option(names = "--synthetic-split", paramLabel = "NAME", description = "Use only this split of the --synthetic manifest.") String syntheticSplit;
    @Option(names = "--holdout-split", paramLabel = "NAME", description = "Use only this split of the --holdout manifest.") String holdoutSplit;
    @Option(names = "--metrics", paramLabel = "LIST", completionCandidates = MetricKeys.Fidelity.class,
            description = "Comma list of: ${COMPLETION-CANDIDATES}. Default: all but fid_inf, cmmd and frd (opt-in) that the inputs allow.") String metrics;
    @Option(names = "--k", defaultValue = "5", description = "k of the k-NN balls (PRDC). Default: ${DEFAULT-VALUE}.") int k;
    @Option(names = "--kid-subsets", defaultValue = "100", paramLabel = "N", description = "KID: random subsets averaged (KID is the mean of the subsets' unbiased MMD²). Default: ${DEFAULT-VALUE}.") int kidSubsets;
    @Option(names = "--kid-subset-size", defaultValue = "1000", paramLabel = "N", description = "KID: rows per subset, capped at the smaller set's size. Default: ${DEFAULT-VALUE}.") int kidSubsetSize;
    @Option(names = "--kid-subset-rule", defaultValue = "lcg", paramLabel = "RULE",
            description = "lcg (portable, default) or torch-fidelity (numpy RandomState(2020 + seed), synthetic first).") String kidRule;
    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N",
            description = "95%% CIs (N > 0) of FID, KID and FID-inf by a delete-a-group jackknife with min(N, 20) groups per set (FID and KID: a multiple of 4, less the second-order excess from balanced half-samples), of precision, recall, density and coverage by a two-part delete-d jackknife (100 subsets) (0: none; see metrics/fid.md, prdc.md). Default: ${DEFAULT-VALUE}.") int bootstrap;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of every random choice (KID subsets, jackknife groups, the KID permutation test and its subsets). Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--fid-route", defaultValue = "symmetric", paramLabel = "ROUTE",
            description = "symmetric (default), eigvals (torch-fidelity/torchmetrics) or pytorch-fid (clean-fid).") String fidRoute;
    @Option(names = "--prdc-inclusive", description = "Count points on a ball's boundary as inside (<=, Kynkäänniemi/torch-fidelity); default strict < (prdc).")
    boolean inclusive;
    @Option(names = "--real-labels", paramLabel = "M.csv", description = "Labels of feature-file rows (manifest, same order).") Path realLabels;
    @Option(names = "--synthetic-labels", paramLabel = "M.csv", description = "Requested labels of feature-file rows.") Path syntheticLabels;
    @Option(names = "--min-label-count", defaultValue = "50", description = "Per-label results below this count are flagged unreliable. Default: ${DEFAULT-VALUE}.")
    int minLabelCount;
    @Option(names = "--holdout", paramLabel = "H", description = "Real images not in --real: the noise floor is computed against them.") Path holdout;
    @Option(names = "--compare-with", paramLabel = "S2", description = "A second generator: permutation test of the KID difference.") Path compareWith;
    @Option(names = "--permutations", defaultValue = "500", paramLabel = "N", description = "--compare-with: permutations of the KID-difference test. Default: ${DEFAULT-VALUE}.") int permutations;
    @Option(names = "--json", paramLabel = "FILE", description = CommonOptions.JSON_HELP) Path json;
    @Option(names = "--save-real-stats", paramLabel = "FILE.npz", description = "Also save the real set's mu and sigma (pytorch-fid's .npz layout) for later --real FILE.npz runs.")
    Path saveRealStats;

    @Override
    public Integer call() {
        encoding.refuseWithFeatureFiles(real, synthetic, holdout, compareWith);
        return engine.run(common.log(), this::runJob);
    }

    private Integer runJob(org.cxrbench.pipeline.Engine e) {
        FidelityMetrics.Options o = new FidelityMetrics.Options(
                metrics == null ? new java.util.LinkedHashSet<>(FidelityMetrics.DEFAULT) : FidelityMetrics.Options.parseList(metrics),
                k, kidSubsets, kidSubsetSize, bootstrap, seed, Fid.Route.parse(fidRoute), inclusive, kidRule, minLabelCount);
        if (!kidRule.equals("lcg") && !kidRule.equals("torch-fidelity")) {
            throw new org.cxrbench.common.BadInputException("--kid-subset-rule " + kidRule + ": use lcg or torch-fidelity");
        }
        if (permutations < 1) {
            throw new org.cxrbench.common.BadInputException("--permutations " + permutations + ": give at least 1");
        }
        org.cxrbench.pipeline.RunContext ctx = common.context(caching.featureCache()).withEngine(e);
        org.cxrbench.common.Evaluation ev = org.cxrbench.pipeline.StageCache.throwAway(ctx).run(new FidelityJob.AsStage(new FidelityJob.Request(CommonOptions.withSplit(real, realSplit), CommonOptions.withSplit(synthetic, syntheticSplit), encoding.spec(),
                metrics == null ? null : FidelityMetrics.Options.parseList(metrics), o, realLabels, syntheticLabels,
                CommonOptions.withSplit(holdout, holdoutSplit), compareWith, permutations, json, saveRealStats, CommonOptions.commandLine(spec))));
        org.cxrbench.report.ConsoleReport.print(ev, ctx.out());
        return Main.OK;
    }
}
