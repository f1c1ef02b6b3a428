package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paired bootstrap: deterministic, and a valid 95% interval (coverage, agreement with the t interval). */
class BootstrapTest {

    static double[][] pairs(long seed, int n, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();            // image difficulty shared by both models
            b[i] = common + 0.3 * r.nextGaussian();
            a[i] = common + shift + 0.3 * r.nextGaussian();
        }
        return new double[][] {a, b};
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherDraws() {
        double[][] p = pairs(1, 60, 0.1);
        Bootstrap.Interval x = Bootstrap.pairedMeanDifference(p[0], p[1], 500, 7, 0.95);
        Bootstrap.Interval y = Bootstrap.pairedMeanDifference(p[0], p[1], 500, 7, 0.95);
        Bootstrap.Interval z = Bootstrap.pairedMeanDifference(p[0], p[1], 500, 8, 0.95);
        assertThat(y).isEqualTo(x);
        assertThat(z.low()).isNotEqualTo(x.low());
        assertThat(x.estimate()).isEqualTo(TStatistics.paired(p[0], p[1], Alternative.GREATER).meanDiff());
    }

    @Test
    void agreesWithThePairedTIntervalOnNormalDifferences() {
        // the differences are N(0.1, 2 * 0.3^2): for n = 200 the percentile interval and the t interval estimate the
        // same thing; they must agree to within 15% of the t half-width (sampling noise of 2,000 resamples ~ 3%)
        double[][] p = pairs(3, 200, 0.1);
        Bootstrap.Interval bs = Bootstrap.pairedMeanDifference(p[0], p[1], 2000, 11, 0.95);
        TTestResult t = TStatistics.paired(p[0], p[1], Alternative.TWO_SIDED);
        double half = (t.ciHigh() - t.ciLow()) / 2;
        assertThat(Math.abs(bs.low() - t.ciLow())).isLessThan(0.15 * half);
        assertThat(Math.abs(bs.high() - t.ciHigh())).isLessThan(0.15 * half);
    }

    @Test
    void coversTheTrueShiftAboutNinetyFivePercentOfTheTime() {
        // 300 simulated test sets of 80 images, true shift 0.1: the 95% interval should cover 0.1 in about 285;
        // the percentile bootstrap under-covers slightly at small n, so accept 88%-99% (binomial sd ~ 1.3%)
        int covered = 0;
        int sets = 300;
        for (int s = 0; s < sets; s++) {
            double[][] p = pairs(100 + s, 80, 0.1);
            Bootstrap.Interval bs = Bootstrap.pairedMeanDifference(p[0], p[1], 400, s, 0.95);
            if (bs.low() <= 0.1 && 0.1 <= bs.high()) {
                covered++;
            }
        }
        assertThat(covered).isBetween((int) (0.88 * sets), (int) (0.99 * sets));
    }

    @Test
    void statisticFunctionAndUndefinedResamples() {
        // AUROC difference of two score vectors on the same images; with 4 images some resamples have one class only
        boolean[] y = {true, false, true, false};
        double[] m1 = {0.9, 0.2, 0.8, 0.3};
        double[] m2 = {0.6, 0.5, 0.4, 0.7};
        Bootstrap.Interval bs = Bootstrap.paired(4, idx -> {
            boolean[] yy = new boolean[idx.length];
            double[] a = new double[idx.length];
            double[] b = new double[idx.length];
            int pos = 0;
            for (int k = 0; k < idx.length; k++) {
                yy[k] = y[idx[k]];
                a[k] = m1[idx[k]];
                b[k] = m2[idx[k]];
                pos += yy[k] ? 1 : 0;
            }
            return pos == 0 || pos == idx.length ? Double.NaN : Roc.auc(a, yy) - Roc.auc(b, yy);
        }, 200, 1, 0.95);
        assertThat(bs.estimate()).isEqualTo(1.0 - 0.25);   // model 1 separates perfectly; model 2: 1 of 4 pairs
        assertThat(bs.undefinedResamples()).isPositive().isLessThan(200);
        assertThatThrownBy(() -> Bootstrap.paired(1, idx -> 0, 10, 1, 0.95)).hasMessageContaining("got 1");
    }
}
