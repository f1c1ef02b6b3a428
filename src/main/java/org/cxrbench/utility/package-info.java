/**
 * Utility: does synthetic data help a downstream model? Training sets for the conditions real, synthetic (TSTR),
 * mixed and augmented, paired by seed; the linear probe (multi-label L2 logistic regression on z-scored frozen
 * features, scikit-learn's {@code C} convention, deterministic L-BFGS), optionally with F1 thresholds tuned on a
 * validation split; the CNN classifier and the U-Net segmenter (Dice/IoU per structure) trained with the shared DJL
 * loop, with per-(condition, seed) results and epoch checkpoints for resuming; per-seed scores handed to
 * {@code stats} for the comparisons against {@code real}; {@code MaskScoring} scores masks a user already has
 * ({@code score-masks}).
 */
package org.cxrbench.utility;
