package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/**
 * The fast KID bootstrap (kernel matrices of the full sets computed once, resamples as index look-ups) gives the
 * same bits as recomputing KID on each resampled set (issue 11, item 9): the reference here is the direct route,
 * {@code Kid.compute} on {@code real.rows(ir)} and {@code synthetic.rows(is)}, through the generic bootstrap.
 */
class KidBootstrapTest {
    static Features random(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = shift + r.nextGaussian();
        }
        return new Features(n, d, a);
    }

    @Test
    void fastResamplesAreBitIdenticalToRecomputingEachResample() {
        // 140-row subsets: more than one 128-row block of the blocked products
        Features real = random(300, 40, 0, 1);
        Features syn = random(150, 40, 0.3, 2);
        int m = 140;
        int count = 5;
        int b = 6;
        long seed = 7;
        for (String rule : new String[] {"lcg", "torch-fidelity"}) {
            double[] fast = Kid.bootstrapMeans(real, syn, b, seed, rule, m, count);
            int[][][] draws = Bootstrap.draws(real.n(), syn.n(), b, seed);
            Kid.Subsets sub = Kid.subsets(rule, real.n(), syn.n(), m, count, seed);
            for (int r = 0; r < b; r++) {
                double direct = Kid.compute(real.rows(draws[r][0]), syn.rows(draws[r][1]), sub).mean();
                assertThat(fast[r]).as(rule + " resample " + r).isEqualTo(direct);
            }
            // the draws are the generic bootstrap's stream: the same interval either way
            Bootstrap generic = Bootstrap.of(real, syn, b, seed, 0.01, pair -> Kid.compute(
                    pair[0], pair[1], Kid.subsets(rule, pair[0].n(), pair[1].n(), m, count, seed)).mean());
            Bootstrap viaFast = Bootstrap.summarise(fast.clone(), 0.01);
            assertThat(viaFast.basic()).isEqualTo(generic.basic());
            assertThat(viaFast.percentile()).isEqualTo(generic.percentile());
            assertThat(viaFast.bias()).isEqualTo(generic.bias());
        }
    }

    @Test
    void resampleValuesDoNotDependOnTheThreadCount() {
        Features real = random(200, 16, 0, 3);
        Features syn = random(120, 16, 0.2, 4);
        double[] a = Kid.bootstrapMeans(real, syn, 8, 1, "lcg", 50, 4);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            double[] b = one.submit(() -> Kid.bootstrapMeans(real, syn, 8, 1, "lcg", 50, 4)).join();
            assertThat(b).isEqualTo(a);
        } finally {
            one.shutdown();
        }
    }
}
