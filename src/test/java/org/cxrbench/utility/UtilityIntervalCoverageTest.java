package org.cxrbench.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cxrbench.common.Interval;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Roc;
import org.cxrbench.stats.Sampling;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the utility metrics' 95% interval (the t interval over seeds, {@link UtilityResults#seedInterval}) by
 * simulation with known truth (issue 20.1). The data are fixed (a pool of 3,000 labelled Gaussian training rows, two
 * classes 0.5 sd apart on 10 features, and a 1,000-row test set); a seed draws 60 training rows (the low-data
 * regime) and fits the linear probe; the metric is the test AUROC. The estimand, the mean over seeds for this
 * data, is the mean over a pool of 1,000 seeds; each of 400 simulated experiments draws n seeds from the pool and
 * its interval must hold the pool mean. Measured 2026-12-05: 90.5% at 3 seeds, 90.5% at 5, 91.5% at 10 (400 runs each), below
 * the 95% target: the per-seed AUROCs are skewed to the left (skewness -1.35, excess kurtosis 3.0: a few seeds fit
 * badly, and AUROC is bounded above), and the t interval rests on normality. The test guards that measured level,
 * not the target: at 5 and 10 seeds coverage must not fall below 88% (3 binomial sd below the measured ~91%), so a
 * mis-scaled interval (e.g. sd instead of sd / sqrt(n), or z for t) fails; metrics/utility.md gives the table.
 */
class UtilityIntervalCoverageTest {
    static final int RUNS = 400;
    static final double LOW = 0.88;
    static final double HIGH = 0.95 + 3 * Math.sqrt(0.95 * 0.05 / RUNS);

    record Data(Features x, byte[][] y) {}

    static Data draw(int n, int d, SplittableRandom rnd) {
        double[] a = new double[n * d];
        byte[][] y = new byte[n][1];
        for (int i = 0; i < n; i++) {
            boolean pos = rnd.nextDouble() < 0.3;
            y[i][0] = (byte) (pos ? 1 : 0);
            for (int j = 0; j < d; j++) {
                a[i * d + j] = rnd.nextGaussian() + (pos && j < 3 ? 0.5 : 0.0);
            }
        }
        return new Data(new Features(n, d, a), y);
    }

    /** Test AUROC of the probe trained on the seed's 60 rows of the pool. */
    static double score(Data pool, Data test, long seed, int rowsPerSeed) {
        int[] rows = Sampling.withoutReplacement(new SplittableRandom(seed), pool.x().n(), rowsPerSeed);
        TrainingRows tr = TrainingRows.of(new TrainingRows.Block(pool.x(), rows, pool.y(), "real"));
        double[][] p = LinearProbe.fit(tr, LinearProbe.Options.defaults(1.0), 1).predict(test.x());
        double[] s = new double[p.length];
        boolean[] pos = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = p[i][0];
            pos[i] = test.y()[i][0] == 1;
        }
        return Roc.auc(s, pos);
    }

    @Test
    void seedIntervalCoversTheMeanOverSeeds() {
        SplittableRandom rnd = new SplittableRandom(20);
        Data pool = draw(3000, 10, rnd);
        Data test = draw(1000, 10, rnd);
        double[] perSeed = new double[1000];
        double truth = 0;
        for (int s = 0; s < perSeed.length; s++) {
            perSeed[s] = score(pool, test, s, 60);
            truth += perSeed[s] / perSeed.length;
        }
        List<String> failures = new ArrayList<>();
        for (int n : new int[] {3, 5, 10}) {
            SplittableRandom pick = new SplittableRandom(100 + n);
            int covered = 0;
            for (int r = 0; r < RUNS; r++) {
                List<Double> seeds = new ArrayList<>();
                for (int i : Sampling.withoutReplacement(pick, perSeed.length, n)) {
                    seeds.add(perSeed[i]);
                }
                Interval ci = UtilityResults.seedInterval(seeds).orElseThrow();
                covered += ci.contains(truth) ? 1 : 0;
            }
            double coverage = (double) covered / RUNS;
            System.err.printf(Locale.ROOT, "utility t interval, %d seeds: coverage %.1f%% (%d/%d), mean over seeds %.4f%n",
                    n, 100 * coverage, covered, RUNS, truth);
            if (n >= 5 && !(coverage >= LOW && coverage <= HIGH)) {
                failures.add(n + " seeds: " + coverage);
            }
        }
        assertThat(failures).as("coverage outside [%.3f, %.3f]", LOW, HIGH).isEmpty();
    }

    @Test
    void seedIntervalStatesItsEstimandAndHoldsTheMean() {
        Interval ci = UtilityResults.seedInterval(List.of(0.71, 0.74, 0.69, 0.73, 0.70)).orElseThrow();
        assertThat(ci.contains(0.714)).isTrue();
        assertThat(ci.estimand()).contains("mean of this metric over training seeds");
        assertThat(ci.method()).contains("t interval over 5 seeds");
        // t(0.975, 4) = 2.7764451; sd = 0.0207364
        assertThat(ci.hi() - 0.714).isCloseTo(2.7764451 * 0.0207364 / Math.sqrt(5), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(UtilityResults.seedInterval(List.of(0.7))).isEmpty();
    }
}
