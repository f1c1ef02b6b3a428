package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.cxrbench.common.Progress;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Workers;
import org.junit.jupiter.api.Test;

/** CMMD over several tiles of both sets, against the direct double sum over all pairs, at any thread count. */
class CmmdBlockedTest {

    static Features float32(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * 3 + shift;
        }
        return Features.float32(n, d, v);
    }

    /** exp(-gamma ||a_i - b_j||^2) averaged over all pairs by direct differences. */
    static double directMean(Features a, Features b, double gamma) {
        double s = 0;
        for (int i = 0; i < a.n(); i++) {
            for (int j = 0; j < b.n(); j++) {
                double dist = Features.distance(a, i, b, j);
                s += Math.exp(-gamma * dist * dist);
            }
        }
        return s / ((double) a.n() * b.n());
    }

    @Test
    void tiledKernelMeansMatchTheDirectSumAndHaveTheSameBitsAtAnyThreadCount() throws Exception {
        int d = 6;
        // more rows than one tile of either set (256 query rows, 2048 reference rows), with ragged last tiles
        Features x = float32(Cmmd.QUERY_ROWS + 37, d, 0, 1);
        Features y = float32(Cmmd.REF_ROWS + 101, d, 0.8, 2);
        double gamma = 1.0 / (2 * 10.0 * 10.0);
        double tiled = Cmmd.meanKernel(x, y, gamma);
        assertThat(tiled).isCloseTo(directMean(x, y, gamma), within(1e-13));
        double one = Cmmd.compute(x, y, Cmmd.SIGMA);
        double want = Cmmd.SCALE * (directMean(x, x, gamma) + directMean(y, y, gamma) - 2 * directMean(x, y, gamma));
        assertThat(one).isCloseTo(want, within(1e-9));
        assertThat(one).isGreaterThan(1e-3);
        for (int threads : new int[] {2, 3}) {
            try (Workers w = Workers.of(threads, Progress.QUIET)) {
                double many = w.call(() -> Cmmd.compute(x, y, Cmmd.SIGMA));
                assertThat(Double.doubleToLongBits(many)).isEqualTo(Double.doubleToLongBits(one));
            }
        }
    }
}
