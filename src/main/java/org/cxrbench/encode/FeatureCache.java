package org.cxrbench.encode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Hashing;
import org.cxrbench.linalg.Features;

/**
 * Content-addressed, on-disk feature cache. One folder per encoder fingerprint (everything that changes features:
 * encoder, model file hash, preset and preprocessing, encoder version), holding shards: {@code shard-ID.npy}
 * (float32 rows) and {@code shard-ID.keys} (one image content hash per row). A shard is complete once its
 * {@code .keys} file exists; both files are written to a temporary name and renamed, the keys last, so a killed run
 * leaves only complete shards and resumes from them. Writers hold a shared lock on the folder's lock file,
 * {@code gc} an exclusive one, so two processes never corrupt the cache.
 */
public final class FeatureCache {
    private final Path root;

    public FeatureCache(Path root) {
        this.root = root;
    }

    /** -Dcxrbench.cache, else $CXRBENCH_CACHE, else ~/.cache/cxrbench/features. */
    public static Path defaultRoot() {
        String prop = System.getProperty("cxrbench.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("CXRBENCH_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "cxrbench", "features");
    }

    public Path root() {
        return root;
    }

    Path dir(String fingerprint) {
        return root.resolve(Hashing.ofString(fingerprint).substring(7, 23));
    }

    /** Every cached row of one encoder: image hash -> float32 features. */
    public Map<String, float[]> load(String fingerprint, int dim) {
        return load(fingerprint, dim, null);
    }

    /** Cached rows of one encoder for the wanted image hashes (all when {@code wanted} is null). */
    public Map<String, float[]> load(String fingerprint, int dim, java.util.Set<String> wanted) {
        Map<String, float[]> out = new HashMap<>();
        for (Map.Entry<String, Hit> e : locate(fingerprint, dim, wanted).entrySet()) {
            float[] row = new float[dim];
            e.getValue().shard().row(e.getValue().row(), row, 0);
            out.put(e.getKey(), row);
        }
        return out;
    }

    /** Where a cached row lives: row {@code row} of a shard (memory-mapped, read when copied). */
    public record Hit(Features shard, int row) {}

