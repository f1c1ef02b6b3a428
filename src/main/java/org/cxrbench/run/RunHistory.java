package org.cxrbench.run;

import org.cxrbench.pipeline.StageCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Json;
import org.cxrbench.common.MetricResult;

/**
 * The run history {@code DIR/history.jsonl}: one JSON line per finished run (time, config hash, results hash,
 * commit, stages run and reused, each generator's headline values). A line is appended with one write under an
 * exclusive file lock, so concurrent runs never interleave or tear lines.
 */
public final class RunHistory {
    private RunHistory() {}

    public static Map<String, Object> line(Evaluation e, String configHash, String resultsHash, StageCache stages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", java.time.Instant.now().toString());
        m.put("config", configHash);
        m.put("results", resultsHash);
        m.put("commit", e.provenance().commit());
        m.put("command", e.provenance().command());
        m.put("stages_run", stages.executed().size());
        m.put("stages_reused", stages.reused().size());
        Map<String, Object> gens = new LinkedHashMap<>();
        e.generators().forEach((g, r) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            for (Map.Entry<String, MetricResult> x : r.metrics().entrySet()) {
                if (x.getValue().perLabel().isEmpty() && Double.isFinite(x.getValue().value())) {
                    v.put(x.getKey(), x.getValue().value());
                }
            }
            gens.put(g, v);
        });
        m.put("generators", gens);
        return m;
    }

    /** Appends one line atomically (exclusive lock, a single write of the whole line, forced to disk). */
    public static void append(Path file, Map<String, Object> line) {
        String text = Json.toString(line).replace('\n', ' ') + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
                ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
