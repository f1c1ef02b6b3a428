package org.cxrbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds image files: recursively, sorted by the Unicode code points of their relative path (the contract's order). */
public final class ImageFiles {
    private ImageFiles() {}

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    public static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(ImageFiles::isImage).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        // String.compareTo compares UTF-16 units; compare code points so the order is the contract's
        out.sort((a, b) -> compareCodePoints(dir.relativize(a).toString().replace('\\', '/'),
                dir.relativize(b).toString().replace('\\', '/')));
        return out;
    }

    /**
     * Files under {@code dir} that {@link #list} skips, in the same order: not PNG/JPEG. Hidden files and CSV tables
     * (labels, manifests kept beside the images) are expected there and not counted.
     */
    public static List<Path> others(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !isImage(p)).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return !n.startsWith(".") && !n.endsWith(".csv");
            }).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort((a, b) -> compareCodePoints(dir.relativize(a).toString().replace('\\', '/'),
                dir.relativize(b).toString().replace('\\', '/')));
        return out;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
