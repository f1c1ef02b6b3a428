package org.cxrbench.encode;

import static org.cxrbench.encode.Radiomics.DIRECTIONS;
import static org.cxrbench.encode.Radiomics.log2;

import java.util.List;
import org.cxrbench.encode.Radiomics.Levels;

/** Grey-level co-occurrence matrix (NAMES) features, IBSI / pyradiomics, averaged over the four directions. */
public final class Glcm {
    private Glcm() {}

    public static final List<String> NAMES = List.of("Autocorrelation", "JointAverage", "ClusterProminence",
            "ClusterShade", "ClusterTendency", "Contrast", "Correlation", "DifferenceAverage", "DifferenceEntropy",
            "JointEnergy", "JointEntropy", "Idm", "Id", "InverseVariance", "MaximumProbability", "SumAverage",
            "SumEntropy", "SumSquares", "DifferenceVariance", "Idn", "Idmn", "Imc1", "Imc2");

    /** Symmetric, normalised co-occurrence matrix of one direction (levels 1..ng at index 0..ng-1). */
    public static double[][] matrix(Levels lv, int dx, int dy) {
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

    public static double[] of(Levels lv) {
        double[] acc = new double[NAMES.size()];
        for (int[] d : DIRECTIONS) {
            double[] f = features(matrix(lv, d[0], d[1]));
            for (int k = 0; k < f.length; k++) {
                acc[k] += f[k] / DIRECTIONS.length;
            }
        }
        return acc;
    }

    /** The 23 features of {@link #NAMES} from one direction's normalised matrix. */
    static double[] features(double[][] p) {
        Marginals m = Marginals.of(p);
        double[] joint = jointSums(p, m);
        double auto = joint[0];
        double entropy = joint[6];
        double corr = (m.sx * m.sy) == 0 ? 1 : (auto - m.ux * m.uy) / Math.sqrt(m.sx * m.sy);
        double[] diff = differenceSums(m.pDiff, m.px.length);
        double[] sum = sumSums(m.pSum, m.px.length);
        double[] imc = informationCorrelations(p, m, entropy);
        return new double[] {auto, m.ux, joint[1], joint[2], joint[3], joint[4], corr, diff[0], diff[1], joint[5],
                entropy, joint[7], joint[8], diff[2], joint[9], sum[0], sum[1], joint[10], diff[3], diff[4], diff[5],
                imc[0], imc[1]};
    }

    /** Row and column marginals, the sum (i + j) and difference |i - j| distributions, means and variances. */
    private record Marginals(double[] px, double[] py, double[] pSum, double[] pDiff, double ux, double uy, double sx,
            double sy) {
        static Marginals of(double[][] p) {
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
            return new Marginals(px, py, pSum, pDiff, ux, uy, sx, sy);
        }
    }

    /**
     * Sums over the joint distribution: autocorrelation, cluster prominence, shade, tendency, contrast, joint energy,
     * joint entropy, IDM, ID, maximum probability, sum of squares (in that order).
     */
    private static double[] jointSums(double[][] p, Marginals m) {
        int ng = p.length;
        double ux = m.ux;
        double uy = m.uy;
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
        return new double[] {auto, prom, shade, tend, contrast, energy, entropy, idm, id, maxp, sumSq};
    }

    /** Difference average, difference entropy, inverse variance, difference variance, IDN, IDMN (in that order). */
    private static double[] differenceSums(double[] pDiff, int ng) {
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
        double diffVar = 0;
        double idn = 0;
        double idmn = 0;
        for (int k = 0; k < ng; k++) {
            diffVar += (k - diffAvg) * (k - diffAvg) * pDiff[k];
            idn += pDiff[k] / (1.0 + (double) k / ng);
            idmn += pDiff[k] / (1.0 + ((double) k / ng) * ((double) k / ng));
        }
        return new double[] {diffAvg, diffEnt, invVar, diffVar, idn, idmn};
    }

    /** Sum average and sum entropy of the distribution of i + j. */
    private static double[] sumSums(double[] pSum, int ng) {
        double sumAvg = 0;
        double sumEnt = 0;
        for (int k = 2; k <= 2 * ng; k++) {
            sumAvg += k * pSum[k];
            if (pSum[k] > 0) {
                sumEnt -= pSum[k] * log2(pSum[k]);
            }
        }
        return new double[] {sumAvg, sumEnt};
    }

    /** Informational measures of correlation IMC1 and IMC2 (IBSI R8DG, JN9H), from HX, HY, HXY1 and HXY2. */
    private static double[] informationCorrelations(double[][] p, Marginals m, double entropy) {
        int ng = p.length;
        double[] px = m.px;
        double[] py = m.py;
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
        return new double[] {imc1, imc2};
    }
}
