package org.cxrbench.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;

/**
 * Verdicts cached on disk per judge fingerprint (a file each) and, within it, per image and request (the image's
 * sha256 plus a hash of its labels and prompt), so a killed run resumes without re-asking a judge.
 * One append-only JSON-lines file per judge fingerprint ({@code ROOT/<hash of fingerprint>.jsonl}, the fingerprint
 * itself in a {@code .fingerprint} file beside it); each verdict is one line written (one write call) under an exclusive
 * file lock as soon as it is made, so two processes never interleave lines. A line cut short by a kill is skipped
 * when read (that image is judged again). The first line for an image wins.
 */
public final class VerdictCache {
    private final Path root;

    public VerdictCache(Path root) {
        this.root = root;
    }

    /** $CXRBENCH_VERDICT_CACHE, else a {@code verdicts} folder beside the feature cache's default folder. */
    public static Path defaultRoot(Path featureCacheRoot) {
        String env = System.getenv("CXRBENCH_VERDICT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return featureCacheRoot.toAbsolutePath().resolveSibling("verdicts");
    }

    /** One cached verdict, one JSON line: the verdict key, the verdict, its score (null for none) and reason. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"sha256", "verdict", "score", "reason"})
    record Line(String sha256, String verdict, Double score, String reason) {}

    public Path root() {
        return root;
    }

    Path file(String fingerprint) {
        return root.resolve(Hashing.ofString(fingerprint).substring(7, 23) + ".jsonl");
    }

    /** Every cached verdict of this judge: verdict key (image sha256 + hash of its requested labels and prompt) -> judgement. */
    public Map<String, Judgement> load(String fingerprint) {
        Path f = file(fingerprint);
        Map<String, Judgement> out = new HashMap<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                try {
                    Line n = Json.MAPPER.readValue(line, Line.class);
                    if (n.sha256() == null || n.sha256().isEmpty() || n.verdict() == null) {
                        continue;
                    }
                    out.putIfAbsent(n.sha256(), new Judgement(Verdict.ofKey(n.verdict()),
                            n.score() == null ? Double.NaN : n.score(), n.reason() == null ? "" : n.reason()));
                } catch (IOException | RuntimeException e) {
                    // a line cut short by a killed run: that image is judged again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the verdict cache " + f + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Appends one verdict (thread-safe and process-safe); an unjudged record is not a verdict and is not stored. */
    public synchronized void store(String fingerprint, String sha256, Judgement j) {
        if (j.verdict() == Verdict.UNJUDGED) {
            return; // no answer to keep: the next run asks again
        }
        Path f = file(fingerprint);
        Line m = new Line(sha256, j.verdict().key(), Double.isFinite(j.score()) ? j.score() : null, j.reason());
        byte[] line;
        try {
            line = (Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(root);
            Path fp = f.resolveSibling(f.getFileName().toString().replace(".jsonl", ".fingerprint"));
            if (!Files.exists(fp)) {
                Files.writeString(fp, fingerprint + "\n");
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                 FileLock ignored = ch.lock()) {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict cache " + f + ": " + e.getMessage(), e);
        }
    }
}
