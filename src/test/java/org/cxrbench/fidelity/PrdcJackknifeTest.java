package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/**
 * The one-pass leave-group-out values of precision, recall, density and coverage ({@link PrdcJackknife}) equal
 * {@link Prdc#compute} run on each leave-one-group-out pair of sets (radii recomputed from scratch), exactly; on
 * Gaussian data and on an integer grid with duplicates, where distances equal radii and the conventions differ.
 */
class PrdcJackknifeTest {
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

    static void checkAgainstDirect(Features real, Features syn, int k, boolean inclusive, int groupsWanted, long seed) {
        Prdc.Result est = Prdc.compute(real, syn, k, inclusive);
        int[][][] g = Bootstrap.equalGroups(real.n(), syn.n(), groupsWanted, seed);
        PrdcJackknife.Values v = PrdcJackknife.compute(real, syn, k, inclusive, est.realRadii(), est.syntheticRadii(), g);
        int gr = g[0].length;
        for (int q = 0; q < gr; q++) {
            Prdc.Result d = Prdc.compute(real.rows(Bootstrap.without(real.n(), g[0][q])), syn, k, inclusive);
            assertValues(v, q, d, "real group " + q);
        }
        for (int q = 0; q < g[1].length; q++) {
            Prdc.Result d = Prdc.compute(real, syn.rows(Bootstrap.without(syn.n(), g[1][q])), k, inclusive);
            assertValues(v, gr + q, d, "synthetic group " + q);
        }
    }

    static void assertValues(PrdcJackknife.Values v, int at, Prdc.Result d, String what) {
        assertThat(v.precision()[at]).as("precision, " + what).isEqualTo(d.precision());
        assertThat(v.recall()[at]).as("recall, " + what).isEqualTo(d.recall());
        assertThat(v.density()[at]).as("density, " + what).isEqualTo(d.density());
        assertThat(v.coverage()[at]).as("coverage, " + what).isEqualTo(d.coverage());
    }

    @Test
    void gaussianLeaveOutsEqualDirectRecomputation() {
        SplittableRandom rnd = new SplittableRandom(3);
        Features real = gaussian(70, 5, 0, rnd);
        Features syn = gaussian(55, 5, 0.4, rnd);
        checkAgainstDirect(real, syn, 5, false, 20, 9);
        checkAgainstDirect(real, syn, 3, true, 7, 10);
    }

    @Test
    void tiedGridWithDuplicatesEqualsDirectRecomputation() {
        SplittableRandom rnd = new SplittableRandom(4);
        Features real = grid(60, 3, rnd);
        Features syn = grid(48, 3, rnd);
        for (boolean inclusive : new boolean[] {false, true}) {
            checkAgainstDirect(real, syn, 3, inclusive, 20, 11);
            checkAgainstDirect(real, syn, 5, inclusive, 6, 12);
        }
    }

    @Test
    void deepRemovalFallsBackToAFullSearch() {
        // few groups of many rows: a row's whole neighbour list can lie in one group
        SplittableRandom rnd = new SplittableRandom(5);
        Features real = gaussian(40, 2, 0, rnd);
        Features syn = gaussian(40, 2, 0.2, rnd);
        checkAgainstDirect(real, syn, 5, false, 2, 13);
    }
}
