package org.cxrbench.report;

import java.util.List;
import java.util.Map;
import org.cxrbench.common.Direction;
import org.cxrbench.common.Metric;
import org.cxrbench.common.Metrics;

/**
 * What the report needs to know about a metric key beyond its results entry, read from the metric registry
 * ({@link Metrics}): the direction (a fallback: a results entry's own "direction" wins), the family, the card that
 * defines it, and the column order (declaration order). Display names are the report's own.
 */
public final class MetricInfo {
    private MetricInfo() {}

    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("fid", "FID"), Map.entry("kid", "KID"),
            Map.entry("fid_inf", "FID∞"), Map.entry("cmmd", "CMMD"), Map.entry("frd", "FRD"),
            Map.entry("fid_per_label", "FID per label"), Map.entry("kid_per_label", "KID per label"),
            Map.entry("memorized_fraction", "memorised fraction"), Map.entry("memorized", "memorised"),
            Map.entry("exact_copies", "exact copies"), Map.entry("dcr_median", "DCR median"),
            Map.entry("dcr_p5", "DCR p5"), Map.entry("dcr_min", "DCR min"), Map.entry("nndr_median", "NNDR median"),
            Map.entry("holdout_closer_share", "holdout-closer share"), Map.entry("holdout_score", "holdout score"),
            Map.entry("reid_score", "Re-ID score"), Map.entry("f1_macro", "F1 macro"), Map.entry("f1_micro", "F1 micro"),
            Map.entry("auroc_macro", "AUROC macro"));

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

    public static String displayName(String key) {
        return NAMES.getOrDefault(key, key);
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

    public static final List<String> PRIVACY_HEADLINE = List.of("memorized_fraction", "exact_copies", "dcr_median",
            "reid_score");
}
