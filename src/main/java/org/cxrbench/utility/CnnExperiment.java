package org.cxrbench.utility;

import org.cxrbench.common.TrainingRun;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.data.Labels;
import org.cxrbench.stats.ClassificationScores;
import org.cxrbench.stats.Score;

/**
 * The CNN utility experiment: the same conditions, seeds, scored labels, scores and bootstrap as
 * {@link ProbeExperiment}, with the model a {@link CnnClassifier} trained on pixel rows (sets encoded with
 * {@code pixelsN}). Seed s fixes the condition's rows (as for the probe) and the CNN's validation split, shuffles,
 * augmentation and initialisation. Results go into {@link ProbeExperiment.Outcome} so the results writer is shared.
 * <p>
 * Resuming: with a checkpoint folder, every finished (seed, condition) writes its scores there; a rerun with the same
 * folder and the same inputs and settings (a key stored with each entry) reads them back and trains only what is
 * missing; a training killed mid-way resumes from its last finished epoch (the epoch checkpoint of
 * {@link CnnClassifier#fit(TrainingRows, String[], int, CnnClassifier.Options, long, EpochCheckpoint, PrintStream)}).
 */
public final class CnnExperiment {
    private CnnExperiment() {}

    public record Settings(List<Condition> conditions, double realFraction, int seeds, CnnClassifier.Options cnn,
                           ClassificationScores.Options scoring, int bootstrap, java.nio.file.Path checkpoints,
                           String checkpointKey, boolean tunedF1) {
        /** F1 at the fixed threshold of {@code scoring}. */
        public Settings(List<Condition> conditions, double realFraction, int seeds, CnnClassifier.Options cnn,
                        ClassificationScores.Options scoring, int bootstrap, java.nio.file.Path checkpoints,
                        String checkpointKey) {
            this(conditions, realFraction, seeds, cnn, scoring, bootstrap, checkpoints, checkpointKey, false);
        }
    }

    public static ProbeExperiment.Outcome run(LabelledSet real, List<LabelledSet> synthetic, LabelledSet test,
                                              String[] labelKeys, Settings s, PrintStream log) {
        ProbeExperiment.ScoredLabels sl = ProbeExperiment.ScoredLabels.of(real, test, labelKeys);
        List<Integer> scored = sl.scored();
        Map<String, String> excluded = sl.excluded();
        String[] names = sl.names();
        double[][] truth = sl.truth();
        ProbeExperiment.Settings bootSettings = new ProbeExperiment.Settings(s.conditions(), s.realFraction(), s.seeds(),
                null, s.scoring(), s.bootstrap(), 1);
        CnnCheckpoints cp = new CnnCheckpoints(s.checkpoints(), s.checkpointKey());
        List<Score> scores = new ArrayList<>();
        Map<String, List<TrainingRun>> training = new LinkedHashMap<>();
        Map<String, Map<String, ProbeExperiment.BootstrapCi>> boot = new LinkedHashMap<>();
        java.util.TreeSet<String> warnings = new java.util.TreeSet<>();
        int total = s.seeds() * s.conditions().size();
        int done = 0;
        int trained = 0;
        long t0 = System.nanoTime();
        for (int seed = 0; seed < s.seeds(); seed++) {
            for (Condition c : s.conditions()) {
                CnnCheckpoints.Entry saved = cp.read(c.name(), seed);
                Condition.Built b = c.build(real, synthetic, s.realFraction(), seed);
                double[][] prob;
                double[] thresholds = null;
                TrainingRun desc;
                if (saved != null) {
                    prob = saved.probabilities();
                    TrainingRun.CnnTraining tr = saved.training(TrainingRun.CnnTraining.class);
                    if (tr.thresholdsUsed() != null) {
                        thresholds = tr.thresholdsUsed().stream().mapToDouble(Double::doubleValue).toArray();
                    }
                    desc = b.description().withCnn(tr.withoutThresholdsUsed());
                    log.printf(Locale.ROOT, "utility cnn: seed %d, %s: read back from %s%n", seed + 1, c.name(), s.checkpoints());
                } else {
                    String[] groups = groups(b.rows(), real, synthetic);
                    try (CnnClassifier.Fitted f = CnnClassifier.fit(b.rows(), groups, labelKeys.length, s.cnn(), seed,
                            cp.epochFile(c.name(), seed), log)) {
                        double[][] all = f.predict(test.features());
                        prob = new double[test.n()][scored.size()];
                        for (int i = 0; i < test.n(); i++) {
                            for (int k = 0; k < scored.size(); k++) {
                                prob[i][k] = all[i][scored.get(k)];
                            }
                        }
                        TrainingRun.CnnTraining tr = f.description();
                        if (s.tunedF1()) {
                            thresholds = new double[scored.size()];
                            Map<String, TrainingRun.F1Threshold> th = new LinkedHashMap<>();
                            for (int k = 0; k < scored.size(); k++) {
                                double[] pk = new double[f.validationProb().length];
                                byte[] yk = new byte[pk.length];
                                for (int i = 0; i < pk.length; i++) {
                                    pk[i] = f.validationProb()[i][scored.get(k)];
                                    yk[i] = f.validationLabels()[i][scored.get(k)];
                                }
                                double t = F1Thresholds.tune(pk, yk);
                                th.put(names[k], TrainingRun.F1Threshold.of(t));
                                thresholds[k] = Double.isNaN(t) ? 0.5 : t;
                            }
                            tr = tr.withThresholds(th, null);
                        }
                        desc = b.description().withCnn(tr);
                        cp.write(c.name(), seed, prob, tr.withThresholds(tr.f1Thresholds(), thresholds));
                        cp.deleteEpochFile(c.name(), seed);
                    }
                    trained++;
                }
                ClassificationScores.Result r = ClassificationScores.score(names, truth, prob, s.scoring());
                warnings.addAll(r.warnings());
                Map<String, Double> metrics = thresholds == null ? r.metrics()
                        : F1Thresholds.metrics(r, names, truth, prob, thresholds);
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    scores.add(new Score(c.name(), seed, e.getKey(), e.getValue()));
                }
                training.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(desc);
                if (seed == 0 && s.bootstrap() > 0) {
                    boot.put(c.name(), ProbeExperiment.bootstrap(names, truth, prob, ProbeExperiment.clusters(test), bootSettings));
                }
                done++;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                log.printf(Locale.ROOT, "utility cnn: seed %d/%d, %s: auroc_macro %.4f; %d/%d done, ETA %.0f s%n",
                        seed + 1, s.seeds(), c.name(), r.aurocMacro(), done, total,
                        trained == 0 ? 0 : elapsed / trained * (total - done));
            }
        }
        return new ProbeExperiment.Outcome(List.copyOf(scores), training, List.of(names), excluded, boot,
                List.copyOf(warnings));
    }

    /** Patient of each design row (validation split by patient); rows of sets without patients are their own group. */
    static String[] groups(TrainingRows rows, LabelledSet real, List<LabelledSet> synthetic) {
        String[] g = new String[rows.n()];
        int r = 0;
        for (TrainingRows.Block b : rows.blocks()) {
            LabelledSet owner = b.features() == real.features() ? real : null;
            for (LabelledSet s : synthetic) {
                owner = owner == null && b.features() == s.features() ? s : owner;
            }
            String prefix = (owner == null ? b.source() : owner.name()) + ":";
            for (int i : b.rows()) {
                String p = owner == null || owner.patients() == null ? null : owner.patients()[i];
                g[r++] = prefix + (p == null || p.isEmpty() ? "row" + i : p);
            }
        }
        return g;
    }
}
