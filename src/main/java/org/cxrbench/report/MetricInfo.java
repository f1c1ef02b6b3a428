package org.cxrbench.report;

import java.util.List;
import java.util.Map;
import org.cxrbench.common.Direction;
import org.cxrbench.common.Metric;
import org.cxrbench.common.Metrics;

/**
 * What the report needs to know about a metric key beyond its results entry, read from the metric registry
 * ({@link Metrics}): the direction (a fallback: a results entry's own "direction" wins), the family, the card that
 * defines it, and the column order (declaration order). Display names, units and the headline set are the registry's too.
 */
public final class MetricInfo {
    private MetricInfo() {}

    /** The registry's direction of a key ("lower", "higher") or null when it has none or is not declared. */
    public static String direction(String key) {
        Metric m = Metrics.find(key);
        return m == null || m.direction() == Direction.NONE ? null : m.direction().json();
    }

    public static String family(String key) {
        Metric m = Metrics.find(key);
        return m == null ? "other" : m.family().json();
    }

    public static boolean isUtility(String key) {
        return "utility".equals(family(key));
    }

    /** The registry's display name (e.g. "FID", "memorised fraction", "F1 cardiomegaly"); the key when undeclared. */
    public static String displayName(String key) {
        return Metrics.displayName(key);
    }

    /** The registry's unit, or "" for an undeclared key. */
    public static String unit(String key) {
        Metric m = Metrics.find(key);
        return m == null ? "" : m.unit();
    }

    /** True when the registry marks the key (or its pattern) a headline metric. */
    public static boolean isHeadline(String key) {
        Metric m = Metrics.find(key);
        return m != null && m.headline();
    }

    /** The metric card's file name in {@code metrics/} (e.g. "fid.md"), or null when no card covers the key. */
    public static String card(String key) {
        Metric m = Metrics.find(key);
        if (m == null || m.card() == null) {
            return null;
        }
        return m.card().substring(m.card().lastIndexOf('/') + 1);
    }

    /** Column order: the registry's declaration order, unknown keys after all declared ones. */
    public static int order(String key) {
        Metric m = Metrics.find(key);
        List<Metric> all = Metrics.all();
        return m == null ? all.size() : all.indexOf(m);
    }

    /** The registry's privacy headline metrics, in declaration order. */
    public static final List<String> PRIVACY_HEADLINE = Metrics.headline(org.cxrbench.common.Family.PRIVACY);

    /** The quality filter's verdicts as written, from the {@link org.cxrbench.filter.Verdict} enum. */
    public static final List<String> VERDICTS = java.util.Arrays.stream(org.cxrbench.filter.Verdict.values())
            .map(org.cxrbench.filter.Verdict::key).toList();
}
