package org.cxrbench.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;

/**
 * The run config's JSON Schema ({@code schema/config.schema.json}, packaged beside this class), applied to every config
 * before it is read: keys, types, ranges and allowed values are the schema's, and its first violation becomes the
 * reader's one-line error naming the key's path and what is allowed ("CONFIG: metrics.fidelity.k: 0 is out of range;
 * give a whole number in 1..1000"). The schema's rules that tie keys together (its {@code oneOf}/{@code not} branches:
 * either phantom: or path:, simulator: or name: + path:) are left to {@link ConfigReader}'s own checks, which say the
 * same rule in words; one the reader did not catch still fails, with the schema's message ({@link #unexplained}).
 */
final class ConfigSchema {
    private ConfigSchema() {}

    static final String RESOURCE = "/org/cxrbench/pipeline/config/config.schema.json";
    /** The schema document (read once). */
    static final JsonNode DOCUMENT = load();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(DOCUMENT);
    /** Keys whose list of names may also be written as one comma-separated text (the schema's string branch). */
    static final List<String> NAME_LISTS = List.of("metrics.fidelity.metrics", "metrics.privacy.metrics", "filter.remove",
            "utility.conditions");
    /** Keywords whose violations {@link ConfigReader} says in its own words (rules across keys). */
    private static final Set<String> ACROSS_KEYS = Set.of("oneOf", "anyOf", "not");

    private static JsonNode load() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (the build packages schema/)");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks a config tree (its name lists already split, {@link #withNameListsSplit}); throws the first violation of a
     * single key's rule as a one-line {@link BadInputException} and returns the violations of rules across keys.
     */
    static List<ValidationMessage> check(JsonNode root, String source) {
        List<ValidationMessage> across = new ArrayList<>();
        for (ValidationMessage m : SCHEMA.validate(root)) {
            if (acrossKeys(m)) {
                across.add(m);
            } else {
                throw error(m, source);
            }
        }
        return across;
    }

    /** A violation the reader's own checks let through: the schema's message, on one line. */
    static void unexplained(List<ValidationMessage> across, String source) {
        if (!across.isEmpty()) {
            ValidationMessage m = across.get(0);
            JsonNode at = at(schemaParent(m));
            String rule = at.path("description").asText("see schema/config.schema.json");
            throw new BadInputException(source + ": " + where(m.getInstanceLocation()) + ": does not fit the schema ("
                    + m.getMessage().replaceFirst("^\\$[^:]*: ", "") + "); " + rule);
        }
    }

