/**
 * Privacy: nearest-neighbour checks of every synthetic image against the real training set (DCR, NNDR, exact and
 * memorised copies with a data-calibrated threshold, Carlini ratio, identifiability, holdout share) and patient
 * re-identification with a calibrated same-patient verifier. {@code PrivacyIntervals} adds the 95%
 * intervals of the counts and distance quantiles (Wilson, order statistics; metrics/privacy.md). The kernels import {@code linalg}, {@code stats} and
 * {@code common}; beside them the family's stages: {@link org.cxrbench.privacy.PrivacyJob} ({@code ./cxrbench privacy},
 * which measures and returns what the renderings in {@code run} draw), {@link org.cxrbench.privacy.PrivacyStages} (a
 * config run's privacy stages, the real side made once and shared by every generator) and
 * {@link org.cxrbench.privacy.PixelCopies} (pixel-space copies), on {@code pipeline}; never another family or {@code report}.
 */
package org.cxrbench.privacy;
