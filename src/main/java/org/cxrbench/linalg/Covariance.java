package org.cxrbench.linalg;

/**
 * Mean and sample covariance (divided by N-1, as {@code np.cov}) in one streaming, blocked pass: rows are
 * shifted a block at a time and accumulated with BLAS dsyrk, so each row is read once and no N x d copy is made.
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
        double[] data = x.data();
        // one pass with a shift s = mean of the first block: S = sum (x - s)(x - s)^T by dsyrk, t = sum (x - s);
        // then mean = s + t/n and cov = (S - t t^T / n) / (n - 1). With s near the mean this is as accurate as
        // centring on the exact mean (the correction is tiny), and each row is read once.
        int first = Math.min(BLOCK, n);
        double[] shift = new double[d];
        for (int i = 0; i < first; i++) {
            for (int j = 0; j < d; j++) {
                shift[j] += data[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            shift[j] /= first;
        }
        double[] t = new double[d];
        double[] cov = new double[d * d];
        double[] block = new double[first * d];
        // native buffers: the d x d accumulator stays in native memory across blocks (no per-call copies)
        try (org.bytedeco.javacpp.DoublePointer bP = new org.bytedeco.javacpp.DoublePointer((long) block.length);
             org.bytedeco.javacpp.DoublePointer cP = new org.bytedeco.javacpp.DoublePointer((long) d * d)) {
            for (int r0 = 0; r0 < n; r0 += BLOCK) {
                int rows = Math.min(BLOCK, n - r0);
                for (int i = 0; i < rows; i++) {
                    int src = (r0 + i) * d;
                    int dst = i * d;
                    for (int j = 0; j < d; j++) {
                        double v = data[src + j] - shift[j];
                        block[dst + j] = v;
                        t[j] += v;
                    }
                }
                bP.put(block, 0, rows * d);
                Blas.syrkAtA(bP, rows, d, 1.0, r0 == 0 ? 0.0 : 1.0, cP);
            }
            cP.get(cov);
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
