package org.cxrbench.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The settings of a privacy stage (part of its key, and of the noise floor's): the metrics asked for (comma list;
 * {@code default} for a command given none), the memorisation threshold's quantile, Carlini's reference count, the
 * re-identification encoder and threshold, the seed and, for {@code ./cxrbench privacy} only, the feature encoder.
 *
 * @param encoder the command's {@code --encoder} as given ({@code "null"} when none); left out of a config run's key
 */
public record PrivacySettings(String metrics,
                              @JsonProperty("memorization_quantile") double memorizationQuantile,
                              @JsonProperty("carlini_n") int carliniN,
                              @JsonProperty("reid_encoder") String reidEncoder,
                              @JsonProperty("reid_threshold") double reidThreshold,
                              long seed,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String encoder) {
    /** Writes these settings into a provenance, by their JSON names (the encoder only when given). */
    public void record(org.cxrbench.common.Provenance.Builder prov) {
        prov.setting("metrics", metrics).setting("memorization_quantile", memorizationQuantile)
                .setting("carlini_n", carliniN).setting("reid_encoder", reidEncoder)
                .setting("reid_threshold", reidThreshold).setting("seed", seed);
        if (encoder != null) {
            prov.setting("encoder", encoder);
        }
    }
}
