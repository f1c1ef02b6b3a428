package org.cxrbench.encode;

import java.util.List;

/**
 * 2-D radiomics feature families after the IBSI definitions (Zwanenburg et al., Radiology 2020) and pyradiomics'
 * conventions, on a whole-image mask. Every family works on a discretised image of grey levels 1..Ng.
 * Texture matrices are computed per direction (0°, 45°, 90°, 135°, distance 1) and features averaged over
 * directions, as pyradiomics does by default; zones are 8-connected; entropies use log2. This class holds the
 * discretisation, the first-order family and the image filters (LoG, Haar); the texture families are
 * {@link Glcm}, {@link Glrlm}, {@link Glszm} and {@link Ngtdm}.
 */
public final class Radiomics {
    private Radiomics() {}

    /** A discretised image: levels 1..ng, row-major; level 0 marks a pixel outside the region of interest. */
    public record Levels(int width, int height, int[] level, int ng) {}

    /** Fixed bin width on values (pyradiomics): bin = floor(x/w) - floor(min/w) + 1. */
    public static Levels fixedBinWidth(double[] x, int w, int h, double binWidth) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
        }
        double lo = Math.floor(min / binWidth);
        int[] l = new int[x.length];
        int ng = 1;
        for (int i = 0; i < x.length; i++) {
            l[i] = (int) (Math.floor(x[i] / binWidth) - lo) + 1;
            ng = Math.max(ng, l[i]);
        }
        return new Levels(w, h, l, ng);
    }

    /** Fixed bin number between the image's min and max: bin = floor(n (x - min)/(max - min)) + 1, max in bin n. */
    public static Levels fixedBinNumber(double[] x, int w, int h, int n) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] l = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = max > min ? Math.min(n, (int) Math.floor(n * (x[i] - min) / (max - min)) + 1) : 1;
        }
        return new Levels(w, h, l, max > min ? n : 1);
    }

    static final int[][] DIRECTIONS = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}};

    // ---------------------------------------------------------------- first order

    public static final List<String> FIRST_ORDER = List.of("Energy", "Entropy", "Minimum", "10Percentile",
            "90Percentile", "Maximum", "Mean", "Median", "InterquartileRange", "Range", "MeanAbsoluteDeviation",
            "RobustMeanAbsoluteDeviation", "RootMeanSquared", "Skewness", "Kurtosis", "Variance", "Uniformity");

    /** Intensity statistics of the values x; entropy and uniformity on the discretised histogram. */
    public static double[] firstOrder(double[] x, Levels lv) {
        int n = x.length;
        double[] s = orderStatistics(x, 0.10, 0.25, 0.5, 0.75, 0.90);
        double sum = 0;
        double sq = 0;
        for (double v : x) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double mad = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
            mad += Math.abs(d);
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        mad /= n;
        double p10 = pct(s, 0.10);
        double p90 = pct(s, 0.90);
        double rs = 0;
        int rn = 0;
        for (double v : x) {
            if (v >= p10 && v <= p90) {
                rs += v;
                rn++;
            }
        }
        double rmean = rs / rn;
        double rmad = 0;
        for (double v : x) {
            if (v >= p10 && v <= p90) {
                rmad += Math.abs(v - rmean);
            }
        }
        rmad /= rn;
        double[] hist = new double[lv.ng() + 1];
        for (int l : lv.level()) {
            hist[l] += 1.0 / n;
        }
        double entropy = 0;
        double uniformity = 0;
        for (double p : hist) {
            if (p > 0) {
                entropy -= p * log2(p);
                uniformity += p * p;
            }
        }
        double skew = m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
        double kurt = m2 == 0 ? 0 : m4 / (m2 * m2);
        return new double[] {sq, entropy, s[0], p10, p90, s[n - 1], mean, pct(s, 0.5), pct(s, 0.75) - pct(s, 0.25),
                s[n - 1] - s[0], mad, rmad, Math.sqrt(sq / n), skew, kurt, m2, uniformity};
    }

    /**
     * A copy of x in which s[0] and s[n - 1] are the minimum and maximum and, for each percentile p, the two order
     * statistics {@link #pct} reads (positions floor((n - 1) p) and the next) hold their sorted values: the values a
     * full sort puts there (each order statistic is one value), found by quickselect on shrinking ranges in O(n)
     * each instead of sorting.
     */
    static double[] orderStatistics(double[] x, double... percentiles) {
        double[] s = x.clone();
        int n = s.length;
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>(java.util.List.of(0, n - 1));
        for (double p : percentiles) {
            int lo = (int) Math.floor((n - 1) * p);
            ks.add(lo);
            ks.add(Math.min(n - 1, lo + 1));
        }
        int from = 0;
        for (int k : ks) {
            // positions before 'from' hold the smaller order statistics already; the rest are the values above them
            select(s, from, n - 1, k);
            from = k + 1;
        }
        return s;
    }

    /** Puts the k-th smallest of s[lo..hi] at s[k], smaller-or-equal values before it and larger-or-equal after. */
    private static void select(double[] s, int lo, int hi, int k) {
        while (hi > lo) {
            double a = s[lo];
            double b = s[(lo + hi) >>> 1];
            double c = s[hi];
            double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
            // three-way partition: [lo, lt) below the pivot, [lt, gt] equal, (gt, hi] above
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                if (s[i] < pivot) {
                    swap(s, lt++, i++);
                } else if (s[i] > pivot) {
                    swap(s, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] s, int i, int j) {
        double t = s[i];
        s[i] = s[j];
        s[j] = t;
    }

    /** numpy's linear percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        double hh = (sorted.length - 1) * p;
        int lo = (int) Math.floor(hh);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (hh - lo) * (sorted[hi] - sorted[lo]);
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    static boolean in(int x, int y, int w, int h) {
        return x >= 0 && y >= 0 && x < w && y < h;
    }

    /** Pixels inside the region of interest (level above 0). */
    static int roiSize(Levels lv) {
        int n = 0;
        for (int l : lv.level()) {
            n += l > 0 ? 1 : 0;
        }
        return n;
    }

    // ---------------------------------------------------------------- filters

    /** Scale-normalised Laplacian of Gaussian (sigma² ∇²G), separable, mirrored borders. */
    public static double[] log(double[] img, int w, int h, double sigma) {
        int r = (int) Math.ceil(4 * sigma);
        double[] g = new double[2 * r + 1];
        double[] g2 = new double[2 * r + 1];
        double sg = 0;
        for (int i = -r; i <= r; i++) {
            g[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sg += g[i + r];
        }
        for (int i = -r; i <= r; i++) {
            g[i + r] /= sg;
            g2[i + r] = g[i + r] * (i * (double) i - sigma * sigma) / Math.pow(sigma, 4);
        }
        // make the second-derivative kernel sum to zero (a constant image has no Laplacian)
        double m = 0;
        for (double v : g2) {
            m += v;
        }
        for (int i = 0; i < g2.length; i++) {
            g2[i] -= m / g2.length;
        }
        double[] a = conv(conv(img, w, h, g2, true), w, h, g, false);
        double[] b = conv(conv(img, w, h, g, true), w, h, g2, false);
        double[] out = new double[img.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sigma * sigma * (a[i] + b[i]);
        }
        return out;
    }

    private static double[] conv(double[] img, int w, int h, double[] k, boolean horizontal) {
        int r = k.length / 2;
        int taps = k.length;
        // the mirrored source offset of every (position along the axis, tap), computed once per call; the sum runs
        // over the taps in the same order as before, so the values are the same bits
        int n = horizontal ? w : h;
        int step = horizontal ? 1 : w;
        int[] at = new int[n * taps];
        for (int p = 0; p < n; p++) {
            for (int t = -r; t <= r; t++) {
                at[p * taps + t + r] = mirror(p + t, n) * step;
            }
        }
        double[] out = new double[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = horizontal ? y * w : x;
                int row = (horizontal ? x : y) * taps;
                double s = 0;
                for (int t = 0; t < taps; t++) {
                    s += k[t] * img[base + at[row + t]];
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i - 1 : 2 * n - i - 1;
        }
        return i;
    }

    /** One level of the orthonormal 2-D Haar transform (decimated): LL, LH, HL, HH, each (w/2) x (h/2). */
    public static double[][] haar(double[] img, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        double[][] out = new double[4][hw * hh];
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < hw; x++) {
                double a = img[(2 * y) * w + 2 * x];
                double b = img[(2 * y) * w + 2 * x + 1];
                double c = img[(2 * y + 1) * w + 2 * x];
                double d = img[(2 * y + 1) * w + 2 * x + 1];
                int i = y * hw + x;
                out[0][i] = (a + b + c + d) / 2;
                out[1][i] = (a - b + c - d) / 2; // low-pass vertically, high-pass horizontally
                out[2][i] = (a + b - c - d) / 2; // high-pass vertically
                out[3][i] = (a - b - c + d) / 2;
            }
        }
        return out;
    }
}
