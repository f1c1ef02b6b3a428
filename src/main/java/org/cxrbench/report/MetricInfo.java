package org.cxrbench.report;

import java.util.List;
import java.util.Map;

/**
 * What the report needs to know about a metric key that a results entry may not say: its direction (fallback
 * only: a results entry's own "direction" wins), family, display name, and which metric card in {@code metrics/}
 * defines it. Directions are those of the metric cards (metrics/fid.md, kid.md, prdc.md, privacy.md, ...) and of
 * ../shared/CONTRACT.md; a key not listed here has no direction, so no cell of it is marked best.
 */
public final class MetricInfo {
    private MetricInfo() {}

    /** key -> {direction, family, display name, card file}. Order = column order in tables. */
    private static final Map<String, String[]> KNOWN = ordered(
            "fid", "lower|fidelity|FID|fid.md",
            "kid", "lower|fidelity|KID|kid.md",
            "precision", "higher|fidelity|precision|prdc.md",
            "recall", "higher|fidelity|recall|prdc.md",
            "density", "higher|fidelity|density|prdc.md",
            "coverage", "higher|fidelity|coverage|prdc.md",
            "fid_inf", "lower|fidelity|FID∞|fid_inf.md",
            "cmmd", "lower|fidelity|CMMD|cmmd.md",
            "frd", "lower|fidelity|FRD|frd.md",
            "fid_per_label", "lower|fidelity|FID per label|per_label.md",
            "kid_per_label", "lower|fidelity|KID per label|per_label.md",
            "memorized_fraction", "lower|privacy|memorised fraction|privacy.md",
            "memorized", "lower|privacy|memorised|privacy.md",
            "exact_copies", "lower|privacy|exact copies|privacy.md",
            "dcr_median", "higher|privacy|DCR median|privacy.md",
            "dcr_p5", "higher|privacy|DCR p5|privacy.md",
            "dcr_min", "higher|privacy|DCR min|privacy.md",
            "nndr_median", "higher|privacy|NNDR median|privacy.md",
            "identifiability", "lower|privacy|identifiability|privacy.md",
            "holdout_closer_share", "|privacy|holdout-closer share|privacy.md",
            "holdout_score", "higher|privacy|holdout score|privacy.md",
            "reid_score", "lower|privacy|Re-ID score|privacy.md",
            "kept", "|filter|kept|filter.md",
            "removed", "|filter|removed|filter.md");

    private static Map<String, String[]> ordered(String... kv) {
        Map<String, String[]> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1].split("\\|", -1));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The fallback direction of a key ("lower", "higher") or null when it has none (e.g. a share near 0.5). */
    public static String direction(String key) {
        String[] k = KNOWN.get(key);
        if (k != null) {
            return k[0].isEmpty() ? null : k[0];
        }
        if (isUtility(key)) {
            return "higher";
        }
        return null;
    }

    public static String family(String key) {
        String[] k = KNOWN.get(key);
        if (k != null) {
            return k[1];
        }
        return isUtility(key) ? "utility" : "other";
    }

    public static boolean isUtility(String key) {
        return key.startsWith("f1_") || key.startsWith("auroc_") || key.startsWith("dice_") || key.startsWith("iou_");
    }

    public static String displayName(String key) {
        String[] k = KNOWN.get(key);
        return k != null ? k[2] : key;
    }

    /** The metric card's file name in {@code metrics/} (e.g. "fid.md"), or null when no card covers the key. */
    public static String card(String key) {
        String[] k = KNOWN.get(key);
        if (k != null) {
            return k[3];
        }
        return isUtility(key) ? "utility.md" : null;
    }

    /** Column order: the known keys in their order, then the rest alphabetically. */
    public static int order(String key) {
        int i = 0;
        for (String k : KNOWN.keySet()) {
            if (k.equals(key)) {
                return i;
            }
            i++;
        }
        return KNOWN.size() + (isUtility(key) ? 0 : 1000);
    }

    public static final List<String> PRIVACY_HEADLINE = List.of("memorized_fraction", "exact_copies", "dcr_median",
            "reid_score");
}
