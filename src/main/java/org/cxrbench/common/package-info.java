/**
 * Cross-cutting pieces every layer may use: the metric registry ({@link org.cxrbench.common.Metrics}: one
 * {@link org.cxrbench.common.Metric} declaration per id, with its display name, unit, direction, needs and headline
 * flag) and the tables that bind one {@link org.cxrbench.common.MetricFunction} to each declaration
 * ({@link org.cxrbench.common.MetricFunctions}: a declared id without a function fails when its family's table is
 * built); the typed, immutable results model ({@link org.cxrbench.common.Evaluation},
 * {@link org.cxrbench.common.MetricResult} with its typed {@link org.cxrbench.common.MetricParams} and
 * {@link org.cxrbench.common.MetricDetails}, the blocks beside the metrics in {@link org.cxrbench.common.ResultBlocks}:
 * {@link org.cxrbench.common.PrivacySummary}, {@link org.cxrbench.common.ReidSummary},
 * {@link org.cxrbench.common.PixelSpace}, {@link org.cxrbench.common.ClosestPair},
 * {@link org.cxrbench.common.KidDifference}, {@link org.cxrbench.common.Histogram},
 * {@link org.cxrbench.common.FilterCounts} (the filter's block), {@link org.cxrbench.common.UtilityResult} (the utility
 * stage's block, with {@link org.cxrbench.common.ComparisonRow}, {@link org.cxrbench.common.SeedMetric} and
 * {@link org.cxrbench.common.TrainingRun}), {@link org.cxrbench.common.UtilityFamilyBlock} (the run's testing family),
 * {@link org.cxrbench.common.StatsResult}; the report's view {@link org.cxrbench.common.UtilitySummary};
 * {@link org.cxrbench.common.Interval}: a 95% interval with its estimand and method) and its JSON form
 * ({@link org.cxrbench.common.ResultsJson}: the Jackson serializers and the reader, one binding written and read by the
 * same code; {@link org.cxrbench.common.ProvenanceJson} for a provenance inside a typed record); the
 * bad-input exception (exit code 2), atomic file writes, content hashes, provenance records, version information and
 * the current run's settings for code that is not handed the run ({@link org.cxrbench.common.RunSettings}).
 * Imports nothing else of cxrbench.
 */
package org.cxrbench.common;
