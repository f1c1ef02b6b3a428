package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed results file: its generators (one for a single-pair file), the file-wide noise floor when present,
 * the provenance block as written, and notes the reader made while accepting an older layout.
 */
public record ResultsSet(Path source, int schemaVersion, List<GeneratorResult> generators, NoiseFloor noiseFloor,
                         JsonNode provenance, List<String> notes) {
    public ResultsSet {
        generators = List.copyOf(generators);
        notes = List.copyOf(notes);
    }

    /** The floor that applies to a generator: its own, else the file's, else null. */
    public NoiseFloor floorFor(GeneratorResult g) {
        return g.noiseFloor() != null ? g.noiseFloor() : noiseFloor;
    }

    /** The encoder named in the provenance settings, or null. */
    public String encoder() {
        JsonNode s = provenance == null ? null : provenance.path("settings").path("encoder");
        if (s == null || s.isMissingNode() || s.isNull()) {
            return null;
        }
        if (s.isObject()) {
            JsonNode n = s.path("name");
            return n.isMissingNode() ? s.toString() : n.asText();
        }
        return s.asText();
    }
}
