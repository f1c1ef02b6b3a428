/**
 * Fidelity metrics on image features: FID (three documented routes), KID (unbiased MMD², cubic kernel),
 * precision/recall (Kynkäänniemi et al.) and density/coverage (Naeem et al.); 95% intervals for FID, KID and FID∞
 * from a delete-a-group jackknife ({@code Bootstrap}; for FID and KID less its second-order excess, from balanced
 * half-samples, {@code HalfSamples}; FID∞'s leave-out values in {@code FidInfinity}), for the four
 * k-NN statistics from a two-part delete-d jackknife variance ({@code PrdcIntervals.prdc}; every subset's values in one
 * pass, {@code PrdcSubsample}),
 * the estimand stated in each result.
 * The kernels are pure functions of {@link org.cxrbench.linalg.Features} (they import only {@code linalg}, {@code stats}
 * and {@code common}); beside them the family's stages: {@link org.cxrbench.fidelity.FidelityJob} ({@code ./cxrbench
 * fidelity}), {@link org.cxrbench.fidelity.FidelityStages} (a config run's fidelity stages and the one
 * {@code measure} both use; their key settings {@link org.cxrbench.fidelity.FidelitySettings}) and
 * {@link org.cxrbench.fidelity.StatsCache} (real-set statistics on disk), which run on
 * {@code pipeline} (inputs, run context) and never use another family or {@code report}.
 */
package org.cxrbench.fidelity;
