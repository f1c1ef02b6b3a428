package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The schedule of {@link KnnBlocks#forEachTile} ({@link KnnTiles}): every (query, reference) pair visited once, each
 * query row's tiles in reference order, {@link KnnBlocks.Visitor#rowsDone} once per row after its last tile, at one
 * and three threads; the grid's cut from the set sizes alone; and the kernels the search runs beside the products
 * ({@link ExactDistances}, {@link KnnBlocks#squaredNorms}) bit for bit equal to {@link Features#distance} and
 * {@link Features#squaredNorms}.
 */
class KnnTilesTest {

    static Features gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * 3 + 1);
        }
        return new Features(n, d, a);
    }

    @Test
    void everyPairOnceInTileOrderAtOneAndThreeThreads() {
        for (int threads : new int[] {1, 3}) {
            for (int[] shape : new int[][] {{1, 1}, {5, 3000}, {1300, 700}, {KnnBlocks.SUPER_ROWS + 5, 300}}) {
                int n = shape[0];
                int m = shape[1];
                Features q = gaussian(n, 3, 1);
                Features r = gaussian(m, 3, 2);
                AtomicIntegerArray seen = new AtomicIntegerArray(n);
                AtomicIntegerArray done = new AtomicIntegerArray(n);
                int[] nextRef = new int[n];
                boolean[] ordered = {true};
                try (Workers w = Workers.of(threads, org.cxrbench.common.Progress.QUIET)) {
                    w.get(() -> {
                        KnnBlocks.forEachTile(q, r, r.squaredNorms(), "test", new KnnBlocks.Visitor() {
                            @Override
                            public void row(int qi, float[] g, int off, int r0, int count, float[] rn) {
                                if (r0 != nextRef[qi] || done.get(qi) != 0) {
                                    ordered[0] = false;
                                }
                                nextRef[qi] = r0 + count;
                                seen.addAndGet(qi, count);
                            }

                            @Override
                            public void rowsDone(int q0, int rows) {
                                for (int i = q0; i < q0 + rows; i++) {
                                    done.incrementAndGet(i);
                                }
                            }
                        });
                        return null;
                    });
                }
                assertThat(ordered[0]).as("tiles in order, n=%d m=%d threads=%d", n, m, threads).isTrue();
                for (int i = 0; i < n; i++) {
                    assertThat(seen.get(i)).isEqualTo(m);
                    assertThat(done.get(i)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aFailingScanIsReportedNotWaitedForAndAnEmptyReferenceSetFinishesEveryRow() {
        Features q = gaussian(700, 3, 1);
        Features r = gaussian(3000, 3, 2);
        IllegalStateException boom = new IllegalStateException("boom");
        try (Workers w = Workers.of(3, org.cxrbench.common.Progress.QUIET)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.get(() -> {
                KnnBlocks.forEachTile(q, r, r.squaredNorms(), "test", (qi, g, off, r0, count, rn) -> {
                    if (qi == 350 && r0 > 0) {
                        throw boom;
                    }
                });
                return null;
            })).satisfies(e -> { // the pool may rethrow a copy that wraps it
                Throwable c = e;
                while (c != boom && c.getCause() != null) {
                    c = c.getCause();
                }
                assertThat(c).isSameAs(boom);
            });
            AtomicIntegerArray done = new AtomicIntegerArray(q.n());
            Features none = new Features(0, 3, new float[0]);
            w.get(() -> {
                KnnBlocks.forEachTile(q, none, new double[0], "test", new KnnBlocks.Visitor() {
                    @Override
                    public void row(int qi, float[] g, int off, int r0, int count, float[] rn) {
                        throw new AssertionError("no reference rows");
                    }

                    @Override
                    public void rowsDone(int q0, int rows) {
                        for (int i = q0; i < q0 + rows; i++) {
                            done.incrementAndGet(i);
                        }
                    }
                });
                return null;
            });
            for (int i = 0; i < q.n(); i++) {
                assertThat(done.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void gridCutsSmallSetsIntoTasksForEveryWorkerAndLargeOnesAtTheBlockSizes() {
        KnnTiles.Grid small = KnnTiles.Grid.of(155, 6900);
        assertThat(small.tiles()).isGreaterThanOrEqualTo(KnnTiles.MIN_TASKS);
        assertThat(small.tileStart()[0]).isZero();
        assertThat(small.tileStart()[small.tiles()]).isEqualTo(6900);
        KnnTiles.Grid tall = KnnTiles.Grid.of(2269, 155);
        assertThat(tall.tiles()).isEqualTo(1);
        assertThat(KnnTiles.ceilDiv(2269, tall.blockRows())).isGreaterThanOrEqualTo(KnnTiles.MIN_TASKS);
        KnnTiles.Grid large = KnnTiles.Grid.of(230_000, 75_649);
        assertThat(large.superRows()).isEqualTo(KnnBlocks.SUPER_ROWS);
        assertThat(large.blockRows()).isEqualTo(KnnBlocks.TASK_ROWS);
        assertThat(large.maxTileRows()).isLessThanOrEqualTo(KnnBlocks.REF_ROWS);
    }

    @Test
    void exactDistancesAndNormsAreTheReferenceBits() {
        Features a = gaussian(37, 301, 3);
        Features b = gaussian(23, 301, 4);
        Features bDouble = new Features(23, 301, b.toDoubleArray());
        int count = 4 * 9 + 3; // a short last group
        int[] ia = new int[count];
        int[] ib = new int[count];
        SplittableRandom r = new SplittableRandom(5);
        for (int p = 0; p < count; p++) {
            ia[p] = r.nextInt(a.n());
            ib[p] = r.nextInt(b.n());
        }
        double[] fast = ExactDistances.of(a, ia, b, ib, count);
        double[] viaDoubles = ExactDistances.of(a, ia, bDouble, ib, count);
        for (int p = 0; p < count; p++) {
            assertThat(fast[p]).isEqualTo(Features.distance(a, ia[p], b, ib[p]));
            assertThat(viaDoubles[p]).isEqualTo(fast[p]);
        }
        for (int threads : new int[] {1, 2}) {
            try (Workers w = Workers.of(threads, org.cxrbench.common.Progress.QUIET)) {
                Features big = gaussian(1000, 77, 6);
                assertThat(w.get(() -> KnnBlocks.squaredNorms(big))).containsExactly(big.squaredNorms());
            }
        }
    }
}
