package org.cxrbench.validate;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/**
 * Pixel-level flaws applied to one grey image in [0, 1], in memory. Sizes in pixels are given at a 256 px reference
 * width and scaled to the image's width, so a strength means the same on a 64 px and on a 1024 px image. Every
 * random choice comes from the {@link SplittableRandom} passed in (seeded per image by the caller).
 */
final class ImageFlaws {
    private ImageFlaws() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final double REFERENCE_WIDTH = 256;

    static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }

    /** Separable Gaussian blur, sigma in pixels at the 256 px reference width, edges replicated. */
    static GreyImage blur(GreyImage img, double sigmaAt256) {
        double sigma = sigmaAt256 * img.width() / REFERENCE_WIDTH;
        if (sigma <= 0) {
            return img;
        }
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.width();
        int h = img.height();
        float[] p = img.pixels();
        float[] tmp = new float[p.length];
        float[] out = new float[p.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * p[y * w + Math.min(w - 1, Math.max(0, x + i))];
                }
                tmp[y * w + x] = (float) s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
                }
                out[y * w + x] = (float) s;
            }
        }
        return new GreyImage(w, h, out, img.bitDepth());
    }

    /**
     * Poisson-Gaussian noise: each pixel's grey value v becomes Poisson(v * photons) / photons (quantum noise, sd
     * sqrt(v / photons): signal-dependent; none when photons is 0) plus Gaussian noise of standard deviation sd
     * (electronic noise, the same at every grey), clipped to [0, 1]. Poisson draws above 30 expected counts use the
     * normal approximation rounded to whole counts.
     */
    static GreyImage noise(GreyImage img, double sd, double photons, SplittableRandom rnd) {
        float[] p = img.pixels();
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            double v = p[i];
            if (photons > 0) {
                double lambda = Math.max(0, v) * photons;
                v = poisson(lambda, rnd) / photons;
            }
            out[i] = clamp(v + sd * gaussian(rnd));
        }
        return new GreyImage(img.width(), img.height(), out, img.bitDepth());
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double poisson(double lambda, SplittableRandom rnd) {
        if (lambda > 30) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rnd)));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double prod = rnd.nextDouble();
        while (prod > l) {
            k++;
            prod *= rnd.nextDouble();
        }
        return k;
    }

    /** Contrast scaled by a factor about the image mean: v' = clip(mean + f (v - mean)) (a factor below 1 never clips). */
    static GreyImage contrast(GreyImage img, double factor) {
        float[] p = img.pixels();
        double mean = 0;
        for (float v : p) {
            mean += v;
        }
        mean /= p.length;
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = clamp(mean + factor * (p[i] - mean));
        }
        return new GreyImage(img.width(), img.height(), out, img.bitDepth());
    }

    /** Gamma: v' = v^gamma on grey in [0, 1] (0 and 1 stay; gamma above 1 darkens the mid-greys). */
    static GreyImage gamma(GreyImage img, double gamma) {
        float[] p = img.pixels();
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = clamp(Math.pow(clamp(p[i]), gamma));
        }
        return new GreyImage(img.width(), img.height(), out, img.bitDepth());
    }

    /** Encoded as a baseline JPEG at the given quality (0..100) by the JDK's codec and decoded again (8-bit). */
    static GreyImage jpeg(GreyImage img, int quality) {
        BufferedImage bi = toBuffered(img);
        try {
            ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam prm = wr.getDefaultWriteParam();
            prm.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            prm.setCompressionQuality(quality / 100f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                wr.setOutput(out);
                wr.write(null, new IIOImage(bi, null, null), prm);
            } finally {
                wr.dispose();
            }
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            return fromBuffered(back);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Area-downsampled by the factor, then back to the original size with the anti-aliased bilinear filter. */
    static GreyImage resample(GreyImage img, int factor) {
        int w = Math.max(2, img.width() / factor);
        int h = Math.max(2, img.height() / factor);
        GreyImage small = Resize.resize(img, w, h, Resize.Filter.AREA);
        return Resize.resize(small, img.width(), img.height(), Resize.Filter.BILINEAR);
    }

    /**
     * Rotated about the centre by the angle and translated by (dx, dy) (shares of the width/height), bilinear
     * sampling, outside filled with the image's darkest 1% grey (as a detector's unexposed border).
     */
    static GreyImage shift(GreyImage img, double degrees, double dx, double dy) {
        int w = img.width();
        int h = img.height();
        float[] p = img.pixels();
        float[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        float fill = sorted[(int) (0.01 * (sorted.length - 1))];
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] out = new float[p.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ux = x - cx - dx * w;
                double uy = y - cy - dy * h;
                double sx = cos * ux + sin * uy + cx;
                double sy = -sin * ux + cos * uy + cy;
                out[y * w + x] = bilinear(p, w, h, sx, sy, fill);
            }
        }
        return new GreyImage(w, h, out, img.bitDepth());
    }

    private static float bilinear(float[] p, int w, int h, double x, double y, float fill) {
        if (x < 0 || y < 0 || x > w - 1 || y > h - 1) {
            return fill;
        }
        int x0 = Math.min(w - 2, (int) x);
        int y0 = Math.min(h - 2, (int) y);
        double fx = x - x0;
        double fy = y - y0;
        double top = p[y0 * w + x0] * (1 - fx) + p[y0 * w + x0 + 1] * fx;
        double bot = p[(y0 + 1) * w + x0] * (1 - fx) + p[(y0 + 1) * w + x0 + 1] * fx;
        return (float) (top * (1 - fy) + bot * fy);
    }

    static final String[] WORDS = {"L", "R", "PA", "AP", "PORTABLE", "SUPINE", "ERECT", "12:04", "ID 4711", "ICU",
        "#23", "SEMI-ERECT", "x2", "DR", "CR"};

    /**
     * Burned-in annotations: {@code count} strings (laterality markers, views, times, ids) in white, each with a
     * black box behind it with probability 1/2, at random positions, font height {@code heightShare} of the width.
     */
    static GreyImage text(GreyImage img, int count, double heightShare, SplittableRandom rnd) {
        BufferedImage bi = toBuffered(img);
        Graphics2D g = bi.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int size = Math.max(6, (int) Math.round(heightShare * img.width()));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        for (int i = 0; i < count; i++) {
            String s = WORDS[rnd.nextInt(WORDS.length)];
            int tw = g.getFontMetrics().stringWidth(s);
            int x = rnd.nextInt(Math.max(1, img.width() - tw));
            int y = size + rnd.nextInt(Math.max(1, img.height() - size));
            if (rnd.nextBoolean()) {
                g.setColor(Color.BLACK);
                g.fillRect(x - 1, y - size, tw + 2, size + 3);
            }
            g.setColor(Color.WHITE);
            g.drawString(s, x, y);
        }
        g.dispose();
        return fromBuffered(bi);
    }

    static BufferedImage toBuffered(GreyImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        float[] p = img.pixels();
        byte[] data = ((java.awt.image.DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < p.length; i++) {
            data[i] = (byte) Math.round(255 * clamp(p[i]));
        }
        return bi;
    }

    static GreyImage fromBuffered(BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        float[] out = new float[w * h];
        var raster = bi.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = raster.getSample(x, y, 0) / 255f;
            }
        }
        return new GreyImage(w, h, out, 8);
    }
}
