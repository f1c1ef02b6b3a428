package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Metrics;

/**
 * The one adapter from older results layouts to the layout {@link org.cxrbench.common.ResultsJson} reads (schema
 * version 1, one entry per generator under {@code generators}). It rewrites the parsed tree, nothing else:
 * <ul>
 * <li>a single-pair file (fidelity, privacy, utility and stats commands: top-level {@code metrics}, and
 * {@code comparisons} for utility) becomes one generator named after the synthetic input or the file (a privacy
 * file's DCR histograms go with it);</li>
 * <li>the demo's pre-schema layout ({@code "runs": [{"generator", "metrics", "privacy": {key: number}}]}, the run
 * named "real ... (noise floor)" being the noise floor);</li>
 * <li>metric entries written as a bare number, and per-label entries written as parallel label -&gt; number objects
 * with an {@code unreliable} list;</li>
 * <li>filter blocks with the verdict counts at the top level, under {@code verdicts} / {@code per_verdict}, or as
 * metric entries, per-label counts keyed verdict first, and {@code not_relevant} for {@code not-relevant};</li>
 * <li>metric keys this cxrbench does not declare are left out, with a note.</li>
 * </ul>
 * A problem is an {@link IllegalArgumentException} naming the JSON path; the caller names the file.
 */
final class LegacyResults {
    private LegacyResults() {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The tree in the current layout; notes say what was adapted. */
    static ObjectNode normalise(Path file, JsonNode root, List<String> notes) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level is not a JSON object");
        }
        ObjectNode out = root.deepCopy();
        int version = out.path("schema_version").asInt(1);
        if (version != 1) {
            throw new IllegalArgumentException("schema_version " + version + " is not supported (this cxrbench reads 1)");
        }
        out.put("schema_version", 1);
        JsonNode g = out.get("generators");
        JsonNode runs = out.get("runs");
        JsonNode top = out.get("metrics");
        if (g != null && g.isObject() && g.size() > 0) {
            out.set("generators", generators(g, notes));
        } else if (runs != null && runs.isArray() && runs.size() > 0) {
            notes.add("read the demo's pre-schema layout (\"runs\"); privacy values carry no CI");
            runs(out, runs, notes);
        } else if (top != null && top.isObject() && top.size() > 0) {
            ObjectNode gen = NODES.objectNode();
            gen.set("metrics", metrics(top, "metrics", notes));
            if (out.has("comparisons")) {
                gen.set("utility", out.deepCopy());
            }
            for (String h : List.of("histogram_dcr", "histogram_dcr_holdout")) { // a privacy command's, for the charts
                if (out.has(h)) {
                    gen.set(h, out.get(h));
                }
            }
            out.set("generators", NODES.objectNode().set(singleName(file, root), gen));
        } else {
            throw new IllegalArgumentException("no \"generators\" and no \"metrics\" with entries");
        }
        out.set("metrics", NODES.objectNode());
        JsonNode floor = out.get("noise_floor");
        if (floor != null && floor.isObject()) {
            out.set("noise_floor", floor((ObjectNode) floor, "noise_floor", notes));
        }
        if (!out.path("provenance").isObject()) {
            notes.add("no provenance block");
        }
        return out;
    }

    private static ObjectNode generators(JsonNode g, List<String> notes) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "generators." + e.getKey();
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            ObjectNode n = (ObjectNode) e.getValue();
            n.set("metrics", metrics(n.get("metrics"), where + ".metrics", notes));
            if (n.get("metrics_unfiltered") != null) {
                n.set("metrics_unfiltered", metrics(n.get("metrics_unfiltered"), where + ".metrics_unfiltered", notes));
            }
            if (n.path("noise_floor").isObject()) {
                n.set("noise_floor", floor((ObjectNode) n.get("noise_floor"), where + ".noise_floor", notes));
            }
            if (n.path("utility").path("metrics").isObject()) {
                ((ObjectNode) n.get("utility")).set("metrics",
                        metrics(n.get("utility").get("metrics"), where + ".utility.metrics", notes));
            }
            if (n.path("filter").isObject()) {
                n.set("filter", filter((ObjectNode) n.get("filter")));
            }
            out.set(e.getKey(), n);
        }
        return out;
    }

    private static void runs(ObjectNode out, JsonNode runs, List<String> notes) {
        ObjectNode gens = NODES.objectNode();
        for (JsonNode r : runs) {
            String name = r.path("generator").isTextual() ? r.get("generator").asText() : null;
            if (name == null) {
                throw new IllegalArgumentException("a \"runs\" item has no \"generator\" name");
            }
            ObjectNode m = metrics(r.get("metrics"), "runs." + name + ".metrics", notes);
            if (r.path("privacy").isObject()) {
                metrics(r.get("privacy"), "runs." + name + ".privacy", notes).fields()
                        .forEachRemaining(e -> {
                            if (!m.has(e.getKey())) {
                                m.set(e.getKey(), e.getValue());
                            }
                        });
            }
            if (name.startsWith("real") && name.contains("noise floor") && !out.path("noise_floor").isObject()) {
                ObjectNode f = NODES.objectNode();
                f.put("method", "a patient-disjoint real holdout set against the real training set (" + name
                        + "), scored like every generator");
                f.set("metrics", m);
                out.set("noise_floor", f);
            } else {
                gens.set(name, NODES.objectNode().set("metrics", m));
            }
        }
        out.remove("runs");
        out.set("generators", gens);
    }

    private static ObjectNode floor(ObjectNode f, String where, List<String> notes) {
        if (!f.path("method").isTextual()) {
            f.put("method", "not stated in the results file");
        }
        f.set("metrics", metrics(f.get("metrics"), where + ".metrics", notes));
        return f;
    }

    /** An object of metric entries in the current form; undeclared keys left out with a note. */
    static ObjectNode metrics(JsonNode n, String where, List<String> notes) {
        ObjectNode out = NODES.objectNode();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " is not an object of metric entries");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Metrics.find(e.getKey()) == null) {
                notes.add("left out " + where + "." + e.getKey() + " (not a metric this cxrbench declares)");
                continue;
            }
            out.set(e.getKey(), entry(e.getValue(), where + "." + e.getKey()));
        }
        return out;
    }

    private static JsonNode entry(JsonNode n, String where) {
        if (n == null || n.isNull()) {
            return NODES.objectNode().putNull("value");
        }
        if (n.isNumber() || n.isBoolean()) {
            return NODES.objectNode().put("value", n.asDouble());
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " is neither a number nor an object");
        }
        String direction = n.path("direction").isTextual() ? n.get("direction").asText() : null;
        if (direction != null && !Set.of("lower", "higher", "none").contains(direction)) {
            throw new IllegalArgumentException(where + ".direction is '" + direction
                    + "'; it must be \"lower\", \"higher\" or \"none\"");
        }
        ObjectNode out = ((ObjectNode) n).deepCopy();
        if (!out.path("value").isObject() || out.has("per_label")) {
            return out;
        }
        // older per-label form: value, n_real and n_synthetic are label -> number objects
        Set<String> unreliable = new HashSet<>();
        out.path("unreliable").forEach(x -> unreliable.add(x.asText()));
        ObjectNode pl = NODES.objectNode();
        out.get("value").fields().forEachRemaining(e -> {
            ObjectNode c = pl.putObject(e.getKey());
            c.set("value", e.getValue());
            c.put("n_real", out.path("n_real").path(e.getKey()).asLong());
            c.put("n_synthetic", out.path("n_synthetic").path(e.getKey()).asLong());
            c.put("reliable", !unreliable.contains(e.getKey()));
        });
        out.remove(List.of("n_real", "n_synthetic", "unreliable"));
        out.set("per_label", pl);
        return out;
    }

    private static final List<String> VERDICTS = MetricInfo.VERDICTS;

    /** A filter block with {@code counts} and a label-first {@code per_label}. */
    private static ObjectNode filter(ObjectNode n) {
        JsonNode src = n.path("metrics").isObject() ? n.get("metrics") : n;
        for (String k : List.of("total", "kept", "removed")) {
            Long c = count(src, k);
            if (c != null) {
                n.put(k, c);
            }
        }
        if (!n.path("counts").isObject()) {
            JsonNode nested = first(n, "verdicts", "per_verdict");
            ObjectNode counts = NODES.objectNode();
            for (String v : VERDICTS) {
                Long c = count(nested != null ? nested : src, v);
                if (c != null) {
                    counts.put(v, c);
                }
            }
            n.set("counts", counts);
        }
        JsonNode pl = first(n, "per_label", "per_verdict_and_label", "by_label");
        if (pl != null) {
            List<String> keys = new ArrayList<>();
            pl.fieldNames().forEachRemaining(keys::add);
            boolean verdictFirst = !keys.isEmpty() && keys.stream().allMatch(k -> VERDICTS.contains(verdict(k)));
            ObjectNode byLabel = NODES.objectNode();
            pl.fields().forEachRemaining(e -> e.getValue().fields().forEachRemaining(c -> {
                if (c.getValue().isNumber()) {
                    String label = verdictFirst ? c.getKey() : e.getKey();
                    String v = verdict(verdictFirst ? e.getKey() : c.getKey());
                    (byLabel.has(label) ? (ObjectNode) byLabel.get(label) : byLabel.putObject(label)).put(v, c.getValue().asLong());
                }
            }));
            n.set("per_label", byLabel);
        }
        if (n.path("judge").path("remove").isArray()) {
            ObjectNode judge = (ObjectNode) n.get("judge");
            judge.set("remove", NODES.arrayNode().addAll(
                    java.util.stream.StreamSupport.stream(judge.get("remove").spliterator(), false)
                            .map(v -> (JsonNode) NODES.textNode(verdict(v.asText()))).toList()));
        }
        return n;
    }

    private static String verdict(String v) {
        return v.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static JsonNode first(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.path(f).isObject()) {
                return n.get(f);
            }
        }
        return null;
    }

    private static Long count(JsonNode n, String key) {
        JsonNode x = n.get(key);
        if (x == null) {
            x = n.get(key.replace('-', '_'));
        }
        if (x != null && x.isObject()) {
            x = x.get("value");
        }
        return x != null && x.isNumber() ? x.asLong() : null;
    }

    /** A single-pair file's generator name: the synthetic input's name when given, else the file's (or folder's). */
    static String singleName(Path file, JsonNode root) {
        JsonNode gen = root.get("generator");
        if (gen != null && gen.isTextual()) {
            return gen.asText();
        }
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path parent = file.toAbsolutePath().getParent();
        if (stem.equals("results") && parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return stem;
    }
}
