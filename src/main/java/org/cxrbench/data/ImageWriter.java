package org.cxrbench.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.cxrbench.common.AtomicFiles;

/** Writes grey images and 0/1 masks as 8-bit PNG, atomically. */
public final class ImageWriter {
    private ImageWriter() {}

    public static void png8(GreyImage img, Path file) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = b.getRaster();
        float[] p = img.pixels();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                r.setSample(x, y, 0, Math.round(Math.min(1f, Math.max(0f, p[y * img.width() + x])) * 255f));
            }
        }
        AtomicFiles.write(file, out -> ImageIO.write(b, "png", out));
    }

    public static void mask(byte[] m, int w, int h, Path file) {
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = m[i];
        }
        png8(new GreyImage(w, h, p, 8), file);
    }
}
