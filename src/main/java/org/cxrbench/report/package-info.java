/**
 * Reading results and rendering them; never computes a metric. {@link org.cxrbench.report.ResultsReader} parses
 * results JSON files (Jackson tree model) into an immutable model; views judge what was written (best value per
 * column, position against the real-vs-real noise floor, privacy warnings, nightly regressions against a
 * baseline with tolerances from each metric's uncertainty ({@link org.cxrbench.report.UncertaintyTolerance}),
 * published tables reproduced within a tolerance; a generator the quality filter emptied keeps its unfiltered values,
 * marked); renderers turn views into self-contained HTML (XChart
 * charts embedded as SVG data URLs, metric cards from {@code metrics/} embedded), Markdown, LaTeX (booktabs) and
 * CSV (Tablesaw). Also the closest-pair contact sheet and per-sample privacy CSV
 * ({@link org.cxrbench.report.ClosestPairs}) and a run report's image sections (closest pairs, labelled gallery),
 * from the metric packages' result types. Display names, units, the headline set and the verdict list come from the
 * registry ({@link org.cxrbench.common.Metrics}) and the verdict enum.
 */
package org.cxrbench.report;
