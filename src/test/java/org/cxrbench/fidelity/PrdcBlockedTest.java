package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.KnnBlocks;
import org.cxrbench.linalg.Workers;
import org.junit.jupiter.api.Test;

/**
 * PRDC's blocked float32 counts (query tiles crossing {@link KnnBlocks#TASK_ROWS}, reference tiles crossing
 * {@link KnnBlocks#REF_ROWS}) against the definition evaluated on exact double distances, with duplicated points
 * (distance-0 ties and radii equal to pair distances), for one and two threads.
 */
class PrdcBlockedTest {

    static Features grid(int n, int d, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] a = new float[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(4) + 20; // integer grid: many exactly equal distances and radii
        }
        return new Features(n, d, a);
    }

    static long[] exact(Features real, Features syn, double[] rr, double[] rs, boolean inclusive) {
        long p = 0;
        long dens = 0;
        long rec = 0;
        long cov = 0;
        boolean[] covered = new boolean[real.n()];
        boolean[] recalled = new boolean[real.n()];
        for (int j = 0; j < syn.n(); j++) {
            boolean in = false;
            for (int i = 0; i < real.n(); i++) {
                double e = Features.distance(real, i, syn, j);
                if (inclusive ? e <= rr[i] : e < rr[i]) {
                    in = true;
                    dens++;
                    covered[i] = true;
                }
                if (inclusive ? e <= rs[j] : e < rs[j]) {
                    recalled[i] = true;
                }
            }
            p += in ? 1 : 0;
        }
        for (int i = 0; i < real.n(); i++) {
            rec += recalled[i] ? 1 : 0;
            cov += covered[i] ? 1 : 0;
        }
        return new long[] {p, dens, rec, cov};
    }

    @Test
    void blockedCountsEqualTheDefinitionAtOneAndTwoThreads() {
        Features real = grid(KnnBlocks.REF_ROWS + 150, 6, 1);
        Features syn = grid(KnnBlocks.TASK_ROWS + 90, 6, 2);
        for (boolean inclusive : new boolean[] {false, true}) {
            Prdc.Result[] got = new Prdc.Result[2];
            for (int t = 1; t <= 2; t++) {
                try (Workers w = Workers.of(t, org.cxrbench.common.Progress.QUIET)) {
                    got[t - 1] = w.get(() -> Prdc.compute(real, syn, 3, inclusive));
                }
            }
            Prdc.Result r = got[0];
            long[] want = exact(real, syn, r.realRadii(), r.syntheticRadii(), inclusive);
            int n = real.n();
            int m = syn.n();
            assertThat(r.precision()).isEqualTo((double) want[0] / m);
            assertThat(r.density()).isEqualTo((double) want[1] / (3.0 * m));
            assertThat(r.recall()).isEqualTo((double) want[2] / n);
            assertThat(r.coverage()).isEqualTo((double) want[3] / n);
            assertThat(got[1]).usingRecursiveComparison().isEqualTo(got[0]);
        }
    }
}
