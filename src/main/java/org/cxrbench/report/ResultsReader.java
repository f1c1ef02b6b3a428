package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;

/**
 * Reads a results JSON (schema_version 1) into a {@link ResultsSet} with Jackson's tree model. Layouts accepted:
 * <ul>
 * <li>multi-generator: "generators": {name: {"metrics", "noise_floor", "utility", "filter", "inputs"}};</li>
 * <li>single pair (fidelity, privacy, utility commands): top-level "metrics" (and "comparisons" for utility),
 * one generator named after the file;</li>
 * <li>the demo's pre-schema layout: "runs": [{"generator", "metrics", "privacy": {key: number}}], where the run
 * named "real ... (noise floor)" is the file's noise floor.</li>
 * </ul>
 * Problems are one-line {@link BadInputException}s naming the file.
 */
public final class ResultsReader {
    private ResultsReader() {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    public static ResultsSet read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "no such results file", "give the results.json a cxrbench command wrote");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.of(file, "not valid JSON (" + firstLine(e.getMessage()) + ")",
                    "give the results.json a cxrbench command wrote");
        }
        try {
            return parse(file, root);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(file, e.getMessage(), "fix the entry or re-run the command that wrote it");
        }
    }

    static ResultsSet parse(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level is not a JSON object");
        }
        int version = root.path("schema_version").asInt(1);
        if (version != 1) {
            throw new IllegalArgumentException("schema_version " + version + " is not supported (this cxrbench reads 1)");
        }
        List<String> notes = new ArrayList<>();
        NoiseFloor floor = BlockParser.noiseFloor(root.get("noise_floor"), "noise_floor");
        List<GeneratorResult> gens = new ArrayList<>();
        JsonNode g = root.get("generators");
        JsonNode runs = root.get("runs");
        JsonNode top = root.get("metrics");
        if (g != null && g.isObject() && g.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                gens.add(generator(e.getKey(), e.getValue(), "generators." + e.getKey()));
            }
        } else if (runs != null && runs.isArray() && runs.size() > 0) {
            notes.add("read the demo's pre-schema layout (\"runs\"); privacy values carry no CI");
            for (JsonNode r : runs) {
                String name = MetricEntryParser.text(r, "generator");
                if (name == null) {
                    throw new IllegalArgumentException("a \"runs\" item has no \"generator\" name");
                }
                Map<String, MetricEntry> m = BlockParser.metrics(r.get("metrics"), "runs." + name + ".metrics");
                JsonNode p = r.get("privacy");
                if (p != null && p.isObject()) {
                    for (Map.Entry<String, MetricEntry> e : BlockParser.metrics(p, "runs." + name + ".privacy").entrySet()) {
                        m.putIfAbsent(e.getKey(), e.getValue().withFamily("privacy"));
                    }
                }
                if (name.startsWith("real") && name.contains("noise floor") && floor == null) {
                    floor = new NoiseFloor("a patient-disjoint real holdout set against the real training set (" + name
                            + "), scored like every generator", m);
                } else {
                    gens.add(new GeneratorResult(name, m, null, null, null, Map.of()));
                }
            }
        } else if (top != null && top.isObject() && top.size() > 0) {
            gens.add(generator(singleName(file, root), root, "metrics").withUtility(BlockParser.utility(root)));
        }
        if (gens.isEmpty()) {
            throw new IllegalArgumentException("no \"generators\" and no \"metrics\" with entries");
        }
        JsonNode prov = root.get("provenance");
        if (prov == null || !prov.isObject()) {
            notes.add("no provenance block");
        }
        return new ResultsSet(file, version, gens, floor, prov, notes);
    }

    private static GeneratorResult generator(String name, JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        Map<String, MetricEntry> metrics = BlockParser.metrics(n.get("metrics"), where + ".metrics");
        UtilityBlock utility = BlockParser.utility(n.get("utility"));
        JsonNode um = n.path("utility").get("metrics");
        if (um != null && um.isObject()) {
            BlockParser.metrics(um, where + ".utility.metrics").forEach(metrics::putIfAbsent);
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        JsonNode in = n.get("inputs");
        if (in != null && in.isObject()) {
            in.fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
        }
        return new GeneratorResult(name, metrics, BlockParser.noiseFloor(n.get("noise_floor"), where + ".noise_floor"),
                utility, BlockParser.filter(n.get("filter"), n.get("metrics_unfiltered"), where), inputs, histogram(n.get("histogram_dcr")));
    }

    /** "histogram_dcr": {"min", "bin_width", "counts": [...]} as the demo writes it; null when absent or malformed. */
    static GeneratorResult.Histogram histogram(JsonNode h) {
        if (h == null || !h.isObject() || !h.path("min").isNumber() || !h.path("bin_width").isNumber()
                || !h.path("counts").isArray() || h.get("counts").size() == 0) {
            return null;
        }
        long[] c = new long[h.get("counts").size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = h.get("counts").get(i).asLong();
        }
        return new GeneratorResult.Histogram(h.get("min").asDouble(), h.get("bin_width").asDouble(), c);
    }

    /** A single-pair file's generator name: the synthetic input's name when given, else the file's (or folder's). */
    static String singleName(Path file, JsonNode root) {
        String gen = MetricEntryParser.text(root, "generator");
        if (gen != null) {
            return gen;
        }
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path parent = file.toAbsolutePath().getParent();
        if (stem.equals("results") && parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return stem;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
