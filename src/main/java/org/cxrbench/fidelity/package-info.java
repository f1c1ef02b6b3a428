/**
 * Fidelity metrics on image features: FID (three documented routes), KID (unbiased MMD², cubic kernel),
 * precision/recall (Kynkäänniemi et al.) and density/coverage (Naeem et al.); 95% intervals for FID and KID from
 * a delete-a-group jackknife ({@code Bootstrap}, estimand stated in each result).
 * Pure functions of {@link org.cxrbench.linalg.Features}; imports {@code linalg}, {@code stats} and {@code common}.
 */
package org.cxrbench.fidelity;
