package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The privacy command's checks in pixel space ({@code pixel_space}): how the images were reduced, the DCR summaries
 * there (per-pixel RMS differences) and the synthetic images whose decoded pixels equal a training image's.
 *
 * @param memorized the memorised count in pixel space; null without a holdout
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"space", "dcr_min", "dcr_p5", "dcr_median", "memorized", "identical_pixel_copies"})
public record PixelSpace(@JsonProperty("space") String space, @JsonProperty("dcr_min") double dcrMin,
                         @JsonProperty("dcr_p5") double dcrP5, @JsonProperty("dcr_median") double dcrMedian,
                         @JsonProperty("memorized") Integer memorized,
                         @JsonProperty("identical_pixel_copies") long identicalPixelCopies) {}
