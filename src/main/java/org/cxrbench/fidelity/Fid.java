package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.CholeskyProduct;
import org.cxrbench.linalg.SymmetricEigen;

/**
 * Fréchet Inception Distance (Heusel et al. 2017): ||mu1 - mu2||^2 + tr S1 + tr S2 - 2 tr sqrt(S1 S2).
 *
 * <p>Routes to the trace term:
 * <ul>
 *   <li>{@link Route#SYMMETRIC} (default): tr sqrt(S1^½ S2 S1^½) as the nuclear norm (sum of singular values)
 *       of L1^T L2, with S1 = L1 L1^T and S2 = L2 L2^T from LAPACK's pivoted Cholesky: S1^½ S2 S1^½ has the
 *       eigenvalues of S1 S2 = L1 (L1^T L2 L2^T), whose non-zero eigenvalues are those of (L1^T L2)(L1^T L2)^T,
 *       the squared singular values of L1^T L2. Their sum comes from the Gram matrix's eigenvalues when an error
 *       bound shows that route within 5e-10 of the FID, else from LAPACK dgesdd, whose singular values have an absolute
 *       error of about eps times the largest, so a zero of the product (rank deficiency, N <= d, different null
 *       spaces) adds about eps, where the square root of a computed eigenvalue would add sqrt(eps); no eigenvalue
 *       or singular value is cut (see {@link #nuclearNorm}).
 *       Feature dimensions with zero variance in either set (dead units) are left out of the trace term first:
 *       exactly, since a zero row and column of S1 or S2 contributes nothing to tr sqrt(S1 S2).</li>
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
     * @param clippedNegativeMass kept for the results' schema and always 0: SYMMETRIC sums singular values, which
     *                            are never negative, and the other routes take Re sqrt as their libraries do
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
        int rank2 = -1;
        double trSqrt;
        double clipped = 0;
        boolean eps = false;
        List<String> warnings = new ArrayList<>();
        switch (route) {
            case SYMMETRIC -> {
                Factored f = factoredTrace(s1, s2, meanTerm + tr1 + tr2);
                w1 = null;
                trSqrt = f.traceSqrt();
                rank1 = f.rank1();
                rank2 = f.rank2();
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
        if (rank2 < 0) {
            rank2 = CholeskyProduct.psdRank(s2.cov(), d);
        }
        warnings.addAll(rankWarnings(s1, s2, rank1, rank2));
        double fid = meanTerm + tr1 + tr2 - 2 * trSqrt;
        return new Result(fid, route, meanTerm, tr1, tr2, trSqrt, rank1, rank2, clipped, eps, d, s1.n(), s2.n(),
                List.copyOf(warnings));
    }

    /**
     * The trace term by the factored route, with the ranks of S1 and S2 (on their non-constant dimensions);
     * {@code rest} = ||mu1 - mu2||^2 + tr S1 + tr S2, against which the trace term's error is judged.
     */
    record Factored(double traceSqrt, int rank1, int rank2) {}

    static Factored factoredTrace(GaussianStats s1, GaussianStats s2, double rest) {
        int d = s1.d();
        int[] live = java.util.stream.IntStream.range(0, d)
                .filter(j -> !constant(s1, j) && !constant(s2, j)).toArray();
        int k = live.length;
        // both factorisations (one single-threaded dpstrf each, side by side on the run's workers), the product and
        // its Gram matrix stay in native memory (linalg/CholeskyProduct)
        try (CholeskyProduct c = CholeskyProduct.of(s1.cov(), s2.cov(), d, live)) {
            int r1 = c.rank1();
            int r2 = c.rank2();
            // ranks on all of d: a constant dimension of one set may still vary in the other
            int rank1 = k == deadFree(s1) ? r1 : CholeskyProduct.psdRank(s1.cov(), d);
            int rank2 = k == deadFree(s2) ? r2 : CholeskyProduct.psdRank(s2.cov(), d);
            if (r1 == 0 || r2 == 0) {
                return new Factored(0, rank1, rank2);
            }
            double t = sumOrNaN(c.gramEigenvalues(), r1, r2, rest);
            if (Double.isNaN(t)) {
                t = svdSum(c.product(), r1, r2);
            }
            return new Factored(t, rank1, rank2);
        }
    }

    /**
     * Largest error bound of the eigenvalue route, relative to the FID (to the sum itself where no FID is given),
     * that the nuclear norm accepts before using the SVD: half the 1e-9 exactness target (issue 20.5).
     */
    static final double EIGEN_ROUTE_TOL = 5e-10;

    /**
     * The constant lambda of the eigenvalue route's error bound delta = lambda sqrt(r1 + r2) eps max(w): the
     * probabilistic rounding-error constant of Higham and Mary (SIAM J. Sci. Comput. 41(5), 2019), under which
     * independent rounding errors of n operations grow like lambda sqrt(n) eps rather than the worst case n eps,
     * at lambda = 6 (failure probability at most 2n exp(-lambda^2 / 2) per inner product).
     */
    static final double BOUND_LAMBDA = 6;

    /**
     * Sum of the singular values of the r1 x r2 matrix {@code m}, for an FID of {@code rest - 2 * sum} ({@code rest}
     * = ||mu1 - mu2||^2 + tr S1 + tr S2; NaN: judge the error against the sum). First the cheaper way (about half of
     * dgesdd's time at d = 2048): the eigenvalues w of the Gram matrix on the smaller side (dsyevd), summed as
     * sqrt(w). Each w carries an absolute error of up to delta = lambda sqrt(r1 + r2) eps max(w) ({@link
     * #BOUND_LAMBDA}), which moves sqrt(w) by at most delta / (sqrt(w) + sqrt(w - delta)), or sqrt(delta) where w
     * is at most delta. When twice these bounds (the FID's error) add up to more than {@link #EIGEN_ROUTE_TOL} of
     * the FID (an exact or near zero singular value: dead units, N <= d, different null spaces; an FID near zero,
     * where the trace term cancels), the singular values come from dgesdd instead, whose zeros add about eps each.
     * On bench/blas's 10,000 x 2048 features the bound is 2.3e-10 of the FID and the eigenvalue route's sum
     * matches one-sided Jacobi (dgesvj, high relative accuracy) to 1.3e-16 (bench/blas/FidRoutes.java).
     * The SVD runs only when the bound fails, on the calling thread, so the choice depends only on the eigenvalues
     * and the bits never on the thread count or on what runs alongside (dgesdd run on another worker beside dsyevd
     * gave sums a few ulps apart from run to run: FidDeterminismTest, and two demo runs compared).
     */
    static double nuclearNorm(double[] m, int r1, int r2, double rest) {
        double t = eigenRouteOrNaN(m, r1, r2, rest);
        return Double.isNaN(t) ? svdSum(m, r1, r2) : t;
    }

    /** The Gram-eigenvalue route's sum of singular values, or NaN when its error bound is too loose. */
    static double eigenRouteOrNaN(double[] m, int r1, int r2, double rest) {
        double[] a = r1 >= r2 ? m : transpose(m, r1, r2);
        return sumOrNaN(CholeskyProduct.gramEigenvalues(a, Math.max(r1, r2), Math.min(r1, r2)), r1, r2, rest);
    }

    /**
     * The sum of sqrt(w) over the Gram matrix's eigenvalues w (ascending, min(r1, r2) of them) of an r1 x r2
     * product, or NaN when its error bound is too loose (see {@link #nuclearNorm}).
     */
    static double sumOrNaN(double[] w, int r1, int r2, double rest) {
        int small = w.length;
        double max = Math.max(w[small - 1], 0);
        double delta = BOUND_LAMBDA * Math.sqrt(r1 + r2) * Math.ulp(1.0) * max;
        double t = 0;
        double bound = 0;
        for (double x : w) {
            if (x > delta) {
                double sq = Math.sqrt(x);
                t += sq;
                bound += delta / (sq + Math.sqrt(x - delta));
            } else {
                t += Math.sqrt(Math.max(x, 0));
                bound += Math.sqrt(delta);
            }
        }
        boolean ok = Double.isNaN(rest) ? bound <= EIGEN_ROUTE_TOL * t
                : 2 * bound <= EIGEN_ROUTE_TOL * Math.abs(rest - 2 * t);
        return ok ? t : Double.NaN;
    }

    /** Sum of dgesdd's singular values, smallest first. */
    static double svdSum(double[] m, int r1, int r2) {
        double[] sv = SymmetricEigen.singularValues(m, r1, r2);
        double s = 0;
        for (int i = sv.length - 1; i >= 0; i--) {
            s += sv[i];
        }
        return s;
    }

    static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    /**
     * A dimension without variation in the set (a dead unit): variance exactly zero, or within the round-off of a
     * constant column (at most (8 eps |mean|)^2, what a one-pass covariance leaves of a constant).
     */
    static boolean constant(GaussianStats s, int j) {
        double v = s.cov()[j * s.d() + j];
        double tol = 8 * Math.ulp(1.0) * Math.abs(s.mean()[j]);
        return v <= tol * tol;
    }

    /** Number of non-constant dimensions of a set. */
    static int deadFree(GaussianStats s) {
        int c = 0;
        for (int j = 0; j < s.d(); j++) {
            c += constant(s, j) ? 0 : 1;
        }
        return c;
    }

    static double[] restrict(double[] a, int d, int[] idx) {
        int k = idx.length;
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = a[idx[i] * d + idx[j]];
            }
        }
        return out;
    }

    /**
     * Dead units (constant dimensions) are named apart from too few images: a constant dimension adds only its mean
     * difference and more images will not change it, while N - 1 below the number of varying dimensions makes the
     * covariance rank-deficient for want of images.
     */
    static List<String> rankWarnings(GaussianStats s1, GaussianStats s2, int rank1, int rank2) {
        int d = s1.d();
        int live1 = deadFree(s1);
        int live2 = deadFree(s2);
        List<String> out = new ArrayList<>();
        if (live1 < d || live2 < d) {
            out.add(String.format(Locale.ROOT, "%d of d=%d feature dimensions are constant in the real set and %d in "
                    + "the synthetic set (dead units, zero variance): they add only their mean difference to FID, and "
                    + "more images will not change that (covariance ranks %d and %d)",
                    d - live1, d, d - live2, rank1, rank2));
        }
        boolean few1 = s1.n() > 0 && s1.n() <= live1;
        boolean few2 = s2.n() > 0 && s2.n() <= live2;
        if (few1 || few2) {
            out.add(String.format(Locale.ROOT, "N (%d real, %d synthetic) is not above the %d, %d varying feature "
                    + "dimensions: the covariances are rank-deficient (ranks %d, %d) for want of images and FID is "
                    + "unreliable; use more images or fewer feature dimensions", s1.n(), s2.n(), live1, live2, rank1,
                    rank2));
        }
        return out;
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
