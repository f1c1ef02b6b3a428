/**
 * Statistics: percentiles with stated definitions, seeded sampling, ROC AUC, and the statistics of utility runs.
 *
 * <p>Utility statistics (metric card: {@code metrics/utility-statistics.md}):
 * <ul>
 *   <li>{@link org.cxrbench.stats.TStatistics}: paired, Welch and Student t-tests of a condition against a baseline with
 *       an {@link org.cxrbench.stats.Alternative} (default "greater": the condition beats the baseline), giving a
 *       {@link org.cxrbench.stats.TTestResult} with t, df, p and the two-sided 95% CI of the mean difference from the same
 *       t distribution (Commons Math's {@code TDistribution});</li>
 *   <li>{@link org.cxrbench.stats.MultipleTesting}: Bonferroni and Holm adjustment over a declared family
 *       ({@link org.cxrbench.stats.Correction});</li>
 *   <li>{@link org.cxrbench.stats.Comparisons}: rows {@link org.cxrbench.stats.Score}(condition, seed, metric, value)
 *       to a {@link org.cxrbench.stats.ComparisonTable} of {@link org.cxrbench.stats.Comparison}s, each condition
 *       against the baseline per metric (and data set), paired by seed or Welch ({@link org.cxrbench.stats.TTestKind}),
 *       the family being every comparison of the run; {@code toJson()} is the contract's Stats JSON, typed
 *       ({@link org.cxrbench.common.StatsResult}, rows {@link org.cxrbench.common.ComparisonRow});</li>
 *   <li>{@link org.cxrbench.stats.Bootstrap}: a seeded paired bootstrap percentile CI over test images;</li>
 *   <li>{@link org.cxrbench.stats.SkewCorrectedMean}: Hall's (1992) skewness-corrected t interval of a mean over seeds
 *       (a utility condition's metric; {@code TStatistics.meanCi95} is the plain t interval), and
 *       {@link org.cxrbench.stats.QuantileInterval}: the order-statistic interval of a population quantile (privacy's
 *       distance medians), and {@link org.cxrbench.stats.Proportions}: the Wilson interval of a binomial share (privacy's per-image
 *       shares);</li>
 *   <li>{@link org.cxrbench.stats.ClassificationScores}: per-label and macro/micro F1 at a threshold and per-label and
 *       macro AUROC, with uncertain (-1) and blank labels masked;</li>
 *   <li>{@link org.cxrbench.stats.SegmentationScores}: Dice and IoU per structure with MONAI's empty-mask
 *       conventions;</li>
 *   <li>{@link org.cxrbench.stats.UtilityMetrics}: the utility family's metric functions, bound to the registry's
 *       declarations; both score results' {@code metrics()} go through them;</li>
 *   <li>{@link org.cxrbench.stats.ReportedTTestCheck}: the degrees of freedom a published (mean, 95% CI, one-tailed p)
 *       implies, and whether CI and p agree.</li>
 * </ul>
 * Depends on {@code common} and Commons Math only. API misuse and bad values throw
 * {@link java.lang.IllegalArgumentException} naming the values; the pipeline turns them into bad-input errors.
 */
package org.cxrbench.stats;
