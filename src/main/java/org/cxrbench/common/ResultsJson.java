package org.cxrbench.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Evaluation} as the contract's results JSON and reads it back into the same typed model
 * (round trip). The schema lives in {@code schema/results.schema.json}.
 */
public final class ResultsJson {
    private ResultsJson() {}

    public static Map<String, Object> toJson(Evaluation e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("schema_version", Evaluation.SCHEMA_VERSION);
        j.put("metrics", metrics(e.metrics()));
        if (e.noiseFloor() != null) {
            j.put("noise_floor", floor(e.noiseFloor()));
        }
        if (!e.generators().isEmpty()) {
            Map<String, Object> g = new LinkedHashMap<>();
            e.generators().forEach((name, r) -> {
                Map<String, Object> gj = new LinkedHashMap<>();
                gj.put("metrics", metrics(r.metrics()));
                if (r.noiseFloor() != null) {
                    gj.put("noise_floor", floor(r.noiseFloor()));
                }
                gj.put("inputs", r.inputs());
                gj.put("warnings", r.warnings());
                gj.putAll(r.extra());
                g.put(name, gj);
            });
            j.put("generators", g);
        }
        j.put("warnings", e.warnings());
        j.putAll(e.extra());
        j.put("provenance", e.provenance().toMap());
        return j;
    }

    public static void write(Path file, Evaluation e) {
        Json.write(file, toJson(e));
    }

    static Map<String, Object> metrics(Map<String, MetricResult> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.toJson()));
        return out;
    }

    static Map<String, Object> floor(Evaluation.NoiseFloor f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", f.method());
        out.put("metrics", metrics(f.metrics()));
        return out;
    }

    private static final List<String> TOP = List.of("schema_version", "metrics", "noise_floor", "generators",
            "warnings", "provenance");
    private static final List<String> GEN = List.of("metrics", "noise_floor", "inputs", "warnings");

    /** Reads a results JSON written by {@link #write}; a file of another schema version is a bad input. */
    public static Evaluation read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.of(file, "is not readable JSON (" + e.getMessage().split("\n")[0] + ")",
                    "give a results.json written by cxrbench");
        }
        return read(file, root);
    }

    /** Reads the parsed tree of a results JSON ({@code file} names it in errors). */
    public static Evaluation read(Path file, JsonNode root) {
        int v = root.path("schema_version").asInt(-1);
        if (v != Evaluation.SCHEMA_VERSION) {
            throw BadInputException.of(file, "has schema_version " + (v < 0 ? "(none)" : v) + ", this cxrbench reads "
                    + Evaluation.SCHEMA_VERSION, "re-run it with this version of cxrbench");
        }
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("generators").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            JsonNode n = g.getValue();
            Map<String, String> inputs = new LinkedHashMap<>();
            n.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
            gens.put(g.getKey(), new Evaluation.GeneratorResult(readMetrics(n.path("metrics")), readFloor(n.path("noise_floor")),
                    inputs, strings(n.path("warnings")), rest(n, GEN)));
        }
        return new Evaluation(readMetrics(root.path("metrics")), readFloor(root.path("noise_floor")), gens,
                strings(root.path("warnings")), rest(root, TOP), Provenance.fromJson(root.path("provenance")));
    }

    static Map<String, Object> rest(JsonNode n, List<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!known.contains(e.getKey())) {
                out.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
            }
        });
        return out;
    }

    static Evaluation.NoiseFloor readFloor(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return new Evaluation.NoiseFloor(n.path("method").asText(), readMetrics(n.path("metrics")));
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Metric entries keyed by id (an object of entries; empty when absent). */
    public static Map<String, MetricResult> readMetrics(JsonNode n) {
        Map<String, MetricResult> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), readMetric(e.getKey(), e.getValue())));
        return out;
    }

    private static final List<String> ENTRY = List.of("value", "ci95", "std", "direction", "family", "unit",
            "per_label", "warnings", "params", "details");

    @SuppressWarnings("unchecked")
    static MetricResult readMetric(String id, JsonNode n) {
        if (Metrics.find(id) == null) {
            throw new BadInputException("results JSON names metric '" + id + "', which this cxrbench does not know");
        }
        JsonNode v = n.path("value");
        double value = v.isNumber() ? v.asDouble() : Double.NaN;
        double[] ci = null;
        if (n.path("ci95").isArray()) {
            ci = new double[] {n.path("ci95").get(0).asDouble(), n.path("ci95").get(1).asDouble()};
        }
        Double std = n.path("std").isNumber() ? n.path("std").asDouble() : null;
        Map<String, Long> counts = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!ENTRY.contains(e.getKey()) && e.getValue().isIntegralNumber()) {
                counts.put(e.getKey(), e.getValue().asLong());
            }
        });
        Map<String, MetricResult.LabelValue> pl = new LinkedHashMap<>();
        n.path("per_label").fields().forEachRemaining(e -> {
            JsonNode x = e.getValue();
            pl.put(e.getKey(), new MetricResult.LabelValue(x.path("value").isNumber() ? x.path("value").asDouble() : null,
                    x.path("n_real").asLong(), x.path("n_synthetic").asLong(), x.path("reliable").asBoolean()));
        });
        Map<String, Object> params = n.has("params") ? Json.MAPPER.convertValue(n.get("params"), Map.class) : Map.of();
        Map<String, Object> details = n.has("details") ? Json.MAPPER.convertValue(n.get("details"), Map.class) : Map.of();
        return new MetricResult(id, value, ci, std, counts, pl, strings(n.path("warnings")), params, details);
    }
}
