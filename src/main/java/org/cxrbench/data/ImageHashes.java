package org.cxrbench.data;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Hashing;

/**
 * Content hashes (SHA-256) of input files (images, and the feature files a command reads), computed in parallel and
 * remembered by (absolute path, size, modification time) so a rerun over the same files reads none of them to hash
 * it (a 230,000 x 2048 float32 feature file is 1.9 GB, about 2-3 s of SHA-256). The memory is one append-only text file
 * ({@code image-hashes.tsv} in the feature cache's folder, {@code -Dcxrbench.hashCache=FILE} to move it): one
 * line per hash, the last line for a path wins, so processes running at once only append whole lines and need no
 * lock. A file modified less than two seconds before it was hashed is not remembered (a later change within the
 * same timestamp tick could not be told apart). {@link Mode#REHASH} ({@code --rehash}) hashes every file again,
 * reports the remembered hashes that were wrong (a change that kept size and time) and replaces them; the mode is
 * the current run's ({@link #mode()}).
 */
public final class ImageHashes {
    private ImageHashes() {}

    public enum Mode { CACHED, REHASH, OFF }

    /**
     * The current run's mode ({@code --rehash}: {@link Mode#REHASH}; a run sets it as its setting of type
     * {@link Mode}, see {@link org.cxrbench.common.RunSettings}); outside a run, or when the run set none,
     * {@link Mode#REHASH} with {@code -Dcxrbench.rehash=true}, else {@link Mode#CACHED}. Never process-wide state.
     */
    public static Mode mode() {
        return org.cxrbench.common.RunSettings.current(Mode.class,
                Boolean.getBoolean("cxrbench.rehash") ? Mode.REHASH : Mode.CACHED);
    }

    /** Where the remembered hashes live: -Dcxrbench.hashCache, else image-hashes.tsv in the feature cache folder. */
    public static Path cacheFile() {
        String prop = System.getProperty("cxrbench.hashCache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String cache = System.getProperty("cxrbench.cache");
        if (cache == null || cache.isBlank()) {
            cache = System.getenv("CXRBENCH_CACHE");
        }
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "cxrbench", "features");
        return root.resolve("image-hashes.tsv");
    }

    /** What a file looked like when it was hashed. */
    record Stamp(long size, long mtimeNanos) {
        static Stamp of(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    record Entry(Stamp stamp, String sha256) {}

    /** The hashes of {@code files} in order, with the current run's {@link #mode()} and cache file; a note on {@code log}. */
    public static List<String> of(List<Path> files, PrintStream log) {
        return of(files, mode(), cacheFile(), log);
    }

    static List<String> of(List<Path> files, Mode m, Path cacheFile, PrintStream log) {
        // a few files (a command's feature files): find their lines in the memory's text; many: parse it all once
        Map<String, Entry> known = m == Mode.OFF ? new HashMap<>()
                : files.size() <= FEW ? lookup(cacheFile, files) : load(cacheFile);
        String[] out = new String[files.size()];
        Stamp[] stamps = new Stamp[files.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path p = files.get(i).toAbsolutePath().normalize();
            try {
                stamps[i] = Stamp.of(p);
            } catch (IOException e) {
                stamps[i] = null; // missing or unreadable: Hashing.ofFile says which and how, below
            }
            Entry e = known.get(p.toString());
            if (m == Mode.CACHED && e != null && e.stamp().equals(stamps[i])) {
                out[i] = e.sha256();
            } else {
                todo.add(i);
            }
        }
        hashAll(files, todo, out);
        List<String> changedSilently = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i : todo) {
            String key = files.get(i).toAbsolutePath().normalize().toString();
            Entry e = known.get(key);
            if (m == Mode.REHASH && e != null && e.stamp().equals(stamps[i]) && !e.sha256().equals(out[i])) {
                changedSilently.add(key);
            }
            boolean settled = stamps[i] != null && now - stamps[i].mtimeNanos() > 2_000_000_000L;
            if (m != Mode.OFF && settled && (e == null || !e.stamp().equals(stamps[i]) || !e.sha256().equals(out[i]))) {
                lines.add(stamps[i].size() + "\t" + stamps[i].mtimeNanos() + "\t" + out[i] + "\t" + key);
            }
        }
        if (!changedSilently.isEmpty()) {
            log.println("warning: --rehash: " + changedSilently.size() + " image(s) changed content without a change of "
                    + "size or modification time, e.g. " + changedSilently.get(0) + "; their hashes are corrected");
        }
        append(cacheFile, lines, files.size() <= FEW ? -1 : known.size()); // -1: a lookup, the live count unknown
        return List.of(out);
    }

