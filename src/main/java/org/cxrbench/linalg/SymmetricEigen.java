package org.cxrbench.linalg;

/** Symmetric eigen-decomposition (LAPACK dsyevd) and singular-value helpers (LAPACK dgesdd). */
public final class SymmetricEigen {
    private SymmetricEigen() {}

    /** Eigenvalues (ascending) and eigenvectors (columns of the row-major n x n {@code vectors}). */
    public record Decomposition(double[] values, double[] vectors, int n) {}

    public static Decomposition decompose(double[] sym, int n) {
        double[] a = symmetrizedCopy(sym, n);
        double[] w = Blas.syevd(a, n, true);
        return new Decomposition(w, a, n);
    }

    public static double[] eigenvalues(double[] sym, int n) {
        return Blas.syevd(symmetrizedCopy(sym, n), n, false);
    }

    /**
     * Eigenvalues (ascending) of the symmetric n x n matrix whose upper triangle (row-major, i <= j) is in native
     * memory {@code upper} (overwritten; the lower triangle is not read): LAPACK dsyevd, single-threaded, called
     * column-major on the column-major lower triangle those values are, so LAPACKE makes no transposed copy.
     */
    public static double[] eigenvaluesOfUpper(org.bytedeco.javacpp.DoublePointer upper, int n) {
        double[] w = new double[n];
        if (n == 0) {
            return w;
        }
        try (org.bytedeco.javacpp.DoublePointer wP = new org.bytedeco.javacpp.DoublePointer((long) n)) {
            int info = Blas.singleThreaded(() -> org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd(
                    org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR, (byte) 'N', (byte) 'L', n,
                    upper.position(0), n, wP));
            if (info != 0) {
                throw new ArithmeticException("LAPACK dsyevd failed to converge (info=" + info + ", n=" + n + ")");
            }
            wP.get(w);
        }
        return w;
    }

    /**
     * Singular values (descending) of the row-major m x n matrix {@code a} by LAPACK dgesdd without vectors
     * (single-threaded, so the bits do not depend on the thread count); {@code a} is not modified. Each value has
     * an absolute error of about eps * max(m, n) * the largest value: zero singular values come out at that size,
     * never at its square root.
     */
    public static double[] singularValues(double[] a, int m, int n) {
        int k = Math.min(m, n);
        if (k == 0) {
            return new double[0];
        }
        double[] c = a.clone();
        double[] s = new double[k];
        double[] dummy = new double[1];
        int info = Blas.singleThreaded(() -> org.bytedeco.openblas.global.openblas.LAPACKE_dgesdd(
                org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR, (byte) 'N', m, n, c, n, s, dummy, 1, dummy, 1));
        if (info != 0) {
            throw new ArithmeticException("LAPACK dgesdd failed to converge (info=" + info + ", " + m + " x " + n + ")");
        }
        return s;
    }

    /** (A + A^T) / 2, as numpy's psd_sqrt does before eigh. */
    static double[] symmetrizedCopy(double[] s, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (s[i * n + j] + s[j * n + i]) / 2;
            }
        }
        return a;
    }

    public static double negativeMass(double[] w) {
        double s = 0;
        for (double x : w) {
            if (x < 0) {
                s -= x;
            }
        }
        return s;
    }

    /** Number of eigenvalues above max(|w|) * n * 2.2e-16 (numpy's matrix_rank tolerance). */
    public static int rank(double[] w) {
        double max = 0;
        for (double x : w) {
            max = Math.max(max, Math.abs(x));
        }
        double tol = max * w.length * Math.ulp(1.0);
        int r = 0;
        for (double x : w) {
            if (x > tol) {
                r++;
            }
        }
        return r;
    }
}
