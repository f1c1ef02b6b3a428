package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.SymmetricEigen;

/**
 * Fréchet Inception Distance (Heusel et al. 2017): ||mu1 - mu2||^2 + tr S1 + tr S2 - 2 tr sqrt(S1 S2).
 *
 * <p>Routes to the trace term:
 * <ul>
 *   <li>{@link Route#SYMMETRIC} (default): tr sqrt(S1^½ S2 S1^½), computed as tr sqrt(L^T S2 L) with S1 = L L^T
 *       from LAPACK's pivoted Cholesky (the two matrices are similar, so their eigenvalues agree; rank-deficient S1
 *       is handled by the pivoting) and LAPACK's symmetric eigensolver for the eigenvalues; negative eigenvalues
 *       are clipped at zero and their mass is reported, never hidden.</li>
 *   <li>{@link Route#EIGVALS}: sum of Re sqrt(eig(S1 S2)) from LAPACK dgeev, as torch-fidelity and torchmetrics.</li>
 *   <li>{@link Route#PYTORCH_FID}: pytorch-fid's / clean-fid's rule of a finite principal square root, retried
 *       with S + 1e-6 I when non-finite, real part kept. Since tr sqrtm(A) is the sum of the principal square roots
 *       of A's eigenvalues, the trace is computed from dgeev's eigenvalues rather than a full Schur sqrtm; the
 *       golden file's pytorch-fid values are matched within their tolerance.</li>
 * </ul>
 */
public final class Fid {
    private Fid() {}

    public enum Route {
        SYMMETRIC, EIGVALS, PYTORCH_FID;

