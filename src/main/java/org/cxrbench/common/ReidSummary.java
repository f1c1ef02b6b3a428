package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What patient re-identification measured on one synthetic set: the same-patient verifier (its model, validation AUC
 * on unseen patients, the patients and pairs it was fitted on, its coefficients) and what it judged on the synthetic
 * images; or why it could not run ({@code unavailable}). The privacy command writes it as {@code reid}; a config run
 * writes only its {@code validation_auc} (as {@code reid_verifier_auc}, {@code noise_floor_reid_verifier_auc}).
 * Fields that were not measured are null and left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"model", "validation_auc", "fit_patients", "validation_patients", "fit_pairs", "intercept",
    "slope_per_scaled_distance", "distance_scale", "mean_probability", "max_probability", "threshold",
    "count_above_threshold", "warning", "unavailable"})
public record ReidSummary(@JsonProperty("model") String model, @JsonProperty("validation_auc") Double validationAuc,
                          @JsonProperty("fit_patients") Integer fitPatients,
                          @JsonProperty("validation_patients") Integer validationPatients,
                          @JsonProperty("fit_pairs") Integer fitPairs, @JsonProperty("intercept") Double intercept,
                          @JsonProperty("slope_per_scaled_distance") Double slopePerScaledDistance,
                          @JsonProperty("distance_scale") Double distanceScale,
                          @JsonProperty("mean_probability") Double meanProbability,
                          @JsonProperty("max_probability") Double maxProbability,
                          @JsonProperty("threshold") Double threshold,
                          @JsonProperty("count_above_threshold") Integer countAboveThreshold,
                          @JsonProperty("warning") String warning, @JsonProperty("unavailable") String unavailable) {

    /** Not measured (not asked for, or no image inputs): every field null. */
    public static final ReidSummary NONE = unavailable(null);

    /** Re-identification could not run, for {@code reason}. */
    public static ReidSummary unavailable(String reason) {
        return new ReidSummary(null, null, null, null, null, null, null, null, null, null, null, null, null, reason);
    }

    /** A fitted verifier's description (model, AUC, fit sizes, coefficients), before it scored a set. */
    public static ReidSummary verifier(String model, double validationAuc, int fitPatients, int validationPatients,
                                       int fitPairs, double intercept, double slope, double scale) {
        return new ReidSummary(model, validationAuc, fitPatients, validationPatients, fitPairs, intercept, slope, scale,
                null, null, null, null, null, null);
    }

    /** Only a verifier's validation AUC (null: not measured), as a config run's results keep it. */
    public static ReidSummary auc(Double validationAuc) {
        return new ReidSummary(null, validationAuc, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** This verifier's description with what it judged on a synthetic set. */
    public ReidSummary scored(double meanProbability, double maxProbability, double threshold, int countAboveThreshold,
                              String warning) {
        return new ReidSummary(model, validationAuc, fitPatients, validationPatients, fitPairs, intercept,
                slopePerScaledDistance, distanceScale, meanProbability, maxProbability, threshold, countAboveThreshold,
                warning, unavailable);
    }
}
