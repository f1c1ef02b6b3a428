package org.cxrbench.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The settings of an encode stage (part of its key): the encoder (its fingerprint in a config run, the spec as given
 * for {@code ./cxrbench encode}) and, for a config run under the skip-bad policy, {@code skip_bad: true}, so that a
 * run without the policy never reuses that stage's output. Left out when null: a run without the policy keys its
 * stage by the encoder alone.
 */
public record EncodeSettings(String encoder,
                             @JsonProperty("skip_bad") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean skipBad) {
    /** The encode stage of a run without the skip-bad policy (and of {@code ./cxrbench encode}). */
    public static EncodeSettings of(String encoder) {
        return new EncodeSettings(encoder, null);
    }

    /** The encode stage under the skip-bad policy ({@link BadImageStage}). */
    public static EncodeSettings skippingBad(String encoder) {
        return new EncodeSettings(encoder, true);
    }
}
