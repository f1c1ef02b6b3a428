package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/**
 * The one-pass subset values of precision, recall, density and coverage ({@link PrdcSubsample}) equal
 * {@link Prdc#compute} run on each pair of subsets (radii recomputed from scratch), exactly; on Gaussian data and on
 * an integer grid with duplicates, where distances equal radii and the two conventions differ. Also: the delete-d
 * variance of a statistic that is a plain mean is the textbook one, and the intervals hold their estimates.
 */
class PrdcSubsampleTest {
    static void checkAgainstDirect(Features real, Features syn, int k, boolean inclusive, int keptReal, int keptSyn,
                                   long seed) {
        int[][][] s = PrdcSubsample.subsets(real.n(), syn.n(), keptReal, keptSyn, 12, seed);
        double[][] v = PrdcSubsample.values(real, syn, k, inclusive, s);
        for (int q = 0; q < s.length; q++) {
            Prdc.Result d = Prdc.compute(real.rows(s[q][0]), syn.rows(s[q][1]), k, inclusive);
            String what = "subset " + q + ", k=" + k + ", inclusive=" + inclusive;
            assertThat(v[0][q]).as("precision, " + what).isEqualTo(d.precision());
            assertThat(v[1][q]).as("recall, " + what).isEqualTo(d.recall());
            assertThat(v[2][q]).as("density, " + what).isEqualTo(d.density());
            assertThat(v[3][q]).as("coverage, " + what).isEqualTo(d.coverage());
        }
    }

    @Test
    void gaussianSubsetsEqualDirectRecomputation() {
        SplittableRandom rnd = new SplittableRandom(3);
        Features real = gaussian(70, 5, 0, rnd);
        Features syn = gaussian(55, 5, 0.4, rnd);
        checkAgainstDirect(real, syn, 5, false, 35, 28, 9);
        checkAgainstDirect(real, syn, 3, true, 50, 20, 10);
    }

    @Test
    void tiedGridWithDuplicatesEqualsDirectRecomputation() {
        SplittableRandom rnd = new SplittableRandom(4);
        Features real = grid(60, 3, rnd);
        Features syn = grid(48, 3, rnd);
        for (boolean inclusive : new boolean[] {false, true}) {
            checkAgainstDirect(real, syn, 3, inclusive, 30, 24, 11);
            checkAgainstDirect(real, syn, 5, inclusive, 45, 40, 12);
        }
    }

    @Test
    void smallSubsetsFallBackToAFullSearch() {
        // subsets of 7 of 200 rows: a row's neighbour list (k + 1 + DEPTH entries) rarely holds k kept rows
        SplittableRandom rnd = new SplittableRandom(5);
        Features real = gaussian(200, 2, 0, rnd);
        Features syn = gaussian(200, 2, 0.2, rnd);
        checkAgainstDirect(real, syn, 5, false, 7, 9, 13);
    }

    @Test
    void intervalsHoldTheirEstimatesAndAreSeeded() {
        SplittableRandom rnd = new SplittableRandom(6);
        Features real = gaussian(120, 4, 0, rnd);
        Features syn = gaussian(100, 4, 0.3, rnd);
        Prdc.Result est = Prdc.compute(real, syn, 5, false);
        Map<String, Bootstrap> a = PrdcIntervals.prdc(real, syn, est, 50, 7);
        Map<String, Bootstrap> b = PrdcIntervals.prdc(real, syn, est, 50, 7);
        double[] pts = {est.precision(), est.recall(), est.density(), est.coverage()};
        String[] ids = {"precision", "recall", "density", "coverage"};
        for (int q = 0; q < 4; q++) {
            Bootstrap x = a.get(ids[q]);
            assertThat(x.se()).as(ids[q]).isPositive().isEqualTo(b.get(ids[q]).se());
            assertThat(x.basic()[0]).as(ids[q]).isLessThanOrEqualTo(pts[q]).isGreaterThanOrEqualTo(0);
            assertThat(x.basic()[1]).as(ids[q]).isGreaterThanOrEqualTo(pts[q]);
            assertThat(x.method()).contains("delete-d jackknife");
        }
    }

