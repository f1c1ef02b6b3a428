/**
 * The quality filter: judges (builtin, vlm, labels-file, onnx) give every synthetic image a verdict ({@code high},
 * {@code medium}, {@code low}, {@code not-relevant}) with a score and a reason, as SynthCheX-75K did with a medical
 * VLM; one shared parser turns free-text answers into verdicts; the writer keeps the images a removal policy
 * allows, atomically, with judgements.csv and summary.json ({@link org.cxrbench.filter.FilterSummary}, the judge's
 * {@link org.cxrbench.filter.JudgeInfo} and the builtin judge's {@link org.cxrbench.filter.CalibrationInfo}: records
 * written and read by one Jackson binding; a config run's results carry the typed
 * {@link org.cxrbench.common.FilterCounts} block); {@link org.cxrbench.filter.FilterMetrics} binds the
 * registry's filter metrics (kept, removed) to the typed counts of a run. The family's stages sit beside it:
 * {@link org.cxrbench.filter.FilterJob} ({@code ./cxrbench filter}), {@link org.cxrbench.filter.FilterJudges} (judge
 * settings to a judge) and {@link org.cxrbench.filter.ConfigFilter} (a config run's {@code filter:} block as a cached
 * stage). Uses common, data, encode (the built-in CNN and ONNX Runtime) and pipeline only.
 */
package org.cxrbench.filter;
