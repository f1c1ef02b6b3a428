package org.cxrbench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;

/** Runs stages: inputs present and outputs writable before any work, then the work, timed on the log. */
public final class Runner {
    private Runner() {}

    public static <O> O run(Stage<O> stage, RunContext ctx) {
        stage.inputs().forEach((role, p) -> Inputs.requireExisting(role, p));
        stage.outputs().forEach((opt, p) -> Outputs.requireWritable(opt, p));
        long t0 = System.nanoTime();
        O out = stage.run(ctx);
        ctx.log().printf(Locale.ROOT, "%s: done in %.1f s%n", stage.name(), (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /**
     * The stage's content key: sha256 over its name, its settings (sorted) and the contents of its inputs (a file's
     * bytes; a folder's files in code-point order of their relative paths, each path and its bytes). Renaming or
     * moving an input does not change the key; changing one byte or one setting does.
     */
    public static String key(Stage<?> stage) {
        MessageDigest md = Hashing.sha256();
        md.update(("stage:" + stage.name() + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(Json.toString(new TreeMap<>(stage.settings())).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Path> e : new TreeMap<>(stage.inputs()).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            md.update(("\ninput:" + e.getKey() + "=").getBytes(StandardCharsets.UTF_8));
            Path p = e.getValue();
            String name = p.getFileName().toString();
            if (!Files.exists(p) && name.contains("#")) {
                md.update(("split:" + name.substring(name.indexOf('#') + 1) + ";").getBytes(StandardCharsets.UTF_8));
                p = p.resolveSibling(name.substring(0, name.indexOf('#')));
            }
            md.update(contentHash(p).getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + Hashing.hex(md.digest());
    }

    /**
     * The content key of a stage whose inputs are the outputs of other stages (or data sets already hashed): sha256
     * over its name, its settings (sorted) and its inputs' content keys (sorted by role). A config run caches each
     * stage's output under this key: the same key means the same result.
     */
    public static String key(String name, Map<String, ?> settings, Map<String, String> inputKeys) {
        MessageDigest md = Hashing.sha256();
        md.update(("stage:" + name + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(Json.toString(new TreeMap<>(settings)).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> e : new TreeMap<>(inputKeys).entrySet()) {
            md.update(("\ninput:" + e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + Hashing.hex(md.digest());
    }

    static String contentHash(Path p) {
        if (!Files.isDirectory(p)) {
            return Hashing.ofFile(p);
        }
        MessageDigest md = Hashing.sha256();
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> files = s.filter(Files::isRegularFile).map(p::relativize).sorted().toList();
            for (Path f : files) {
                md.update((f.toString().replace('\\', '/') + "\0" + Hashing.ofFile(p.resolve(f)) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + Hashing.hex(md.digest());
    }
}
