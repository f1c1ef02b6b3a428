package org.cxrbench.utility;

import org.cxrbench.common.TrainingRun;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.data.Labels;
import org.cxrbench.stats.Bootstrap;
import org.cxrbench.stats.ClassificationScores;
import org.cxrbench.stats.Score;

/**
 * The linear-probe utility experiment: for every seed and condition, build the training rows, fit the probe, predict
 * the real test set and score it (per-label and macro/micro F1 at the scoring threshold, per-label and macro AUROC).
 * Labels scored are those with both classes among the known rows of the test set and of the real training set
 * (fixed before any fit, so every condition and seed reports the same metrics and the comparisons stay paired).
 * With {@code tunedF1}, F1 uses per-label thresholds tuned on a validation split ({@link F1Thresholds}). With a
 * checkpoint folder, each finished (seed, condition) keeps its test probabilities there ({@link CnnCheckpoints}),
 * and a rerun with the same inputs and settings reads them back and fits only what is missing.
 */
public final class ProbeExperiment {
    private ProbeExperiment() {}

    /**
     * @param bootstrap resamples of the test patients (images when patients are unknown) for 95% CIs of the first
     *                  seed's AUROCs per condition (0: none)
     */
    public record Settings(List<Condition> conditions, double realFraction, int seeds, LinearProbe.Options probe,
                           ClassificationScores.Options scoring, int bootstrap, int threads, boolean tunedF1,
                           java.nio.file.Path checkpoints, String checkpointKey) {
        /** F1 at the fixed threshold of {@code scoring}, no checkpoints. */
        public Settings(List<Condition> conditions, double realFraction, int seeds, LinearProbe.Options probe,
                        ClassificationScores.Options scoring, int bootstrap, int threads) {
            this(conditions, realFraction, seeds, probe, scoring, bootstrap, threads, false, null, null);
        }
    }

    /**
     * @param scores         one per (condition, seed, metric), conditions in order, seeds ascending
     * @param training       condition -> per seed, what went into the training set and how the solver ended
     * @param scoredLabels   label keys scored
     * @param excludedLabels label key -> why it is not scored
     * @param bootstrap      condition -> metric -> its percentile CI, for the first seed's model
     * @param warnings       scoring warnings, once each
     */
    public record Outcome(List<Score> scores, Map<String, List<TrainingRun>> training, List<String> scoredLabels,
                          Map<String, String> excludedLabels, Map<String, Map<String, BootstrapCi>> bootstrap,
                          List<String> warnings) {}

    /**
     * A percentile CI of one metric of one model over test-image (or test-patient) resamples.
     *
     * @param value         the metric on the test set as it is
     * @param ci95          [low, high]
     * @param resamplingUnit what was resampled, in words ("patient (N test patients)" or "image")
     */
    public record BootstrapCi(double value, List<Double> ci95, int resamples, int undefinedResamples,
                              String resamplingUnit) {
        public BootstrapCi {
            ci95 = List.copyOf(ci95);
        }
    }

