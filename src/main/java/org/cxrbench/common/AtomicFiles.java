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
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            registered = tmp;
            PENDING.add(tmp);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try {
                // temp files are created private (rw-------); outputs are ordinary files (rw-r--r--)
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
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

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
