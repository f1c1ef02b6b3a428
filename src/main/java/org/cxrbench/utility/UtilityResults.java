package org.cxrbench.utility;

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
    static Map<String, Object> write(UtilityJob.Request req, ProbeExperiment.Outcome out, List<Condition> conditions,
                                     UtilityJob.Sets sets, UtilitySegment seg, PrintStream stdout, PrintStream log) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", org.cxrbench.common.Evaluation.SCHEMA_VERSION);
        Map<String, Map<String, Object>> perCondition = conditions(out, conditions, sets);
        List<String> chooseBy = seg == null ? List.of("auroc_macro")
                : out.scoredLabels().stream().map(l -> "dice_" + ClassificationScores.key(l)).toList();
        best(root, out, conditions, perCondition, chooseBy, seg != null);
        root.put("conditions", perCondition);
        List<String> warnings = comparisons(root, req, out, conditions, seg == null ? UtilityJob.HEADLINE : chooseBy, stdout);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("scored", out.scoredLabels());
        labels.put("excluded", out.excludedLabels());
        root.put(seg == null ? "labels" : "structures", seg == null ? labels : out.scoredLabels());
        root.put("settings", settings(req, seg, sets.patientsChecked()));
        root.put("warnings", warnings);
        for (String w : warnings) {
            log.println("warning: " + w);
        }
        Provenance prov = provenance(req, out, sets, seg);
        root.put("provenance", prov.toMap());
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
    private static Map<String, Map<String, Object>> conditions(ProbeExperiment.Outcome out, List<Condition> conditions,
                                                               UtilityJob.Sets sets) {
        List<Inputs.Loaded> synthetic = sets.synthetic();
        Map<String, Map<String, Object>> perCondition = new LinkedHashMap<>();
        for (Condition c : conditions) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            Map<String, List<Double>> bySeed = new LinkedHashMap<>();
            for (Score s : out.scores()) {
                if (s.condition().equals(c.name())) {
                    bySeed.computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s.value());
                }
            }
            Map<String, Object> boot = out.bootstrap().get(c.name());
            for (Map.Entry<String, List<Double>> e : bySeed.entrySet()) {
                Map<String, Object> m = entry(e.getKey(), e.getValue());
                if (boot != null && boot.containsKey(e.getKey())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> b = (Map<String, Object>) boot.get(e.getKey());
                    m.put("seed0_bootstrap_ci95", b.get("ci95"));
                    m.put("seed0_value", b.get("value"));
                    m.put("seed0_bootstrap_unit", b.get("resampling_unit"));
                }
                metrics.put(e.getKey(), m);
            }
            Map<String, Object> cond = new LinkedHashMap<>();
            cond.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            if (c.synthetic() >= 0) {
                cond.put("synthetic", sets.names().get(synthetic.size() > 1 ? c.synthetic() : 0));
            }
            if (c.kind() != Condition.Kind.REAL && c.kind() != Condition.Kind.SYNTHETIC) {
                cond.put(c.kind() == Condition.Kind.MIXED ? "share_replaced" : "synthetic_per_real", c.amount());
            }
            cond.put("metrics", metrics);
            cond.put("training", out.training().get(c.name()));
            perCondition.put(c.name(), cond);
        }
        return perCondition;
    }

    /**
     * metrics and best_condition: the synthetic-data condition with the highest mean macro AUROC (threshold-free);
     * segmentation: the highest mean Dice over seeds and structures.
     */
    private static void best(Map<String, Object> root, ProbeExperiment.Outcome out, List<Condition> conditions,
                             Map<String, Map<String, Object>> perCondition, List<String> chooseBy, boolean segment) {
        // headline: the synthetic-data condition with the highest mean macro AUROC (threshold-free); segmentation:
        // the highest mean Dice over seeds and structures
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
        Map<String, Object> top = new LinkedHashMap<>();
        if (best != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> bm = (Map<String, Object>) perCondition.get(best).get("metrics");
            for (Map.Entry<String, Object> e : bm.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) e.getValue());
                m.put("condition", best);
                top.put(e.getKey(), m);
            }
        }
        root.put("metrics", top);
        root.put("best_condition", best == null ? null : Map.of("name", best,
                "chosen_by", (!segment ? "highest mean auroc_macro" : "highest mean Dice (over structures)")
                        + " over seeds among the conditions that use synthetic data"));

    }

    /** comparisons, family_size, correction (the generator's own family); the table on stdout. Returns the warnings. */
    private static List<String> comparisons(Map<String, Object> root, UtilityJob.Request req, ProbeExperiment.Outcome out,
                                            List<Condition> conditions, List<String> defaultMetrics, PrintStream stdout) {
        Comparisons.Options opts = req.comparisonOptions();
        List<String> warnings = new ArrayList<>(out.warnings());
        if (req.seeds() < 2 || conditions.size() < 2) {
            root.put("comparisons", List.of());
            root.put("family_size", 0);
            root.put("correction", opts.correction().key());
            warnings.add(req.seeds() < 2 ? "one seed: no t-test against real (give --seeds 5 or more)"
                    : "only the real condition: nothing to compare");
        } else {
            List<String> want = req.compareMetrics() != null ? req.compareMetrics() : defaultMetrics;
            List<Score> family = out.scores().stream()
                    .filter(s -> want.contains("all") || want.contains(s.metric())).toList();
            ComparisonTable table = Comparisons.compare(family, opts);
            root.putAll(table.toJson());
            stdout.print(table.text());
            stdout.flush();
            warnings.addAll(table.warnings());
        }
        return warnings;
    }

    private static Map<String, Object> settings(UtilityJob.Request req, UtilitySegment seg, boolean patientsChecked) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (seg != null) {
            settings.put("model", "unet: small U-Net (DJL, PyTorch CPU; 16/32/64 channels, two levels) on the images as"
                    + " pixels" + seg.size() + ", per-pixel BCE with logits, Adam, lr " + seg.learningRate() + ", "
                    + seg.epochs() + " epochs, batch " + seg.batch() + "; mask = logit > 0");
            settings.put("structures", seg.structures().isEmpty() ? "mask names common to every row" : seg.structures());
            settings.put("empty_masks", seg.policy().key() + " (MONAI: ignore = ignore_empty=True, score ="
                    + " ignore_empty=False, plain = the bare formula)");
            settings.put("dice_iou", "per image and structure, mean over the test images that count");
        }
        settings.put("model", seg != null ? settings.get("model") : "cnn".equals(req.model()) ? "cnn: small ResNet (DJL, PyTorch CPU) on the images as pixels,"
                + " 14-label masked BCE, Adam, flips and rotations up to 10 degrees, early stopping on a patient-disjoint"
                + " validation split of the training rows (15% of patients), best validation epoch kept"
                : "linear probe: per-label L2 logistic regression on z-scored features (scikit-learn C"
                + " convention), L-BFGS from zero weights");
        if (seg == null) {
            settings.put("f1_threshold", req.tunedF1() ? "tuned: per label, the probability threshold maximising F1 on a"
                    + " validation split of the training patients (probe: 15%, drawn with the seed, fitted on the other"
                    + " 85%; cnn: its early-stopping split); labels without both classes there keep 0.5; thresholds per"
                    + " seed under training"
                    : "probability >= 0.5 (fixed, not tuned)");
            settings.put("auroc", "Mann-Whitney, ties one half; uncertain and blank test labels masked");
        }
        settings.put("test_set", "the real test set, the same for every condition and seed"
                + (patientsChecked ? "; patient-disjoint from the training set (checked)" : "; patient ids unknown (not checked)"));
        return settings;
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
    static Map<String, Object> entry(String key, List<Double> perSeed) {
        org.cxrbench.common.Metric reg = org.cxrbench.common.Metrics.get(key);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", num(mean(perSeed)));
        m.put("sd", perSeed.size() > 1 ? num(sd(perSeed)) : null);
        m.put("per_seed", perSeed.stream().map(UtilityResults::num).toList());
        m.put("n_seeds", perSeed.size());
        seedInterval(perSeed).ifPresent(ci -> ci.into(m));
        m.put("direction", reg.direction().json());
        m.put("family", reg.family().json());
        m.put("unit", reg.unit());
        m.put("warnings", List.of());
        return m;
    }

    static final String SEED_ESTIMAND = "the mean of this metric over training seeds for this data (train and test "
            + "sets fixed; a seed draws the real subset, the synthetic rows and the initialisation)";

    /** Hall's skewness-corrected t interval over the seeds (metrics/utility.md: coverage by UtilityIntervalCoverageTest). */
    static java.util.Optional<org.cxrbench.common.Interval> seedInterval(List<Double> perSeed) {
        double[] ci = org.cxrbench.stats.SkewCorrectedMean.ci95(perSeed.stream().mapToDouble(Double::doubleValue).toArray());
        return ci == null ? java.util.Optional.empty() : java.util.Optional.of(new org.cxrbench.common.Interval(ci[0], ci[1],
                SEED_ESTIMAND, org.cxrbench.stats.SkewCorrectedMean.method(perSeed.size())));
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
