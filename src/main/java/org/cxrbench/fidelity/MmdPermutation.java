package org.cxrbench.fidelity;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;

/**
 * Is generator A closer to the real data than generator B? Permutation test of the difference of unbiased
 * MMD² (KID's cubic kernel): T = MMD²(R, A) - MMD²(R, B). Under H0 (A and B are exchangeable), the pooled
 * synthetic rows are randomly relabelled into sets of the original sizes; the two-sided p-value is
 * (1 + #{|T*| >= |T|}) / (1 + P). The real-vs-real kernel term cancels in T, so each permutation costs only
 * sums over the pooled kernel matrix.
 */
public final class MmdPermutation {
    private MmdPermutation() {}

    public record Result(double difference, double pValue, int permutations, int nA, int nB) {}

    public static Result test(Features real, Features a, Features b, int permutations, long seed) {
        int na = a.n();
        int nb = b.n();
        int nz = na + nb;
        int d = real.d();
        Features pooled = Features.concat(a, b);
        double[] kzz = kernel(pooled, pooled);
        double[] krz = kernel(real, pooled);
        double[] colR = new double[nz]; // sum over real rows of k(r, z_j)
        for (int i = 0; i < real.n(); i++) {
            for (int j = 0; j < nz; j++) {
                colR[j] += krz[i * nz + j];
            }
        }
        boolean[] inA = new boolean[nz];
        for (int j = 0; j < na; j++) {
            inA[j] = true;
        }
        double t = statistic(inA, kzz, colR, nz, na, nb, real.n());
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B9L);
        int extreme = 0;
        for (int p = 0; p < permutations; p++) {
            java.util.Arrays.fill(inA, false);
            for (int j : org.cxrbench.stats.Sampling.withoutReplacement(rnd, nz, na)) {
                inA[j] = true;
            }
            if (Math.abs(statistic(inA, kzz, colR, nz, na, nb, real.n())) >= Math.abs(t)) {
                extreme++;
            }
        }
        return new Result(t, (1.0 + extreme) / (1.0 + permutations), permutations, na, nb);
    }

    private static double statistic(boolean[] inA, double[] kzz, double[] colR, int nz, int na, int nb, int nr) {
        double saa = 0;
        double sbb = 0;
        double ra = 0;
        double rb = 0;
        for (int i = 0; i < nz; i++) {
            if (inA[i]) {
                ra += colR[i];
            } else {
                rb += colR[i];
            }
            int off = i * nz;
            for (int j = 0; j < nz; j++) {
                if (i == j) {
                    continue;
                }
                if (inA[i] && inA[j]) {
                    saa += kzz[off + j];
                } else if (!inA[i] && !inA[j]) {
                    sbb += kzz[off + j];
                }
            }
        }
        double mmdA = saa / ((double) na * (na - 1)) - 2 * ra / ((double) nr * na);
        double mmdB = sbb / ((double) nb * (nb - 1)) - 2 * rb / ((double) nr * nb);
        return mmdA - mmdB;
    }

    private static double[] kernel(Features x, Features y) {
        int m = x.n();
        int n = y.n();
        double[] g = new double[m * n];
        try (org.bytedeco.javacpp.DoublePointer xP = Blas.doubles(x);
             org.bytedeco.javacpp.DoublePointer yP = Blas.doubles(y);
             org.bytedeco.javacpp.DoublePointer gP = new org.bytedeco.javacpp.DoublePointer((long) m * n)) {
            Blas.gemm(false, true, m, n, x.d(), 1.0 / x.d(), xP, x.d(), yP, y.d(), 0.0, gP, n);
            gP.get(g);
        }
        for (int i = 0; i < g.length; i++) {
            double t = g[i] + 1;
            g[i] = t * t * t;
        }
        return g;
    }
}