    @Test
    void sameBitsAtOneAndThreeThreads() {
        SplittableRandom rnd = new SplittableRandom(10);
        Features real = gaussian(160, 6, 0, rnd);
        Features syn = gaussian(140, 6, 0.3, rnd);
        Prdc.Result est = Prdc.compute(real, syn, 5, false);
        double[][][] got = new double[2][][];
        List<Map<String, Bootstrap>> intervals = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            try (org.cxrbench.linalg.Workers w = org.cxrbench.linalg.Workers.of(1 + 2 * t,
                    org.cxrbench.common.Progress.QUIET)) {
                got[t] = w.get(() -> PrdcSubsample.variances(real, syn, 5, false, 40, 11, PrdcIntervals.PRDC_DELETED));
                intervals.add(w.get(() -> PrdcIntervals.prdc(real, syn, est, 50, 11)));
            }
        }
        for (String id : intervals.get(0).keySet()) {
            assertThat(intervals.get(1).get(id).basic()).as(id).containsExactly(intervals.get(0).get(id).basic());
        }
        for (int q = 0; q < 4; q++) {
            assertThat(got[1][q]).as("statistic " + q).containsExactly(got[0][q]);
            assertThat(got[0][q][0]).as("statistic " + q).isPositive();
        }
        assertThat(est.precision()).isPositive();
    }

    @Test
    void eachJackknifePartIsMovedToTheEstimatesLevel() {
        // share: p(1-p) / (m(1-m)) on a jackknife part, 1 on an exact part (NaN level)
        assertThat(PrdcSubsample.combined(0.08, new double[] {0.004, 0.002, Double.NaN, 0.1}, false))
                .isCloseTo(0.004 + 0.002 * (0.08 * 0.92) / (0.1 * 0.9), within(1e-18));
        assertThat(PrdcSubsample.combined(0.11, new double[] {0.003, 0.001, 0.16, 0.085}, false))
                .isCloseTo(0.003 * (0.11 * 0.89) / (0.16 * 0.84) + 0.001 * (0.11 * 0.89) / (0.085 * 0.915),
                        within(1e-18));
        // density, a mean of counts: p / m
        assertThat(PrdcSubsample.combined(0.025, new double[] {0.001, 0.0005, Double.NaN, 0.03}, true))
                .isCloseTo(0.001 + 0.0005 * 0.025 / 0.03, within(1e-18));
        // at the estimate's own level, or at 0 or 1, the parts are added as they are
        assertThat(PrdcSubsample.combined(0.3, new double[] {0.002, 0.001, 0.3, 0.3}, false)).isEqualTo(0.003);
        assertThat(PrdcSubsample.combined(0, new double[] {0.002, 0.001, 0.2, 0.1}, false)).isEqualTo(0.003);
        assertThat(PrdcSubsample.combined(0.9, new double[] {0.002, 0.001, 1, 0}, false)).isEqualTo(0.003);
    }

    @Test
    void intervalsUseTheCombinedVariance() {
        SplittableRandom rnd = new SplittableRandom(9);
        Features real = gaussian(110, 8, 0, rnd);
        Features syn = gaussian(100, 8, 0.4, rnd);
        Prdc.Result est = Prdc.compute(real, syn, 5, false);
        Map<String, Bootstrap> b = PrdcIntervals.prdc(real, syn, est, 50, 3);
        double[][] v = PrdcSubsample.variances(real, syn, 5, false, PrdcIntervals.PRDC_SUBSETS, 3, PrdcIntervals.PRDC_DELETED);
        double[] pts = {est.precision(), est.recall(), est.density(), est.coverage()};
        String[] ids = {"precision", "recall", "density", "coverage"};
        for (int q = 0; q < 4; q++) {
            assertThat(v[q][3]).as(ids[q]).isGreaterThan(0); // every statistic has a jackknife part here
            assertThat(b.get(ids[q]).jackknifeVariance()).as(ids[q])
                    .isEqualTo(PrdcSubsample.combined(pts[q], v[q], q == 2));
            assertThat(b.get(ids[q]).method()).contains("variance-stabilising scale");
        }
    }

    @Test
    void halfSamplingVarianceOfAMeanIsTheTextbookOne() {
        // for a sample mean, half-samples without replacement of n = 2h rows have variance s^2 (1 - h/n) / h
        // (s^2 with divisor n - 1), so r/d times it (r = d = h) is s^2 / n, the usual variance of the mean;
        // the B-subset average of (theta_s - mean)^2 approaches it
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 400;
        double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            mean += x[i] / n;
        }
        double s2 = 0;
        for (double v : x) {
            s2 += (v - mean) * (v - mean) / (n - 1);
        }
        int[][][] s = PrdcSubsample.subsets(n, 2, n / 2, 1, 4000, 9);
        double[] theta = new double[s.length];
        for (int q = 0; q < s.length; q++) {
            for (int i : s[q][0]) {
                theta[q] += x[i] / (n / 2);
            }
        }
        assertThat(Bootstrap.meanSquare(theta)).isCloseTo(s2 / n, org.assertj.core.data.Percentage.withPercentage(5));
    }

    static Features gaussian(int n, int d, double shift, SplittableRandom rnd) {
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = shift + rnd.nextGaussian();
        }
        return new Features(n, d, a);
    }

    static Features grid(int n, int d, SplittableRandom rnd) {
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextInt(4);
        }
        // a few exact duplicates
        System.arraycopy(a, 0, a, d, d);
        System.arraycopy(a, 2 * d, a, 5 * d, d);
        return new Features(n, d, a);
    }
}
