package org.cxrbench.common;

import java.util.Set;

/**
 * One metric's declaration: its contract key, family, direction, unit, the statistics it needs, whether it is
 * computed by default, its display name, whether it is a headline metric, and its card (the definition users read,
 * under {@code metrics/}). Declared once, in {@link Metrics}; its function is bound to it once, in its family's
 * {@link MetricFunctions} table (a declared id with no function, or with two, fails when that table is built). CLI
 * help, {@code --metrics} validation, the config schema's enums, results JSON, reports and regression verdicts read it.
 *
 * @param id          the contract's key (lower case), or a key prefix ending in '_' for a metric family per label
 *                    or structure (e.g. {@code f1_}: f1_cardiomegaly, ...)
 * @param needs       what it is computed from: statistics of the data sets (see {@link Metrics} for the names); a
 *                    family's context computes the union of the requested metrics' needs once
 * @param byDefault   computed when {@code --metrics} is not given (and the inputs allow it)
 * @param perLabel    its value is a label -&gt; value map (with counts per label)
 * @param displayName the name reports, charts and console tables print
 * @param headline    one of the family's headline metrics: shown in summary tables and trend charts, judged by
 *                    {@code regress} by default
 */
public record Metric(String id, Family family, Direction direction, String unit, Set<String> needs, boolean byDefault,
                     boolean perLabel, String card, String summary, String displayName, boolean headline) {
    public Metric {
        needs = Set.copyOf(needs);
        displayName = displayName == null ? id : displayName;
    }

    /** True for a prefix declaration (f1_, auroc_, dice_, iou_) that stands for one metric per label/structure. */
    public boolean isPattern() {
        return id.endsWith("_");
    }

    /** True when the value is a count of items (a baseline of 0 is common; tolerances are absolute). */
    public boolean isCount() {
        return "count".equals(unit);
    }
}