    private static void hashAll(List<Path> files, List<Integer> todo, String[] out) {
        if (todo.isEmpty()) {
            return;
        }
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), todo.size() / 16));
        if (threads == 1) {
            for (int i : todo) {
                out[i] = Hashing.ofFile(files.get(i));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cxrbench-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i : todo) {
                fs.add(pool.submit(() -> {
                    out[i] = Hashing.ofFile(files.get(i));
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // e.g. a missing image: one line naming it
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing images", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Up to this many files are looked up in the memory's text instead of parsing every line of it. */
    static final int FEW = 16;

    /** The last entry of each of {@code files} in the memory (absent: never remembered), by a search of its text. */
    static Map<String, Entry> lookup(Path file, List<Path> files) {
        Map<String, Entry> out = new HashMap<>();
        String text;
        try {
            text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | UncheckedIOException e) {
            return out; // an unreadable memory only costs hashing again
        }
        for (Path f : files) {
            String key = f.toAbsolutePath().normalize().toString();
            int at = text.lastIndexOf("\t" + key + "\n");
            while (at >= 0) {
                int start = text.lastIndexOf('\n', at) + 1;
                Map<String, Entry> one = new HashMap<>();
                parseLine(text.substring(start, at + key.length() + 1), one);
                if (one.containsKey(key)) {
                    out.put(key, one.get(key));
                    break;
                }
                at = start >= 2 ? text.lastIndexOf("\t" + key + "\n", start - 2) : -1; // a damaged line: the one before
            }
        }
        return out;
    }

    private static void parseLine(String line, Map<String, Entry> out) {
        String[] f = line.split("\t", 4);
        if (f.length == 4 && f[2].startsWith("sha256:") && f[2].length() == 71) {
            try {
                out.put(f[3], new Entry(new Stamp(Long.parseLong(f[0]), Long.parseLong(f[1])), f[2]));
            } catch (NumberFormatException e) {
                // skipped
            }
        }
    }

    /** The memory file as this process last read it: which file (and inode), how many bytes, what they held. */
    private static final class Read {
        Path file;
        Object fileKey;
        long bytes;
        Map<String, Entry> entries = new HashMap<>();
    }

    private static final Read LAST = new Read();

    /**
     * path -> its last entry; unreadable lines (a process killed mid-line) are skipped. The file only grows between
     * compactions (which replace it: a new file key), so a second call in the same process parses only the lines
     * appended since the first (a memory of 230,000 images is ~35 MB: parsed once per process, not once per input).
     */
    static Map<String, Entry> load(Path file) {
        synchronized (LAST) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                return new HashMap<>();
            }
            if (!a.isRegularFile()) {
                return new HashMap<>();
            }
            if (!file.equals(LAST.file) || !java.util.Objects.equals(a.fileKey(), LAST.fileKey) || a.size() < LAST.bytes
                    || a.fileKey() == null) {
                LAST.file = file;
                LAST.fileKey = a.fileKey();
                LAST.bytes = 0;
                LAST.entries = new HashMap<>();
            }
            if (a.size() > LAST.bytes) {
                try {
                    LAST.bytes += parse(file, LAST.bytes, a.size(), LAST.entries);
                } catch (IOException e) {
                    LAST.file = null;
                    return new HashMap<>(); // an unreadable memory only costs hashing again
                }
            }
            return new HashMap<>(LAST.entries);
        }
    }

    /** Parses the whole lines of bytes [from, to) into {@code out}; returns how many bytes they took. */
    private static long parse(Path file, long from, long to, Map<String, Entry> out) throws IOException {
        byte[] bytes;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Math.toIntExact(to - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
                // read until full or end of file
            }
            bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a line still being written by another process: read next time
        }
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            parseLine(line, out);
        }
        return end;
    }

    /**
     * Appends whole lines (one write each); rewrites the file without stale lines when they dominate it, judged
     * from {@code knownBefore} live entries (-1: not known, as after a {@link #lookup}: then a later full load
     * judges it).
     */
    private static void append(Path file, List<String> lines, int knownBefore) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                b.append(l).append('\n');
            }
            // one append of whole lines: writers running at once interleave lines, never parts of lines
            Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            long size = Files.size(file);
            if (knownBefore >= 0 && size > (1L << 20) && size > 3L * 200 * Math.max(1, knownBefore + lines.size())) {
                Map<String, Entry> live = load(file);
                StringBuilder all = new StringBuilder();
                live.forEach((k, e) -> all.append(e.stamp().size()).append('\t').append(e.stamp().mtimeNanos())
                        .append('\t').append(e.sha256()).append('\t').append(k).append('\n'));
                AtomicFiles.writeString(file, all.toString());
            }
        } catch (IOException | UncheckedIOException e) {
            // the memory is an optimisation: a read-only cache folder only means hashing again next time
        }
    }
}
