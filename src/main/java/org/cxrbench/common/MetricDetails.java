package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A metric's diagnostics (a results entry's {@code details}): every key any metric writes, each null (and not
 * written) where it does not apply. Written in key order, as results files always had them (the components are
 * declared in that order); keys this version does not know are ignored when a file is read. Built with
 * {@link #builder()}; the interval's description is its typed part ({@link #interval}, {@link #withInterval}).
 * <ul>
 *   <li>the 95% interval: {@code ci95_estimand}, {@code ci95_method}; a jackknife's {@code standard_error} and
 *       {@code jackknife_groups};</li>
 *   <li>FID: {@code d}, {@code mean_term}, {@code trace_term}, {@code rank_real}, {@code rank_synthetic},
 *       {@code clipped_negative_eigenvalue_mass}, {@code eps_offset_used}; from statistics: {@code d},
 *       {@code from_statistics};</li>
 *   <li>KID: {@code subsets}, {@code subset_size}; PRDC: {@code k}, {@code convention};</li>
 *   <li>CMMD: {@code sigma}, {@code scale}, {@code estimator}; FRD: {@code frechet_distance}, {@code features_used},
 *       {@code features_dropped_constant}; FID-inf: {@code slope}, {@code curvature}, {@code sizes}, {@code fids};</li>
 *   <li>per-label metrics: {@code unreliable} (labels below min_label_count), {@code note}.</li>
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ci95_estimand", "ci95_method", "clipped_negative_eigenvalue_mass", "convention", "curvature", "d",
        "eps_offset_used", "estimator", "features_dropped_constant", "features_used", "fids", "frechet_distance",
        "from_statistics", "jackknife_groups", "k", "mean_term", "note", "rank_real", "rank_synthetic", "scale", "sigma",
        "sizes", "slope", "standard_error", "subset_size", "subsets", "trace_term", "unreliable"})
