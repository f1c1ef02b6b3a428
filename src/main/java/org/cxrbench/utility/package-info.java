/**
 * Utility: does synthetic data help a downstream model? Training sets for the conditions real, synthetic (TSTR),
 * mixed and augmented, paired by seed; the linear probe (multi-label L2 logistic regression on z-scored frozen
 * features, scikit-learn's {@code C} convention, deterministic L-BFGS), optionally with F1 thresholds tuned on a
 * validation split; the CNN classifier and the U-Net segmenter (Dice/IoU per structure) trained with the shared DJL
 * loop, with per-(condition, seed) results and epoch checkpoints for resuming; per-seed scores handed to
 * {@code stats} for the comparisons against {@code real}; {@code MaskScoring} scores masks a user already has
 * ({@code score-masks}). The family's stages sit beside it:
 * {@link org.cxrbench.utility.UtilityJob} ({@code ./cxrbench utility}; the CNN and U-Net settings in
 * {@link org.cxrbench.utility.UtilityCnn} and {@link org.cxrbench.utility.UtilitySegment}, the results JSON in
 * {@link org.cxrbench.utility.UtilityResults}), {@link org.cxrbench.utility.StatsJob} ({@code ./cxrbench stats}),
 * a config run's {@code utility:} block ({@link org.cxrbench.utility.ConfigUtility}) and its testing family across
 * generators ({@link org.cxrbench.utility.UtilityFamily}). Runs on {@code pipeline}; never another family or
 * {@code report}.
 */
package org.cxrbench.utility;
