package org.cxrbench.encode;

import static org.cxrbench.encode.Radiomics.in;
import static org.cxrbench.encode.Radiomics.log2;
import static org.cxrbench.encode.Radiomics.roiSize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cxrbench.encode.Radiomics.Levels;

/** Grey-level size-zone matrix (NAMES) features, IBSI / pyradiomics; zones are 8-connected. */
public final class Glszm {
    private Glszm() {}

    public static final List<String> NAMES = List.of("SmallAreaEmphasis", "LargeAreaEmphasis",
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

    public static double[] of(Levels lv) {
        List<int[]> z = zones(lv);
        double n = z.size();
        int np = roiSize(lv);
        Map<Integer, Double> byLevel = new TreeMap<>();
        Map<Integer, Double> bySize = new TreeMap<>();
        Map<Long, Double> cell = new HashMap<>();
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
}
