package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the metric maps, noise-floor, utility and filter blocks of a results file (Jackson tree). */
final class BlockParser {
    private BlockParser() {}

    /** The contract's verdicts; "not_relevant" is accepted for "not-relevant". */
    static final List<String> VERDICTS = MetricInfo.VERDICTS;

    static Map<String, MetricEntry> metrics(JsonNode n, String where) {
        Map<String, MetricEntry> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " is not an object of metric entries");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), MetricEntryParser.parse(e.getKey(), e.getValue(), where));
        }
        return out;
    }

    static NoiseFloor noiseFloor(JsonNode n, String where) {
        if (n == null || n.isNull() || !n.isObject()) {
            return null;
        }
        String method = MetricEntryParser.text(n, "method");
        return new NoiseFloor(method == null ? "not stated in the results file" : method,
                metrics(n.get("metrics"), where + ".metrics"));
    }

    /** A stats/utility block: "comparisons" rows, "correction", "alpha", "family_size". Null when absent. */
    static UtilityBlock utility(JsonNode n) {
        if (n == null || !n.isObject() || !n.has("comparisons")) {
            return null;
        }
        List<UtilityBlock.Comparison> rows = new ArrayList<>();
        for (JsonNode c : n.get("comparisons")) {
            JsonNode sig = c.get("significant");
            rows.add(new UtilityBlock.Comparison(MetricEntryParser.text(c, "condition"),
                    MetricEntryParser.text(c, "metric"), MetricEntryParser.number(c.get("mean_diff")),
                    MetricEntryParser.pair(c.get("ci95")), MetricEntryParser.number(c.get("p")),
                    MetricEntryParser.number(c.get("p_adjusted")), sig == null || sig.isNull() ? null : sig.asBoolean()));
        }
        JsonNode fs = n.get("family_size");
        return new UtilityBlock(MetricEntryParser.text(n, "correction"), MetricEntryParser.number(n.get("alpha")),
                fs != null && fs.isNumber() ? fs.asInt() : null, rows);
    }

    /**
     * A filter block: "kept", "removed", counts per verdict (directly, under "verdicts"/"per_verdict", or as metric
     * entries with a "value"), and per verdict and pathology under "per_label" (verdict -> label -> count, or
     * label -> verdict -> count). Null when absent.
     */
    static FilterBlock filter(JsonNode n) {
        return filter(n, null, "filter");
    }

    /** The filter block with the generator's "metrics_unfiltered" (may be null). */
    static FilterBlock filter(JsonNode n, JsonNode unfiltered, String where) {
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode src = n.has("metrics") && n.get("metrics").isObject() ? n.get("metrics") : n;
        Map<String, Long> perVerdict = new LinkedHashMap<>();
        JsonNode nested = firstObject(n, "verdicts", "per_verdict", "counts");
        for (String v : VERDICTS) {
            Long c = countOf(nested != null ? nested : src, v);
            if (c != null) {
                perVerdict.put(v, c);
            }
        }
        Map<String, Map<String, Long>> byLabel = new LinkedHashMap<>();
        JsonNode pl = firstObject(n, "per_label", "per_verdict_and_label", "by_label");
        if (pl != null) {
            Set<String> keys = new java.util.HashSet<>();
            pl.fieldNames().forEachRemaining(keys::add);
            boolean verdictFirst = keys.stream().allMatch(k -> VERDICTS.contains(normalise(k)));
            for (Iterator<Map.Entry<String, JsonNode>> it = pl.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> it2 = e.getValue().fields(); it2.hasNext();) {
                    Map.Entry<String, JsonNode> c = it2.next();
                    String verdict = normalise(verdictFirst ? e.getKey() : c.getKey());
                    String label = verdictFirst ? c.getKey() : e.getKey();
                    if (c.getValue().isNumber()) {
                        byLabel.computeIfAbsent(verdict, k -> new LinkedHashMap<>()).put(label, c.getValue().asLong());
                    }
                }
            }
        }
        Long kept = countOf(src, "kept");
        Long removed = countOf(src, "removed");
        if (kept == null && removed == null && perVerdict.isEmpty()) {
            return null;
        }
        List<String> removedVerdicts = null;
        JsonNode judge = n.get("judge");
        if (judge != null && judge.isObject()) {
            if (judge.path("remove").isArray()) {
                removedVerdicts = new ArrayList<>();
                for (JsonNode v : judge.get("remove")) {
                    removedVerdicts.add(normalise(v.asText()));
                }
            } else if (judge.path("keep").isArray()) {
                Set<String> keep = new java.util.HashSet<>();
                judge.get("keep").forEach(v -> keep.add(normalise(v.asText())));
                removedVerdicts = perVerdict.keySet().stream().filter(v -> !keep.contains(v)).toList();
            }
        }
        return new FilterBlock(countOf(src, "total"), kept, removed, perVerdict, byLabel, removedVerdicts,
                metrics(unfiltered, where + ".metrics_unfiltered"));
    }

    private static String normalise(String verdict) {
        return verdict.replace('_', '-').toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode firstObject(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode x = n.get(f);
            if (x != null && x.isObject()) {
                return x;
            }
        }
        return null;
    }

    private static Long countOf(JsonNode n, String verdict) {
        JsonNode x = n.get(verdict);
        if (x == null) {
            x = n.get(verdict.replace('-', '_'));
        }
        if (x == null) {
            return null;
        }
        if (x.isObject()) {
            x = x.get("value");
        }
        return x != null && x.isNumber() ? x.asLong() : null;
    }
}
