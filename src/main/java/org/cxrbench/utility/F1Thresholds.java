package org.cxrbench.utility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cxrbench.data.Labels;
import org.cxrbench.stats.ClassificationScores;

/**
 * F1 with per-label thresholds tuned on a validation split ({@code --f1-thresholds tuned}): the condition's training
 * rows are split by patient (15% of the patients, drawn with the seed; {@link CnnClassifier#validationSplit}), the
 * model is fitted on the rest, and for each label the threshold is the validation probability t maximising F1 of
 * "p >= t" over the known validation rows (ties: the largest such t); a label without a known positive and a known
 * negative in the validation rows keeps 0.5. Test F1 then uses these thresholds; AUROC is threshold-free and unchanged.
 */
public final class F1Thresholds {
    private F1Thresholds() {}

    public static final double VALIDATION_SHARE = 0.15;

    /** (fit rows, validation rows) of a condition's training rows, split by whole patients. */
    public static TrainingRows[] split(TrainingRows rows, String[] groups, long seed) {
        int[][] tv = CnnClassifier.validationSplit(groups, VALIDATION_SHARE, new SplittableRandom(seed).split());
        boolean[] isVal = new boolean[rows.n()];
        for (int i : tv[1]) {
            isVal[i] = true;
        }
        List<TrainingRows.Block> fit = new ArrayList<>();
        List<TrainingRows.Block> val = new ArrayList<>();
        int r = 0;
        for (TrainingRows.Block b : rows.blocks()) {
            List<Integer> f = new ArrayList<>();
            List<Integer> v = new ArrayList<>();
            for (int i : b.rows()) {
                (isVal[r++] ? v : f).add(i);
            }
            if (!f.isEmpty()) {
                fit.add(new TrainingRows.Block(b.features(), f.stream().mapToInt(Integer::intValue).toArray(), b.labels(),
                        b.source()));
            }
            val.add(new TrainingRows.Block(b.features(), v.stream().mapToInt(Integer::intValue).toArray(), b.labels(), b.source()));
        }
        return new TrainingRows[] {new TrainingRows(fit), new TrainingRows(val)};
    }

    /**
     * The F1-maximising threshold of one label.
     *
     * @param prob  validation probabilities
     * @param truth validation labels (values of {@link Labels}; uncertain and blank rows are skipped)
     * @return the threshold, or NaN when the rows lack a known positive or a known negative
     */
    public static double tune(double[] prob, byte[] truth) {
        List<double[]> known = new ArrayList<>();
        int positives = 0;
        for (int i = 0; i < prob.length; i++) {
            if (truth[i] == Labels.POSITIVE || truth[i] == Labels.NEGATIVE) {
                known.add(new double[] {prob[i], truth[i] == Labels.POSITIVE ? 1 : 0});
                positives += truth[i] == Labels.POSITIVE ? 1 : 0;
            }
        }
        if (positives == 0 || positives == known.size()) {
            return Double.NaN;
        }
        known.sort((a, b) -> Double.compare(b[0], a[0])); // descending probability
        double best = -1;
        double bestT = 0.5;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < known.size(); k++) {
            if (known.get(k)[1] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 < known.size() && known.get(k + 1)[0] == known.get(k)[0]) {
                continue; // "p >= t" takes every row tied at t
            }
            double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 > best) { // strictly better only: among ties the first, i.e. the largest t, stays
                best = f1;
                bestT = known.get(k)[0];
            }
        }
        return bestT;
    }

    /**
     * Test metrics with per-label thresholds: the F1 keys from "p >= t_l" (the prediction binarised, then scored at
     * 0.5), every other key (AUROC) as in {@code raw}, the scores of the raw probabilities.
     */
    public static Map<String, Double> metrics(ClassificationScores.Result raw, String[] names, double[][] truth,
                                              double[][] prob, double[] thresholds) {
        double[][] bin = new double[prob.length][];
        for (int i = 0; i < prob.length; i++) {
            bin[i] = new double[prob[i].length];
            for (int l = 0; l < prob[i].length; l++) {
                bin[i][l] = prob[i][l] >= thresholds[l] ? 1 : 0;
            }
        }
        ClassificationScores.Result tuned = ClassificationScores.score(names, truth, bin,
                new ClassificationScores.Options(0.5, true, raw.options().zeroDivision()));
        Map<String, Double> m = new LinkedHashMap<>(raw.metrics());
        for (Map.Entry<String, Double> e : tuned.metrics().entrySet()) {
            if (e.getKey().startsWith("f1_")) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    static double[] orHalf(double[] t) {
        double[] out = Arrays.copyOf(t, t.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(out[i]) ? 0.5 : out[i];
        }
        return out;
    }
}
