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
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
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

    /**
     * One history line: when, the config's and the results' content hashes, commit and command, the stages run and
     * reused, and each generator's headline values (metrics with a finite single value; per-label ones left out).
     */
    @JsonPropertyOrder({"time", "config", "results", "commit", "command", "stages_run", "stages_reused", "generators"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Line(String time, String config, String results, String commit, String command, int stagesRun,
                       int stagesReused, Map<String, Map<String, Double>> generators) {
        public Line {
            Map<String, Map<String, Double>> g = new LinkedHashMap<>();
            generators.forEach((k, v) -> g.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            generators = Collections.unmodifiableMap(g);
        }
    }

    public static Line line(Evaluation e, String configHash, String resultsHash, StageCache stages) {
        Map<String, Map<String, Double>> gens = new LinkedHashMap<>();
        e.generators().forEach((g, r) -> {
            Map<String, Double> v = new LinkedHashMap<>();
            for (Map.Entry<String, MetricResult> x : r.metrics().entrySet()) {
                if (x.getValue().perLabel().isEmpty() && Double.isFinite(x.getValue().value())) {
                    v.put(x.getKey(), x.getValue().value());
                }
            }
            gens.put(g, v);
        });
        return new Line(java.time.Instant.now().toString(), configHash, resultsHash, e.provenance().commit(),
                e.provenance().command(), stages.executed().size(), stages.reused().size(), gens);
    }

    /** Appends one line atomically (exclusive lock, a single write of the whole line, forced to disk). */
    public static void append(Path file, Line line) {
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
