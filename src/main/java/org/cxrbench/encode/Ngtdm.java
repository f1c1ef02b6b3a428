package org.cxrbench.encode;

import static org.cxrbench.encode.Radiomics.in;

import java.util.List;
import org.cxrbench.encode.Radiomics.Levels;

/** Neighbouring grey tone difference matrix (NAMES) features, IBSI / pyradiomics (8 neighbours, distance 1). */
public final class Ngtdm {
    private Ngtdm() {}

    public static final List<String> NAMES = List.of("Coarseness", "Contrast", "Busyness", "Complexity", "Strength");

    public static double[] of(Levels lv) {
        int ng = lv.ng();
        double[] s = new double[ng + 1];
        double[] cnt = new double[ng + 1];
        double nvp = differences(lv, s, cnt);
        return features(s, cnt, nvp, ng);
    }

    /**
     * Accumulates, per grey level i, s[i] = the sum of |i - mean of its in-region neighbours| and cnt[i] = how many
     * pixels have level i and a neighbour in the region; returns the number of such pixels (Nvp).
     */
    private static double differences(Levels lv, double[] s, double[] cnt) {
        int w = lv.width();
        int h = lv.height();
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
        return nvp;
    }

    /** Coarseness, contrast, busyness, complexity, strength from the NGTDM columns s, counts and Nvp. */
    private static double[] features(double[] s, double[] cnt, double nvp, int ng) {
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
}
