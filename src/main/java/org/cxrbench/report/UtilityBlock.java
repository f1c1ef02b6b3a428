package org.cxrbench.report;

import java.util.List;

/**
 * A generator's utility block: the one-tailed comparisons of each condition against the baseline, as the stats
 * stage wrote them (mean difference, its CI, raw and adjusted p, significance), and the correction used.
 */
public record UtilityBlock(String correction, Double alpha, Integer familySize, List<Comparison> comparisons) {
    public UtilityBlock {
        comparisons = List.copyOf(comparisons);
    }

    /** One row of the stats JSON's "comparisons". */
    public record Comparison(String condition, String metric, Double meanDiff, double[] ci95, Double p,
                             Double pAdjusted, Boolean significant) {}
}
