package org.cxrbench.stats;

/**
 * One row of a scores table: the value of {@code metric} for the model trained under {@code condition} with
 * {@code seed}. Conditions are paired by seed: seed s fixes the real subset, the synthetic draw and the model's
 * initialisation, so (condition, s) and (baseline, s) are a pair.
 */
public record Score(String condition, int seed, String metric, double value) {
    public Score {
        if (condition == null || condition.isBlank()) {
            throw new IllegalArgumentException("score: empty condition name");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("score: empty metric name");
        }
    }
}
