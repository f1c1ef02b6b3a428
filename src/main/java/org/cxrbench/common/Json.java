package org.cxrbench.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * One configured Jackson mapper and an atomic JSON writer. Maps without an order of their own ({@code Map.of},
 * {@code HashMap}; {@code Set.of}) are written with their keys sorted: {@code Map.of} iterates in an order salted
 * per JVM, so the same results would otherwise come out in another order from one run to the next.
 */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(ordered(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value with every unordered map and set (recursively, through maps and collections) in key order. */
    static Object ordered(Object value) {
        if (value instanceof Map<?, ?> m) {
            boolean keepOrder = m instanceof LinkedHashMap || m instanceof SortedMap || m.size() <= 1;
            Map<Object, Object> out = keepOrder ? new LinkedHashMap<>() : new TreeMap<>(Comparator.comparing(String::valueOf));
            m.forEach((k, v) -> out.put(k, ordered(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            boolean sort = c instanceof Set && !(c instanceof LinkedHashSet || c instanceof SortedSet) && c.size() > 1;
            List<Object> out = new ArrayList<>(c.size());
            for (Object v : c) {
                out.add(ordered(v));
            }
            if (sort) {
                out.sort(Comparator.comparing(String::valueOf));
            }
            return out;
        }
        return value;
    }

    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, toString(value) + "\n");
    }

    /** Writes {@code <file>.provenance.json} beside a CSV or .npy output. */
    public static void writeSidecar(Path file, Provenance provenance) {
        write(file.resolveSibling(file.getFileName() + ".provenance.json"),
                Map.of("provenance", provenance.written()));
    }
}
