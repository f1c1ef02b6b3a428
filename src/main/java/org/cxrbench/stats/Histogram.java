package org.cxrbench.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Equal-width histograms for reports (e.g. DCR distributions): min, bin width and counts. */
public final class Histogram {
    private Histogram() {}

    /** {@code bins} equal-width bins from min to max of {@code v}; the maximum falls in the last bin. */
    public static Map<String, Object> of(double[] v, int bins) {
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(0);
        double w = max > min ? (max - min) / bins : 1;
        int[] counts = new int[bins];
        for (double x : v) {
            counts[Math.min(bins - 1, (int) ((x - min) / w))]++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min);
        m.put("bin_width", w);
        m.put("counts", counts);
        return m;
    }
}
