package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The settings that define a metric's number (a results entry's {@code params}): each is null when it does not
 * apply to the metric and is then not written. Written in key order (the order results files have always had; the
 * components are declared in that order); keys this version does not know are ignored when a file is read.
 *
 * @param bootstrap     {@code --bootstrap}: 0 (no interval) or the requested resamples (jackknife groups, capped)
 * @param fidRoute      FID's matrix square-root route ({@code symmetric}, {@code eigen}, ...)
 * @param k             PRDC's nearest-neighbour k
 * @param kidSubsetRule how KID's subsets are drawn ({@code lcg}, ...)
 * @param kidSubsetSize KID's subset size as used
 * @param kidSubsets    the number of KID subsets
 * @param minLabelCount the per-label metrics' reliability threshold (images per side)
 * @param prdcConvention PRDC's ball membership: {@code <} (strict) or {@code <=}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bootstrap", "fid_route", "k", "kid_subset_rule", "kid_subset_size", "kid_subsets", "min_label_count",
        "prdc_convention"})
public record MetricParams(@JsonProperty("bootstrap") Integer bootstrap, @JsonProperty("fid_route") String fidRoute,
                           @JsonProperty("k") Integer k, @JsonProperty("kid_subset_rule") String kidSubsetRule,
                           @JsonProperty("kid_subset_size") Integer kidSubsetSize,
                           @JsonProperty("kid_subsets") Integer kidSubsets,
                           @JsonProperty("min_label_count") Integer minLabelCount,
                           @JsonProperty("prdc_convention") String prdcConvention) {
    /** No parameters (the entry has no {@code params}). */
    public static final MetricParams NONE = new MetricParams(null, null, null, null, null, null, null, null);

    /** FID's and FID-inf's: the square-root route and the interval setting. */
    public static MetricParams fid(String fidRoute, Integer bootstrap) {
        return new MetricParams(bootstrap, fidRoute, null, null, null, null, null, null);
    }

    /** KID's: the subsets and the interval setting. */
    public static MetricParams kid(int subsets, int subsetSize, String subsetRule, int bootstrap) {
        return new MetricParams(bootstrap, null, null, subsetRule, subsetSize, subsets, null, null);
    }

    /** Precision's, recall's, density's and coverage's: k, the ball convention and the interval setting. */
    public static MetricParams prdc(int k, String convention, int bootstrap) {
        return new MetricParams(bootstrap, null, k, null, null, null, null, convention);
    }

    /** The per-label metrics': the reliability threshold. */
    public static MetricParams perLabel(int minLabelCount) {
        return new MetricParams(null, null, null, null, null, null, minLabelCount, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }
}
