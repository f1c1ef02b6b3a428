package org.cxrbench.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.cxrbench.common.BadInputException;

/**
 * Decodes PNG (8- or 16-bit; grey, grey+alpha, palette, or RGB with equal channels) and JPEG to a {@link GreyImage}.
 * A decoder warning (e.g. "Premature end of JPEG file") is an error: a truncated image never passes as a grey-filled one.
 * RGB images whose channels differ are converted with ITU-R BT.601 luma and {@link Decoded#colour()} says so.
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    static {
        ImageIO.setUseCache(false);
    }

    /** The image plus whether it had unequal colour channels (converted with BT.601 luma). */
    public record Decoded(GreyImage image, boolean colour) {}

    public static GreyImage decode(Path file) {
        return decodeDetailed(file).image();
    }

    public static Decoded decodeDetailed(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "image not found", "check the path (or the manifest's path column)");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw BadInputException.of(file, "cannot open image", "check permissions");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw BadInputException.of(file, "not a PNG or JPEG image (unknown format)",
                        "convert it to PNG or JPEG, or remove it from the input");
            }
            ImageReader reader = readers.next();
            try {
                final String[] warning = {null};
                reader.addIIOReadWarningListener((source, message) -> {
                    if (warning[0] == null) {
                        warning[0] = message;
                    }
                });
                reader.setInput(in, true, true);
                img = reader.read(0);
                if (warning[0] != null) {
                    throw BadInputException.of(file, "corrupt or truncated image (" + warning[0] + ")",
                            "re-export or re-download the image, or remove it from the input");
                }
            } finally {
                reader.dispose();
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw BadInputException.of(file, "corrupt or truncated image (" + msg.replace('\n', ' ') + ")",
                    "re-export or re-download the image, or remove it from the input");
        }
        return toGrey(img);
    }

    static Decoded toGrey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] px = new float[w * h];
        Raster r = img.getRaster();
        if (img.getColorModel() instanceof IndexColorModel icm) {
            boolean colour = false;
            int[] idx = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, idx);
                for (int x = 0; x < w; x++) {
                    int red = icm.getRed(idx[x]);
                    int green = icm.getGreen(idx[x]);
                    int blue = icm.getBlue(idx[x]);
                    colour |= red != green || green != blue;
                    px[y * w + x] = (float) (luma(red, green, blue) / 255.0);
                }
            }
            return new Decoded(new GreyImage(w, h, px, 8), colour);
        }
        int bands = r.getNumBands();
        int bits = r.getSampleModel().getSampleSize(0);
        double max = (1L << bits) - 1;
        int colourBands = img.getColorModel().getNumColorComponents();
        if (bands == 0 || colourBands == 0) {
            throw new IllegalArgumentException("image without colour components");
        }
        int[] row0 = new int[w];
        if (colourBands == 1) {
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row0);
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = (float) (row0[x] / max);
                }
            }
            return new Decoded(new GreyImage(w, h, px, bits > 8 ? 16 : 8), false);
        }
        int[] row1 = new int[w];
        int[] row2 = new int[w];
        boolean colour = false;
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row0);
            r.getSamples(0, y, w, 1, 1, row1);
            r.getSamples(0, y, w, 1, 2, row2);
            for (int x = 0; x < w; x++) {
                if (row0[x] == row1[x] && row1[x] == row2[x]) {
                    px[y * w + x] = (float) (row0[x] / max);
                } else {
                    colour = true;
                    px[y * w + x] = (float) (luma(row0[x], row1[x], row2[x]) / max);
                }
            }
        }
        return new Decoded(new GreyImage(w, h, px, bits > 8 ? 16 : 8), colour);
    }

    private static double luma(double red, double green, double blue) {
        return 0.299 * red + 0.587 * green + 0.114 * blue;
    }
}
