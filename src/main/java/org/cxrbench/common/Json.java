package org.cxrbench.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;

/** One configured Jackson mapper and an atomic JSON writer. */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, toString(value) + "\n");
    }

    /** Writes {@code <file>.provenance.json} beside a CSV or .npy output. */
    public static void writeSidecar(Path file, Provenance provenance) {
        write(file.resolveSibling(file.getFileName() + ".provenance.json"),
                java.util.Map.of("provenance", provenance.toMap()));
    }
}