    /**
     * Where the cached rows of one encoder for the wanted image hashes are (all when {@code wanted} is null): the
     * shards are memory-mapped float32 files, so locating costs no heap beyond the keys; the first shard (in name
     * order) holding a hash wins.
     */
    public Map<String, Hit> locate(String fingerprint, int dim, java.util.Set<String> wanted) {
        Path d = dir(fingerprint);
        Map<String, Hit> out = new HashMap<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> s = Files.list(d)) {
            for (Path keys : s.filter(p -> p.getFileName().toString().endsWith(".keys")).sorted().toList()) {
                Path npy = keys.resolveSibling(keys.getFileName().toString().replace(".keys", ".npy"));
                if (!Files.isRegularFile(npy)) {
                    continue;
                }
                List<String> ks = Files.readAllLines(keys, StandardCharsets.UTF_8);
                Features f;
                try {
                    f = FeatureFiles.readNpy(npy);
                } catch (RuntimeException e) {
                    continue; // a damaged shard is ignored (gc removes it); its images are re-encoded
                }
                if (f.n() != ks.size() || f.d() != dim) {
                    continue;
                }
                for (int i = 0; i < ks.size(); i++) {
                    if (wanted != null && !wanted.contains(ks.get(i))) {
                        continue;
                    }
                    out.putIfAbsent(ks.get(i), new Hit(f, i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature cache " + d + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Stores rows (image hash -> features) as one new complete shard; returns its id (null when nothing to store). */
    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced
    public String store(String fingerprint, int dim, List<String> keys, List<float[]> rows) {
        if (keys.isEmpty()) {
            return null;
        }
        Path d = dir(fingerprint);
        try {
            Files.createDirectories(d);
            Path meta = d.resolve("encoder.json");
            if (!Files.exists(meta)) {
                AtomicFiles.writeString(meta, org.cxrbench.common.Json.toString(Map.of("fingerprint", fingerprint,
                        "dimension", dim)) + "\n");
            }
            try (FileChannel ch = FileChannel.open(d.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
                 FileLock lock = ch.lock(0, Long.MAX_VALUE, true)) {
                String id = "shard-" + UUID.randomUUID();
                float[] data = new float[keys.size() * dim];
                for (int i = 0; i < keys.size(); i++) {
                    System.arraycopy(rows.get(i), 0, data, i * dim, dim);
                }
                FeatureFiles.writeNpy(d.resolve(id + ".npy"), new Features(keys.size(), dim, data));
                AtomicFiles.writeString(d.resolve(id + ".keys"), String.join("\n", keys) + "\n");
                return id;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the feature cache " + d + ": " + e.getMessage(), e);
        }
    }

    /** Removes shards this process wrote (rollback after bad input): keys first, so readers never see half a shard. */
    public void remove(String fingerprint, List<String> shardIds) {
        Path d = dir(fingerprint);
        for (String id : shardIds) {
            try {
                Files.deleteIfExists(d.resolve(id + ".keys"));
                Files.deleteIfExists(d.resolve(id + ".npy"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean the feature cache " + d + ": " + e.getMessage(), e);
            }
        }
    }

    /** Rewrites a folder's complete shards as one shard without duplicate entries (caller holds the lock). */
    private void compact(Path d) throws IOException {
        Path meta = d.resolve("encoder.json");
        if (!Files.exists(meta)) {
            return;
        }
        var node = org.cxrbench.common.Json.MAPPER.readTree(meta.toFile());
        String fp = node.path("fingerprint").asText();
        int dim = node.path("dimension").asInt();
        List<Path> old;
        try (Stream<Path> s = Files.list(d)) {
            old = s.filter(p -> p.getFileName().toString().endsWith(".keys")).sorted().toList();
        }
        if (old.size() <= 1) {
            return;
        }
        Map<String, Hit> all = locate(fp, dim, null);
        List<String> keys = new ArrayList<>(new java.util.TreeSet<>(all.keySet()));
        float[] data = new float[keys.size() * dim];
        for (int i = 0; i < keys.size(); i++) {
            Hit h = all.get(keys.get(i));
            h.shard().row(h.row(), data, i * dim);
        }
        String id = "shard-" + UUID.randomUUID();
        FeatureFiles.writeNpy(d.resolve(id + ".npy"), new Features(keys.size(), dim, data));
        AtomicFiles.writeString(d.resolve(id + ".keys"), String.join("\n", keys) + "\n");
        for (Path k : old) {
            Files.deleteIfExists(k);
            Files.deleteIfExists(k.resolveSibling(k.getFileName().toString().replace(".keys", ".npy")));
        }
    }

    /** One encoder folder of the cache: its encoder's fingerprint and dimension, cached rows, shards and bytes. */
    public record Entry(String folder, String encoder, int dimension, long entries, int shards, long bytes) {}

    /** One entry per encoder folder, in folder-name order. */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String fp = "";
                int dim = 0;
                if (Files.exists(d.resolve("encoder.json"))) {
                    var node = org.cxrbench.common.Json.MAPPER.readTree(d.resolve("encoder.json").toFile());
                    fp = node.path("fingerprint").asText();
                    dim = node.path("dimension").asInt();
                }
                long bytes = 0;
                int shards = 0;
                long entries = 0;
                try (Stream<Path> s = Files.list(d)) {
                    for (Path p : s.toList()) {
                        bytes += Files.size(p);
                        if (p.getFileName().toString().endsWith(".keys")) {
                            shards++;
                            entries += Files.readAllLines(p).size();
                        }
                    }
                }
                out.add(new Entry(d.getFileName().toString(), fp, dim, entries, shards, bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the feature cache " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Removes leftovers of killed runs (temporary files, .npy shards without .keys) and compacts each encoder folder
     * into one shard without duplicate entries; with {@code clear}, removes everything. Holds each folder's lock
     * exclusively while it works.
     */
    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced
    public Map<String, Long> gc(boolean clear) {
        long removedFiles = 0;
        long freed = 0;
        if (!Files.isDirectory(root)) {
            return Map.of("removed_files", 0L, "freed_bytes", 0L);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (FileChannel ch = FileChannel.open(d.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.READ);
                     FileLock lock = ch.lock()) {
                    List<Path> files;
                    try (Stream<Path> s = Files.list(d)) {
                        files = s.filter(p -> !p.getFileName().toString().equals("lock")).toList();
                    }
                    if (clear) {
                        for (Path p : files) {
                            freed += Files.size(p);
                            Files.delete(p);
                            removedFiles++;
                        }
                        continue;
                    }
                    for (Path p : files) {
                        String n = p.getFileName().toString();
                        boolean orphan = n.endsWith(".npy") && !Files.exists(p.resolveSibling(n.replace(".npy", ".keys")));
                        if (n.endsWith(".tmp") || orphan) {
                            freed += Files.size(p);
                            Files.delete(p);
                            removedFiles++;
                        }
                    }
                    compact(d);
                }
            }
            if (clear) {
                try (Stream<Path> dirs2 = Files.list(root)) {
                    for (Path d : dirs2.filter(Files::isDirectory).toList()) {
                        Files.deleteIfExists(d.resolve("lock"));
                        Files.deleteIfExists(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the feature cache " + root + ": " + e.getMessage(), e);
        }
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("removed_files", removedFiles);
        m.put("freed_bytes", freed);
        return m;
    }
}
