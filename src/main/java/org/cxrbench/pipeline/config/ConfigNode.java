package org.cxrbench.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cxrbench.common.BadInputException;

/**
 * A node of a config tree that {@link ConfigSchema} has already checked (keys, types, ranges, allowed values), with its
 * path ({@code generators[2].path}) so that the reader's checks across keys name the key they are about:
 * "CONFIG: generators[2]: give either simulator: (a phantom generator) or path: (images, manifest or features); keep one".
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

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    ConfigNode get(String key) {
        return new ConfigNode(source, sub(key), node.get(key));
    }

    /** A key a rule across keys requires (the schema requires the others). */
    ConfigNode required(String key) {
        if (!has(key)) {
            throw new ConfigNode(source, sub(key), null).error("missing", "this key is required");
        }
        return get(key);
    }

    List<ConfigNode> list() {
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(source, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    String text() {
        return node.asText().trim();
    }

    long integer() {
        return node.asLong();
    }

    double number() {
        return node.asDouble();
    }

    boolean bool() {
        return node.asBoolean();
    }

    /** A list of names (a comma-separated text was split before the schema checked it). */
    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        list().forEach(c -> out.add(c.text()));
        return out;
    }
}
