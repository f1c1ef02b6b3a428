package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/** CMMD, FRD, FID∞ and the MMD permutation test against closed forms and known behaviour. */
class ExtraMetricsTest {
    static Features gauss(int n, int d, double shift, double scale, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian() * scale + shift;
        }
        return new Features(n, d, a);
    }

    @Test
    void cmmdMatchesHandComputation() {
        // x = {0, 2}, y = {3} in 1-D, sigma 10: k = exp(-d^2/200)
        Features x = Features.of(new double[][] {{0}, {2}});
        Features y = Features.of(new double[][] {{3}});
        double kxx = (1 + 1 + 2 * Math.exp(-4 / 200.0)) / 4;
        double kyy = 1;
        double kxy = (Math.exp(-9 / 200.0) + Math.exp(-1 / 200.0)) / 2;
        assertThat(Cmmd.compute(x, y, 10)).isCloseTo(1000 * (kxx + kyy - 2 * kxy), within(1e-12));
        assertThat(Cmmd.compute(x, x, 10)).isCloseTo(0, within(1e-12));
    }

    @Test
    void frdIsLogOfTheOneDimensionalFrechetDistanceAfterZScoring() {
        // real {1, 3}: mean 2, population std 1 -> z {-1, 1}: mean 0, sample var 2
        // synthetic {2, 6, 10} -> z {0, 4, 8}: mean 4, sample var 16
        Features real = Features.of(new double[][] {{1, 5}, {3, 5}});
        Features syn = Features.of(new double[][] {{2, 7}, {6, 7}, {10, 7}});
        Frd.Result r = Frd.compute(real, syn);
        double fd = 16 + 2 + 16 - 2 * Math.sqrt(2 * 16.0);
        assertThat(r.frechetDistance()).isCloseTo(fd, within(1e-12));
        assertThat(r.value()).isCloseTo(Math.log(fd), within(1e-12));
        assertThat(r.featuresDropped()).isEqualTo(1); // the constant second feature
    }

    @Test
    void fidInfinityRemovesMostOfTheFiniteSampleBias() {
        int d = 16;
        double[] mu = new double[d];
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            cov[i * d + i] = 1;
        }
        GaussianStats truth = new GaussianStats(Long.MAX_VALUE, d, mu, cov); // the exact real distribution N(0, I)
        // same distribution (true FID 0), 20 synthetic draws of N = 2000: FID∞ (a quadratic in 1/N, whose single-draw
        // error is about 0.016 here, 1.7 times the line's) is judged on its mean, SE about 0.004
        int draws = 20;
        double fidSum = 0;
        double infSum = 0;
        FidInfinity.Result inf = null;
        for (int seed = 1; seed <= draws; seed++) {
            Features syn = gauss(2000, d, 0, 1, seed);
            fidSum += Fid.compute(truth, GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
            inf = FidInfinity.compute(truth, syn, 15, 400, seed, Fid.Route.SYMMETRIC);
            infSum += inf.value();
        }
        double fidN = fidSum / draws;
        assertThat(fidN).as("bias ~ d/N + d(d+1)/(4N) = 0.042").isGreaterThan(0.03);
        assertThat(Math.abs(infSum / draws)).isLessThan(fidN / 3);
        assertThat(inf.slope()).isGreaterThan(0);
    }

    @Test
    void fidInfinityFitRecoversTheQuadraticIn1OverNThatTheLineMisses() {
        // E[FID(m)] = 2 + 300/m + 40000/m^2 on FID-inf's 15 sizes from 200 to 1000: the quadratic's intercept is 2
        // to round-off; the line's is biased by about -40000/(200 * 1000) = -0.2 (the chord of 1/m^2)
        double[] u = new double[15];
        double[] y = new double[15];
        for (int p = 0; p < 15; p++) {
            double m = 200 + 800.0 * p / 14;
            u[p] = 1000 / m;
            y[p] = 2 + 300 / m + 40000 / (m * m);
        }
        double[] q = FidInfinity.polynomial(u, y, 2);
        assertThat(q[0]).isCloseTo(2, within(1e-9));
        assertThat(q[1] * 1000).isCloseTo(300, within(1e-6));
        assertThat(q[2] * 1e6).isCloseTo(40000, within(1e-3));
        assertThat(FidInfinity.polynomial(u, y, 1)[0]).isLessThan(1.9);
    }

    @Test
    void fidInfinityGivesNoIntervalWhenItsSmallestSubsetIsNotAboveD() {
        // N/5 = 40 subsets at d = 64: the extrapolation is biased there and its interval covered 82% in simulation
        FidelityMetrics.Options o = new FidelityMetrics.Options(new java.util.LinkedHashSet<>(java.util.List.of("fid_inf")),
                5, 10, 100, 20, 0, Fid.Route.SYMMETRIC, false);
        var small = FidelityMetrics.compute(gauss(400, 64, 0, 1, 1), gauss(200, 64, 0, 1, 2), o).get("fid_inf");
        assertThat(small.ci95()).isNull();
        assertThat(small.warnings()).anyMatch(w -> w.contains("no interval is given"));
        // N/5 = 40 above d = 4: the interval is given and holds its estimate
        var fine = FidelityMetrics.compute(gauss(400, 4, 0, 1, 1), gauss(200, 4, 0, 1, 2), o).get("fid_inf");
        assertThat(fine.ci95()).isNotNull();
        assertThat(fine.ci95()[0]).isLessThanOrEqualTo(fine.value());
        assertThat(fine.ci95()[1]).isGreaterThanOrEqualTo(fine.value());
    }

    @Test
    void permutationTestFindsARealDifferenceAndNotAFakeOne() {
        Features real = gauss(300, 8, 0, 1, 1);
        Features good = gauss(200, 8, 0, 1, 2);
        Features shifted = gauss(200, 8, 0.5, 1, 3);
        MmdPermutation.Result r = MmdPermutation.test(real, good, shifted, 200, 0);
        assertThat(r.difference()).isNegative();
        assertThat(r.pValue()).isLessThan(0.01);
        Features good2 = gauss(200, 8, 0, 1, 4);
        MmdPermutation.Result same = MmdPermutation.test(real, good, good2, 200, 0);
        assertThat(same.pValue()).isGreaterThan(0.05);
        // deterministic for a seed
        assertThat(MmdPermutation.test(real, good, good2, 200, 0).pValue()).isEqualTo(same.pValue());
    }

    @Test
    void perLabelFlagsSmallLabelsAndCountsEverything() {
        Features real = gauss(120, 4, 0, 1, 1);
        Features syn = gauss(100, 4, 0.2, 1, 2);
        byte[][] rl = new byte[120][14];
        byte[][] sl = new byte[100][14];
        for (int i = 0; i < 120; i++) {
            rl[i][2] = (byte) (i < 80 ? 1 : 0);
            rl[i][10] = (byte) (i < 10 ? 1 : 0);
        }
        for (int i = 0; i < 100; i++) {
            sl[i][2] = (byte) (i < 70 ? 1 : 0);
            sl[i][10] = (byte) (i < 1 ? 1 : 0);
        }
        FidelityMetrics.Options o = FidelityMetrics.Options.defaults();
        var out = FidelityMetrics.perLabel(real, rl, syn, sl, o, java.util.Arrays.stream(org.cxrbench.data.ChexpertLabel.values())
                .map(org.cxrbench.data.ChexpertLabel::key).toList());
        var fid = org.cxrbench.common.Json.MAPPER.convertValue(out.get("fid_per_label").toJson(), java.util.Map.class);
        @SuppressWarnings("unchecked")
        var values = (java.util.Map<String, Object>) fid.get("value");
        assertThat((Double) values.get("cardiomegaly")).isPositive();
        assertThat(values.get("pleural_effusion")).isNull(); // 1 synthetic image: no value
        assertThat(values).doesNotContainKey("edema");       // no image on either side
        var typed = out.get("fid_per_label").perLabel();
        assertThat(typed.entrySet().stream().filter(e -> !e.getValue().reliable()).map(java.util.Map.Entry::getKey))
                .containsExactly("pleural_effusion");
        assertThat(typed.get("cardiomegaly").nReal()).isEqualTo(80);
        assertThat(typed.get("pleural_effusion").value()).isNull();
    }
}
