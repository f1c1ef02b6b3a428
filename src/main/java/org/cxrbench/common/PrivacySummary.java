package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The typed summary of one synthetic set against the real training set: the registry's privacy values and their
 * diagnostics (metrics/privacy.md). Groups that need an input the run lacked (the holdout, identifiability, the Carlini
 * ratio) are null. The results carry it as {@code privacy_summary} (a config run's generator) or {@code summary} (the
 * privacy command, with its re-id score and pixel-identical copies added): one flat object, bound by
 * {@link Written}, the one layout written and read.
 *
 * @param identifiability           synthcity's identifiability score, or null when not computed
 * @param realToSyntheticNnDistanceMean the mean distance of a training row to its nearest synthetic row (with
 *                                  identifiability)
 * @param nndrMedian                the median of the defined NNDRs; null when none is defined
 * @param unavailableWithoutHoldout the keys the holdout would have given, when it was asked for and absent; else null
 * @param reidScore                 the privacy command's re-identification score, or null
 * @param exactCopiesPixels         the privacy command's pixel-identical copies, or null
 */
public record PrivacySummary(int nTrain, int nSynthetic, double dcrMin, double dcrP5, double dcrP5NearestRank,
                             double dcrMedian, double dcrMean, long exactCopies, Double nndrMedian, int nndrUndefined,
                             Carlini carlini, Double identifiability, Double realToSyntheticNnDistanceMean, Holdout holdout,
                             List<String> unavailableWithoutHoldout, Double reidScore, Long exactCopiesPixels) {
    /** How the percentiles are taken (written beside them). */
    public static final String PERCENTILES = "linear (numpy default, Hyndman-Fan type 7); dcr_p5_nearest_rank: ceil(p n)-th smallest";

    public PrivacySummary {
        unavailableWithoutHoldout = unavailableWithoutHoldout == null ? null : List.copyOf(unavailableWithoutHoldout);
    }

    /** Carlini et al.'s ratio: median, count below 1/3, neighbours averaged. */
    public record Carlini(double median, long belowOneThird, int n) {}

    /** What the holdout set adds: closer share and score, the memorisation threshold and count. */
    public record Holdout(double closerShare, double score, double dcrHoldoutMedian, int memorized,
                          double memorizedFraction, double threshold, String rule, double holdoutDcrToTrainMedian,
                          String note) {}

    /** The same summary with the privacy command's additions (either may be null). */
    public PrivacySummary withCommandAdditions(Double reid, Long pixelCopies) {
        return new PrivacySummary(nTrain, nSynthetic, dcrMin, dcrP5, dcrP5NearestRank, dcrMedian, dcrMean, exactCopies,
                nndrMedian, nndrUndefined, carlini, identifiability, realToSyntheticNnDistanceMean, holdout,
                unavailableWithoutHoldout, reid, pixelCopies);
    }

    @JsonValue
    Written written() {
        Carlini c = carlini;
        Holdout h = holdout;
        return new Written(nTrain, nSynthetic, dcrMin, dcrP5, dcrP5NearestRank, dcrMedian, dcrMean, PERCENTILES,
                exactCopies, nndrMedian, nndrUndefined, c == null ? null : c.median(),
                c == null ? null : c.belowOneThird(), c == null ? null : c.n(), identifiability,
                identifiability == null ? null : realToSyntheticNnDistanceMean, h == null ? null : h.closerShare(),
                h == null ? null : h.score(), h == null ? null : h.dcrHoldoutMedian(), h == null ? null : h.memorized(),
                h == null ? null : h.memorizedFraction(), h == null ? null : h.threshold(), h == null ? null : h.rule(),
                h == null ? null : h.holdoutDcrToTrainMedian(), h == null ? null : h.note(),
                h == null ? unavailableWithoutHoldout : null, reidScore, exactCopiesPixels);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PrivacySummary read(Written w) {
        Carlini c = w.carliniN() == null ? null
                : new Carlini(w.carliniRatioMedian(), w.carliniBelowOneThird(), w.carliniN());
        Holdout h = w.memorized() == null ? null : new Holdout(w.holdoutCloserShare(), w.holdoutScore(),
                w.dcrHoldoutMedian(), w.memorized(), w.memorizedFraction(), w.memorizationThreshold(),
                w.memorizationRule(), w.holdoutDcrToTrainMedian(), w.memorizationNote());
        return new PrivacySummary(w.nTrain(), w.nSynthetic(), w.dcrMin(), w.dcrP5(), w.dcrP5NearestRank(),
                w.dcrMedian(), w.dcrMean(), w.exactCopies(), w.nndrMedian(), w.nndrUndefined(), c, w.identifiability(),
                w.realToSyntheticNnDistanceMean(), h,
                w.unavailableWithoutHoldout(), w.reidScore(), w.exactCopiesPixels());
    }

    /** The written layout: one flat object, groups that were not computed left out ({@code nndr_median} may be null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"n_train", "n_synthetic", "dcr_min", "dcr_p5", "dcr_p5_nearest_rank", "dcr_median", "dcr_mean",
        "percentile_definition", "exact_copies", "nndr_median", "nndr_undefined", "carlini_ratio_median",
        "carlini_below_one_third", "carlini_n", "identifiability", "real_to_synthetic_nn_distance_mean",
        "holdout_closer_share", "holdout_score", "dcr_holdout_median", "memorized", "memorized_fraction",
        "memorization_threshold", "memorization_rule", "holdout_dcr_to_train_median", "memorization_note",
        "unavailable_without_holdout", "reid_score", "exact_copies_pixels"})
    record Written(@JsonProperty("n_train") int nTrain, @JsonProperty("n_synthetic") int nSynthetic,
                   @JsonProperty("dcr_min") double dcrMin, @JsonProperty("dcr_p5") double dcrP5,
                   @JsonProperty("dcr_p5_nearest_rank") double dcrP5NearestRank,
                   @JsonProperty("dcr_median") double dcrMedian, @JsonProperty("dcr_mean") double dcrMean,
                   @JsonProperty("percentile_definition") String percentileDefinition,
                   @JsonProperty("exact_copies") long exactCopies,
                   @JsonProperty("nndr_median") @JsonInclude(JsonInclude.Include.ALWAYS) Double nndrMedian,
                   @JsonProperty("nndr_undefined") int nndrUndefined,
                   @JsonProperty("carlini_ratio_median") Double carliniRatioMedian,
                   @JsonProperty("carlini_below_one_third") Long carliniBelowOneThird,
                   @JsonProperty("carlini_n") Integer carliniN,
                   @JsonProperty("identifiability") Double identifiability,
                   @JsonProperty("real_to_synthetic_nn_distance_mean") Double realToSyntheticNnDistanceMean,
                   @JsonProperty("holdout_closer_share") Double holdoutCloserShare,
                   @JsonProperty("holdout_score") Double holdoutScore,
                   @JsonProperty("dcr_holdout_median") Double dcrHoldoutMedian,
                   @JsonProperty("memorized") Integer memorized,
                   @JsonProperty("memorized_fraction") Double memorizedFraction,
                   @JsonProperty("memorization_threshold") Double memorizationThreshold,
                   @JsonProperty("memorization_rule") String memorizationRule,
                   @JsonProperty("holdout_dcr_to_train_median") Double holdoutDcrToTrainMedian,
                   @JsonProperty("memorization_note") String memorizationNote,
                   @JsonProperty("unavailable_without_holdout") List<String> unavailableWithoutHoldout,
                   @JsonProperty("reid_score") Double reidScore,
                   @JsonProperty("exact_copies_pixels") Long exactCopiesPixels) {}
}
