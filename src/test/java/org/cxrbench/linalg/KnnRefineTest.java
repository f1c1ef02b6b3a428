package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.cxrbench.common.Progress;
import org.junit.jupiter.api.Test;

/**
 * The exact stage's shortcuts ({@link KnnRefine}): a self-search (own row at distance +0.0, not summed) equal to the
 * brute-force definition; {@link Knn#kthDistances} (candidates surely nearer than the k-th counted, not summed)
 * equal, bit for bit, to the k-th distance of {@link Knn#searchFast}; both at one, two and three threads, on rows
 * with exact duplicates, near-ties within float round-off, and an integer grid (many equal distances); and the
 * run's pool of native buffers ({@link NativeBuffers}) reused across searches and freed with the run.
 */
class KnnRefineTest {

    /** Gaussian rows with duplicates and one-ulp near-duplicates (KnnBlocksTest's hard case, as one set). */
    static Features hard(int n, int d, long seed) {
        float[] a = KnnBlocksTest.data(n, d, seed);
        for (int i = 3; i < n; i += 7) { // exact duplicates of earlier rows
            System.arraycopy(a, ((i * 31) % (i - 1)) * d, a, i * d, d);
        }
        for (int i = 5; i < n; i += 11) { // near-ties: an earlier row nudged by one ulp in one column
            System.arraycopy(a, (i - 4) * d, a, i * d, d);
            a[i * d + i % d] = Math.nextUp(a[i * d + i % d]);
        }
        return new Features(n, d, a);
    }

    static Features grid(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(4) + 20;
        }
        return new Features(n, d, a);
    }

    static <T> T on(int threads, java.util.function.Supplier<T> body) {
        try (Workers w = Workers.of(threads, Progress.QUIET)) {
            return w.get(body);
        }
    }

    @Test
    void aSelfSearchEqualsTheDefinitionAtOneTwoAndThreeThreads() {
        Features x = hard(KnnBlocks.TASK_ROWS + 300, 16, 3);
        Knn.Result want = KnnBlocksTest.brute(x, x, 3);
        for (int threads = 1; threads <= 3; threads++) {
            Knn.Result got = on(threads, () -> Knn.searchFast(x, x, 3));
            assertThat(got.indices()).as("threads=%d", threads).containsExactly(want.indices());
            assertThat(got.distances()).as("threads=%d", threads).containsExactly(want.distances());
        }
    }

    @Test
    void kthDistancesAreTheSearchsKthDistanceBitForBit() {
        Features hardSet = hard(KnnBlocks.TASK_ROWS + 300, 16, 4);
        Features gridSet = grid(1500, 5, 5);
        Features other = new Features(700, 16, KnnBlocksTest.data(700, 16, 6));
        Object[][] cases = {{hardSet, hardSet, 6}, {hardSet, hardSet, 2}, {gridSet, gridSet, 6}, {gridSet, gridSet, 4},
            {other, hardSet, 3}, {hardSet, other, 1}, {gridSet.rows(0, 400), gridSet.rows(400, 1500), 5}};
        for (Object[] c : cases) {
            Features q = (Features) c[0];
            Features r = (Features) c[1];
            int k = (Integer) c[2];
            Knn.Result full = on(1, () -> Knn.searchFast(q, r, k));
            double[] want = new double[q.n()];
            for (int i = 0; i < want.length; i++) {
                want[i] = full.distance(i, k - 1);
            }
            for (int threads = 1; threads <= 3; threads++) {
                double[] got = on(threads, () -> Knn.kthDistances(q, r, k));
                assertThat(got).as("k=%d, %d x %d rows, threads=%d", k, q.n(), r.n(), threads).containsExactly(want);
            }
        }
        // on the grid, the k-th distances against the definition too (many candidates tie with the k-th)
        Knn.Result brute = KnnBlocksTest.brute(gridSet, gridSet, 6);
        double[] got = on(2, () -> Knn.kthDistances(gridSet, gridSet, 6));
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo(brute.distance(i, 5));
        }
    }

    @Test
    void aRunKeepsItsNativeBuffersForTheNextSearchAndFreesThemAtItsEnd() {
        Features q = new Features(300, 8, KnnBlocksTest.data(300, 8, 7));
        Features r = new Features(900, 8, KnnBlocksTest.data(900, 8, 8));
        NativeBuffers pool;
        // one worker: two workers may need a buffer at the same moment in one search and not in the next (timing),
        // so how many buffers a search holds at once, and the pool's size after it, is fixed only with one
        try (Workers w = Workers.of(1, Progress.QUIET)) {
            pool = w.get(() -> {
                Knn.Result first = Knn.searchFast(q, r, 2);
                NativeBuffers p = NativeBuffers.ofRun();
                long held = p.idleBytes();
                Knn.Result second = Knn.searchFast(q, r, 2);
                assertThat(held).as("buffers kept after a search").isGreaterThanOrEqualTo(4L * 300 * 8);
                assertThat(p.idleBytes()).as("the second search reused them").isEqualTo(held);
                assertThat(second.distances()).containsExactly(first.distances());
                assertThat(NativeBuffers.ofRun()).isSameAs(p);
                return p;
            });
        }
        assertThat(pool.idleBytes()).as("freed with the run").isZero();
        // outside a run, a search's buffers are its own
        assertThat(NativeBuffers.ofRun()).isNotSameAs(NativeBuffers.ofRun());
        Knn.searchFast(q, r, 2);
    }

    @Test
    void thePoolHandsOutTheSmallestFittingBufferAndKeepsAtMostItsBound() {
        try (NativeBuffers p = NativeBuffers.ofRun()) {
            org.bytedeco.javacpp.FloatPointer small = p.take(100);
            org.bytedeco.javacpp.FloatPointer big = p.take(1000);
            p.give(big);
            p.give(small);
            assertThat(p.take(50)).isSameAs(small);
            assertThat(p.take(500)).isSameAs(big);
            p.give(small);
            p.give(big);
            org.bytedeco.javacpp.FloatPointer huge = p.take(NativeBuffers.KEEP_BYTES / 4 + 1);
            p.give(huge); // over the bound: the largest idle buffer (this one) is freed
            assertThat(p.idleBytes()).isEqualTo(4L * (small.capacity() + big.capacity()));
        }
    }
}
