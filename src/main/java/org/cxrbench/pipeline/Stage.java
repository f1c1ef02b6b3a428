package org.cxrbench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;

/**
 * One step of a run, as a declaration: its name, the settings that change its result, the content keys of its
 * inputs (data sets' hashes, or the keys of the stages it reads), the files it checks or writes, how its output is
 * stored, and the work. Every stage of a config run (data, filter, encode, fidelity, privacy, noise floor, utility)
 * and every CLI command that runs as a stage ({@code fidelity}, {@code privacy}, {@code encode}) is one; one
 * {@link StageCache executor} runs them all: it checks the declared files before any work, derives the content key
 * with {@link #key()} (the only key function), and, when it has a cache folder, stores the output under that key and
 * reuses it on the next run. A CLI command runs with a throw-away executor (no folder): the same checks and timing,
 * nothing stored.
 *
 * @param <O> what the stage returns (e.g. an {@link org.cxrbench.common.Evaluation})
 */
public interface Stage<O> {
    /** Short name: "data", "encode", "filter", "fidelity", "privacy", "noise-floor", "utility". */
    String name();

    /** Which instance (a generator's name, "train", ...): logs and the executed/reused lists show name[label]. */
    default String label() {
        return name();
    }

    /**
     * The settings that change the result (metrics, k, seed, encoder, ...): a record that Jackson writes as a JSON
     * object (each stage declares its own, e.g. {@link EncodeSettings}), hashed into {@link #key()}. Declared
     * {@code Object} so that a stage whose settings are still a {@code Map<String, ?>} keeps its key (the fidelity
     * stages, converted on their own).
     */
    Object settings();

    /** The content keys of the inputs by role ({@link #fileKeys} for files given on a command line). */
    Map<String, String> inputKeys();

    /** How the output is stored under its key ({@link StageCache#EVALUATION}, ...). */
    Store<O> store();

    /** Input files to check before any work (null values: optional inputs not given). */
    default Map<String, Path> files() {
        return Map.of();
    }

    /** Files the stage writes besides its stored output, by option name (null: not asked for). */
    default Map<String, Path> writes() {
        return Map.of();
    }

    O compute(RunContext ctx);

    /**
     * A stage that one command runs on files given on its command line: its inputs are keyed by those files' content
     * ({@link #fileKeys}) and its output is not stored (a command's cache is thrown away).
     */
    interface OnFiles<O> extends Stage<O> {
        @Override
        default Map<String, String> inputKeys() {
            return fileKeys(files());
        }

        @Override
        default Store<O> store() {
            return StageCache.notStored();
        }
    }

    /** The stage's content key: the same key means the same result. */
    default String key() {
        return key(name(), settings(), inputKeys());
    }

    /** How a stage's output is kept on disk: written atomically to {@code file}, read back as the stage's result. */
    interface Store<O> {
        String extension();

        /** Writes {@code value} to {@code file} atomically. */
        void write(Path file, O value);

        O read(Path file);
    }

    /**
     * The content key: sha256 over the name, the settings (as {@link #settingsJson}) and the inputs' content keys
     * (sorted by role). Renaming or moving an input does not change it; one byte or one setting does.
     */
    static String key(String name, Object settings, Map<String, String> inputKeys) {
        MessageDigest md = Hashing.sha256();
        md.update(("stage:" + name + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(settingsJson(settings).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> e : new TreeMap<>(inputKeys).entrySet()) {
            md.update(("\ninput:" + e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + Hashing.hex(md.digest());
    }

    /**
     * The settings as they are hashed: their JSON object with the top-level keys sorted; nested objects keep their
     * own order (a record's: its components'; a map's: its own). A record gives the same text as the map of the same keys and values
     * that stages declared before their settings were typed, so the keys of existing caches did not change
     * (StageKeysPinnedTest).
     */
    static String settingsJson(Object settings) {
        JsonNode tree = Json.MAPPER.valueToTree(settings);
        if (!tree.isObject()) {
            throw new IllegalArgumentException("stage settings must be written as a JSON object: " + settings);
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        tree.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        return Json.toString(sorted);
    }

    /**
     * Content keys of files given on a command line: a file's sha256; a folder's files in code-point order of their
     * relative paths, each path and its hash; "FILE.csv#split" is the split's name and the file's hash.
     */
    static Map<String, String> fileKeys(Map<String, Path> files) {
        Map<String, String> keys = new LinkedHashMap<>();
        files.forEach((role, p) -> {
            if (p == null) {
                return;
            }
            String name = p.getFileName().toString();
            String split = "";
            if (!Files.exists(p) && name.contains("#")) {
                split = "split:" + name.substring(name.indexOf('#') + 1) + ";";
                p = p.resolveSibling(name.substring(0, name.indexOf('#')));
            }
            keys.put(role, split + contentHash(p));
        });
        return keys;
    }

    /** Files by role from alternating (role, path) pairs, skipping null paths. */
    static Map<String, Path> files(Object... roleAndPath) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < roleAndPath.length; i += 2) {
            if (roleAndPath[i + 1] != null) {
                m.put((String) roleAndPath[i], (Path) roleAndPath[i + 1]);
            }
        }
        return m;
    }

    private static String contentHash(Path p) {
        if (!Files.isDirectory(p)) {
            return Hashing.ofFile(p);
        }
        MessageDigest md = Hashing.sha256();
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> fs = s.filter(Files::isRegularFile).map(p::relativize).sorted().toList();
            for (Path f : fs) {
                md.update((f.toString().replace('\\', '/') + "\0" + Hashing.ofFile(p.resolve(f)) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + Hashing.hex(md.digest());
    }

    /** The work of a declared stage; it is given its own content key (for the provenance of what it writes). */
    @FunctionalInterface
    interface Work<O> {
        O compute(RunContext ctx, String key);
    }

    /** A stage declared in one expression: what most stages are. */
    record Declared<O>(String name, String label, Object settings, Map<String, String> inputKeys, Store<O> store,
                       Work<O> work) implements Stage<O> {
        @Override public O compute(RunContext ctx) {
            return work.compute(ctx, key());
        }
    }

    static <O> Stage<O> of(String name, String label, Object settings, Map<String, String> inputKeys, Store<O> store,
                           Work<O> work) {
        return new Declared<>(name, label, settings, inputKeys, store, work);
    }
}
