/**
 * Utility: does synthetic data help a downstream model? Training sets for the conditions real, synthetic (TSTR),
 * mixed and augmented, paired by seed; the linear probe (multi-label L2 logistic regression on z-scored frozen
 * features, scikit-learn's {@code C} convention, deterministic L-BFGS); per-seed scores handed to {@code stats}
 * for the comparisons against {@code real}.
 */
package org.cxrbench.utility;
