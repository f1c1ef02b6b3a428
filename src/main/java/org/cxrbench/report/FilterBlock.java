package org.cxrbench.report;

import java.util.Map;

/**
 * What the quality filter did to one generator's images, as written: kept and removed counts, the count per
 * verdict, and (when present) the count per verdict and pathology.
 */
public record FilterBlock(Long kept, Long removed, Map<String, Long> perVerdict,
                          Map<String, Map<String, Long>> perVerdictAndLabel) {
    public FilterBlock {
        perVerdict = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perVerdict));
        perVerdictAndLabel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perVerdictAndLabel));
    }
}