    /** A copy of the tree with each comma-separated name list ({@link #NAME_LISTS}) written as a list. */
    static JsonNode withNameListsSplit(JsonNode root) {
        JsonNode copy = root.deepCopy();
        for (String key : NAME_LISTS) {
            String[] parts = key.split("\\.");
            JsonNode parent = copy;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (parent instanceof ObjectNode o && o.path(last).isTextual() && !o.get(last).asText().isBlank()) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                for (String s : o.get(last).asText().split(",")) {
                    list.add(s.strip());
                }
                o.set(last, list);
            }
        }
        return copy;
    }

    private static boolean acrossKeys(ValidationMessage m) {
        if (ACROSS_KEYS.contains(m.getType())) {
            return true;
        }
        JsonNodePath f = m.getSchemaLocation().getFragment();
        for (int i = 0; i < f.getNameCount(); i++) {
            if (ACROSS_KEYS.contains(f.getName(i))) {
                return true;
            }
        }
        return false;
    }

    private static BadInputException error(ValidationMessage m, String source) {
        JsonNode rule = at(schemaParent(m));
        JsonNode value = m.getInstanceNode();
        String where = where(m.getInstanceLocation());
        String problem;
        String fix;
        switch (m.getType()) {
            case "additionalProperties" -> {
                where = child(where, m.getProperty());
                problem = "unknown key";
                fix = "allowed keys here: " + String.join(", ", names(rule.path("properties").fieldNames()));
            }
            case "required" -> {
                where = child(where, m.getProperty());
                problem = "missing";
                fix = "this key is required";
            }
            case "type" -> {
                problem = "expected " + expected(rule.path("type").asText()) + ", found " + kind(value)
                        + (value.isValueNode() ? " '" + value.asText() + "'" : "");
                fix = allowed(rule);
            }
            case "enum" -> {
                problem = "'" + value.asText() + "' is not allowed";
                fix = allowed(rule);
            }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                problem = value.asText() + " is out of range";
                fix = allowed(rule);
            }
            case "minItems" -> {
                problem = "empty list";
                fix = "name at least one" + (rule.path("items").has("enum") ? " of: " + list(rule.path("items").path("enum")) : "");
            }
            case "uniqueItems" -> {
                problem = "'" + repeated(value) + "' is listed twice";
                fix = "list each once";
            }
            case "minLength" -> {
                problem = "empty value";
                fix = "give a value or remove the key";
            }
            case "pattern" -> {
                problem = "'" + value.asText() + "' is not a valid " + rule.path("title").asText("value");
                fix = "allowed: " + rule.path("description").asText(rule.path("pattern").asText());
            }
            default -> {
                problem = m.getMessage().replaceFirst("^\\$[^:]*: ", "");
                fix = rule.path("description").asText("see schema/config.schema.json");
            }
        }
        return new BadInputException(source + ": " + (where.isEmpty() ? "(top level)" : where) + ": " + problem + "; " + fix);
    }

    /** What a key allows, in words: its values, its range or its type. */
    private static String allowed(JsonNode rule) {
        if (rule.has("enum")) {
            return "allowed values: " + list(rule.get("enum"));
        }
        String type = rule.path("type").asText();
        boolean whole = type.equals("integer");
        if (rule.has("minimum") || rule.has("maximum")) {
            String min = bound(rule.path("minimum"), whole);
            String max = bound(rule.path("maximum"), whole);
            if (whole) {
                return "give a whole number " + (max.isEmpty() ? ">= " + min : "in " + min + ".." + max);
            }
            return "give a number " + (max.isEmpty() ? ">= " + min : "in [" + min + ", " + max + "]");
        }
        return switch (type) {
            case "integer" -> "give a whole number";
            case "number" -> "give a number";
            case "boolean" -> "allowed values: true, false";
            case "array" -> "write it as [a, b] or as lines starting with '- '";
            case "object" -> "write it as a block of keys";
            default -> "give a single value";
        };
    }

    private static String bound(JsonNode b, boolean whole) {
        if (b.isMissingNode()) {
            return "";
        }
        return whole ? Long.toString(b.asLong()) : Double.toString(b.asDouble());
    }

    private static String expected(String type) {
        return switch (type) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "array" -> "a list";
            case "object" -> "a mapping (key: value)";
            default -> "a text value";
        };
    }

    /** The value's kind in words ("a mapping", "a list", "a number", "text"). */
    static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.isBoolean() ? "a boolean" : "text";
    }

    private static String repeated(JsonNode list) {
        Set<JsonNode> seen = new HashSet<>();
        for (JsonNode n : list) {
            if (!seen.add(n)) {
                return n.asText();
            }
        }
        return "";
    }

    private static String list(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return String.join(", ", out);
    }

    private static List<String> names(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The schema object holding the violated keyword (a JSON pointer into {@link #DOCUMENT}). */
    private static String schemaParent(ValidationMessage m) {
        JsonNodePath f = m.getSchemaLocation().getFragment();
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < f.getNameCount() - 1; i++) {
            p.append('/').append(f.getName(i).replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    private static JsonNode at(String pointer) {
        return DOCUMENT.at(pointer);
    }

    /** "generators[1].k" from the instance location {@code $.generators[1].k}. */
    static String where(JsonNodePath location) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object e = location.getElement(i);
            if (e instanceof Integer idx) {
                w.append('[').append(idx).append(']');
            } else {
                w.append(w.length() == 0 ? "" : ".").append(e);
            }
        }
        return w.toString();
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
