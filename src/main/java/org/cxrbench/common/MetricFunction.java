package org.cxrbench.common;

/**
 * A metric's function: a pure map from its family's context (the statistics computed once for every requested
 * metric, driven by {@link Metric#needs()}) to its typed result. Returns null when the context lacks an input the
 * metric needs (e.g. no holdout set); the family says so in a warning. Bound to its declaration in a
 * {@link MetricFunctions} table.
 *
 * @param <C> the family's context type
 */
@FunctionalInterface
public interface MetricFunction<C> {
    MetricResult compute(C context);
}
