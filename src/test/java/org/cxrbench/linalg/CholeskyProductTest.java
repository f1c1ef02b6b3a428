package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.cxrbench.common.Progress;
import org.junit.jupiter.api.Test;

/**
 * {@link CholeskyProduct} against the reference it replaces: L1^T L2 from {@link Blas#pivotedCholesky} (row-major
 * LAPACKE, Java arrays) multiplied out in plain Java, its ranks, and the Gram eigenvalues; the same bits at any
 * worker count.
 */
class CholeskyProductTest {

    /** A d x d covariance of n random rows with a common factor (rank min(n - 1, d)). */
    static double[] covariance(long seed, int n, int d) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        double[] mix = r.doubles(d).toArray();
        for (int i = 0; i < n; i++) {
            double c = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextGaussian() * (1 + j % 7) + c * mix[j];
            }
        }
        return Covariance.of(new Features(n, d, x)).cov();
    }

    /** L_a^T L_b by definition from the row-major factors of Blas.pivotedCholesky. */
    static double[] reference(double[] s1, double[] s2, int d) {
        Blas.PivotedCholesky c1 = Blas.pivotedCholesky(s1, d);
        Blas.PivotedCholesky c2 = Blas.pivotedCholesky(s2, d);
        int r1 = c1.rank();
        int r2 = c2.rank();
        double[] m = new double[r1 * r2];
        for (int i = 0; i < r1; i++) {
            for (int j = 0; j < r2; j++) {
                double s = 0;
                for (int p = 0; p < d; p++) {
                    s += c1.l()[p * r1 + i] * c2.l()[p * r2 + j];
                }
                m[i * r2 + j] = s;
            }
        }
        return m;
    }

    static int[] all(int d) {
        return IntStream.range(0, d).toArray();
    }

    static void checkProduct(double[] s1, double[] s2, int d) {
        double[] want = reference(s1, s2, d);
        try (CholeskyProduct c = CholeskyProduct.of(s1, s2, d, all(d))) {
            assertThat(c.rank1()).isEqualTo(Blas.psdRank(s1, d)).isEqualTo(CholeskyProduct.psdRank(s1, d));
            assertThat(c.rank2()).isEqualTo(Blas.psdRank(s2, d)).isEqualTo(CholeskyProduct.psdRank(s2, d));
            double[] got = c.product();
            assertThat(got).hasSize(want.length);
            double scale = 0;
            for (double v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                assertThat(Math.abs(got[i] - want[i])).isLessThanOrEqualTo(1e-12 * scale);
            }
            // the Gram eigenvalues: the squared singular values of the product (against dgesdd's)
            double[] w = c.gramEigenvalues();
            double[] sv = SymmetricEigen.singularValues(want, c.rank1(), c.rank2());
            assertThat(w).hasSize(sv.length);
            double max = sv[0] * sv[0];
            for (int i = 0; i < w.length; i++) {
                double s = sv[sv.length - 1 - i];
                assertThat(Math.abs(w[i] - s * s)).isLessThanOrEqualTo(1e-12 * max);
            }
        }
    }

    @Test
    void fullRankProductMatchesTheDefinition() {
        int d = 300; // two 256-column blocks, the second partial
        checkProduct(covariance(1, 700, d), covariance(2, 650, d), d);
    }

    @Test
    void rankDeficientProductsMatchTheDefinitionInEitherOrientation() {
        int d = 280;
        double[] low = covariance(3, 120, d); // rank 119
        double[] lower = covariance(4, 60, d); // rank 59
        double[] full = covariance(5, 600, d);
        checkProduct(low, full, d); // dtrmm + dgemm on the trapezoid, Gram on the r1 x r2 side
        checkProduct(full, low, d); // the transposed orientation
        checkProduct(low, lower, d);
    }

    @Test
    void liveDimensionsRestrictTheFactors() {
        int d = 40;
        double[] s1 = covariance(6, 200, d);
        double[] s2 = covariance(7, 200, d);
        int[] live = IntStream.range(0, d).filter(j -> j % 3 != 0).toArray();
        int k = live.length;
        double[] r1 = new double[k * k];
        double[] r2 = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                r1[i * k + j] = s1[live[i] * d + live[j]];
                r2[i * k + j] = s2[live[i] * d + live[j]];
            }
        }
        try (CholeskyProduct restricted = CholeskyProduct.of(s1, s2, d, live);
             CholeskyProduct copied = CholeskyProduct.of(r1, r2, k, all(k))) {
            assertThat(restricted.product()).isEqualTo(copied.product());
            assertThat(restricted.gramEigenvalues()).isEqualTo(copied.gramEigenvalues());
        }
    }

    @Test
    void sameBitsAtAnyWorkerCount() throws Exception {
        int d = 600; // three column blocks, Gram tiles at 256
        double[] s1 = covariance(8, 900, d);
        double[] s2 = covariance(9, 300, d); // rank-deficient: the dgemm part runs too
        double[] one;
        double[] oneProduct;
        try (CholeskyProduct c = CholeskyProduct.of(s1, s2, d, all(d))) {
            one = c.gramEigenvalues();
            oneProduct = c.product();
        }
        for (int threads : new int[] {2, 3}) {
            try (Workers w = Workers.of(threads, Progress.QUIET)) {
                double[][] many = w.get(() -> {
                    try (CholeskyProduct c = CholeskyProduct.of(s1, s2, d, all(d))) {
                        return new double[][] {c.gramEigenvalues(), c.product()};
                    }
                });
                assertThat(many[0]).isEqualTo(one);
                assertThat(many[1]).isEqualTo(oneProduct);
            }
        }
    }

    @Test
    void zeroMatricesHaveRankZeroAndNoEigenvalues() {
        int d = 5;
        try (CholeskyProduct c = CholeskyProduct.of(new double[d * d], covariance(10, 50, d), d, all(d))) {
            assertThat(c.rank1()).isZero();
            assertThat(c.gramEigenvalues()).isEmpty();
            assertThat(c.product()).isEmpty();
        }
    }
}