        public static Route parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "symmetric", "eigh" -> SYMMETRIC;
                case "eigvals", "torch-fidelity", "torchmetrics" -> EIGVALS;
                case "pytorch-fid", "sqrtm", "clean-fid" -> PYTORCH_FID;
                default -> throw new org.cxrbench.common.BadInputException("unknown FID route '" + s
                        + "'; use symmetric, eigvals or pytorch-fid");
            };
        }
    }

    /**
     * @param clippedNegativeMass sum of |negative eigenvalues| clipped to zero (SYMMETRIC route: of L^T S2 L); a
     *                            large value means the covariances are far from PSD
     */
    public record Result(double value, Route route, double meanTerm, double trace1, double trace2, double traceSqrt,
                         int rank1, int rank2, double clippedNegativeMass, boolean epsOffsetUsed, int d, long n1,
                         long n2, List<String> warnings) {}

    public static Result compute(GaussianStats s1, GaussianStats s2, Route route) {
        if (s1.d() != s2.d()) {
            throw new IllegalArgumentException("feature dimensions differ: " + s1.d() + " vs " + s2.d());
        }
        int d = s1.d();
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double t = s1.mean()[j] - s2.mean()[j];
            meanTerm += t * t;
        }
        double tr1 = trace(s1.cov(), d);
        double tr2 = trace(s2.cov(), d);
        double[] w1;
        int rank1 = -1;
        double trSqrt;
        int productRank = -1;
        double clipped = 0;
        boolean eps = false;
        List<String> warnings = new ArrayList<>();
        switch (route) {
            case SYMMETRIC -> {
                // S1 = L L^T (pivoted Cholesky, L: d x r); L^T S2 L is similar to S1^1/2 S2 S1^1/2 on S1's range,
                // so both have the same eigenvalues and tr sqrt; this needs no eigenvectors of S1.
                Blas.PivotedCholesky ch = Blas.pivotedCholesky(s1.cov(), d);
                int r = ch.rank();
                rank1 = r;
                double[] wm;
                if (r == 0) {
                    wm = new double[0];
                } else {
                    double[] s2l = new double[d * r];
                    Blas.gemm(false, false, d, r, d, 1.0, s2.cov(), d, ch.l(), r, 0.0, s2l, r);
                    double[] lt = new double[r * d];
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < r; j++) {
                            lt[j * d + i] = ch.l()[i * r + j];
                        }
                    }
                    double[] m = new double[r * r];
                    Blas.gemm(false, false, r, r, d, 1.0, lt, d, s2l, r, 0.0, m, r);
                    wm = SymmetricEigen.eigenvalues(m, r);
                }
                w1 = null;
                trSqrt = sumSqrtClipped(wm);
                clipped = SymmetricEigen.negativeMass(wm);
                productRank = SymmetricEigen.rank(wm);
            }
            case EIGVALS -> {
                w1 = SymmetricEigen.eigenvalues(s1.cov(), d);
                trSqrt = sumSqrtEig(product(s1.cov(), s2.cov(), d, 0), d);
            }
            case PYTORCH_FID -> {
                w1 = SymmetricEigen.eigenvalues(s1.cov(), d);
                trSqrt = sumSqrtEig(product(s1.cov(), s2.cov(), d, 0), d);
                if (!Double.isFinite(trSqrt)) {
                    eps = true;
                    warnings.add("sqrtm was not finite; retried with 1e-6 added to the covariance diagonals (pytorch-fid rule)");
                    trSqrt = sumSqrtEig(product(s1.cov(), s2.cov(), d, 1e-6), d);
                }
            }
            default -> throw new IllegalStateException();
        }
        if (w1 != null) {
            rank1 = SymmetricEigen.rank(w1);
        }
        // rank(L^T S2 L) = d implies rank(S2) = d: the pivoted Cholesky of S2 runs only when it can say more
        int rank2 = productRank == d ? d : Blas.psdRank(s2.cov(), d);
        if ((s1.n() > 0 && s1.n() <= d) || (s2.n() > 0 && s2.n() <= d)) {
            warnings.add(String.format(Locale.ROOT, "N (%d real, %d synthetic) is not above d=%d: the covariances are "
                    + "rank-deficient (ranks %d, %d) and FID is unreliable; use more images or fewer feature dimensions",
                    s1.n(), s2.n(), d, rank1, rank2));
        }
        double fid = meanTerm + tr1 + tr2 - 2 * trSqrt;
        return new Result(fid, route, meanTerm, tr1, tr2, trSqrt, rank1, rank2, clipped, eps, d, s1.n(), s2.n(),
                List.copyOf(warnings));
    }

    /**
     * Sum of sqrt of the eigenvalues of a PSD matrix, with eigenvalues within round-off of zero (|x| at most
     * r * eps * max|x|, LAPACK's backward-error scale) counted as zero: truly zero eigenvalues (dead units, rank
     * deficiency) come out as +-1e-14 noise, and sqrt(1e-14) = 1e-7 would otherwise be added per eigenvalue.
     */
    static double sumSqrtClipped(double[] w) {
        double max = 0;
        for (double x : w) {
            max = Math.max(max, Math.abs(x));
        }
        double tol = max * Math.max(1, w.length) * Math.ulp(1.0);
        double s = 0;
        for (double x : w) {
            if (x > tol) {
                s += Math.sqrt(x);
            }
        }
        return s;
    }

    static double trace(double[] a, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += a[i * d + i];
        }
        return t;
    }

    static double[] product(double[] a, double[] b, int d, double eps) {
        double[] aa = a;
        double[] bb = b;
        if (eps != 0) {
            aa = a.clone();
            bb = b.clone();
            for (int i = 0; i < d; i++) {
                aa[i * d + i] += eps;
                bb[i * d + i] += eps;
            }
        }
        return Blas.product(aa, false, bb, false, d);
    }

    /** Sum of the real parts of the principal square roots of the (complex) eigenvalues. */
    static double sumSqrtEig(double[] a, int d) {
        double[][] w = Blas.geevValues(a, d);
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += complexSqrtRe(w[0][i], w[1][i]);
        }
        return s;
    }

    /** Re sqrt(x + iy), principal branch: sqrt((|z| + x) / 2). */
    static double complexSqrtRe(double x, double y) {
        if (y == 0) {
            return x >= 0 ? Math.sqrt(x) : 0;
        }
        return Math.sqrt((Math.hypot(x, y) + x) / 2);
    }
}
