package org.cxrbench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multi-label classification scores at a threshold: per-label and macro/micro F1, per-label and macro AUROC.
 *
 * <p>Truth values: 1 positive, 0 negative; -1 (CheXpert's "uncertain") and NaN (blank/missing) are masked, i.e. that
 * image does not count for that label (in F1 counts, AUROC and micro pooling alike). Any other truth value is an
 * error. Conventions (scikit-learn {@code f1_score}, {@code roc_auc_score}):
 * <ul>
 *   <li>prediction = probability &gt;= threshold by default (CheXGenBench's {@code calculate_metrics});
 *       {@code inclusive=false} gives &gt; threshold;</li>
 *   <li>per-label F1 = 2TP / (2TP + FP + FN); when TP = FP = FN = 0 it is {@code zeroDivision} (sklearn default 0);</li>
 *   <li>macro F1 = unweighted mean of the per-label F1 (zero-division labels included, as sklearn), over labels with
 *       at least one unmasked image; micro F1 = 2 sum TP / (2 sum TP + sum FP + sum FN);</li>
 *   <li>AUROC per label by {@link Roc#auc} (Mann–Whitney, ties one half); a label whose unmasked truth has one class
 *       only has no AUROC (NaN), and macro AUROC averages the labels that have one, with a warning naming the others
 *       (scikit-learn raises instead).</li>
 * </ul>
 */
public final class ClassificationScores {
    private ClassificationScores() {}

    /** Threshold 0.5 with &gt;=, zero_division 0. */
    public record Options(double threshold, boolean inclusive, double zeroDivision) {
        public Options {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("classification scores: threshold " + threshold + " is not in [0, 1]");
            }
        }

        public static Options defaults() {
            return new Options(0.5, true, 0.0);
        }
    }

    /** One label's counts and scores; {@code masked} images were excluded (truth -1 or blank). */
    public record LabelScore(String label, int n, int masked, int tp, int fp, int fn, int tn, double precision,
                             double recall, double f1, double auroc) {
        public int support() {
            return tp + fn;
        }
    }

    public record Result(List<LabelScore> labels, double f1Macro, double f1Micro, double aurocMacro, Options options,
                         List<String> warnings) {
        /** Contract keys: f1_macro, f1_micro, auroc_macro, f1_&lt;label&gt;, auroc_&lt;label&gt; (NaN where undefined). */
        public Map<String, Double> metrics() {
            return UtilityMetrics.values(new UtilityMetrics.Scores(this, null));
        }
    }

    /** A label as a metric-key suffix: lower case, every run of other characters than a-z, 0-9 as one '_'. */
    public static String key(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /**
     * @param labels label names, one per column
     * @param truth  [image][label]: 1, 0, -1 (masked) or NaN (masked)
     * @param prob   [image][label] predicted probabilities (or any scores for AUROC; F1 thresholds them)
     */
    public static Result score(String[] labels, double[][] truth, double[][] prob, Options options) {
        check(labels, truth, prob);
        int nl = labels.length;
        List<LabelScore> out = new ArrayList<>();
        long sTp = 0;
        long sFp = 0;
        long sFn = 0;
        double f1Sum = 0;
        int f1Count = 0;
        double aucSum = 0;
        int aucCount = 0;
        List<String> noAuc = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int j = 0; j < nl; j++) {
            LabelScore ls = label(labels[j], j, truth, prob, options);
            int n = ls.n();
            double f1 = ls.f1();
            double auc = ls.auroc();
            if (ls.tp() + ls.fn() > 0 && ls.fp() + ls.tn() > 0) { // both classes: label() computed the AUROC
                aucSum += auc;
                aucCount++;
            } else {
                noAuc.add(labels[j]);
            }
            int tp = ls.tp();
            int fp = ls.fp();
            int fn = ls.fn();
            if (n == 0) {
                empty.add(labels[j]);
                f1 = Double.NaN;
            } else {
                f1Sum += f1;
                f1Count++;
                sTp += tp;
                sFp += fp;
                sFn += fn;
            }
            out.add(new LabelScore(ls.label(), n, ls.masked(), tp, fp, fn, ls.tn(), ls.precision(), ls.recall(), f1, auc));
        }
        List<String> warnings = new ArrayList<>();
        if (!noAuc.isEmpty()) {
            warnings.add("no AUROC for " + noAuc + " (unmasked truth has one class only): left out of auroc_macro");
        }
        if (!empty.isEmpty()) {
            warnings.add("every image is masked for " + empty + ": left out of f1_macro and f1_micro");
        }
        double micro = sTp + sFp + sFn == 0 ? options.zeroDivision() : 2.0 * sTp / (2.0 * sTp + sFp + sFn);
        return new Result(out, f1Count == 0 ? Double.NaN : f1Sum / f1Count, f1Count == 0 ? Double.NaN : micro,
                aucCount == 0 ? Double.NaN : aucSum / aucCount, options, List.copyOf(warnings));
    }

    /** One label's counts at the threshold, precision, recall, F1 and AUROC (NaN with one class only). */
    private static LabelScore label(String name, int j, double[][] truth, double[][] prob, Options options) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        int masked = 0;
        List<Double> sc = new ArrayList<>();
        List<Boolean> pos = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            double y = truth[i][j];
            if (Double.isNaN(y) || y == -1) {
                masked++;
                continue;
            }
            boolean t = y == 1;
            boolean p = options.inclusive() ? prob[i][j] >= options.threshold() : prob[i][j] > options.threshold();
            if (t && p) {
                tp++;
            } else if (p) {
                fp++;
            } else if (t) {
                fn++;
            } else {
                tn++;
            }
            sc.add(prob[i][j]);
            pos.add(t);
        }
        int n = truth.length - masked;
        double f1 = tp + fp + fn == 0 ? options.zeroDivision() : 2.0 * tp / (2.0 * tp + fp + fn);
        double precision = tp + fp == 0 ? options.zeroDivision() : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? options.zeroDivision() : (double) tp / (tp + fn);
        double auc = Double.NaN;
        if (tp + fn > 0 && fp + tn > 0) {
            double[] s = new double[sc.size()];
            boolean[] b = new boolean[sc.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = sc.get(i);
                b[i] = pos.get(i);
            }
            auc = Roc.auc(s, b);
        }
        return new LabelScore(name, n, masked, tp, fp, fn, tn, precision, recall, f1, auc);
    }

    public static Result score(String[] labels, double[][] truth, double[][] prob) {
        return score(labels, truth, prob, Options.defaults());
    }

    private static void check(String[] labels, double[][] truth, double[][] prob) {
        if (truth.length != prob.length) {
            throw new IllegalArgumentException("classification scores: " + truth.length + " truth rows != "
                    + prob.length + " probability rows");
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i].length != labels.length || prob[i].length != labels.length) {
                throw new IllegalArgumentException("classification scores: row " + i + " has " + truth[i].length
                        + " truth and " + prob[i].length + " probability values for " + labels.length + " labels");
            }
            for (int j = 0; j < labels.length; j++) {
                double y = truth[i][j];
                if (!(Double.isNaN(y) || y == -1 || y == 0 || y == 1)) {
                    throw new IllegalArgumentException("classification scores: truth[" + i + "][" + labels[j] + "] = " + y
                            + "; use 1, 0, -1 (uncertain, masked) or blank/NaN (masked)");
                }
                if (!Double.isFinite(prob[i][j])) {
                    throw new IllegalArgumentException("classification scores: probability[" + i + "][" + labels[j]
                            + "] = " + prob[i][j] + " is not finite");
                }
            }
        }
    }
}
