package org.cxrbench.utility;

import org.cxrbench.common.UtilityResult;
import org.cxrbench.common.StatsResult;

import org.cxrbench.pipeline.Inputs;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.SeedMetric;
import org.cxrbench.stats.ClassificationScores;
import org.cxrbench.stats.ComparisonTable;
import org.cxrbench.stats.Comparisons;
import org.cxrbench.stats.Score;

/**
 * The utility results JSON (layout in the utility schema note) and the scores CSV
 * ({@code condition,seed,metric,value}), both written atomically.
 */
final class UtilityResults {
    private UtilityResults() {}

    /** @param seg the U-Net's settings for --task segment, null for the classifiers */
    static UtilityResult write(UtilityJob.Request req, ProbeExperiment.Outcome out, List<Condition> conditions,
                               UtilityJob.Sets sets, UtilitySegment seg, PrintStream stdout, PrintStream log) {
        Map<String, UtilityResult.ConditionResult> perCondition = conditions(out, conditions, sets);
        List<String> chooseBy = seg == null ? List.of("auroc_macro")
                : out.scoredLabels().stream().map(l -> "dice_" + ClassificationScores.key(l)).toList();
        String best = best(out, conditions, chooseBy);
        Map<String, SeedMetric> top = new LinkedHashMap<>();
        if (best != null) {
            perCondition.get(best).metrics().forEach((k, m) -> top.put(k, m.withCondition(best)));
        }
        UtilityResult.BestCondition bestCondition = best == null ? null : new UtilityResult.BestCondition(best,
                (seg == null ? "highest mean auroc_macro" : "highest mean Dice (over structures)")
                        + " over seeds among the conditions that use synthetic data");
        List<String> warnings = new ArrayList<>(out.warnings());
        StatsResult stats = comparisons(req, out, conditions, seg == null ? UtilityJob.HEADLINE : chooseBy, stdout, warnings);
        Provenance prov = provenance(req, out, sets, seg);
        Comparisons.Options opts = req.comparisonOptions();
        UtilityResult root = new UtilityResult(org.cxrbench.common.Evaluation.SCHEMA_VERSION, top, bestCondition,
                perCondition, stats == null ? List.of() : stats.comparisons(), stats == null ? 0 : stats.familySize(),
                opts.correction().key(), stats == null ? null : stats.alpha(), stats == null ? null : stats.test(),
                stats == null ? null : stats.alternative(), stats == null ? null : stats.baseline(),
                stats == null ? null : stats.ci95Note(), warnings,
                seg == null ? new UtilityResult.ScoredLabels(out.scoredLabels(), out.excludedLabels()) : null,
                seg == null ? null : out.scoredLabels(), settings(req, seg, sets.patientsChecked()), prov, null, null);
        for (String w : warnings) {
            log.println("warning: " + w);
        }
        if (req.json() != null) {
            Json.write(req.json(), root);
            log.println("wrote " + req.json());
        }
        if (req.scores() != null) {
            writeScores(req.scores(), out.scores());
            Json.writeSidecar(req.scores(), prov);
            log.println("wrote " + req.scores());
        }
        return root;
    }

