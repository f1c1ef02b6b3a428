package org.cxrbench.common;

import java.util.Set;

/**
 * One metric's declaration: its contract key, family, direction, unit, the statistics it needs, whether it is
 * computed by default, and its card (the definition users read, under {@code metrics/}). Declared once, in
 * {@link Metrics}; CLI help, {@code --metrics} validation, results JSON, reports and regression verdicts read it.
 *
 * @param id        the contract's key (lower case), or a key prefix ending in '_' for a metric family per label
 *                  or structure (e.g. {@code f1_}: f1_cardiomegaly, ...)
 * @param needs     what it is computed from: statistics of the data sets (see {@link Metrics} for the names)
 * @param byDefault computed when {@code --metrics} is not given (and the inputs allow it)
 * @param perLabel  its value is a label -&gt; value map (with counts per label)
 */
public record Metric(String id, Family family, Direction direction, String unit, Set<String> needs, boolean byDefault,
                     boolean perLabel, String card, String summary) {
    public Metric {
        needs = Set.copyOf(needs);
    }

    /** True for a prefix declaration (f1_, auroc_, dice_, iou_) that stands for one metric per label/structure. */
    public boolean isPattern() {
        return id.endsWith("_");
    }
}
