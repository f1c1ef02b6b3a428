package org.cxrbench.report;

import java.util.List;
import java.util.Map;

/**
 * What the quality filter did to one generator's images, as written: total, kept and removed counts, the count
 * per verdict, (when present) the count per verdict and pathology, the verdicts the run removed (when the judge
 * block names them), and the generator's metrics before filtering ("metrics_unfiltered", empty when absent).
 */
public record FilterBlock(Long total, Long kept, Long removed, Map<String, Long> perVerdict,
                          Map<String, Map<String, Long>> perVerdictAndLabel, List<String> removedVerdicts,
                          Map<String, MetricEntry> unfiltered) {
    public FilterBlock {
        perVerdict = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perVerdict));
        perVerdictAndLabel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perVerdictAndLabel));
        removedVerdicts = removedVerdicts == null ? null : List.copyOf(removedVerdicts);
        unfiltered = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                unfiltered == null ? Map.of() : unfiltered));
    }

    public FilterBlock(Long kept, Long removed, Map<String, Long> perVerdict,
                       Map<String, Map<String, Long>> perVerdictAndLabel) {
        this(null, kept, removed, perVerdict, perVerdictAndLabel, null, Map.of());
    }

    /**
     * The verdicts the filter removed: as the judge block names them ("remove", or the complement of "keep"), else
     * the default policy (low, not-relevant) when its counts add up to "removed"; null when unknown.
     */
    public List<String> removedOrInferred() {
        if (removedVerdicts != null) {
            return removedVerdicts;
        }
        List<String> dflt = List.of("low", "not-relevant");
        if (removed != null && dflt.stream().allMatch(perVerdict::containsKey)
                && dflt.stream().mapToLong(perVerdict::get).sum() == removed) {
            return dflt;
        }
        return null;
    }
}
