package org.cxrbench.stats;

import java.util.List;

/**
 * One row of the comparisons table: condition against baseline on one metric (of one data set), the t-test, and the
 * p-value adjusted over the whole family.
 *
 * @param dataset       the data set ("" when the run has one)
 * @param seeds         the seeds used (the matched seeds for the paired test; the condition's seeds for Welch)
 * @param test          the t-test, whose CI is the two-sided 95% CI of meanDiff
 * @param pAdjusted     p adjusted by the family's correction
 * @param significant   rejected at alpha by the family's correction
 * @param warnings      e.g. fewer than 5 seeds
 */
public record Comparison(String dataset, String condition, String baseline, String metric, List<Integer> seeds,
                         double conditionMean, double baselineMean, TTestResult test, double pAdjusted, boolean significant,
                         List<String> warnings) {
    public double meanDiff() {
        return test.meanDiff();
    }

    public double p() {
        return test.p();
    }
}
