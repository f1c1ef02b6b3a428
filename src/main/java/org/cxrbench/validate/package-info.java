/**
 * {@code validate}: controlled flaws (blur, Gaussian noise, Poisson noise, contrast, gamma, JPEG, down-up sampling,
 * shifts, burned-in text, memorisation, mode collapse, shuffled labels, off-topic images) made in memory from the
 * user's own real images at graded strengths, measured with the fidelity and privacy metrics on each encoder against
 * a patient-disjoint reference half, beside the equal-N real-vs-real floor; per (flaw, metric, encoder) a verdict,
 * and the quality filter's flagged shares and false rejection. Writes validate.json (the
 * {@link org.cxrbench.validate.ValidateResults} record, one Jackson binding), validate.csv and report.html.
 * Each distinct image is encoded once per encoder and judged once per run ({@code SetEncoding}, {@code MemoJudge});
 * the run's parallel loops use the command's workers, and its results are the same bits at any thread count and
 * cache state ({@code ValidateThreadsTest}).
 */
package org.cxrbench.validate;
