package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;

/**
 * The run history: one JSON object per line, one line per run. A line is appended under an exclusive lock on
 * {@code FILE.lock} by writing the old lines plus the new one to a temporary file and renaming it over the
 * history, so a reader never sees half a line and two concurrent runs never lose one.
 */
public final class RunHistory {
    private RunHistory() {}

    /** Appends one line: any value Jackson writes as a JSON object (a record, or a map). */
    public static void append(Path history, Object line) {
        String text = Json.MAPPER.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .valueToTree(line).toString();
        Path abs = history.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            try (FileChannel ch = FileChannel.open(abs.resolveSibling(abs.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                byte[] old = Files.exists(abs) ? Files.readAllBytes(abs) : new byte[0];
                boolean needsNewline = old.length > 0 && old[old.length - 1] != '\n';
                AtomicFiles.write(abs, out -> {
                    out.write(old);
                    if (needsNewline) {
                        out.write('\n');
                    }
                    out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + history + ": " + e.getMessage(), e);
        }
    }

    /** The history's lines, oldest first (an absent file is an empty history). */
    public static List<JsonNode> read(Path history) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(history)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(history, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + history + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(org.cxrbench.common.Json.MAPPER.readTree(lines.get(i)));
            } catch (IOException e) {
                throw BadInputException.at(history, i + 1, "not a JSON line", "remove or fix that line");
            }
        }
        return out;
    }

    /** The scalar metric values of a results set, generator -> metric -> value, for a history line. */
    public static Map<String, Map<String, Double>> values(ResultsSet s) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (NamedResult g : s.generators()) {
            Map<String, Double> m = new LinkedHashMap<>();
            g.metrics().forEach((k, e) -> {
                if (e.hasValue() && e.perLabel().isEmpty()) {
                    m.put(k, e.value());
                }
            });
            out.put(g.name(), m);
        }
        return out;
    }
}
