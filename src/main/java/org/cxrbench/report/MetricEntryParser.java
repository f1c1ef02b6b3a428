package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one metric entry of a results file (Jackson tree). Accepts the core's schema ({"value", "ci95",
 * "direction", "n_real", "per_label": {label: {...}}}) and the older forms: a bare number, and per-label entries
 * whose "value", "n_real" and "n_synthetic" are label -> number objects with an "unreliable" label list.
 * A missing direction falls back to {@link MetricInfo#direction}.
 */
final class MetricEntryParser {
    private MetricEntryParser() {}

    static MetricEntry parse(String key, JsonNode n, String where) {
        if (n == null || n.isNull()) {
            return new MetricEntry(key, null, null, null, MetricInfo.direction(key), MetricInfo.family(key), null,
                    null, null, List.of(), Map.of(), n);
        }
        if (n.isNumber() || n.isBoolean()) {
            return new MetricEntry(key, n.asDouble(), null, null, MetricInfo.direction(key), MetricInfo.family(key),
                    null, null, null, List.of(), Map.of(), n);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + "." + key + " is neither a number nor an object");
        }
        String direction = text(n, "direction");
        if (direction != null && !direction.equals("lower") && !direction.equals("higher") && !direction.equals("none")) {
            throw new IllegalArgumentException(where + "." + key + ".direction is '" + direction
                    + "'; it must be \"lower\", \"higher\" or \"none\"");
        }
        if (direction == null) {
            direction = MetricInfo.direction(key);
        } else if (direction.equals("none")) {
            direction = null;
        }
        String family = text(n, "family");
        JsonNode v = n.get("value");
        Double value = v != null && v.isNumber() ? v.asDouble() : null;
        Map<String, MetricEntry.LabelCell> perLabel = perLabel(n);
        return new MetricEntry(key, value, pair(n.get("ci95")), number(n.get("std")), direction,
                family != null ? family : MetricInfo.family(key), text(n, "unit"), count(n.get("n_real")),
                count(n.get("n_synthetic")), strings(n.get("warnings")), perLabel, n);
    }

    /** Schema form "per_label": {label: {value, n_real, n_synthetic, reliable}}; older form: parallel objects. */
    private static Map<String, MetricEntry.LabelCell> perLabel(JsonNode n) {
        Map<String, MetricEntry.LabelCell> out = new LinkedHashMap<>();
        JsonNode pl = n.get("per_label");
        if (pl != null && pl.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pl.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode c = e.getValue();
                if (c.isNumber()) {
                    out.put(e.getKey(), new MetricEntry.LabelCell(c.asDouble(), null, null, true));
                    continue;
                }
                JsonNode rel = c.get("reliable");
                out.put(e.getKey(), new MetricEntry.LabelCell(number(c.get("value")), count(c.get("n_real")),
                        count(c.get("n_synthetic")), rel == null || rel.asBoolean(true)));
            }
            return out;
        }
        JsonNode v = n.get("value");
        if (v == null || !v.isObject()) {
            return out;
        }
        List<String> unreliable = strings(n.get("unreliable"));
        JsonNode nr = n.get("n_real");
        JsonNode ns = n.get("n_synthetic");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String label = e.getKey();
            out.put(label, new MetricEntry.LabelCell(number(e.getValue()),
                    nr != null && nr.isObject() ? count(nr.get(label)) : null,
                    ns != null && ns.isObject() ? count(ns.get(label)) : null, !unreliable.contains(label)));
        }
        return out;
    }

    static String text(JsonNode n, String field) {
        JsonNode t = n == null ? null : n.get(field);
        return t == null || t.isNull() ? null : t.asText();
    }

    static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    static Long count(JsonNode n) {
        return n != null && n.isNumber() ? n.asLong() : null;
    }

    static double[] pair(JsonNode n) {
        if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber()) {
            return null;
        }
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
