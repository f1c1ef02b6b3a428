package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Json;
import org.cxrbench.common.ResultsJson;

/**
 * A results file as the reports see it: the typed {@link Evaluation} read by {@link ResultsJson} (after
 * {@link LegacyResults} has brought an older layout to the current one), its generators by name in file order (one
 * for a single-pair file), the provenance block as written (for display), and notes the adapter made.
 */
public record ResultsSet(Path source, Evaluation evaluation, List<NamedResult> generators, JsonNode provenance,
                         List<String> notes) {
    public ResultsSet {
        generators = List.copyOf(generators);
        notes = List.copyOf(notes);
    }

    /** Reads a results file of any layout cxrbench wrote; a problem is a one-line bad input naming the file. */
    public static ResultsSet read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "no such results file", "give the results.json a cxrbench command wrote");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw BadInputException.of(file, "not valid JSON (" + msg + ")", "give the results.json a cxrbench command wrote");
        }
        List<String> notes = new ArrayList<>();
        JsonNode current;
        try {
            current = LegacyResults.normalise(file, root, notes);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(file, e.getMessage(), "fix the entry or re-run the command that wrote it");
        }
        Evaluation ev = ResultsJson.read(file, current);
        List<NamedResult> gens = new ArrayList<>();
        ev.generators().forEach((name, g) -> gens.add(NamedResult.of(name, g)));
        JsonNode prov = root.get("provenance");
        return new ResultsSet(file, ev, gens, prov != null && prov.isObject() ? prov : null, notes);
    }

    /** The file-wide noise floor, or null. */
    public Evaluation.NoiseFloor noiseFloor() {
        return evaluation.noiseFloor();
    }

    /** The floor that applies to a generator: its own, else the file's, else null. */
    public Evaluation.NoiseFloor floorFor(NamedResult g) {
        return g.noiseFloor() != null ? g.noiseFloor() : noiseFloor();
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
