/**
 * Utility: does synthetic data help a downstream model? Training sets for the conditions real, synthetic (TSTR),
 * mixed and augmented, paired by seed; the linear probe (multi-label L2 logistic regression on z-scored frozen
 * features, scikit-learn's {@code C} convention, deterministic L-BFGS), optionally with F1 thresholds tuned on a
 * validation split; the CNN classifier and the U-Net segmenter (Dice/IoU per structure) trained with the shared DJL
 * loop, with per-(condition, seed) results and epoch checkpoints for resuming; per-seed scores handed to
 * {@code stats} for the comparisons against {@code real}; {@code MaskScoring} scores masks a user already has
 * ({@code score-masks}). The family's stages sit beside it:
 * {@link org.cxrbench.utility.UtilityJob} ({@code ./cxrbench utility}; the CNN and U-Net settings in
 * {@link org.cxrbench.utility.UtilityCnn} and {@link org.cxrbench.utility.UtilitySegment}, the results built by
 * {@link org.cxrbench.utility.UtilityResults}), {@link org.cxrbench.utility.StatsJob} ({@code ./cxrbench stats}),
 * a config run's {@code utility:} block ({@link org.cxrbench.utility.ConfigUtility}: the encoded sets handed over in
 * memory) and its testing family across generators ({@link org.cxrbench.utility.UtilityFamily}: each generator's
 * block corrected over the run's family is a new record). The results are one typed, deeply immutable model written
 * and read by the same Jackson binding: {@link org.cxrbench.common.UtilityResult} (the utility JSON, a config
 * run's {@code generators.<g>.utility} and its stored stage output) with {@link org.cxrbench.common.TrainingRun}
 * per (condition, seed), {@code common}'s {@link org.cxrbench.common.SeedMetric} and
 * {@link org.cxrbench.common.ComparisonRow}, and {@code stats}' {@link org.cxrbench.common.StatsResult}. Runs on
 * {@code pipeline}; never another family or {@code report}.
 */
package org.cxrbench.utility;
