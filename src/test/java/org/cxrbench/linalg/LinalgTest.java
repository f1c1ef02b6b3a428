package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinalgTest {
    static Features random(int n, int d, double offset, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = offset + r.nextGaussian() * (1 + (i % d));
        }
        return new Features(n, d, a);
    }

    /** Textbook two-pass covariance (exact mean first), the reference for the one-pass shifted form. */
    static double[] twoPass(Features x) {
        int n = x.n();
        int d = x.d();
        double[] mean = Covariance.mean(x);
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a * d + b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]) / (n - 1);
                }
            }
        }
        return c;
    }

    @Test
    void onePassCovarianceIsStableUnderALargeOffsetAndSpansBlocks() {
        Features x = random(2500, 6, 1e4, 1); // 3 blocks of 1024 rows; mean 1e4, variances 1..36
        Covariance.Result r = Covariance.of(x);
        double[] ref = twoPass(x);
        for (int i = 0; i < ref.length; i++) {
            assertThat(r.cov()[i]).as("cov " + i).isCloseTo(ref[i], within(1e-9 * (1 + Math.abs(ref[i]))));
        }
        double[] mean = Covariance.mean(x);
        for (int j = 0; j < 6; j++) {
            assertThat(r.mean()[j]).isCloseTo(mean[j], within(1e-9));
        }
    }

    /**
     * OpenBLAS's own dgemm threading changes the last bits with the thread count (seen here for 200x200x256 and
     * 1000x1000x2048 products), and so does LAPACK's dsyevd; cxrbench's products and eigensolvers must not.
     */
    @Test
    void productsEigenvaluesAndFidAreBitIdenticalForOneAndTwoThreads() {
        Features a = random(600, 256, 0, 3);
        Features b = random(500, 256, 0.1, 4);
        double[][] prod = new double[2][];
        double[][] eig = new double[2][];
        double[] fid = new double[2];
        double[] nt = new double[2 * 600 * 500];
        for (int t = 1; t <= 2; t++) {
            int ti = t;
            Workers w = Workers.of(t, org.cxrbench.common.Progress.QUIET);
            w.get(() -> {
                double[] c = new double[600 * 500];
                Blas.gemm(false, true, 600, 500, 256, 1.0, a.toDoubleArray(), 256, b.toDoubleArray(), 256, 0.0, c, 500);
                System.arraycopy(c, 0, nt, (ti - 1) * c.length, c.length);
                Covariance.Result cov = Covariance.of(a);
                prod[ti - 1] = Blas.product(cov.cov(), false, cov.cov(), true, 256);
                eig[ti - 1] = SymmetricEigen.eigenvalues(cov.cov(), 256);
                fid[ti - 1] = org.cxrbench.fidelity.Fid.compute(org.cxrbench.fidelity.GaussianStats.of(a),
                        org.cxrbench.fidelity.GaussianStats.of(b), org.cxrbench.fidelity.Fid.Route.SYMMETRIC).value();
                return null;
            });
            // the product's 5 row blocks ran on these workers, on exactly one thread at --threads 1
            assertThat(w.taskThreads()).isNotEmpty().allMatch(n -> n.startsWith("cxrbench-worker-"));
            if (t == 1) {
                assertThat(w.taskThreads()).hasSize(1);
            }
            assertThat(w.threadsStarted()).isBetween(1, t);
        }
        assertThat(java.util.Arrays.copyOfRange(nt, 0, 300000)).containsExactly(java.util.Arrays.copyOfRange(nt, 300000, 600000));
        assertThat(prod[0]).containsExactly(prod[1]);
        assertThat(eig[0]).containsExactly(eig[1]);
        assertThat(fid[0]).isEqualTo(fid[1]);
    }

    @Test
    void knnIsIndependentOfBlockSizeAndThreadsAndBreaksTiesByIndex() {
        // duplicated reference rows: equal distances must resolve to the lower index
        Features ref = random(300, 5, 0, 2);
        double[] dup = ref.toDoubleArray();
        System.arraycopy(dup, 10 * 5, dup, 200 * 5, 5); // row 200 = row 10
        ref = new Features(300, 5, dup);
        Features q = ref.rows(new int[] {200, 10, 3});
        Knn.Result a = Knn.search(q, ref, 3);
        assertThat(a.index(0, 0)).isEqualTo(10);
        assertThat(a.index(0, 1)).isEqualTo(200);
        assertThat(a.distance(0, 0)).isZero();
        Features fq = q;
        Features fr = ref;
        Knn.Result b = Workers.of(1, org.cxrbench.common.Progress.QUIET).get(() -> Knn.searchFast(fq, fr, 3));
        Knn.Result c = Workers.of(2, org.cxrbench.common.Progress.QUIET).get(() -> Knn.searchFast(fq, fr, 3));
        assertThat(b.indices()).containsExactly(a.indices());
        assertThat(c.indices()).containsExactly(a.indices());
        assertThat(c.distances()).containsExactly(a.distances());
        // the streamed distance blocks are the same whatever the block size
        double[] one = new double[q.n() * ref.n()];
        double[] big = new double[q.n() * ref.n()];
        Knn.forEachBlock(q, ref, 1, (r0, rows, d2, m) -> System.arraycopy(d2, 0, one, r0 * m, rows * m));
        Knn.forEachBlock(q, ref, 256, (r0, rows, d2, m) -> System.arraycopy(d2, 0, big, r0 * m, rows * m));
        assertThat(one).containsExactly(big);
    }
}
