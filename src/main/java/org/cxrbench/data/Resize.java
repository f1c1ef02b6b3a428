package org.cxrbench.data;

import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * Separable image resampling with proper anti-aliasing.
 *
 * <p>When shrinking, a filter must widen by the shrink factor or it aliases: Parmar et al. (clean-fid, CVPR 2022)
 * showed that the naive bilinear resize of several deep-learning libraries changes FID by several points, while
 * PIL's anti-aliased filters do not. The default here is {@link Filter#AREA}: each output pixel is the exact
 * area-weighted mean of the input pixels it covers (OpenCV's INTER_AREA, PIL's BOX at integer factors). It never
 * rings or overshoots, so a [0,1] image stays in [0,1], and at integer factors it is plain mean pooling, which
 * suits radiographs whose noise texture matters to texture features. {@link Filter#LANCZOS3},
 * {@link Filter#BICUBIC} and {@link Filter#BILINEAR} are anti-aliased like PIL's; {@link Filter#BILINEAR_NAIVE}
 * reproduces PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False)} without anti-aliasing, which
 * only a model preset that was trained that way (pytorch-fid's Inception) should use.
 */
public final class Resize {
    private Resize() {}

    public enum Filter {
        AREA, BILINEAR, BICUBIC, LANCZOS3, BILINEAR_NAIVE;

        public static Filter parse(String s) {
            String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Filter f : values()) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
            throw new BadInputException("unknown resize filter '" + s + "'; use area, bilinear, bicubic, lanczos3 or bilinear-naive");
        }
    }

    public static GreyImage resize(GreyImage img, int width, int height, Filter filter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size " + width + "x" + height);
        }
        if (width == img.width() && height == img.height()) {
            return img;
        }
        Weights wx = weights(img.width(), width, filter);
        Weights wy = weights(img.height(), height, filter);
        // horizontal pass: height x width
        float[] src = img.pixels();
        int iw = img.width();
        double[] tmp = new double[img.height() * width];
        for (int y = 0; y < img.height(); y++) {
            int rowOff = y * iw;
            for (int x = 0; x < width; x++) {
                double s = 0;
                int start = wx.start[x];
                int off = x * wx.taps;
                for (int k = 0; k < wx.count[x]; k++) {
                    s += wx.w[off + k] * src[rowOff + start + k];
                }
                tmp[y * width + x] = s;
            }
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            int start = wy.start[y];
            int off = y * wy.taps;
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = 0; k < wy.count[y]; k++) {
                    s += wy.w[off + k] * tmp[(start + k) * width + x];
                }
                out[y * width + x] = (float) s;
            }
        }
        if (filter == Filter.LANCZOS3 || filter == Filter.BICUBIC) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.min(1f, Math.max(0f, out[i]));
            }
        }
        return new GreyImage(width, height, out, img.bitDepth());
    }

    /** Per output pixel: first input index, tap count and normalised weights. */
    record Weights(int taps, int[] start, int[] count, double[] w) {}

    static Weights weights(int in, int out, Filter filter) {
        double scale = (double) in / out;
        return filter == Filter.AREA ? areaWeights(in, out, scale) : kernelWeights(in, out, scale, filter);
    }

    /** Box filter: each output pixel averages the input pixels it overlaps, weighted by the overlap. */
    private static Weights areaWeights(int in, int out, double scale) {
        int taps = (int) Math.ceil(scale) + 2;
        int[] start = new int[out];
        int[] count = new int[out];
        double[] w = new double[out * taps];
        for (int i = 0; i < out; i++) {
            double lo = i * scale;
            double hi = (i + 1) * scale;
            int j0 = (int) Math.floor(lo);
            int j1 = Math.min(in - 1, (int) Math.ceil(hi) - 1);
            start[i] = j0;
            count[i] = j1 - j0 + 1;
            double sum = 0;
            for (int j = j0; j <= j1; j++) {
                double ov = Math.min(hi, j + 1) - Math.max(lo, j);
                w[i * taps + j - j0] = Math.max(0, ov);
                sum += Math.max(0, ov);
            }
            for (int k = 0; k < count[i]; k++) {
                w[i * taps + k] /= sum;
            }
        }
        return new Weights(taps, start, count, w);
    }

    /** A separable kernel (bilinear, bicubic, Lanczos-3) widened by the downscale factor, zero taps trimmed. */
    private static Weights kernelWeights(int in, int out, double scale, Filter filter) {
        double radius = switch (filter) {
            case BILINEAR, BILINEAR_NAIVE -> 1.0;
            case BICUBIC -> 2.0;
            case LANCZOS3 -> 3.0;
            default -> throw new IllegalStateException();
        };
        double fscale = filter == Filter.BILINEAR_NAIVE ? 1.0 : Math.max(scale, 1.0);
        double support = radius * fscale;
        int taps = (int) Math.ceil(support) * 2 + 2;
        int[] start = new int[out];
        int[] count = new int[out];
        double[] w = new double[out * taps];
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            int j0 = Math.max(0, (int) Math.floor(center - support));
            int j1 = Math.min(in - 1, (int) Math.ceil(center + support));
            double sum = 0;
            int n = 0;
            double[] tmp = new double[j1 - j0 + 1];
            for (int j = j0; j <= j1; j++) {
                double v = kernel(filter, (j + 0.5 - center) / fscale);
                tmp[j - j0] = v;
                sum += v;
            }
            // trim zero weights at both ends so taps stay bounded
            int a = 0;
            int b = tmp.length - 1;
            while (a < b && tmp[a] == 0) {
                a++;
            }
            while (b > a && tmp[b] == 0) {
                b--;
            }
            start[i] = j0 + a;
            for (int k = a; k <= b; k++) {
                w[i * taps + n++] = sum == 0 ? 0 : tmp[k] / sum;
            }
            count[i] = n;
        }
        return new Weights(taps, start, count, w);
    }

    static double kernel(Filter f, double x) {
        double ax = Math.abs(x);
        switch (f) {
            case BILINEAR:
            case BILINEAR_NAIVE:
                return ax < 1 ? 1 - ax : 0;
            case BICUBIC: {
                double a = -0.5; // PIL's and clean-fid's choice
                if (ax < 1) {
                    return ((a + 2) * ax - (a + 3)) * ax * ax + 1;
                }
                if (ax < 2) {
                    return (((ax - 5) * ax + 8) * ax - 4) * a;
                }
                return 0;
            }
            case LANCZOS3:
                if (ax < 1e-12) {
                    return 1;
                }
                if (ax >= 3) {
                    return 0;
                }
                double px = Math.PI * x;
                return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
            default:
                throw new IllegalStateException();
        }
    }

    /** Centre crop to width x height (each no larger than the image). */
    public static GreyImage centerCrop(GreyImage img, int width, int height) {
        if (width > img.width() || height > img.height()) {
            throw new IllegalArgumentException("crop " + width + "x" + height + " larger than image "
                    + img.width() + "x" + img.height());
        }
        int x0 = (img.width() - width) / 2;
        int y0 = (img.height() - height) / 2;
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(img.pixels(), (y0 + y) * img.width() + x0, out, y * width, width);
        }
        return new GreyImage(width, height, out, img.bitDepth());
    }

    /** Centre pad to width x height (each no smaller than the image) with a constant value. */
    public static GreyImage centerPad(GreyImage img, int width, int height, float value) {
        if (width < img.width() || height < img.height()) {
            throw new IllegalArgumentException("pad " + width + "x" + height + " smaller than image");
        }
        float[] out = new float[width * height];
        java.util.Arrays.fill(out, value);
        int x0 = (width - img.width()) / 2;
        int y0 = (height - img.height()) / 2;
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.pixels(), y * img.width(), out, (y0 + y) * width + x0, img.width());
        }
        return new GreyImage(width, height, out, img.bitDepth());
    }

    /** How a non-square image becomes square before resizing. */
    public enum Square { NONE, CROP, PAD }

    /** Makes the image square (centre crop to the short side, or centre pad to the long side), then resizes. */
    public static GreyImage toSquare(GreyImage img, int size, Square square, Filter filter) {
        GreyImage s = img;
        int side;
        switch (square) {
            case CROP -> {
                side = Math.min(img.width(), img.height());
                s = centerCrop(img, side, side);
            }
            case PAD -> {
                side = Math.max(img.width(), img.height());
                s = centerPad(img, side, side, 0f);
            }
            default -> { }
        }
        return resize(s, size, size, filter);
    }
}
