package org.cxrbench.common;

import java.nio.file.Files;
import java.nio.file.Path;

/** Output locations are checked before any work starts: a bad --json path fails in a second, not after the run. */
public final class Outputs {
    private Outputs() {}

    /** Pairs of (option name, path); null paths are skipped. Directories are created, as the writers would. */
    public static void requireWritable(Object... namesAndPaths) {
        for (int i = 0; i + 1 < namesAndPaths.length; i += 2) {
            Path p = (Path) namesAndPaths[i + 1];
            if (p == null) {
                continue;
            }
            String opt = "--" + namesAndPaths[i];
            Path abs = p.toAbsolutePath();
            if (Files.isDirectory(abs)) {
                throw BadInputException.of(p, "is a folder", "give a file name for " + opt);
            }
            Path dir = abs.getParent();
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing)) {
                throw BadInputException.of(p, "cannot be created (" + existing + " is not a folder)",
                        "give a writable location for " + opt);
            }
            if (!Files.isWritable(existing)) {
                throw BadInputException.of(p, "cannot be written (" + existing + " is not writable)",
                        "give a writable location for " + opt);
            }
            if (Files.exists(abs) && !Files.isWritable(abs)) {
                throw BadInputException.of(p, "exists and is not writable", "give a writable location for " + opt);
            }
            probe(existing, p, opt);
        }
    }

    /**
     * Creates and removes a file in the nearest existing folder: permission bits do not tell (root passes every
     * access check; /proc, a read-only mount or a full quota refuse anyway).
     */
    private static void probe(Path existing, Path p, String opt) {
        try {
            Files.delete(Files.createTempFile(existing, ".cxrbench-probe-", ".tmp"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw BadInputException.of(p, "cannot be created (nothing can be written in " + existing + ")",
                    "give a writable location for " + opt);
        }
    }

    /** An output folder (e.g. --out DIR): it may exist; it or its nearest existing parent must be writable. */
    public static void requireWritableDir(String name, Path dir) {
        if (dir == null) {
            return;
        }
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw BadInputException.of(dir, "is a file", "give a folder for --" + name);
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw BadInputException.of(dir, "cannot be written (" + existing + " is not writable)",
                    "give a writable folder for --" + name);
        }
        probe(existing, dir, "--" + name);
    }
}
