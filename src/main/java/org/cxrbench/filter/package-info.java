/**
 * The quality filter: judges (builtin, vlm, labels-file, onnx) give every synthetic image a verdict ({@code high},
 * {@code medium}, {@code low}, {@code not-relevant}) with a score and a reason, as SynthCheX-75K did with a medical
 * VLM; one shared parser turns free-text answers into verdicts; the writer keeps the images a removal policy
 * allows, atomically, with judgements.csv and summary.json; {@link org.cxrbench.filter.FilterMetrics} binds the
 * registry's filter metrics (kept, removed) to the typed counts of a run. Uses common, data, encode (the built-in CNN and ONNX
 * Runtime), linalg and stats only.
 */
package org.cxrbench.filter;
