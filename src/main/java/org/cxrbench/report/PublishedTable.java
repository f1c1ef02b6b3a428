package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.BadInputException;

/**
 * A published table of {@code baselines/*.yaml}: its citation, the settings it was made with (encoder, N, k,
 * prompts, ...), the tolerance of a "reproduced" verdict, its columns (the cxrbench key each one maps to, its
 * direction, whether it lives in a feature space) and its rows of published values (with CIs and p where given).
 */
public record PublishedTable(Path source, String name, String title, String citation, String url,
                             Map<String, String> settings, Tolerance tolerance, List<Column> columns, List<Row> rows,
                             Map<String, String> about) {

    /**
     * @param differsIn  why the published value and cxrbench's key measure different things, or null: definition
     *                   (another formula), task (another model or task) or data (another data set); such a cell is
     *                   "not comparable", never a verdict
     * @param difference the difference, in words (shown in the .md and .html)
     */
    public record Column(String key, String name, String direction, boolean featureSpace, String note, String differsIn,
                         String difference) {}

    /** The reasons a column may give in {@code differs_in}. */
    static final Set<String> DIFFERS_IN = Set.of("definition", "task", "data");

    public record Row(String model, Map<String, Double> values, Map<String, double[]> ci95, Map<String, Double> p) {}

    static final Set<String> TOP = Set.of("table", "title", "citation", "url", "settings", "tolerance", "columns", "rows",
            "source");
    static final Set<String> COLUMN = Set.of("key", "name", "direction", "feature_space", "note", "differs_in", "difference");
    /** What the table's {@code source:} block records about where its numbers come from. */
    static final Set<String> SOURCE = Set.of("version", "resolution", "samples", "transcribed_from");
    static final Set<String> ROW = Set.of("model", "values", "ci95", "p");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static PublishedTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "no such published table", "give one of the baselines/*.yaml files");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.of(file, "not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "fix the file");
        }
        try {
            return parse(file, root);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(file, e.getMessage(), "fix the table file");
        }
    }

    static PublishedTable parse(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level is not a mapping");
        }
        known(root, TOP, "");
        for (String req : List.of("table", "citation", "settings", "columns", "rows")) {
            if (!root.has(req)) {
                throw new IllegalArgumentException("missing key '" + req + "'");
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        root.get("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        List<Column> cols = new ArrayList<>();
        for (JsonNode c : root.get("columns")) {
            cols.add(column(c));
        }
        Set<String> keys = new java.util.HashSet<>();
        cols.forEach(c -> keys.add(c.key()));
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root.get("rows")) {
            rows.add(row(r, keys));
        }
        Tolerance tol = Tolerance.parse(root.path("tolerance").asText("rel:0.05"));
        Map<String, String> about = new LinkedHashMap<>();
        if (root.has("source")) {
            known(root.get("source"), SOURCE, "source: ");
            root.get("source").fields().forEachRemaining(e -> about.put(e.getKey(), e.getValue().asText()));
        }
        return new PublishedTable(file, root.get("table").asText(), root.path("title").asText(root.get("table").asText()),
                root.get("citation").asText(), text(root, "url"), settings, tol, cols, rows, about);
    }

    /** One item of {@code columns:}, checked: known keys, a direction and a differs_in reason from their lists. */
    private static Column column(JsonNode c) {
        known(c, COLUMN, "columns item ");
        String dir = text(c, "direction");
        if (dir != null && !Set.of("lower", "higher", "none").contains(dir)) {
            throw new IllegalArgumentException("column " + c.path("key").asText() + ": direction '" + dir
                    + "' is not one of lower, higher, none");
        }
        String differsIn = text(c, "differs_in");
        if (differsIn != null && !DIFFERS_IN.contains(differsIn)) {
            throw new IllegalArgumentException("column " + c.path("key").asText() + ": differs_in '" + differsIn
                    + "' is not one of definition, task, data");
        }
        if (differsIn != null && text(c, "difference") == null) {
            throw new IllegalArgumentException("column " + c.path("key").asText() + ": differs_in needs a difference (in words)");
        }
        return new Column(req(c, "key"), req(c, "name"), "none".equals(dir) ? null : dir,
                c.path("feature_space").asBoolean(false), text(c, "note"), differsIn, text(c, "difference"));
    }

    /** One item of {@code rows:}, checked: known keys, each value a number under a column key. */
    private static Row row(JsonNode r, Set<String> keys) {
        known(r, ROW, "rows item ");
        String model = req(r, "model");
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, double[]> ci = new LinkedHashMap<>();
        Map<String, Double> p = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("values").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!keys.contains(e.getKey())) {
                throw new IllegalArgumentException("row '" + model + "': value '" + e.getKey()
                        + "' is not a column key (" + String.join(", ", keys) + ")");
            }
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("row '" + model + "': value '" + e.getKey() + "' is not a number");
            }
            values.put(e.getKey(), e.getValue().asDouble());
        }
        r.path("ci95").fields().forEachRemaining(e -> ci.put(e.getKey(), pair(e.getValue())));
        r.path("p").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asDouble()));
        return new Row(model, values, ci, p);
    }

    private static String text(JsonNode n, String field) {
        JsonNode t = n == null ? null : n.get(field);
        return t == null || t.isNull() ? null : t.asText();
    }

    private static double[] pair(JsonNode n) {
        if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber()) {
            return null;
        }
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
    }

    private static void known(JsonNode n, Set<String> allowed, String where) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + "unknown key '" + k + "' (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        });
    }

    private static String req(JsonNode n, String k) {
        String s = text(n, k);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("an item has no '" + k + "'");
        }
        return s;
    }
}
