package org.cxrbench.linalg;

/**
 * Mean and sample covariance (divided by N-1, as {@code np.cov}) in one streaming, blocked pass: rows are
 * shifted into double a block at a time and accumulated by {@link Scatter} (tiled dsyrk/dgemm on the run's
 * workers), so each row is read once and no N x d copy is made.
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
        // one pass with a shift s = mean of the first block: S = sum (x - s)(x - s)^T (tiled dsyrk, see Scatter),
        // t = sum (x - s); then mean = s + t/n and cov = (S - t t^T / n) / (n - 1). With s near the mean this is as
        // accurate as centring on the exact mean (the correction is tiny), and each row is read once.
        double[] shift = Moments.originOf(x);
        double[] t;
        double[] cov;
        try (Scatter sc = new Scatter(d, shift, n)) {
            sc.add(x, 0, n);
            t = sc.sums();
            cov = sc.upper();
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = shift[j] + t[j] / n;
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i * d + j] = (cov[i * d + j] - t[i] * t[j] / n) / (n - 1);
            }
        }
        symmetrizeFromUpper(cov, d);
        return new Result(n, d, mean, cov);
    }

    public static double[] mean(Features x) {
        int n = x.n();
        int d = x.d();
        double[] mean = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            x.row(i, row, 0);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
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
