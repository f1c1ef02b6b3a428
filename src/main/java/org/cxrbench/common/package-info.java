/**
 * Cross-cutting pieces every layer may use: the metric registry ({@link org.cxrbench.common.Metrics}: one
 * {@link org.cxrbench.common.Metric} declaration per id, with its display name, unit, direction, needs and headline
 * flag) and the tables that bind one {@link org.cxrbench.common.MetricFunction} to each declaration
 * ({@link org.cxrbench.common.MetricFunctions}: a declared id without a function fails when its family's table is
 * built); the typed, immutable results model ({@link org.cxrbench.common.Evaluation},
 * {@link org.cxrbench.common.MetricResult}, the blocks beside the metrics in {@link org.cxrbench.common.ResultBlocks}:
 * {@link org.cxrbench.common.PrivacySummary}, {@link org.cxrbench.common.ReidSummary},
 * {@link org.cxrbench.common.PixelSpace}, {@link org.cxrbench.common.ClosestPair},
 * {@link org.cxrbench.common.KidDifference}, {@link org.cxrbench.common.Histogram}; the views
 * {@link org.cxrbench.common.FilterCounts} and {@link org.cxrbench.common.UtilitySummary} over the filter and utility
 * blocks; {@link org.cxrbench.common.Interval}: a 95% interval with its estimand and method) and its JSON form ({@link org.cxrbench.common.ResultsJson}: the Jackson serializers and the reader, one
 * binding written and read by the same code); the
 * bad-input exception (exit code 2), atomic file writes, content hashes, provenance records and version information.
 * Imports nothing else of cxrbench.
 */
package org.cxrbench.common;
