package org.cxrbench.linalg;

/** Symmetric eigen-decomposition helpers built on LAPACK dsyevd. */
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
