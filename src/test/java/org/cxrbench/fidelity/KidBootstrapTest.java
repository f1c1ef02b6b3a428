package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/**
 * The fast KID jackknife (kernel matrices of the full sets computed once, leave-group-out values as index
 * look-ups) gives the same bits as recomputing KID with each group's rows removed from every subset; FID's fast
 * jackknife (group scatters subtracted) equals recomputing FID on the remaining rows to round-off.
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
    void fastJackknifeValuesAreBitIdenticalToRecomputingEachLeaveOut() {
        // 140-row subsets: more than one 128-row block of the blocked products
        Features real = random(300, 40, 0, 1);
        Features syn = random(150, 40, 0.3, 2);
        int m = 140;
        int count = 5;
        int b = 6;
        long seed = 7;
        for (String rule : new String[] {"lcg", "torch-fidelity"}) {
            double[] fast = bootstrapMeans(real, syn, b, seed, rule, m, count);
            int[][][] g = Bootstrap.groups(real.n(), syn.n(), b, seed);
            assertThat(fast).hasSize(2 * b);
            Kid.Subsets sub = Kid.subsets(rule, real.n(), syn.n(), m, count, seed);
            for (int k = 0; k < 2 * b; k++) {
                Kid.Subsets left = k < b ? new Kid.Subsets(dropAll(sub.real(), g[0][k], real.n()), sub.synthetic())
                        : new Kid.Subsets(sub.real(), dropAll(sub.synthetic(), g[1][k - b], syn.n()));
                assertThat(fast[k]).as(rule + " group " + k).isEqualTo(Kid.compute(real, syn, left).mean());
            }
            double est = Kid.compute(real, syn, sub).mean();
            Bootstrap ci = Bootstrap.jackknife(fast, fast.length / 2, 1, 1, est, false, Bootstrap.KID_ESTIMAND);
            assertThat(ci.basic()[0]).isLessThan(est);
            assertThat(ci.basic()[1]).isGreaterThan(est);
            assertThat(ci.basic()[1] - est).isCloseTo(est - ci.basic()[0], org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void fidFastJackknifeEqualsRecomputingOnTheRemainingRows() {
        Features real = random(90, 12, 0, 5);
        Features syn = random(70, 12, 0.2, 6);
        double est = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
        // FID's per-set jackknife variance P (before its half-sample correction) from group moments; 8 groups
        double fast = Math.sqrt(Bootstrap.fidVariances(real, syn, 8, 3, Fid.Route.SYMMETRIC)[0]);
        Bootstrap generic = Bootstrap.of(real, syn, 8, 3, est, pair -> Fid.compute(GaussianStats.of(pair[0]),
                GaussianStats.of(pair[1]), Fid.Route.SYMMETRIC).value());
        assertThat(fast).isCloseTo(generic.se(), org.assertj.core.data.Offset.offset(1e-10 * generic.se()));
        assertThat(Bootstrap.fid(real, syn, 10, 3, est, Fid.Route.SYMMETRIC).groups()).isEqualTo(8);
        // the groups partition each set
        int[][][] g = Bootstrap.groups(real.n(), syn.n(), 10, 3);
        assertThat(java.util.Arrays.stream(g[0]).flatMapToInt(java.util.Arrays::stream).sorted().toArray())
                .isEqualTo(Kid.identity(real.n()));
    }

    @Test
    void resampleValuesDoNotDependOnTheThreadCount() {
        Features real = random(200, 16, 0, 3);
        Features syn = random(120, 16, 0.2, 4);
        double[] a = bootstrapMeans(real, syn, 8, 1, "lcg", 50, 4);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            double[] b = one.submit(() -> bootstrapMeans(real, syn, 8, 1, "lcg", 50, 4)).join();
            assertThat(b).isEqualTo(a);
        } finally {
            one.shutdown();
        }
    }

    /**
     * The per-set jackknife's leave-group-out KID means, [real groups..., synthetic groups...]: each group's rows
     * removed from every subset of the estimate ({@link Kid#leaveOutMeans} with single-unit removals; the plain
     * jackknife's P of KID's corrected interval).
     */
    static double[] bootstrapMeans(Features real, Features synthetic, int b, long seed, String rule, int m, int count) {
        int[][][] g = Bootstrap.groups(real.n(), synthetic.n(), b, seed);
        return Kid.leaveOutMeans(real, synthetic, g, Kid.subsets(rule, real.n(), synthetic.n(), m, count, seed),
                Kid.removals(g[0].length, null));
    }

    /** Every subset without the rows of {@code group} (rows of a set of n), order kept: the reference removal. */
    static int[][] dropAll(int[][] subsets, int[] group, int n) {
        boolean[] out = new boolean[n];
        for (int i : group) {
            out[i] = true;
        }
        int[][] r = new int[subsets.length][];
        for (int k = 0; k < subsets.length; k++) {
            r[k] = java.util.Arrays.stream(subsets[k]).filter(i -> !out[i]).toArray();
        }
        return r;
    }
}
