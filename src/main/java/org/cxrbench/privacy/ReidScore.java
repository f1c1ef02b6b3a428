package org.cxrbench.privacy;

import java.util.Locale;
import org.cxrbench.common.ReidSummary;
import org.cxrbench.linalg.Features;

/**
 * Patient re-identification over a synthetic set: a same-patient verifier (fitted on the training set's patients)
 * applied to every synthetic image and its nearest training image; the score is the share judged "same patient".
 */
public final class ReidScore {
    private ReidScore() {}

    /** Per-synthetic probabilities (or null), the score (or null) and what was measured, typed. */
    public record Result(double[] probabilities, Double score, ReidSummary description) {
        /** No re-id measured (not asked for, or no image inputs). */
        public static Result none() {
            return new Result(null, null, ReidSummary.NONE);
        }
    }

    /** Fits the verifier on the training set's patients, then scores the synthetic set. */
    public static Result fitAndScore(Features train, String[] patients, Features syn, PrivacyMetrics.Result r,
                                     double threshold, long seed) {
        if (patients == null) {
            return new Result(null, null, ReidSummary.unavailable("needs a training manifest (or folder) with patient ids"));
        }
        return score(ReidVerifier.fit(train, patients, seed), train, syn, r, threshold);
    }

    /** Applies a fitted verifier (fitted once per training set, shared by every synthetic set); null: unavailable. */
    public static Result score(ReidVerifier v, Features train, Features syn, PrivacyMetrics.Result r, double threshold) {
        if (v == null) {
            return new Result(null, null, ReidSummary.unavailable("needs at least " + ReidVerifier.MIN_PATIENTS
                    + " training patients with 2+ images"));
        }
        double[] p = new double[r.dcr().length];
        int above = 0;
        int judged = 0;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = v.probability(syn, i, train, r.nnTrainIndex()[i]);
            judged += p[i] > 0.5 ? 1 : 0;
            above += p[i] > threshold ? 1 : 0;
            sum += p[i];
            max = Math.max(max, p[i]);
        }
        String warning = v.validationAuc() >= 0.7 ? null : "the verifier separates unseen patients poorly (AUC "
                + String.format(Locale.ROOT, "%.3f", v.validationAuc())
                + "): these features carry little patient identity; use an encoder that does";
        return new Result(p, (double) judged / p.length,
                v.describe().scored(sum / p.length, max, threshold, above, warning));
    }
}