    public static Outcome run(LabelledSet real, List<LabelledSet> synthetic, LabelledSet test, String[] labelKeys,
                              Settings s, PrintStream log) {
        ScoredLabels sl = ScoredLabels.of(real, test, labelKeys);
        List<Integer> scored = sl.scored();
        Map<String, String> excluded = sl.excluded();
        String[] names = sl.names();
        double[][] truth = sl.truth();
        List<Score> scores = new ArrayList<>();
        Map<String, List<TrainingRun>> training = new LinkedHashMap<>();
        Map<String, Map<String, BootstrapCi>> boot = new LinkedHashMap<>();
        java.util.TreeSet<String> warnings = new java.util.TreeSet<>();
        int total = s.seeds() * s.conditions().size();
        int done = 0;
        CnnCheckpoints cp = new CnnCheckpoints(s.checkpoints(), s.checkpointKey(), "probe");
        long t0 = System.nanoTime();
        for (int seed = 0; seed < s.seeds(); seed++) {
            for (Condition c : s.conditions()) {
                long t1 = System.nanoTime();
                Condition.Built b = c.build(real, synthetic, s.realFraction(), seed);
                CnnCheckpoints.Entry saved = cp.read(c.name(), seed);
                Fit fit;
                if (saved != null) {
                    TrainingRun stored = saved.training(TrainingRun.class);
                    fit = new Fit(saved.probabilities(), stored.thresholds(), stored.withThresholdsUsed(null));
                    log.printf(Locale.ROOT, "utility: seed %d, %s: read back from %s%n", seed + 1, c.name(), s.checkpoints());
                } else {
                    fit = fit(b, real, synthetic, test, scored, names, labelKeys, s, seed);
                    cp.write(c.name(), seed, fit.prob(), fit.desc().withThresholdsUsed(fit.thresholds()));
                }
                double[][] prob = fit.prob();
                double[] thresholds = fit.thresholds();
                TrainingRun desc = fit.desc();
                ClassificationScores.Result r = ClassificationScores.score(names, truth, prob, s.scoring());
                warnings.addAll(r.warnings());
                Map<String, Double> metrics = thresholds == null ? r.metrics()
                        : F1Thresholds.metrics(r, names, truth, prob, thresholds);
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    scores.add(new Score(c.name(), seed, e.getKey(), e.getValue()));
                }
                training.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(desc);
                if (seed == 0 && s.bootstrap() > 0) {
                    boot.put(c.name(), bootstrap(names, truth, prob, clusters(test), s));
                }
                done++;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                log.printf(Locale.ROOT, "utility: seed %d/%d, %s (%d real + %d synthetic rows): %.1f s, auroc_macro %.4f;"
                                + " %d/%d done, ETA %.0f s%n", seed + 1, s.seeds(), c.name(), b.rows().count("real"),
                        b.rows().count("synthetic"), (System.nanoTime() - t1) / 1e9, r.aurocMacro(), done, total,
                        elapsed / done * (total - done));
            }
        }
        return new Outcome(List.copyOf(scores), training, List.of(names), excluded, boot, List.copyOf(warnings));
    }

    /** One (condition, seed)'s test probabilities, the F1 thresholds it uses (null: 0.5) and its description. */
    private record Fit(double[][] prob, double[] thresholds, TrainingRun desc) {}

    /** Fits the probe on the condition's rows (less a validation split when F1 thresholds are tuned) and scores the test set. */
    private static Fit fit(Condition.Built b, LabelledSet real, List<LabelledSet> synthetic, LabelledSet test,
                           List<Integer> scored, String[] names, String[] labelKeys, Settings s, int seed) {
        TrainingRows fitRows = b.rows();
        TrainingRows[] fv = null;
        double[] thresholds = null;
        if (s.tunedF1()) {
            fv = F1Thresholds.split(b.rows(), CnnExperiment.groups(b.rows(), real, synthetic), seed);
            fitRows = fv[0];
        }
        LinearProbe.Model m = LinearProbe.fit(fitRows, s.probe(), s.threads());
        if (fv != null) {
            thresholds = tuneOnValidation(m, fv[1], scored);
        }
        double[][] all = m.predict(test.features());
        double[][] prob = new double[test.n()][scored.size()];
        for (int i = 0; i < test.n(); i++) {
            for (int k = 0; k < scored.size(); k++) {
                prob[i][k] = all[i][scored.get(k)];
            }
        }
        Map<String, TrainingRun.F1Threshold> th = null;
        if (thresholds != null) {
            th = new LinkedHashMap<>();
            for (int k = 0; k < names.length; k++) {
                th.put(names[k], TrainingRun.F1Threshold.of(thresholds[k]));
            }
            thresholds = F1Thresholds.orHalf(thresholds);
        }
        TrainingRun desc = b.description().withProbe(solverSummary(m, scored, labelKeys), fv == null ? null : fv[1].n(), th);
        return new Fit(prob, thresholds, desc);
    }

    /** Per scored label, the F1-maximising threshold on the validation rows (NaN: not tunable). */
    private static double[] tuneOnValidation(LinearProbe.Model m, TrainingRows val, List<Integer> scored) {
        double[] t = new double[scored.size()];
        java.util.Arrays.fill(t, Double.NaN);
        if (val.n() == 0) {
            return t;
        }
        List<double[]> p = new ArrayList<>();
        List<byte[]> y = new ArrayList<>();
        for (TrainingRows.Block b : val.blocks()) {
            if (b.rows().length == 0) {
                continue;
            }
            double[][] pr = m.predict(b.features().rows(b.rows()));
            for (int i = 0; i < b.rows().length; i++) {
                p.add(pr[i]);
                y.add(b.labels()[b.rows()[i]]);
            }
        }
        for (int k = 0; k < scored.size(); k++) {
            double[] pk = new double[p.size()];
            byte[] yk = new byte[p.size()];
            for (int i = 0; i < pk.length; i++) {
                pk[i] = p.get(i)[scored.get(k)];
                yk[i] = y.get(i)[scored.get(k)];
            }
            t[k] = F1Thresholds.tune(pk, yk);
        }
        return t;
    }

    static String bothClasses(byte[][] labels, int l, String where) {
        int pos = 0;
        int neg = 0;
        for (byte[] y : labels) {
            pos += y[l] == Labels.POSITIVE ? 1 : 0;
            neg += y[l] == Labels.NEGATIVE ? 1 : 0;
        }
        return pos > 0 && neg > 0 ? null : pos + " positive and " + neg + " negative known rows in the " + where + " set";
    }

    private static Map<String, String> solverSummary(LinearProbe.Model m, List<Integer> scored, String[] keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int l : scored) {
            LinearProbe.LabelFit f = m.labels().get(l);
            out.put(keys[l], f.fitted() ? f.state() + " after " + f.iterations() + " iterations"
                    : "not fitted (" + f.reason() + "): constant prediction " + (f.positives() > 0 ? 1 : 0));
        }
        return out;
    }

    /**
     * Test rows grouped by patient (first-appearance order) when every row has a patient id, else one group per row.
     * Images of one patient are not independent, so the bootstrap resamples patients (a cluster bootstrap) when it can.
     */
    static int[][] clusters(LabelledSet test) {
        boolean byPatient = test.patients() != null;
        if (byPatient) {
            for (String p : test.patients()) {
                byPatient &= p != null && !p.isEmpty();
            }
        }
        if (!byPatient) {
            int[][] one = new int[test.n()][];
            for (int i = 0; i < one.length; i++) {
                one[i] = new int[] {i};
            }
            return one;
        }
        Map<String, List<Integer>> g = new LinkedHashMap<>();
        for (int i = 0; i < test.n(); i++) {
            g.computeIfAbsent(test.patients()[i], k -> new ArrayList<>()).add(i);
        }
        return g.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /**
     * Percentile CIs for each AUROC metric of one model (the same resamples for all): the test patients are drawn with
     * replacement and each drawn patient brings all its images (images when patients are unknown).
     */
    static Map<String, BootstrapCi> bootstrap(String[] names, double[][] truth, double[][] prob, int[][] groups,
                                              Settings s) {
        Map<String, BootstrapCi> out = new LinkedHashMap<>();
        boolean byPatient = groups.length < truth.length;
        List<String> keys = new ArrayList<>();
        keys.add("auroc_macro");
        for (String n : names) {
            keys.add("auroc_" + ClassificationScores.key(n));
        }
        for (String key : keys) {
            Bootstrap.Interval iv = Bootstrap.paired(groups.length, idx -> {
                List<double[]> t = new ArrayList<>();
                List<double[]> p = new ArrayList<>();
                for (int gi : idx) {
                    for (int i : groups[gi]) {
                        t.add(truth[i]);
                        p.add(prob[i]);
                    }
                }
                Double v = ClassificationScores.score(names, t.toArray(double[][]::new), p.toArray(double[][]::new),
                        s.scoring()).metrics().get(key);
                return v == null ? Double.NaN : v;
            }, s.bootstrap(), 0, 0.95);
            out.put(key, new BootstrapCi(iv.estimate(), List.of(iv.low(), iv.high()), iv.resamples(),
                    iv.undefinedResamples(), byPatient ? "patient (" + groups.length + " test patients)" : "image"));
        }
        return out;
    }

    /**
     * The labels a run scores: those with both classes among the known rows of the test set and of the real training
     * set (fixed before any fit, so every condition and seed has the same keys), why the others are excluded, and
     * the test truth per scored label (1, 0, -1 uncertain, NaN blank).
     */
    record ScoredLabels(List<Integer> scored, Map<String, String> excluded, String[] names, double[][] truth) {
        static ScoredLabels of(LabelledSet real, LabelledSet test, String[] labelKeys) {
            List<Integer> scored = new ArrayList<>();
            Map<String, String> excluded = new LinkedHashMap<>();
            for (int l = 0; l < labelKeys.length; l++) {
                String why = bothClasses(test.labels(), l, "test");
                if (why == null) {
                    why = bothClasses(real.labels(), l, "real training");
                }
                if (why == null) {
                    scored.add(l);
                } else {
                    excluded.put(labelKeys[l], why);
                }
            }
            if (scored.isEmpty()) {
                throw new IllegalArgumentException("no label has both classes in the test set and the real training set: "
                        + excluded);
            }
            String[] names = scored.stream().map(l -> labelKeys[l]).toArray(String[]::new);
            double[][] truth = new double[test.n()][scored.size()];
            for (int i = 0; i < test.n(); i++) {
                for (int c = 0; c < scored.size(); c++) {
                    byte v = test.labels()[i][scored.get(c)];
                    truth[i][c] = v == Labels.POSITIVE ? 1 : v == Labels.NEGATIVE ? 0 : v == Labels.UNCERTAIN ? -1 : Double.NaN;
                }
            }
            return new ScoredLabels(scored, excluded, names, truth);
        }
    }
}
