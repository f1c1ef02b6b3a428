package org.cxrbench.encode;

import static org.cxrbench.encode.Radiomics.DIRECTIONS;
import static org.cxrbench.encode.Radiomics.in;
import static org.cxrbench.encode.Radiomics.log2;
import static org.cxrbench.encode.Radiomics.roiSize;

import java.util.List;
import org.cxrbench.encode.Radiomics.Levels;

/** Grey-level run-length matrix (NAMES) features, IBSI / pyradiomics, averaged over the four directions. */
public final class Glrlm {
    private Glrlm() {}

    public static final List<String> NAMES = List.of("ShortRunEmphasis", "LongRunEmphasis", "GrayLevelNonUniformity",
            "RunLengthNonUniformity", "RunPercentage", "LowGrayLevelRunEmphasis", "HighGrayLevelRunEmphasis",
            "RunEntropy", "GrayLevelNonUniformityNormalized", "RunLengthNonUniformityNormalized", "GrayLevelVariance",
            "RunVariance", "ShortRunLowGrayLevelEmphasis", "ShortRunHighGrayLevelEmphasis", "LongRunLowGrayLevelEmphasis",
            "LongRunHighGrayLevelEmphasis");

    /** Run-length matrix of one direction: r[level-1][length-1] = number of runs. */
    public static double[][] matrix(Levels lv, int dx, int dy) {
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

    public static double[] of(Levels lv) {
        double[] acc = new double[NAMES.size()];
        int np = roiSize(lv);
        for (int[] d : DIRECTIONS) {
            double[] f = features(matrix(lv, d[0], d[1]), np);
            for (int k = 0; k < f.length; k++) {
                acc[k] += f[k] / DIRECTIONS.length;
            }
        }
        return acc;
    }

    /** The 16 features of {@link #NAMES} from one direction's run-length matrix; np: pixels in the region. */
    private static double[] features(double[][] r, int np) {
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
        double[] w = weightedSums(r, n);
        double ent = w[0];
        double srl = w[3];
        double srh = w[4];
        double lrl = w[5];
        double lrh = w[6];
        double[] v = variances(r, n, w[1], w[2]);
        double glv = v[0];
        double rlv = v[1];
        return new double[] {sre / n, lre / n, gln / n, rln / n, n / np, lgl / n, hgl / n, ent, gln / (n * n),
                rln / (n * n), glv, rlv, srl / n, srh / n, lrl / n, lrh / n};
    }

    /** Run entropy, mean level, mean length, then the four joint emphases' sums (short/long x low/high). */
    private static double[] weightedSums(double[][] r, double n) {
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
        return new double[] {ent, muI, muJ, srl, srh, lrl, lrh};
    }

    /** Grey-level variance and run variance about the means muI, muJ. */
    private static double[] variances(double[][] r, double n, double muI, double muJ) {
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
        return new double[] {glv, rlv};
    }
}
