package org.cxrbench.fidelity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Percentiles;

/** Bootstrap summary of a two-set statistic: the reported basic interval, the percentile interval and the bias. */
record Bootstrap(double[] basic, double[] percentile, double bias, int resamples) {
    void describe(Map<String, Object> det, List<String> warnings, String metric) {
        det.put("ci95_method", "basic bootstrap (2*estimate - percentiles), resampling both sets with replacement");
        det.put("ci95_percentile", percentile);
        det.put("bootstrap_bias", bias);
        det.put("bootstrap", resamples);
        double half = (basic[1] - basic[0]) / 2;
        if (Math.abs(bias) > half) {
            warnings.add(String.format(Locale.ROOT, "%s's bootstrap bias (%.4g) exceeds half its CI width: the "
                    + "estimate depends on N (resampled sets hold duplicates); compare generators at equal N", metric, bias));
        }
    }

    /** The B resample index draws of both sets, from one seeded stream (the same seed gives the same draws). */
    static int[][][] draws(int nReal, int nSynthetic, int b, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[][][] out = new int[b][2][];
        for (int r = 0; r < b; r++) {
            int[] ir = new int[nReal];
            for (int i = 0; i < ir.length; i++) {
                ir[i] = rnd.nextInt(nReal);
            }
            int[] is = new int[nSynthetic];
            for (int i = 0; i < is.length; i++) {
                is[i] = rnd.nextInt(nSynthetic);
            }
            out[r][0] = ir;
            out[r][1] = is;
        }
        return out;
    }

    /**
     * Basic bootstrap 95% interval [2t - q97.5, 2t - q2.5] (Davison &amp; Hinkley 1997, eq. 5.6): both sets are
     * resampled with replacement, independently, B times from a seeded stream. The percentile interval would not
     * contain the estimate for FID or KID, because duplicated rows bias both upward; the basic interval corrects
     * for that shift. The same seed gives the same interval.
     */
    static Bootstrap of(Features real, Features synthetic, int b, long seed, double estimate,
                        ToDoubleFunction<Features[]> stat) {
        int[][][] d = draws(real.n(), synthetic.n(), b, seed);
        double[] v = new double[b];
        for (int r = 0; r < b; r++) {
            v[r] = stat.applyAsDouble(new Features[] {real.rows(d[r][0]), synthetic.rows(d[r][1])});
        }
        return summarise(v, estimate);
    }

    static Bootstrap summarise(double[] v, double estimate) {
        int b = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x / b;
        }
        double lo = Percentiles.linear(v, 0.025);
        double hi = Percentiles.linear(v, 0.975);
        return new Bootstrap(new double[] {2 * estimate - hi, 2 * estimate - lo}, new double[] {lo, hi}, mean - estimate, b);
    }
}
