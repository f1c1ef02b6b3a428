package org.cxrbench.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small images and text files for reader tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An 8-bit grey PNG (or JPEG by extension) with a horizontal ramp plus a per-file offset. */
    public static Path grey8(Path file, int w, int h, int offset) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, (x * 255 / Math.max(1, w - 1) + offset) % 256);
            }
        }
        return write(img, file);
    }

    /** A 16-bit grey PNG whose value at (x, y) is 257 * x + y + 1 (not representable in 8 bits). */
    public static Path grey16(Path file, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, 257 * x + y + 1);
            }
        }
        return write(img, file);
    }

    public static Path write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String n = file.getFileName().toString();
            String fmt = n.endsWith(".png") ? "png" : "jpg";
            if (!ImageIO.write(img, fmt, file.toFile())) {
                throw new IllegalStateException("no writer for " + fmt);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps only the first {@code keep} bytes of a file. */
    public static Path truncate(Path file, int keep) {
        try {
            byte[] b = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(b, Math.min(keep, b.length)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
