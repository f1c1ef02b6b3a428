package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The fidelity command's permutation test of two generators against the same real set ({@code kid_difference}):
 * the difference of their unbiased MMD² to the real set, its permutation p-value, and the rows used.
 *
 * @param note how the rows were subsampled, or null when every row was used
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"value", "p_value", "permutations", "statistic", "n_real", "n_synthetic", "n_compare_with", "note"})
public record KidDifference(@JsonProperty("value") double value, @JsonProperty("p_value") double pValue,
                            @JsonProperty("permutations") int permutations,
                            @JsonProperty("statistic") String statistic, @JsonProperty("n_real") int nReal,
                            @JsonProperty("n_synthetic") int nSynthetic,
                            @JsonProperty("n_compare_with") int nCompareWith,
                            @JsonProperty("note") @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}
