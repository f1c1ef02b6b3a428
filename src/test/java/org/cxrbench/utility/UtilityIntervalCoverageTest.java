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
import org.cxrbench.stats.SkewCorrectedMean;
import org.cxrbench.stats.TStatistics;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the utility metrics' 95% interval ({@link UtilityResults#seedInterval}: Hall's skewness-corrected t
 * interval over seeds, {@link SkewCorrectedMean}) by simulation with known truth (issue 20.1). The data are fixed (a
 * pool of 3,000 labelled Gaussian training rows, two classes 0.5 sd apart on 10 features, and a 1,000-row test set);
 * a seed draws 60 training rows (the low-data regime) and fits the linear probe; the metric is the test AUROC. The
 * estimand, the mean over seeds for this data, is the mean over a pool of 1,000 seeds; each of 2,000 simulated
 * experiments draws n seeds from the pool and its interval must hold the pool mean. The per-seed AUROCs are skewed
 * to the left (skewness -1.35, excess kurtosis 3.0: a few seeds fit badly), where the plain t interval under-covers.
 * Measured 2026-12-05: 93.4% / 93.1% / 94.4% at 3 / 5 / 10 seeds (plain t: 92.5 / 92.1 / 92.9%); asserted inside
 * the band [93%, 97%] at every n (the draws are seeded, so the figures are the same on every machine).
 */
class UtilityIntervalCoverageTest {
    static final int RUNS = 2000;
    static final double LOW = 0.93;
    static final double HIGH = 0.97;

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
            int coveredByT = 0;
            for (int r = 0; r < RUNS; r++) {
                List<Double> seeds = new ArrayList<>();
                for (int i : Sampling.withoutReplacement(pick, perSeed.length, n)) {
                    seeds.add(perSeed[i]);
                }
                Interval ci = UtilityResults.seedInterval(seeds).orElseThrow();
                covered += ci.contains(truth) ? 1 : 0;
                double[] t = TStatistics.meanCi95(seeds.stream().mapToDouble(Double::doubleValue).toArray());
                coveredByT += t[0] <= truth && truth <= t[1] ? 1 : 0;
            }
            double coverage = (double) covered / RUNS;
            System.err.printf(Locale.ROOT, "utility seed interval, %d seeds: coverage %.1f%% (%d/%d); plain t %.1f%% "
                    + "(%d/%d); mean over seeds %.4f%n", n, 100 * coverage, covered, RUNS, 100.0 * coveredByT / RUNS,
                    coveredByT, RUNS, truth);
            if (!(coverage >= LOW && coverage <= HIGH)) {
                failures.add(n + " seeds: " + coverage);
            }
        }
        assertThat(failures).as("coverage outside [%.3f, %.3f]", LOW, HIGH).isEmpty();
    }

    @Test
    void seedIntervalStatesItsEstimandAndHoldsTheMean() {
        List<Double> seeds = List.of(0.71, 0.74, 0.69, 0.73, 0.70);
        Interval ci = UtilityResults.seedInterval(seeds).orElseThrow();
        assertThat(ci.contains(0.714)).isTrue();
        assertThat(ci.estimand()).contains("mean of this metric over training seeds");
        assertThat(ci.method()).contains("skewness-corrected t interval over 5 seeds");
        assertThat(ci.bounds()).containsExactly(SkewCorrectedMean.ci95(new double[] {0.71, 0.74, 0.69, 0.73, 0.70}));
        assertThat(UtilityResults.seedInterval(List.of(0.7))).isEmpty();
    }

    /** Three skewed seeds push Hall's lower bound below 0; the interval is cut to the metric's range and says so. */
    @Test
    void anIntervalIsCutToTheMetricsRangeAndSaysSo() {
        List<Double> seeds = List.of(0.05, 0.10, 0.80);
        double[] raw = org.cxrbench.stats.SkewCorrectedMean.ci95(new double[] {0.05, 0.10, 0.80});
        assertThat(raw[0]).isLessThan(0.0);
        Interval ci = UtilityResults.seedInterval(seeds).orElseThrow();
        assertThat(ci.lo()).isEqualTo(0.0);
        assertThat(ci.hi()).isEqualTo(Math.min(1.0, raw[1]));
        assertThat(ci.method()).contains("cut to [0, 1]");
        assertThat(UtilityResults.seedInterval(List.of(0.71, 0.74, 0.69, 0.73, 0.70)).orElseThrow().method())
                .doesNotContain("cut");
    }
}