public record MetricDetails(
        @JsonProperty("ci95_estimand") String ci95Estimand,
        @JsonProperty("ci95_method") String ci95Method,
        @JsonProperty("clipped_negative_eigenvalue_mass") Double clippedNegativeEigenvalueMass,
        @JsonProperty("convention") String convention,
        @JsonProperty("curvature") Double curvature,
        @JsonProperty("d") Integer d,
        @JsonProperty("eps_offset_used") Boolean epsOffsetUsed,
        @JsonProperty("estimator") String estimator,
        @JsonProperty("features_dropped_constant") Integer featuresDroppedConstant,
        @JsonProperty("features_used") Integer featuresUsed,
        @JsonProperty("fids") List<Double> fids,
        @JsonProperty("frechet_distance") Double frechetDistance,
        @JsonProperty("from_statistics") Boolean fromStatistics,
        @JsonProperty("jackknife_groups") Integer jackknifeGroups,
        @JsonProperty("k") Integer k,
        @JsonProperty("mean_term") Double meanTerm,
        @JsonProperty("note") String note,
        @JsonProperty("rank_real") Integer rankReal,
        @JsonProperty("rank_synthetic") Integer rankSynthetic,
        @JsonProperty("scale") Double scale,
        @JsonProperty("sigma") Double sigma,
        @JsonProperty("sizes") List<Integer> sizes,
        @JsonProperty("slope") Double slope,
        @JsonProperty("standard_error") Double standardError,
        @JsonProperty("subset_size") Integer subsetSize,
        @JsonProperty("subsets") Integer subsets,
        @JsonProperty("trace_term") Double traceTerm,
        @JsonProperty("unreliable") List<String> unreliable) {

    /** No diagnostics (the entry has no {@code details}). */
    public static final MetricDetails NONE = builder().build();

    public MetricDetails {
        fids = fids == null ? null : List.copyOf(fids);
        sizes = sizes == null ? null : List.copyOf(sizes);
        unreliable = unreliable == null ? null : List.copyOf(unreliable);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The interval of a {@code ci95} pair with this entry's estimand and method; null when any is missing. */
    public Interval interval(double[] ci95) {
        return Interval.of(ci95, ci95Estimand, ci95Method);
    }

    /** These diagnostics with the interval's estimand and method. */
    public MetricDetails withInterval(Interval ci) {
        return toBuilder().ci95Estimand(ci.estimand()).ci95Method(ci.method()).build();
    }

    /** These diagnostics with a jackknife interval's description: estimand, method, standard error and groups. */
    public MetricDetails withJackknife(String estimand, String method, double standardError, int groups) {
        return toBuilder().ci95Estimand(estimand).ci95Method(method).standardError(standardError).jackknifeGroups(groups)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.ci95Estimand = ci95Estimand;
        b.ci95Method = ci95Method;
        b.clippedNegativeEigenvalueMass = clippedNegativeEigenvalueMass;
        b.convention = convention;
        b.curvature = curvature;
        b.d = d;
        b.epsOffsetUsed = epsOffsetUsed;
        b.estimator = estimator;
        b.featuresDroppedConstant = featuresDroppedConstant;
        b.featuresUsed = featuresUsed;
        b.fids = fids;
        b.frechetDistance = frechetDistance;
        b.fromStatistics = fromStatistics;
        b.jackknifeGroups = jackknifeGroups;
        b.k = k;
        b.meanTerm = meanTerm;
        b.note = note;
        b.rankReal = rankReal;
        b.rankSynthetic = rankSynthetic;
        b.scale = scale;
        b.sigma = sigma;
        b.sizes = sizes;
        b.slope = slope;
        b.standardError = standardError;
        b.subsetSize = subsetSize;
        b.subsets = subsets;
        b.traceTerm = traceTerm;
        b.unreliable = unreliable;
        return b;
    }

    /** Sets the diagnostics that apply, by name; unset ones stay null. */
    public static final class Builder {
        private String ci95Estimand;
        private String ci95Method;
        private Double clippedNegativeEigenvalueMass;
        private String convention;
        private Double curvature;
        private Integer d;
        private Boolean epsOffsetUsed;
        private String estimator;
        private Integer featuresDroppedConstant;
        private Integer featuresUsed;
        private List<Double> fids;
        private Double frechetDistance;
        private Boolean fromStatistics;
        private Integer jackknifeGroups;
        private Integer k;
        private Double meanTerm;
        private String note;
        private Integer rankReal;
        private Integer rankSynthetic;
        private Double scale;
        private Double sigma;
        private List<Integer> sizes;
        private Double slope;
        private Double standardError;
        private Integer subsetSize;
        private Integer subsets;
        private Double traceTerm;
        private List<String> unreliable;

        private Builder() {}

        public Builder ci95Estimand(String v) { ci95Estimand = v; return this; }
        public Builder ci95Method(String v) { ci95Method = v; return this; }
        public Builder clippedNegativeEigenvalueMass(double v) { clippedNegativeEigenvalueMass = v; return this; }
        public Builder convention(String v) { convention = v; return this; }
        public Builder curvature(double v) { curvature = v; return this; }
        public Builder d(int v) { d = v; return this; }
        public Builder epsOffsetUsed(boolean v) { epsOffsetUsed = v; return this; }
        public Builder estimator(String v) { estimator = v; return this; }
        public Builder featuresDroppedConstant(int v) { featuresDroppedConstant = v; return this; }
        public Builder featuresUsed(int v) { featuresUsed = v; return this; }
        public Builder fids(List<Double> v) { fids = v; return this; }
        public Builder frechetDistance(double v) { frechetDistance = v; return this; }
        public Builder fromStatistics(boolean v) { fromStatistics = v; return this; }
        public Builder jackknifeGroups(int v) { jackknifeGroups = v; return this; }
        public Builder k(int v) { k = v; return this; }
        public Builder meanTerm(double v) { meanTerm = v; return this; }
        public Builder note(String v) { note = v; return this; }
        public Builder rankReal(int v) { rankReal = v; return this; }
        public Builder rankSynthetic(int v) { rankSynthetic = v; return this; }
        public Builder scale(double v) { scale = v; return this; }
        public Builder sigma(double v) { sigma = v; return this; }
        public Builder sizes(List<Integer> v) { sizes = v; return this; }
        public Builder slope(double v) { slope = v; return this; }
        public Builder standardError(double v) { standardError = v; return this; }
        public Builder subsetSize(int v) { subsetSize = v; return this; }
        public Builder subsets(int v) { subsets = v; return this; }
        public Builder traceTerm(double v) { traceTerm = v; return this; }
        public Builder unreliable(List<String> v) { unreliable = v; return this; }

        public MetricDetails build() {
            return new MetricDetails(ci95Estimand, ci95Method, clippedNegativeEigenvalueMass, convention, curvature, d,
                    epsOffsetUsed,
                    estimator, featuresDroppedConstant, featuresUsed, fids, frechetDistance, fromStatistics,
                    jackknifeGroups, k, meanTerm, note, rankReal, rankSynthetic, scale, sigma, sizes, slope, standardError,
                    subsetSize, subsets, traceTerm, unreliable);
        }
    }
}
