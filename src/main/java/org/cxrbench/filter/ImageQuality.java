package org.cxrbench.filter;

import java.util.Arrays;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/**
 * Image-quality measurements of one grey image, each a number whose one tail is "bad". All but the grid measure
 * are taken on the image centre-cropped and area-resized to the analysis resolution {@link #SIZE} x {@link #SIZE}
 * (the built-in CNN's input), so they do not read resolution as quality: a real radiograph given at 64, 128, 256 or
 * 512 px measures alike (measured in {@code BuiltinJudgeResolutionTest}). The clipped shares were once taken at
 * full resolution, where area averaging had not pulled bright pixels below the clip level: calibrated at 64 px, the
 * judge then called 21% of real 256 px radiographs low for "saturated_white".
 * <ul>
 *   <li>{@code dynamic_range}: 99th minus 1st percentile of the grey values (low: blank or washed out);</li>
 *   <li>{@code contrast}: standard deviation of the grey values (low: flat or low contrast);</li>
 *   <li>{@code sharpness}: log of the variance of the 4-neighbour Laplacian over the image variance (low: blurred;
 *       dividing by the variance keeps a low-contrast image from reading as blurred; Pech-Pacheco et al., ICPR 2000);</li>
 *   <li>{@code noise}: Immerkær's noise standard deviation, sqrt(pi/2) / (6 (W-2)(H-2)) * sum |I * N| with
 *       N = [[1,-2,1],[-2,4,-2],[1,-2,1]] (Immerkær, CVIU 1996) (high: noisy);</li>
 *   <li>{@code saturated_white}, {@code saturated_black}: share of analysis-resolution pixels within 1/1000 of 1
 *       or 0 (high: clipped);</li>
 *   <li>{@code grid}: tiling/patch artefacts: the column (row) profile of mean absolute differences between
 *       neighbouring pixels; for periods 8, 16, 32 and 64 pixels (at least {@link #REPEATS} repeats), the median of
 *       the profile at the period's strongest phase over the median of the whole profile; the largest over periods
 *       and both directions, on the full-resolution image (high: seams on a grid).</li>
 * </ul>
 */
public final class ImageQuality {
    private ImageQuality() {}

    public static final int SIZE = 64;

    /** A grid period counts only when the image holds at least this many repeats of it. */
    static final int REPEATS = 6;

    public static final String[] NAMES = {"dynamic_range", "contrast", "sharpness", "noise", "saturated_white",
            "saturated_black", "grid"};

    /** +1: high values are bad; -1: low values are bad (same order as {@link #NAMES}). */
    public static final int[] BAD_TAIL = {-1, -1, -1, +1, +1, +1, +1};

    public static double[] measure(GreyImage img) {
        GreyImage a = Resize.toSquare(img, SIZE, Resize.Square.CROP, Resize.Filter.AREA);
        float[] p = a.pixels();
        int n = p.length;
        double[] sorted = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            sorted[i] = p[i];
            mean += p[i];
        }
        mean /= n;
        Arrays.sort(sorted);
        double range = quantile(sorted, 0.99) - quantile(sorted, 0.01);
        double var = 0;
        for (float v : p) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        int w = a.width();
        int h = a.height();
        double lapSum = 0;
        double lapSq = 0;
        double imm = 0;
        int cnt = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double lap = p[i - 1] + p[i + 1] + p[i - w] + p[i + w] - 4.0 * p[i];
                lapSum += lap;
                lapSq += lap * lap;
                double nn = p[i - w - 1] - 2 * p[i - w] + p[i - w + 1] - 2 * p[i - 1] + 4 * p[i] - 2 * p[i + 1]
                        + p[i + w - 1] - 2 * p[i + w] + p[i + w + 1];
                imm += Math.abs(nn);
                cnt++;
            }
        }
        double lapVar = lapSq / cnt - (lapSum / cnt) * (lapSum / cnt);
        double sharp = Math.log((lapVar + 1e-12) / (var + 1e-12));
        double noise = Math.sqrt(Math.PI / 2) * imm / (6.0 * cnt);
        float[] q = p;
        int white = 0;
        int black = 0;
        for (float v : q) {
            if (v >= 0.999f) {
                white++;
            } else if (v <= 0.001f) {
                black++;
            }
        }
        return new double[] {range, Math.sqrt(var), sharp, noise, (double) white / q.length, (double) black / q.length,
                grid(img)};
    }

    static double quantile(double[] sorted, double p) {
        double hh = (sorted.length - 1) * p;
        int lo = (int) Math.floor(hh);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (hh - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Largest ratio of the boundary-phase mean absolute difference to the overall mean, over periods and directions. */
    static double grid(GreyImage img) {
        int w = img.width();
        int h = img.height();
        float[] p = img.pixels();
        double[] col = new double[Math.max(1, w - 1)];
        double[] row = new double[Math.max(1, h - 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) {
                    col[x] += Math.abs(p[i + 1] - p[i]);
                }
                if (y + 1 < h) {
                    row[y] += Math.abs(p[i + w] - p[i]);
                }
            }
        }
        return Math.max(periodic(col), periodic(row));
    }

    /**
     * max over periods P (8, 16, 32, 64 with at least {@link #REPEATS} repeats) and phases of the median of the
     * profile at that phase over the median of the whole profile: a seam repeated on a grid lifts every repeat,
     * a single anatomical edge only one.
     */
    private static double periodic(double[] g) {
        double all = median(g.clone());
        if (all <= 0) {
            return 1;
        }
        double best = 1;
        for (int period : new int[] {8, 16, 32, 64}) {
            if (g.length < REPEATS * period) {
                continue;
            }
            for (int phase = 0; phase < period; phase++) {
                double[] at = new double[(g.length - phase + period - 1) / period];
                int c = 0;
                for (int x = phase; x < g.length; x += period) {
                    at[c++] = g[x];
                }
                best = Math.max(best, median(java.util.Arrays.copyOf(at, c)) / all);
            }
        }
        return best;
    }

    private static double median(double[] v) {
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
