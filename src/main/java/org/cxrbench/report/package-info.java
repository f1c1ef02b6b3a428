/**
 * Reading results and rendering them; never computes a metric. {@link org.cxrbench.report.ResultsSet} reads a
 * results file into the one typed model ({@link org.cxrbench.common.Evaluation}, {@link org.cxrbench.common.MetricResult},
 * read by {@link org.cxrbench.common.ResultsJson}, the same code that writes it), after
 * {@link org.cxrbench.report.LegacyResults} has brought an older layout (single-pair files, the demo's "runs", older
 * metric and filter forms) to the current one; {@link org.cxrbench.report.NamedResult} is a generator under the name
 * a report shows. Views judge what was written (best value per
 * column, position against the real-vs-real noise floor, privacy warnings, nightly regressions against a
 * baseline with tolerances from each metric's uncertainty ({@link org.cxrbench.report.UncertaintyTolerance}),
 * published tables reproduced within a tolerance; a generator the quality filter emptied keeps its unfiltered values,
 * marked; each generator's distances to the training set drawn beside its distances to the real holdout,
 * {@link org.cxrbench.report.DetailCharts#dcrTrainVsHoldout}); renderers turn views into self-contained HTML (XChart
 * charts embedded as SVG data URLs, metric cards from {@code metrics/} embedded), Markdown, LaTeX (booktabs) and
 * CSV (Tablesaw). A renderer builds a model of display text and a Mustache template under
 * {@code org/cxrbench/report/templates} places it ({@link org.cxrbench.report.Templates}: values escaped for the
 * template's format, HTML, a Markdown table cell or LaTeX). Also the closest-pair contact sheet and per-sample privacy CSV
 * ({@link org.cxrbench.report.ClosestPairs}) and a run report's image sections (closest pairs, labelled gallery),
 * from the metric packages' result types. Display names, units, the headline set and the verdict list come from the
 * registry ({@link org.cxrbench.common.Metrics}) and the verdict enum.
 */
package org.cxrbench.report;
