package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * Equal-width bins for reports (e.g. the DCR distributions, {@code histogram_dcr}): the first bin starts at
 * {@code min}; {@code counts} per bin. Written and read by Jackson as {@code {"min", "bin_width", "counts"}}.
 */
@JsonPropertyOrder({"min", "bin_width", "counts"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record Histogram(@JsonProperty("min") double min, @JsonProperty("bin_width") double binWidth,
                        @JsonProperty("counts") long[] counts) {
    public Histogram {
        counts = counts == null ? new long[0] : counts.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** {@code bins} equal-width bins from min to max of {@code v}; the maximum falls in the last bin. */
    public static Histogram of(double[] v, int bins) {
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(0);
        double w = max > min ? (max - min) / bins : 1;
        long[] counts = new long[bins];
        for (double x : v) {
            counts[Math.min(bins - 1, (int) ((x - min) / w))]++;
        }
        return new Histogram(min, w, counts);
    }
}
