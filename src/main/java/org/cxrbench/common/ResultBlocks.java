package org.cxrbench.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed blocks an evaluation (or one generator of it) carries beside its metrics, each null when absent; written
 * and read by {@link ResultsJson} under the keys below, in this order.
 *
 * @param summary              {@code summary}: the privacy command's summary (with its re-id score and pixel copies)
 * @param reid                 {@code reid}: the privacy command's re-identification description
 * @param pixelSpace           {@code pixel_space}: the privacy command's pixel-space checks
 * @param reidVerifier         {@code reid_verifier_auc}: a config run's privacy stage keeps only the verifier's AUC
 *                             (written null when the stage ran without re-id)
 * @param privacySummary       {@code privacy_summary}: a config run's privacy stage summary
 * @param dcr                  {@code histogram_dcr}: distances of the synthetic images to their closest training image
 * @param dcrHoldout           {@code histogram_dcr_holdout}: their distances to the closest real holdout image
 * @param closestPairs         {@code closest_pairs}: the closest synthetic-training pairs
 * @param filter               {@code filter}: what the quality filter did to the generator's images
 * @param metricsUnfiltered    {@code metrics_unfiltered}: the same metrics on the images before the filter
 * @param closestPairsUnfiltered {@code closest_pairs_unfiltered}: closest pairs before the filter (it left none)
 * @param utility              {@code utility}: the utility stage's block
 * @param kidDifference        {@code kid_difference}: the fidelity command's permutation test against a second set
 * @param noiseFloorReidVerifier {@code noise_floor_reid_verifier_auc}: the AUC of the floor's re-id verifier
 *                             (written null when the floor ran without re-id)
 * @param utilityFamily        {@code utility_family}: the run-wide utility testing family
 * @param stages               {@code stages}: a config run's stages, one line each
 * @param stageRuns            {@code stage_runs}: which stages a config run computed and which it reused
 */
public record ResultBlocks(PrivacySummary summary, ReidSummary reid, PixelSpace pixelSpace, ReidSummary reidVerifier,
                           PrivacySummary privacySummary, Histogram dcr, Histogram dcrHoldout,
                           List<ClosestPair> closestPairs, FilterCounts filter,
                           Map<String, MetricResult> metricsUnfiltered, List<ClosestPair> closestPairsUnfiltered,
                           UtilityResult utility, KidDifference kidDifference,
                           ReidSummary noiseFloorReidVerifier, UtilityFamilyBlock utilityFamily, List<String> stages,
                           StageRuns stageRuns) {
    /** No blocks. */
    public static final ResultBlocks NONE = builder().build();

    public ResultBlocks {
        closestPairs = closestPairs == null ? null : List.copyOf(closestPairs);
        metricsUnfiltered = frozen(metricsUnfiltered);
        closestPairsUnfiltered = closestPairsUnfiltered == null ? null : List.copyOf(closestPairsUnfiltered);
        stages = stages == null ? null : List.copyOf(stages);
    }

    /** Which stages of a config run were computed and which reused from the stage cache. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"computed", "reused"})
    public record StageRuns(@com.fasterxml.jackson.annotation.JsonProperty("computed") List<String> computed,
                            @com.fasterxml.jackson.annotation.JsonProperty("reused") List<String> reused) {
        public StageRuns {
            computed = List.copyOf(computed);
            reused = List.copyOf(reused);
        }
    }

    /** An unmodifiable copy, in the map's iteration order (the order it is written in). */
    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * The map in the order it is to be written: its own order when it has one (a {@code LinkedHashMap}, as read back
     * from a file), else its keys sorted, and so for every map inside it ({@link Json#ordered}). The builder orders
     * what it is given; a built block keeps that order through {@link #toBuilder}.
     */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null ? null : (Map<String, V>) Json.ordered(m);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these blocks, to add or replace some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.summary = summary;
        b.reid = reid;
        b.pixelSpace = pixelSpace;
        b.reidVerifier = reidVerifier;
        b.privacySummary = privacySummary;
        b.dcr = dcr;
        b.dcrHoldout = dcrHoldout;
        b.closestPairs = closestPairs;
        b.filter = filter;
        b.metricsUnfiltered = metricsUnfiltered;
        b.closestPairsUnfiltered = closestPairsUnfiltered;
        b.utility = utility;
        b.kidDifference = kidDifference;
        b.noiseFloorReidVerifier = noiseFloorReidVerifier;
        b.utilityFamily = utilityFamily;
        b.stages = stages;
        b.stageRuns = stageRuns;
        return b;
    }

    /** Builds {@link ResultBlocks}; every block starts absent. */
    public static final class Builder {
        private PrivacySummary summary;
        private ReidSummary reid;
        private PixelSpace pixelSpace;
        private ReidSummary reidVerifier;
        private PrivacySummary privacySummary;
        private Histogram dcr;
        private Histogram dcrHoldout;
        private List<ClosestPair> closestPairs;
        private FilterCounts filter;
        private Map<String, MetricResult> metricsUnfiltered;
        private List<ClosestPair> closestPairsUnfiltered;
        private UtilityResult utility;
        private KidDifference kidDifference;
        private ReidSummary noiseFloorReidVerifier;
        private UtilityFamilyBlock utilityFamily;
        private List<String> stages;
        private StageRuns stageRuns;

        private Builder() {}

        public Builder summary(PrivacySummary v) {
            summary = v;
            return this;
        }

        public Builder reid(ReidSummary v) {
            reid = v;
            return this;
        }

        public Builder pixelSpace(PixelSpace v) {
            pixelSpace = v;
            return this;
        }

        public Builder reidVerifier(ReidSummary v) {
            reidVerifier = v;
            return this;
        }

        public Builder privacySummary(PrivacySummary v) {
            privacySummary = v;
            return this;
        }

        public Builder dcr(Histogram v) {
            dcr = v;
            return this;
        }

        public Builder dcrHoldout(Histogram v) {
            dcrHoldout = v;
            return this;
        }

        public Builder closestPairs(List<ClosestPair> v) {
            closestPairs = v;
            return this;
        }

        public Builder filter(FilterCounts v) {
            filter = v;
            return this;
        }

        public Builder metricsUnfiltered(Map<String, MetricResult> v) {
            metricsUnfiltered = ordered(v);
            return this;
        }

        public Builder closestPairsUnfiltered(List<ClosestPair> v) {
            closestPairsUnfiltered = v;
            return this;
        }

        public Builder utility(UtilityResult v) {
            utility = v;
            return this;
        }

        public Builder kidDifference(KidDifference v) {
            kidDifference = v;
            return this;
        }

        public Builder noiseFloorReidVerifier(ReidSummary v) {
            noiseFloorReidVerifier = v;
            return this;
        }

        public Builder utilityFamily(UtilityFamilyBlock v) {
            utilityFamily = v;
            return this;
        }

        public Builder stages(List<String> v) {
            stages = v;
            return this;
        }

        public Builder stageRuns(StageRuns v) {
            stageRuns = v;
            return this;
        }

        public ResultBlocks build() {
            return new ResultBlocks(summary, reid, pixelSpace, reidVerifier, privacySummary, dcr, dcrHoldout,
                    closestPairs, filter, metricsUnfiltered, closestPairsUnfiltered, utility, kidDifference,
                    noiseFloorReidVerifier, utilityFamily, stages, stageRuns);
        }
    }
}
