package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One synthetic image and its closest training image as the results keep it ({@code closest_pairs}): the two ids,
 * the distance and whether it counts as memorised (null without a holdout to calibrate the threshold); no paths.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"synthetic_id", "train_id", "dcr", "memorized"})
public record ClosestPair(@JsonProperty("synthetic_id") String syntheticId, @JsonProperty("train_id") String trainId,
                          @JsonProperty("dcr") double dcr, @JsonProperty("memorized") Boolean memorized) {}
