package org.cxrbench.linalg;

/**
 * Mean and sample covariance (divided by N-1, as {@code np.cov}) in a streaming, blocked pass:
 * rows are centred a block at a time and accumulated with BLAS dsyrk, so no centred N x d copy is made.
 */
public final class Covariance {
    private Covariance() {}

    /** Rows per dsyrk call: large enough for BLAS-3 speed, small enough (2048 x 2048 doubles = 32 MB) to stay modest. */
    static final int BLOCK = 1024;

    public record Result(int n, int d, double[] mean, double[] cov) {}

    public static Result of(Features x) {
        int n = x.n();
        int d = x.d();
        if (n < 2) {
            throw new IllegalArgumentException("covariance needs at least 2 rows, got " + n);
        }
        double[] mean = mean(x);
        double[] cov = new double[d * d];
        double[] block = new double[Math.min(BLOCK, n) * d];
        double[] data = x.data();
        boolean first = true;
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            int rows = Math.min(BLOCK, n - r0);
            for (int i = 0; i < rows; i++) {
                int src = (r0 + i) * d;
                int dst = i * d;
                for (int j = 0; j < d; j++) {
                    block[dst + j] = data[src + j] - mean[j];
                }
            }
            Blas.syrkAtA(block, rows, d, 1.0 / (n - 1), first ? 0.0 : 1.0, cov);
            first = false;
        }
        symmetrizeFromUpper(cov, d);
        return new Result(n, d, mean, cov);
    }

    public static double[] mean(Features x) {
        int n = x.n();
        int d = x.d();
        double[] mean = new double[d];
        double[] data = x.data();
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += data[off + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    static void symmetrizeFromUpper(double[] c, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                c[i * d + j] = c[j * d + i];
            }
        }
    }
}
