package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/**
 * FID's variance correction (metrics/fid.md): the Hadamard designs, the pair-term counts a(G, r) against their
 * closed forms, the corrected variance against a statistic whose variance is known exactly, and the group-moment
 * halves against a direct computation.
 */
class HalfSamplesTest {
    @Test
    void hadamardMatricesAreOrthogonalWhereBuilt() {
        for (int g : new int[] {1, 2, 4, 8, 12, 16, 20, 24, 32, 44}) {
            int[][] h = HalfSamples.hadamard(g);
            assertThat(h).as("order " + g).isNotNull();
            for (int i = 0; i < g; i++) {
                for (int j = 0; j < g; j++) {
                    int dot = 0;
                    for (int k = 0; k < g; k++) {
                        assertThat(Math.abs(h[i][k])).isEqualTo(1);
                        dot += h[i][k] * h[j][k];
                    }
                    assertThat(dot).as("order %d rows %d, %d", g, i, j).isEqualTo(i == j ? g : 0);
                }
            }
        }
        for (int g : new int[] {3, 6, 10, 18, 28}) {
            assertThat(HalfSamples.hadamard(g)).as("order " + g).isNull();
        }
    }

    @Test
    void halfSamplesAreBalancedComplementPairs() {
        boolean[][] s = HalfSamples.balanced(20);
        assertThat(s).hasNumberOfRows(38);
        int[][] together = new int[20][20];
        for (int r = 0; r < s.length; r++) {
            int kept = 0;
            for (int u = 0; u < 20; u++) {
                kept += s[r][u] ? 1 : 0;
                assertThat(s[r][u]).isNotEqualTo(s[r ^ 1][u]);
                for (int w = 0; w < 20; w++) {
                    together[u][w] += s[r][u] && s[r][w] ? 1 : 0;
                }
            }
            assertThat(kept).isEqualTo(10);
        }
        for (int u = 0; u < 20; u++) {
            for (int w = 0; w < 20; w++) {
                // each unit in half of them; each pair of units together as often as in random halves (38 p = 9)
                assertThat(together[u][w]).isEqualTo(u == w ? 19 : 9);
            }
        }
        assertThat(HalfSamples.balanced(10)).isNull();
        assertThat(HalfSamples.balanced(2)).isNull();
    }

    @Test
    void pairCountsMatchTheirClosedForms() {
        for (int g : new int[] {4, 8, 12, 20, 100}) {
            // delete-1: G(2G-3)/(G-1)^2 (Efron and Stein's 2 plus the within-unit pairs)
            assertThat(HalfSamples.pairCount(g, g - 1)).isCloseTo(g * (2.0 * g - 3) / ((g - 1.0) * (g - 1)), within(1e-12));
        }
        assertThat(HalfSamples.pairCount(20, 10)).isCloseTo(56.0 / 19, within(1e-12));
        // Shao and Wu's 1 + 1 + d/r for many units: 3 for halves
        assertThat(HalfSamples.pairCount(4000, 2000)).isCloseTo(3.0, within(2e-3));
        assertThat(HalfSamples.excessFactor(20)).isCloseTo(1.1698, within(1e-4));
    }

    /**
     * T = xbar + lambda (xbar^2 - sum x_i^2 / m^2) of m standard normal rows: first-order part xbar (V1 = 1/n),
     * pair part lambda m^-2 sum_{i != j} x_i x_j (V2 = 2 lambda^2 n(n-1)/n^4), chosen equal. Over 2000 data sets of
     * G = 20 units of 10 rows the delete-1 jackknife averages V1 + a_1 V2 (about 1.5 V, the excess the correction
     * removes), the half-samples V1 + a_h V2, and the corrected variance (unclamped) V within its Monte Carlo error.
     */
    @Test
    void correctedVarianceIsUnbiasedForAKnownPairStatistic() {
        int g = 20;
        int k = 10;
        int n = g * k;
        double lambda = Math.sqrt(n * (double) n / (2.0 * (n - 1)));
        double v1True = 1.0 / n;
        double v2True = 2 * lambda * lambda * n * (n - 1.0) / ((double) n * n * n * n);
        boolean[][] halves = HalfSamples.balanced(g);
        SplittableRandom rnd = new SplittableRandom(7);
        int sets = 4000;
        double sumQ1 = 0;
        double sumQh = 0;
        double sumCorrected = 0;
        for (int rep = 0; rep < sets; rep++) {
            double[][] x = new double[g][k];
            for (double[] unit : x) {
                for (int i = 0; i < k; i++) {
                    unit[i] = rnd.nextGaussian();
                }
            }
            double[] loo = new double[g];
            for (int u = 0; u < g; u++) {
                boolean[] keep = new boolean[g];
                java.util.Arrays.fill(keep, true);
                keep[u] = false;
                loo[u] = pairStatistic(x, keep, lambda);
            }
            double[] half = new double[halves.length];
            for (int s = 0; s < halves.length; s++) {
                half[s] = pairStatistic(x, halves[s], lambda);
            }
            double q1 = Bootstrap.groupVariance(loo, 0, g);
            double qh = HalfSamples.variance(half);
            sumQ1 += q1;
            sumQh += qh;
            sumCorrected += q1 - HalfSamples.excessFactor(g) * (qh - q1);
        }
        double v = v1True + v2True;
        assertThat(sumQ1 / sets).isCloseTo(v1True + HalfSamples.pairCount(g, g - 1) * v2True, within(0.05 * v));
        assertThat(sumQh / sets).isCloseTo(v1True + HalfSamples.pairCount(g, g / 2) * v2True, within(0.07 * v));
        assertThat(sumQ1 / sets).isGreaterThan(1.4 * v);
        assertThat(sumCorrected / sets).isCloseTo(v, within(0.05 * v));
    }

    private static double pairStatistic(double[][] x, boolean[] keep, double lambda) {
        double sum = 0;
        double squares = 0;
        int m = 0;
        for (int u = 0; u < x.length; u++) {
            if (keep[u]) {
                for (double xi : x[u]) {
                    sum += xi;
                    squares += xi * xi;
                    m++;
                }
            }
        }
        double mean = sum / m;
        return mean + lambda * (mean * mean - squares / ((double) m * m));
    }

    /** The group-moment halves (rows in no group left out of both) equal the moments of their rows. */
    @Test
    void halvesFromGroupMomentsEqualTheDirectComputation() {
        Features x = KidBootstrapTest.random(93, 7, 0.3, 11);
        int[][] groups = Bootstrap.equalGroups(93, 93, 8, 5)[0];
        GroupMoments gm = GroupMoments.of(x, groups);
        boolean[] keep = HalfSamples.balanced(8)[3];
        GaussianStats[] got = gm.halfAndRest(keep);
        for (int side = 0; side < 2; side++) {
            java.util.List<Integer> rows = new java.util.ArrayList<>();
            for (int u = 0; u < groups.length; u++) {
                if (keep[u] == (side == 0)) {
                    for (int r : groups[u]) {
                        rows.add(r);
                    }
                }
            }
            GaussianStats direct = GaussianStats.of(x.rows(rows.stream().mapToInt(Integer::intValue).sorted().toArray()));
            assertThat(got[side].n()).isEqualTo(direct.n());
            for (int i = 0; i < 7; i++) {
                assertThat(got[side].mean()[i]).isCloseTo(direct.mean()[i], within(1e-12));
            }
            for (int i = 0; i < 49; i++) {
                assertThat(got[side].cov()[i]).isCloseTo(direct.cov()[i], within(1e-12));
            }
        }
    }
}
