package org.cxrbench.common;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file completely to a temporary sibling, then renames it into place: readers never see half a file. A temp
 * file still being written when the process is stopped (SIGTERM/SIGINT) is deleted by a shutdown hook.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Files this process finished writing (renamed into place): what an interrupted command kept, as counts per
     * folder and a small sample (never every path).
     */
    private static final WrittenFiles WRITTEN = new WrittenFiles();

    /** What this process has written completely so far (absolute paths): count, counts per folder, a sample. */
    public static WrittenFiles.Snapshot written() {
        return WRITTEN.snapshot();
    }

    /** Temp files being written now; removed by the shutdown hook if the process stops before their rename. */
    private static final java.util.Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }
        }, "cxrbench-temp-cleanup"));
    }

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        Path registered = null;
        try {
            Files.createDirectories(dir);
            tmp = newSibling(dir, abs.getFileName().toString());
            registered = tmp;
            PENDING.add(tmp);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            WRITTEN.add(abs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (registered != null) {
                PENDING.remove(registered);
            }
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file has a dot name and a .tmp suffix
                }
            }
        }
    }

    /**
     * A new empty temp file {@code .NAME.<random>.tmp} in {@code dir}, made with a plain CREATE_NEW so that its mode
     * (and so the output's, after the rename) follows the process's umask like any file a tool writes. Not
     * createTempFile: it makes rw------- files, which were then forced to rw-r--r-- whatever the umask (issue 23).
     * The random part only makes the name unique; it never reaches a result.
     */
    static Path newSibling(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
