package org.cxrbench.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cxrbench.common.BadInputException;

/**
 * A node of a config tree with its path ({@code generators[2].path}) so that every error names the key it is about:
 * "CONFIG: generators[2].k: unknown key; allowed: name, simulator, path, split, labels".
 */
final class ConfigNode {
    final String source;
    final String path;
    final JsonNode node;

    ConfigNode(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    BadInputException error(String problem, String fix) {
        return new BadInputException(source + ": " + (path.isEmpty() ? "(top level)" : path) + ": " + problem + "; " + fix);
    }

    private String sub(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** This node must be a mapping whose keys are among {@code allowed}. */
    ConfigNode object(String... allowed) {
        if (!node.isObject()) {
            throw error("expected a mapping (key: value), found " + kind(), "write it as a block of keys");
        }
        Set<String> ok = new LinkedHashSet<>(List.of(allowed));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ok.contains(k)) {
                throw new ConfigNode(source, sub(k), node.get(k)).error("unknown key", "allowed keys here: "
                        + String.join(", ", ok));
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    ConfigNode get(String key) {
        return new ConfigNode(source, sub(key), node.get(key));
    }

    ConfigNode required(String key) {
        if (!has(key)) {
            throw new ConfigNode(source, sub(key), null).error("missing", "this key is required");
        }
        return get(key);
    }

    List<ConfigNode> list() {
        if (!node.isArray()) {
            throw error("expected a list, found " + kind(), "write it as [a, b] or as lines starting with '- '");
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(source, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    String text() {
        if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) {
            throw error("expected a text value, found " + kind(), "give a single value");
        }
        String s = node.asText().trim();
        if (s.isEmpty()) {
            throw error("empty value", "give a value or remove the key");
        }
        return s;
    }

    String choice(List<String> allowed) {
        String s = text();
        if (!allowed.contains(s)) {
            throw error("'" + s + "' is not allowed", "allowed values: " + String.join(", ", allowed));
        }
        return s;
    }

    long integer(long min, long max) {
        if (!node.isIntegralNumber()) {
            throw error("expected a whole number, found " + kind() + " '" + node.asText() + "'", "give a whole number in "
                    + min + ".." + max);
        }
        long v = node.asLong();
        if (v < min || v > max) {
            throw error(v + " is out of range", "give a whole number in " + min + ".." + max);
        }
        return v;
    }

    double number(double min, double max) {
        if (!node.isNumber()) {
            throw error("expected a number, found " + kind() + " '" + node.asText() + "'", "give a number in [" + min
                    + ", " + max + "]");
        }
        double v = node.asDouble();
        if (!(v >= min && v <= max)) {
            throw error(v + " is out of range", "give a number in [" + min + ", " + max + "]");
        }
        return v;
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, found '" + node.asText() + "'", "allowed values: true, false");
        }
        return node.asBoolean();
    }

    /** A list of names from {@code allowed}, or a comma-separated text; no duplicates. */
    Set<String> names(List<String> allowed) {
        List<ConfigNode> items = new ArrayList<>();
        if (node.isTextual()) {
            String[] parts = node.asText().split(",");
            for (int i = 0; i < parts.length; i++) {
                items.add(new ConfigNode(source, path + "[" + i + "]", com.fasterxml.jackson.databind.node.TextNode
                        .valueOf(parts[i].trim())));
            }
        } else {
            items = list();
        }
        Set<String> out = new LinkedHashSet<>();
        for (ConfigNode c : items) {
            if (!out.add(c.choice(allowed))) {
                throw c.error("'" + c.text() + "' is listed twice", "list each once");
            }
        }
        if (out.isEmpty()) {
            throw error("empty list", "name at least one of: " + String.join(", ", allowed));
        }
        return out;
    }

    private String kind() {
        if (node == null || node.isNull()) {
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
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "text";
    }
}
