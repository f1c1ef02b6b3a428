package org.cxrbench.stats;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A paired bootstrap over test images, as a second opinion beside the t-test over seeds: the test images are drawn
 * with replacement (the same draw for both models, which keeps the pairing), the statistic is recomputed on each
 * resample, and the percentile interval (Efron &amp; Tibshirani 1993, ch. 13) of the resampled statistics is the CI.
 * Deterministic: resample r draws its n indices from one {@link SplittableRandom}(seed) stream, in order, with
 * {@code nextInt(n)}; percentiles are numpy's default ({@link Percentiles#linear}).
 */
public final class Bootstrap {
    private Bootstrap() {}

    /**
     * The statistic on all images, its bootstrap percentile CI and the resampling settings; resamples on which the
     * statistic is undefined (NaN, e.g. an AUROC on a resample with one class) are left out and counted.
     */
    public record Interval(double estimate, double low, double high, double level, int resamples, long seed,
                           int undefinedResamples) {}

    /**
     * Percentile CI of a statistic of the n paired images; {@code statistic} gets the resampled image indices
     * (values 0..n-1, repeats allowed) and returns the statistic of that resample (e.g. the difference of two
     * models' AUROC on those images).
     */
    public static Interval paired(int n, ToDoubleFunction<int[]> statistic, int resamples, long seed, double level) {
        if (n < 2) {
            throw new IllegalArgumentException("bootstrap: needs at least 2 images, got " + n);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap: resamples " + resamples + " must be at least 1");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap: level " + level + " is not in (0, 1)");
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double estimate = statistic.applyAsDouble(all);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int[] idx = new int[n];
        int kept = 0;
        org.cxrbench.common.Progress.Meter meter = org.cxrbench.common.Progress.current()
                .meter("bootstrap (paired, " + n + " images)", resamples, "resamples");
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                idx[i] = rnd.nextInt(n);
            }
            double v = statistic.applyAsDouble(idx.clone());
            if (!Double.isNaN(v)) {
                stats[kept++] = v;
            }
            meter.step();
        }
        if (kept == 0) {
            throw new IllegalArgumentException("bootstrap: the statistic is undefined (NaN) on every resample");
        }
        double[] s = java.util.Arrays.copyOf(stats, kept);
        double tail = (1 - level) / 2;
        return new Interval(estimate, Percentiles.linear(s, tail), Percentiles.linear(s, 1 - tail), level, resamples, seed,
                resamples - kept);
    }

    /** Percentile CI of mean(a - b) over paired per-image values a[i], b[i] (e.g. per-image Dice of two models). */
    public static Interval pairedMeanDifference(double[] a, double[] b, int resamples, long seed, double level) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("bootstrap: " + a.length + " condition values != " + b.length
                    + " baseline values (each image needs both)");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("bootstrap: value pair [" + i + "] = (" + a[i] + ", " + b[i]
                        + ") is not finite");
            }
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return paired(d.length, idx -> {
            double s = 0;
            for (int i : idx) {
                s += d[i];
            }
            return s / idx.length;
        }, resamples, seed, level);
    }
}
