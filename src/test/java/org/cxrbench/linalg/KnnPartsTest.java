package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnPartsTest {
    /**
     * Small integer-valued rows (many equal distances) with exact duplicates of reference rows planted across the
     * set and query rows that are copies of reference rows (distance-0 ties).
     */
    static Features[] tiedData(long seed) {
        Random r = new Random(seed);
        int m = 900;
        int n = 300;
        int d = 6;
        double[] ref = new double[m * d];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = r.nextInt(3);
        }
        for (int c = 0; c < 60; c++) { // duplicates far apart in index, so they fall in different parts
            int src = r.nextInt(m);
            int dst = r.nextInt(m);
            System.arraycopy(ref, src * d, ref, dst * d, d);
        }
        double[] q = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (i % 5 == 0) {
                System.arraycopy(ref, r.nextInt(m) * d, q, i * d, d);
            } else {
                for (int j = 0; j < d; j++) {
                    q[i * d + j] = r.nextInt(3) + (i % 7 == 0 ? 0.5 : 0);
                }
            }
        }
        return new Features[] {new Features(n, d, q), new Features(m, d, ref)};
    }

    static Knn.Result partitioned(Features q, Features ref, int k, int[] cuts, int queryBlock) {
        List<Knn.Result> blocks = new ArrayList<>();
        for (int q0 = 0; q0 < q.n(); q0 += queryBlock) {
            Features qb = q.rows(q0, Math.min(q.n(), q0 + queryBlock));
            List<Knn.Result> parts = new ArrayList<>();
            int from = 0;
            for (int c = 0; c <= cuts.length; c++) {
                int to = c < cuts.length ? cuts[c] : ref.n();
                parts.add(KnnParts.searchPart(qb, ref.rows(from, to), from, k));
                from = to;
            }
            Collections.reverse(parts); // arrival order must not matter
            blocks.add(KnnParts.merge(k, qb.n(), parts));
        }
        return KnnParts.concatRows(blocks);
    }

    @Test
    void mergedPartialTopKIsBitIdenticalToTheOneMachineSearchWithTies() {
        for (long seed = 1; seed <= 2; seed++) {
            Features[] data = tiedData(seed);
            Features q = data[0];
            Features ref = data[1];
            for (int k : new int[] {1, 5, 12}) {
                Knn.Result whole = Knn.searchFast(q, ref, k);
                // the double-precision search agrees too (an independent path through the same tie rule)
                Knn.Result exact = Knn.search(q, ref, k);
                assertThat(whole.indices()).containsExactly(exact.indices());
                int[][] splits = {{450}, {100, 101, 350, 600, 890}, {3, 7, 11}, {300, 600}};
                for (int[] cuts : splits) {
                    Knn.Result merged = partitioned(q, ref, k, cuts, 100);
                    assertThat(merged.indices()).as("seed %d k %d cuts %s", seed, k, java.util.Arrays.toString(cuts))
                            .containsExactly(whole.indices());
                    assertThat(merged.distances()).containsExactly(whole.distances());
                }
            }
        }
    }

    @Test
    void continuousDataSelfSearchAsPrivacyUsesIt() {
        Features x = LinalgTest.random(700, 32, 0.5, 31);
        Knn.Result whole = Knn.searchFast(x, x, 2);
        Knn.Result merged = partitioned(x, x, 2, new int[] {250, 251, 500}, 128);
        assertThat(merged.indices()).containsExactly(whole.indices());
        assertThat(merged.distances()).containsExactly(whole.distances());
    }

    @Test
    void tooFewCandidatesIsAnError() {
        Features[] data = tiedData(4);
        Knn.Result p = KnnParts.searchPart(data[0], data[1].rows(0, 2), 0, 5);
        assertThat(p.k()).isEqualTo(2);
        assertThatThrownBy(() -> KnnParts.merge(5, data[0].n(), List.of(p))).hasMessageContaining("candidates");
    }
}