    /** conditions.C: kind, synthetic set, amount, per-metric mean/sd/per-seed (and the first seed's bootstrap CI). */
    private static Map<String, UtilityResult.ConditionResult> conditions(ProbeExperiment.Outcome out,
                                                                       List<Condition> conditions, UtilityJob.Sets sets) {
        List<Inputs.Loaded> synthetic = sets.synthetic();
        Map<String, UtilityResult.ConditionResult> perCondition = new LinkedHashMap<>();
        for (Condition c : conditions) {
            Map<String, SeedMetric> metrics = new LinkedHashMap<>();
            Map<String, List<Double>> bySeed = new LinkedHashMap<>();
            for (Score s : out.scores()) {
                if (s.condition().equals(c.name())) {
                    bySeed.computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s.value());
                }
            }
            Map<String, ProbeExperiment.BootstrapCi> boot = out.bootstrap().get(c.name());
            for (Map.Entry<String, List<Double>> e : bySeed.entrySet()) {
                SeedMetric m = entry(e.getKey(), e.getValue());
                ProbeExperiment.BootstrapCi b = boot == null ? null : boot.get(e.getKey());
                metrics.put(e.getKey(), b == null ? m : m.withSeed0Bootstrap(b.ci95(), b.value(), b.resamplingUnit()));
            }
            String set = c.synthetic() >= 0 ? sets.names().get(synthetic.size() > 1 ? c.synthetic() : 0) : null;
            perCondition.put(c.name(), new UtilityResult.ConditionResult(c.kind().name().toLowerCase(Locale.ROOT), set,
                    c.kind() == Condition.Kind.MIXED ? c.amount() : null,
                    c.kind() == Condition.Kind.AUGMENTED ? c.amount() : null, metrics, out.training().get(c.name())));
        }
        return perCondition;
    }

    /**
     * best_condition: the synthetic-data condition with the highest mean macro AUROC (threshold-free); segmentation:
     * the highest mean Dice over seeds and structures. Null when every condition is real.
     */
    private static String best(ProbeExperiment.Outcome out, List<Condition> conditions, List<String> chooseBy) {
        String best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Condition c : conditions) {
            if (c.kind() == Condition.Kind.REAL) {
                continue;
            }
            double v = 0;
            for (String k : chooseBy) {
                v += mean(values(out.scores(), c.name(), k)) / chooseBy.size();
            }
            if (v > bestValue) {
                bestValue = v;
                best = c.name();
            }
        }
        return best;
    }

    /**
     * The generator's own comparisons (its own family) and the table on stdout, or null with one seed or only the
     * real condition; adds the warnings.
     */
    private static StatsResult comparisons(UtilityJob.Request req, ProbeExperiment.Outcome out, List<Condition> conditions,
                                           List<String> defaultMetrics, PrintStream stdout, List<String> warnings) {
        Comparisons.Options opts = req.comparisonOptions();
        if (req.seeds() < 2 || conditions.size() < 2) {
            warnings.add(req.seeds() < 2 ? "one seed: no t-test against real (give --seeds 5 or more)"
                    : "only the real condition: nothing to compare");
            return null;
        }
        List<String> want = req.compareMetrics() != null ? req.compareMetrics() : defaultMetrics;
        List<Score> family = out.scores().stream()
                .filter(s -> want.contains("all") || want.contains(s.metric())).toList();
        ComparisonTable table = Comparisons.compare(family, opts);
        stdout.print(table.text());
        stdout.flush();
        warnings.addAll(table.warnings());
        return table.toJson();
    }

    private static UtilityResult.Settings settings(UtilityJob.Request req, UtilitySegment seg, boolean patientsChecked) {
        String testSet = "the real test set, the same for every condition and seed"
                + (patientsChecked ? "; patient-disjoint from the training set (checked)" : "; patient ids unknown (not checked)");
        if (seg != null) {
            return new UtilityResult.Settings("unet: small U-Net (DJL, PyTorch CPU; 16/32/64 channels, two levels) on the"
                    + " images as pixels" + seg.size() + ", per-pixel BCE with logits, Adam, lr " + seg.learningRate() + ", "
                    + seg.epochs() + " epochs, batch " + seg.batch() + "; mask = logit > 0",
                    new UtilityResult.StructureChoice(seg.structures()), seg.policy().key() + " (MONAI: ignore ="
                    + " ignore_empty=True, score = ignore_empty=False, plain = the bare formula)",
                    "per image and structure, mean over the test images that count", null, null, testSet);
        }
        String model = "cnn".equals(req.model()) ? "cnn: small ResNet (DJL, PyTorch CPU) on the images as pixels,"
                + " 14-label masked BCE, Adam, flips and rotations up to 10 degrees, early stopping on a patient-disjoint"
                + " validation split of the training rows (15% of patients), best validation epoch kept"
                : "linear probe: per-label L2 logistic regression on z-scored features (scikit-learn C"
                + " convention), L-BFGS from zero weights";
        String f1 = req.tunedF1() ? "tuned: per label, the probability threshold maximising F1 on a"
                + " validation split of the training patients (probe: 15%, drawn with the seed, fitted on the other"
                + " 85%; cnn: its early-stopping split); labels without both classes there keep 0.5; thresholds per"
                + " seed under training"
                : "probability >= 0.5 (fixed, not tuned)";
        return new UtilityResult.Settings(model, null, null, null, f1,
                "Mann-Whitney, ties one half; uncertain and blank test labels masked", testSet);
    }

    private static Provenance provenance(UtilityJob.Request req, ProbeExperiment.Outcome out, UtilityJob.Sets sets,
                                         UtilitySegment seg) {
        Comparisons.Options opts = req.comparisonOptions();
        Provenance.Builder p = Provenance.builder(req.command()).threads(req.threads())
                .seed("seed", 0)
                .setting("seeds", req.seeds())
                .setting("encoder", sets.train().encoder())
                .setting("task", req.task())
                .setting("model", req.model())
                .setting("conditions", String.join(",", req.conditions()))
                .setting("real_fraction", req.realFraction())
                .setting("synthetic_ratios", req.ratios())
                .setting("mixed_share", req.mixedShare())
                .setting("probe_c", req.probeC())
                .setting("probe_tol", req.probeTol())
                .setting("f1_thresholds", req.f1Thresholds())
                .setting("correction", opts.correction().key())
                .setting("test", opts.test().key())
                .setting("alpha", opts.alpha());
        if (seg != null) {
            p.setting("unet", seg.toString()).setting("structures", String.join(",", out.scoredLabels()))
                    .setting("empty_masks", seg.policy().key());
        }
        sets.train().record(p, "train");
        sets.test().record(p, "test");
        List<String> names = sets.names();
        for (int i = 0; i < sets.synthetic().size(); i++) {
            sets.synthetic().get(i).record(p, "synthetic:" + names.get(i));
        }
        return p.build();
    }

    /** One metric of one condition over seeds: mean, sample sd (n - 1), the per-seed values; direction from the registry. */
    static SeedMetric entry(String key, List<Double> perSeed) {
        return SeedMetric.of(key, num(mean(perSeed)), perSeed.size() > 1 ? num(sd(perSeed)) : null,
                perSeed.stream().map(UtilityResults::num).toList(), seedInterval(perSeed).orElse(null));
    }

    static final String SEED_ESTIMAND = "the mean of this metric over training seeds for this data (train and test "
            + "sets fixed; a seed draws the real subset, the synthetic rows and the initialisation)";

    /**
     * Hall's skewness-corrected t interval over the seeds (metrics/utility.md: coverage by UtilityIntervalCoverageTest),
     * cut to [0, 1], the range of every utility metric (F1, AUROC, Dice, IoU): a bound outside it cannot hold the
     * estimand, so cutting it loses no coverage (few, skewed seeds can push Hall's bound below 0); the method says so.
     */
    static java.util.Optional<org.cxrbench.common.Interval> seedInterval(List<Double> perSeed) {
        double[] ci = org.cxrbench.stats.SkewCorrectedMean.ci95(perSeed.stream().mapToDouble(Double::doubleValue).toArray());
        if (ci == null) {
            return java.util.Optional.empty();
        }
        double lo = Math.max(0.0, ci[0]);
        double hi = Math.min(1.0, ci[1]);
        String method = org.cxrbench.stats.SkewCorrectedMean.method(perSeed.size())
                + (lo != ci[0] || hi != ci[1] ? "; cut to [0, 1], the metric's range" : "");
        return java.util.Optional.of(new org.cxrbench.common.Interval(lo, hi, SEED_ESTIMAND, method));
    }

    static List<Double> values(List<Score> scores, String condition, String metric) {
        return scores.stream().filter(s -> s.condition().equals(condition) && s.metric().equals(metric))
                .map(Score::value).toList();
    }

    static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.isEmpty() ? Double.NaN : s / v.size();
    }

    static double sd(List<Double> v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.size() - 1));
    }

    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static void writeScores(java.nio.file.Path file, List<Score> scores) {
        AtomicFiles.write(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write("condition,seed,metric,value\n");
            for (Score s : scores) {
                if (Double.isFinite(s.value())) {
                    w.write(s.condition() + "," + s.seed() + "," + s.metric() + "," + s.value() + "\n");
                }
            }
            w.flush();
        });
    }
}
