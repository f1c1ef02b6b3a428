package org.cxrbench.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D radiomics feature families after the IBSI definitions (Zwanenburg et al., Radiology 2020) and pyradiomics'
 * conventions, on a whole-image mask. Every family works on a discretised image of grey levels 1..Ng.
 * Texture matrices are computed per direction (0°, 45°, 90°, 135°, distance 1) and features averaged over
 * directions, as pyradiomics does by default; zones are 8-connected; entropies use log2.
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

    // ---------------------------------------------------------------- GLCM

    public static final List<String> GLCM = List.of("Autocorrelation", "JointAverage", "ClusterProminence",
            "ClusterShade", "ClusterTendency", "Contrast", "Correlation", "DifferenceAverage", "DifferenceEntropy",
            "JointEnergy", "JointEntropy", "Idm", "Id", "InverseVariance", "MaximumProbability", "SumAverage",
            "SumEntropy", "SumSquares", "DifferenceVariance", "Idn", "Idmn", "Imc1", "Imc2");

    /** Symmetric, normalised co-occurrence matrix of one direction (levels 1..ng at index 0..ng-1). */
    public static double[][] glcmMatrix(Levels lv, int dx, int dy) {
        int ng = lv.ng();
        double[][] p = new double[ng][ng];
        int w = lv.width();
        int h = lv.height();
        double total = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int x2 = x + dx;
                int y2 = y + dy;
                if (x2 < 0 || x2 >= w || y2 < 0 || y2 >= h) {
                    continue;
                }
                int a = lv.level()[y * w + x] - 1;
                int b = lv.level()[y2 * w + x2] - 1;
                if (a < 0 || b < 0) {
                    continue; // a pair touching a pixel outside the region of interest
                }
                p[a][b] += 1;
                p[b][a] += 1;
                total += 2;
            }
        }
        if (total > 0) {
            for (double[] row : p) {
                for (int j = 0; j < ng; j++) {
                    row[j] /= total;
                }
            }
        }
        return p;
    }

    public static double[] glcm(Levels lv) {
        double[] acc = new double[GLCM.size()];
        for (int[] d : DIRECTIONS) {
            double[] f = glcmFeatures(glcmMatrix(lv, d[0], d[1]));
            for (int k = 0; k < f.length; k++) {
                acc[k] += f[k] / DIRECTIONS.length;
            }
        }
        return acc;
    }

    static double[] glcmFeatures(double[][] p) {
        int ng = p.length;
        double[] px = new double[ng];
        double[] py = new double[ng];
        double[] pSum = new double[2 * ng + 1];   // index i+j with i,j from 1
        double[] pDiff = new double[ng];          // index |i-j|
        double ux = 0;
        double uy = 0;
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < ng; j++) {
                double v = p[i][j];
                px[i] += v;
                py[j] += v;
                pSum[i + j + 2] += v;
                pDiff[Math.abs(i - j)] += v;
            }
        }
        for (int i = 0; i < ng; i++) {
            ux += (i + 1) * px[i];
            uy += (i + 1) * py[i];
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < ng; i++) {
            sx += (i + 1 - ux) * (i + 1 - ux) * px[i];
            sy += (i + 1 - uy) * (i + 1 - uy) * py[i];
        }
        double auto = 0;
        double prom = 0;
        double shade = 0;
        double tend = 0;
        double contrast = 0;
        double energy = 0;
        double entropy = 0;
        double idm = 0;
        double id = 0;
        double maxp = 0;
        double sumSq = 0;
        for (int a = 0; a < ng; a++) {
            for (int b = 0; b < ng; b++) {
                double v = p[a][b];
                if (v == 0) {
                    continue;
                }
                int i = a + 1;
                int j = b + 1;
                double c = i + j - ux - uy;
                auto += v * i * j;
                prom += c * c * c * c * v;
                shade += c * c * c * v;
                tend += c * c * v;
                contrast += (i - j) * (i - j) * v;
                energy += v * v;
                entropy -= v * log2(v);
                idm += v / (1.0 + (i - j) * (i - j));
                id += v / (1.0 + Math.abs(i - j));
                maxp = Math.max(maxp, v);
                sumSq += (i - ux) * (i - ux) * v;
            }
        }
        double corr = (sx * sy) == 0 ? 1 : (auto - ux * uy) / Math.sqrt(sx * sy);
        double diffAvg = 0;
        double diffEnt = 0;
        double invVar = 0;
        for (int k = 0; k < ng; k++) {
            diffAvg += k * pDiff[k];
            if (pDiff[k] > 0) {
                diffEnt -= pDiff[k] * log2(pDiff[k]);
            }
            if (k > 0) {
                invVar += pDiff[k] / ((double) k * k);
            }
        }
        double sumAvg = 0;
        double sumEnt = 0;
        for (int k = 2; k <= 2 * ng; k++) {
            sumAvg += k * pSum[k];
            if (pSum[k] > 0) {
                sumEnt -= pSum[k] * log2(pSum[k]);
            }
        }
        double diffVar = 0;
        double idn = 0;
        double idmn = 0;
        for (int k = 0; k < ng; k++) {
            diffVar += (k - diffAvg) * (k - diffAvg) * pDiff[k];
            idn += pDiff[k] / (1.0 + (double) k / ng);
            idmn += pDiff[k] / (1.0 + ((double) k / ng) * ((double) k / ng));
        }
        // information correlations (IBSI R8DG, JN9H): HX marginal entropy, HXY1 and HXY2 cross entropies
        double hx = 0;
        double hy = 0;
        for (int i = 0; i < ng; i++) {
            if (px[i] > 0) {
                hx -= px[i] * log2(px[i]);
            }
            if (py[i] > 0) {
                hy -= py[i] * log2(py[i]);
            }
        }
        double hxy1 = 0;
        double hxy2 = 0;
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < ng; j++) {
                double q = px[i] * py[j];
                if (q > 0) {
                    hxy1 -= p[i][j] * log2(q);
                    hxy2 -= q * log2(q);
                }
            }
        }
        double hmax = Math.max(hx, hy);
        double imc1 = hmax == 0 ? 0 : (entropy - hxy1) / hmax;
        double imc2 = hxy2 - entropy <= 0 ? 0 : Math.sqrt(1 - Math.exp(-2 * (hxy2 - entropy)));
        return new double[] {auto, ux, prom, shade, tend, contrast, corr, diffAvg, diffEnt, energy, entropy, idm, id,
                invVar, maxp, sumAvg, sumEnt, sumSq, diffVar, idn, idmn, imc1, imc2};
    }

    // ---------------------------------------------------------------- GLRLM

    public static final List<String> GLRLM = List.of("ShortRunEmphasis", "LongRunEmphasis", "GrayLevelNonUniformity",
            "RunLengthNonUniformity", "RunPercentage", "LowGrayLevelRunEmphasis", "HighGrayLevelRunEmphasis",
            "RunEntropy", "GrayLevelNonUniformityNormalized", "RunLengthNonUniformityNormalized", "GrayLevelVariance",
            "RunVariance", "ShortRunLowGrayLevelEmphasis", "ShortRunHighGrayLevelEmphasis", "LongRunLowGrayLevelEmphasis",
            "LongRunHighGrayLevelEmphasis");

    /** Run-length matrix of one direction: r[level-1][length-1] = number of runs. */
    public static double[][] glrlmMatrix(Levels lv, int dx, int dy) {
        int w = lv.width();
        int h = lv.height();
        int maxLen = Math.max(w, h);
        double[][] r = new double[lv.ng()][maxLen];
        boolean[] seen = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (seen[y * w + x] || lv.level()[y * w + x] == 0) {
                    continue; // counted already, or outside the region of interest
                }
                int l = lv.level()[y * w + x];
                // walk back to the start of the run, then forward along the direction
                int sx = x;
                int sy = y;
                while (in(sx - dx, sy - dy, w, h) && lv.level()[(sy - dy) * w + sx - dx] == l) {
                    sx -= dx;
                    sy -= dy;
                }
                int len = 0;
                int cx = sx;
                int cy = sy;
                while (in(cx, cy, w, h) && lv.level()[cy * w + cx] == l) {
                    seen[cy * w + cx] = true;
                    len++;
                    cx += dx;
                    cy += dy;
                }
                r[l - 1][len - 1] += 1;
            }
        }
        return r;
    }

    private static boolean in(int x, int y, int w, int h) {
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

    public static double[] glrlm(Levels lv) {
        double[] acc = new double[GLRLM.size()];
        int np = roiSize(lv);
        for (int[] d : DIRECTIONS) {
            double[][] r = glrlmMatrix(lv, d[0], d[1]);
            double n = 0;
            double sre = 0;
            double lre = 0;
            double lgl = 0;
            double hgl = 0;
            double[] byLevel = new double[r.length];
            double[] byLen = new double[r[0].length];
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r[i].length; j++) {
                    double v = r[i][j];
                    if (v == 0) {
                        continue;
                    }
                    double len = j + 1;
                    double lvl = i + 1;
                    n += v;
                    sre += v / (len * len);
                    lre += v * len * len;
                    lgl += v / (lvl * lvl);
                    hgl += v * lvl * lvl;
                    byLevel[i] += v;
                    byLen[j] += v;
                }
            }
            double gln = 0;
            for (double v : byLevel) {
                gln += v * v;
            }
            double rln = 0;
            for (double v : byLen) {
                rln += v * v;
            }
            double ent = 0;
            double muI = 0;
            double muJ = 0;
            double srl = 0;
            double srh = 0;
            double lrl = 0;
            double lrh = 0;
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r[i].length; j++) {
                    double v = r[i][j];
                    if (v > 0) {
                        double lvl = i + 1;
                        double len = j + 1;
                        ent -= v / n * log2(v / n);
                        muI += lvl * v / n;
                        muJ += len * v / n;
                        srl += v / (lvl * lvl * len * len);
                        srh += v * lvl * lvl / (len * len);
                        lrl += v * len * len / (lvl * lvl);
                        lrh += v * lvl * lvl * len * len;
                    }
                }
            }
            double glv = 0;
            double rlv = 0;
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r[i].length; j++) {
                    double v = r[i][j];
                    if (v > 0) {
                        glv += (i + 1 - muI) * (i + 1 - muI) * v / n;
                        rlv += (j + 1 - muJ) * (j + 1 - muJ) * v / n;
                    }
                }
            }
            double[] f = {sre / n, lre / n, gln / n, rln / n, n / np, lgl / n, hgl / n, ent, gln / (n * n), rln / (n * n),
                    glv, rlv, srl / n, srh / n, lrl / n, lrh / n};
            for (int k = 0; k < f.length; k++) {
                acc[k] += f[k] / DIRECTIONS.length;
            }
        }
        return acc;
    }

    // ---------------------------------------------------------------- GLSZM

    public static final List<String> GLSZM = List.of("SmallAreaEmphasis", "LargeAreaEmphasis",
            "GrayLevelNonUniformity", "SizeZoneNonUniformity", "ZonePercentage", "LowGrayLevelZoneEmphasis",
            "HighGrayLevelZoneEmphasis", "ZoneEntropy", "GrayLevelNonUniformityNormalized", "SizeZoneNonUniformityNormalized",
            "GrayLevelVariance", "ZoneVariance", "SmallAreaLowGrayLevelEmphasis", "SmallAreaHighGrayLevelEmphasis",
            "LargeAreaLowGrayLevelEmphasis", "LargeAreaHighGrayLevelEmphasis");

    /** Zones: 8-connected regions of one grey level; returns {level, size} per zone. */
    public static List<int[]> zones(Levels lv) {
        int w = lv.width();
        int h = lv.height();
        boolean[] seen = new boolean[w * h];
        List<int[]> out = new ArrayList<>();
        int[] stack = new int[w * h];
        for (int s = 0; s < w * h; s++) {
            if (seen[s] || lv.level()[s] == 0) {
                continue;
            }
            int l = lv.level()[s];
            int top = 0;
            stack[top++] = s;
            seen[s] = true;
            int size = 0;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int px = p % w;
                int py = p / w;
                for (int ddy = -1; ddy <= 1; ddy++) {
                    for (int ddx = -1; ddx <= 1; ddx++) {
                        int qx = px + ddx;
                        int qy = py + ddy;
                        if ((ddx != 0 || ddy != 0) && in(qx, qy, w, h)) {
                            int q = qy * w + qx;
                            if (!seen[q] && lv.level()[q] == l) {
                                seen[q] = true;
                                stack[top++] = q;
                            }
                        }
                    }
                }
            }
            out.add(new int[] {l, size});
        }
        return out;
    }

    public static double[] glszm(Levels lv) {
        List<int[]> z = zones(lv);
        double n = z.size();
        int np = roiSize(lv);
        java.util.Map<Integer, Double> byLevel = new java.util.TreeMap<>();
        java.util.Map<Integer, Double> bySize = new java.util.TreeMap<>();
        java.util.Map<Long, Double> cell = new java.util.HashMap<>();
        double sae = 0;
        double lae = 0;
        double lgl = 0;
        double hgl = 0;
        double muL = 0;
        double muS = 0;
        double sal = 0;
        double sah = 0;
        double lal = 0;
        double lah = 0;
        for (int[] zone : z) {
            double l = zone[0];
            double s = zone[1];
            sae += 1 / (s * s);
            lae += s * s;
            lgl += 1 / (l * l);
            hgl += l * l;
            muL += l / n;
            muS += s / n;
            sal += 1 / (l * l * s * s);
            sah += l * l / (s * s);
            lal += s * s / (l * l);
            lah += l * l * s * s;
            byLevel.merge(zone[0], 1.0, Double::sum);
            bySize.merge(zone[1], 1.0, Double::sum);
            cell.merge(((long) zone[0] << 32) | zone[1], 1.0, Double::sum);
        }
        double gln = 0;
        for (double v : byLevel.values()) {
            gln += v * v;
        }
        double szn = 0;
        for (double v : bySize.values()) {
            szn += v * v;
        }
        double ent = 0;
        for (double v : cell.values()) {
            ent -= v / n * log2(v / n);
        }
        double glv = 0;
        double zv = 0;
        for (int[] zone : z) {
            glv += (zone[0] - muL) * (zone[0] - muL) / n;
            zv += (zone[1] - muS) * (zone[1] - muS) / n;
        }
        return new double[] {sae / n, lae / n, gln / n, szn / n, n / np, lgl / n, hgl / n, ent, gln / (n * n), szn / (n * n),
                glv, zv, sal / n, sah / n, lal / n, lah / n};
    }

    // ---------------------------------------------------------------- NGTDM

    public static final List<String> NGTDM = List.of("Coarseness", "Contrast", "Busyness", "Complexity", "Strength");

    public static double[] ngtdm(Levels lv) {
        int w = lv.width();
        int h = lv.height();
        int ng = lv.ng();
        double[] s = new double[ng + 1];
        double[] cnt = new double[ng + 1];
        double nvp = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                int k = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx != 0 || dy != 0) && in(x + dx, y + dy, w, h) && lv.level()[(y + dy) * w + x + dx] > 0) {
                            sum += lv.level()[(y + dy) * w + x + dx];
                            k++;
                        }
                    }
                }
                int i = lv.level()[y * w + x];
                if (k == 0 || i == 0) {
                    continue; // outside the region of interest, or no neighbour inside it
                }
                s[i] += Math.abs(i - sum / k);
                cnt[i] += 1;
                nvp += 1;
            }
        }
        double[] p = new double[ng + 1];
        int ngp = 0;
        double sumS = 0;
        double ps = 0;
        for (int i = 1; i <= ng; i++) {
            p[i] = cnt[i] / nvp;
            if (p[i] > 0) {
                ngp++;
            }
            sumS += s[i];
            ps += p[i] * s[i];
        }
        double coarse = ps == 0 ? 1e6 : 1 / ps;
        double con = 0;
        double busyDen = 0;
        double complexity = 0;
        double strengthNum = 0;
        for (int i = 1; i <= ng; i++) {
            for (int j = 1; j <= ng; j++) {
                if (p[i] == 0 || p[j] == 0) {
                    continue;
                }
                con += p[i] * p[j] * (i - j) * (i - j);
                busyDen += Math.abs(i * p[i] - j * p[j]);
                complexity += Math.abs(i - j) * (p[i] * s[i] + p[j] * s[j]) / (p[i] + p[j]);
                strengthNum += (p[i] + p[j]) * (i - j) * (i - j);
            }
        }
        double contrast = ngp <= 1 ? 0 : con / (ngp * (ngp - 1.0)) * sumS / nvp;
        double busy = busyDen == 0 ? 0 : ps / busyDen;
        double strength = sumS == 0 ? 0 : strengthNum / sumS;
        return new double[] {coarse, contrast, busy, complexity / nvp, strength};
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
