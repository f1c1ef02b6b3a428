package org.cxrbench.fidelity;

import java.util.Locale;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;

/**
 * Kernel Inception Distance (Binkowski et al. 2018): the unbiased estimate of MMD² with the cubic polynomial kernel
 * k(x, y) = (x·y/d + 1)^3, averaged over random subsets; std is the population std (ddof 0) over subsets, as
 * torch-fidelity and torchmetrics report it.
 */
public final class Kid {
    private Kid() {}

    public record Result(double mean, double std, double[] subsetValues, int subsetSize, int numSubsets) {}

    /** Subset indices: {@code real[s]} and {@code synthetic[s]} for subset s. */
    public record Subsets(int[][] real, int[][] synthetic) {}

    /**
     * The portable rule of the shared golden file: a 64-bit LCG (state0 = 12345 + seed; state = state *
     * 6364136223846793005 + 1442695040888963407) driving a partial Fisher–Yates, j = i + ((state >>> 33) mod (n - i));
     * per subset the real indices are drawn first, then the synthetic ones, from one continuing stream.
     */
    public static Subsets lcgSubsets(int nReal, int nSynthetic, int m, int count, long seed) {
        long[] state = {12345L + seed};
        int[][] r = new int[count][];
        int[][] s = new int[count][];
        for (int k = 0; k < count; k++) {
            r[k] = draw(state, nReal, m);
            s[k] = draw(state, nSynthetic, m);
        }
        return new Subsets(r, s);
    }

    private static int[] draw(long[] state, int n, int m) {
        int[] arr = new int[n];
        for (int i = 0; i < n; i++) {
            arr[i] = i;
        }
        for (int i = 0; i < m; i++) {
            state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
            int j = i + (int) Long.remainderUnsigned(state[0] >>> 33, n - i);
            int t = arr[i];
            arr[i] = arr[j];
            arr[j] = t;
        }
        return java.util.Arrays.copyOf(arr, m);
    }

    /**
     * torch-fidelity's rule: {@code rng = np.random.RandomState(2020 + seed)}; per subset the synthetic indices
     * ({@code rng.choice(n_synthetic, m, replace=False)}) are drawn first, then the real ones.
     */
    public static Subsets torchFidelitySubsets(int nReal, int nSynthetic, int m, int count, long seed) {
        org.cxrbench.stats.NumpyLegacyRandom rng = new org.cxrbench.stats.NumpyLegacyRandom(2020 + seed);
        int[][] r = new int[count][];
        int[][] s = new int[count][];
        for (int k = 0; k < count; k++) {
            s[k] = rng.choiceWithoutReplacement(nSynthetic, m);
            r[k] = rng.choiceWithoutReplacement(nReal, m);
        }
        return new Subsets(r, s);
    }

    public static Subsets subsets(String rule, int nReal, int nSynthetic, int m, int count, long seed) {
        return switch (rule) {
            case "lcg" -> lcgSubsets(nReal, nSynthetic, m, count, seed);
            case "torch-fidelity" -> torchFidelitySubsets(nReal, nSynthetic, m, count, seed);
            default -> throw new org.cxrbench.common.BadInputException("unknown KID subset rule '" + rule
                    + "'; use lcg or torch-fidelity");
        };
    }

    public static Result compute(Features real, Features synthetic, Subsets subsets) {
        int count = subsets.real().length;
        if (count < 1) {
            throw new IllegalArgumentException("KID needs at least one subset");
        }
        double[] v = new double[count];
        org.cxrbench.common.Progress.Meter meter = org.cxrbench.common.Progress.current().meter("kid " + count
                + " subsets of " + subsets.real()[0].length, count, "subsets");
        for (int k = 0; k < count; k++) {
            v[k] = mmd2Unbiased(real.rows(subsets.real()[k]), synthetic.rows(subsets.synthetic()[k]));
            meter.step();
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= count;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        return new Result(mean, Math.sqrt(var / count), v, subsets.real()[0].length, count);
    }

    /**
     * Unbiased MMD² with the cubic kernel:
     * sum_{i≠j} Kxx / (m(m-1)) + sum_{i≠j} Kyy / (n(n-1)) - 2 sum Kxy / (m n).
     */
    public static double mmd2Unbiased(Features x, Features y) {
        if (x.d() != y.d()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "dimensions differ: %d vs %d", x.d(), y.d()));
        }
        int m = x.n();
        int n = y.n();
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("unbiased MMD needs at least 2 rows per set");
        }
        double kxx = kernelSum(x, x, true);
        double kyy = kernelSum(y, y, true);
        double kxy = kernelSum(x, y, false);
        return kxx / ((double) m * (m - 1)) + kyy / ((double) n * (n - 1)) - 2 * kxy / ((double) m * n);
    }

    /** Biased (V-statistic) MMD²: all pairs, diagonals included. */
    public static double mmd2Biased(Features x, Features y) {
        int m = x.n();
        int n = y.n();
        double kxx = kernelSum(x, x, false);
        double kyy = kernelSum(y, y, false);
        double kxy = kernelSum(x, y, false);
        return kxx / ((double) m * m) + kyy / ((double) n * n) - 2 * kxy / ((double) m * n);
    }

    /**
     * Sum of (a_i·b_j/d + 1)^3 over all pairs, or over i≠j when {@code offDiagonal} (then a and b are the same set
     * and only the upper triangle of A A^T is formed, by dsyrk). Products run on native buffers.
     */
    static double kernelSum(Features a, Features b, boolean offDiagonal) {
        int m = a.n();
        int n = b.n();
        double[] g = products(a, b, offDiagonal);
        double s = 0;
        if (offDiagonal) {
            for (int i = 0; i < m; i++) {
                double row = 0;
                for (int j = i + 1; j < m; j++) {
                    double t = g[i * m + j] + 1;
                    row += t * t * t;
                }
                s += 2 * row;
            }
            return s;
        }
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                double t = g[i * n + j] + 1;
                row += t * t * t;
            }
            s += row;
        }
        return s;
    }

    /** Largest kernel-matrix entry count (real x real + synthetic x synthetic + real x synthetic) of the fast bootstrap. */
    static final long GRAM_LIMIT = 50_000_000L;

    /**
     * The jackknife's leave-group-out KID means for {@link Bootstrap#summarise}: the rows of each set are cut into
     * the groups of {@link Bootstrap#groups}(seed), and value g is KID with group g of the real set (then, after
     * the real groups, of the synthetic set) removed from every subset. The subsets are those of the estimate
     * (the same design, fewer rows): leaving rows out of fixed subsets keeps the subset-sampling noise out of the
     * jackknife values, which redrawn subsets would add to the variance G - 1 times. Each subset's unbiased MMD^2
     * then has unequal sizes, sum_{i!=j} Kxx/(m(m-1)) + sum_{i!=j} Kyy/(n(n-1)) - 2 sum Kxy/(mn). The kernel
     * matrices of the full sets are computed once and looked up ({@link #GRAM_LIMIT}: larger sets are recomputed
     * per value); values run in parallel and do not depend on the thread count. (Historic name: it returned
     * bootstrap resample means before issue 20.)
     */
    public static double[] bootstrapMeans(Features real, Features synthetic, int b, long seed, String rule, int m,
                                          int count) {
        int[][][] g = Bootstrap.groups(real.n(), synthetic.n(), b, seed);
        Subsets sub = subsets(rule, real.n(), synthetic.n(), m, count, seed);
        int gr = g[0].length;
        int total = gr + g[1].length;
        long entries = (long) real.n() * real.n() + (long) synthetic.n() * synthetic.n()
                + (long) real.n() * synthetic.n();
        org.cxrbench.common.Progress.Meter meter = new org.cxrbench.common.Progress.Meter("kid jackknife groups",
                total, 2000);
        double[] v = new double[total];
        boolean viaGram = entries <= GRAM_LIMIT;
        double[] grr = viaGram ? gram(real, real, true) : null;
        double[] gss = viaGram ? gram(synthetic, synthetic, true) : null;
        double[] grs = viaGram ? gram(real, synthetic, false) : null;
        int[] idR = identity(real.n());
        int[] idS = identity(synthetic.n());
        java.util.stream.IntStream.range(0, total).parallel().forEach(k -> {
            boolean realSide = k < gr;
            int[] group = realSide ? g[0][k] : g[1][k - gr];
            Subsets left = realSide ? new Subsets(dropAll(sub.real(), group, real.n()), sub.synthetic())
                    : new Subsets(sub.real(), dropAll(sub.synthetic(), group, synthetic.n()));
            v[k] = viaGram ? meanFromGram(grr, gss, grs, real.n(), synthetic.n(), idR, idS, left)
                    : compute(real, synthetic, left).mean();
            meter.step();
        });
        return v;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Every subset without the rows of {@code group} (rows of a set of n), order kept. */
    static int[][] dropAll(int[][] subsets, int[] group, int n) {
        boolean[] out = new boolean[n];
        for (int i : group) {
            out[i] = true;
        }
        int[][] r = new int[subsets.length][];
        for (int k = 0; k < subsets.length; k++) {
            r[k] = java.util.Arrays.stream(subsets[k]).filter(i -> !out[i]).toArray();
        }
        return r;
    }

    /**
     * a_i.b_j / d for all pairs (row-major a.n x b.n) on native buffers; {@code same}: a == b, only the upper
     * triangle is formed (dsyrk on A^T, whose rows are A's columns).
     */
    static double[] products(Features a, Features b, boolean same) {
        int m = a.n();
        int n = b.n();
        int d = a.d();
        double[] g = new double[m * n];
        try (org.bytedeco.javacpp.DoublePointer aP = Blas.doubles(a);
             org.bytedeco.javacpp.DoublePointer gP = new org.bytedeco.javacpp.DoublePointer((long) m * n)) {
            if (same) {
                Blas.syrkAAt(aP, m, d, 1.0 / d, 0.0, gP);
            } else {
                try (org.bytedeco.javacpp.DoublePointer bP = Blas.doubles(b)) {
                    Blas.gemm(false, true, m, n, d, 1.0 / d, aP, d, bP, d, 0.0, gP, n);
                }
            }
            gP.get(g);
        }
        return g;
    }

    /** a_i.b_j / d for all pairs (row-major a.n x b.n); {@code same}: a == b, by dsyrk, mirrored from the upper half. */
    static double[] gram(Features a, Features b, boolean same) {
        int m = a.n();
        double[] g = products(a, b, same);
        if (same) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    g[i * m + j] = g[j * m + i];
                }
            }
        }
        return g;
    }

    /** {@link #compute}'s mean for the resample (ir, is), from the full-set kernel matrices. */
    static double meanFromGram(double[] grr, double[] gss, double[] grs, int nr, int ns, int[] ir, int[] is,
                               Subsets sub) {
        int count = sub.real().length;
        double mean = 0;
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            int[] x = compose(ir, sub.real()[k]);
            int[] y = compose(is, sub.synthetic()[k]);
            int m = x.length;
            int n = y.length;
            double kxx = offDiagonalSum(grr, nr, x);
            double kyy = offDiagonalSum(gss, ns, y);
            double kxy = 0;
            for (int i = 0; i < m; i++) {
                double row = 0;
                int off = x[i] * ns;
                for (int j = 0; j < n; j++) {
                    double t = grs[off + y[j]] + 1;
                    row += t * t * t;
                }
                kxy += row;
            }
            v[k] = kxx / ((double) m * (m - 1)) + kyy / ((double) n * (n - 1)) - 2 * kxy / ((double) m * n);
        }
        for (double x : v) {
            mean += x;
        }
        return mean / count;
    }

    private static int[] compose(int[] outer, int[] inner) {
        int[] c = new int[inner.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = outer[inner[i]];
        }
        return c;
    }

    /** kernelSum(x, x, true) over the rows idx of the set whose n x n kernel matrix is g. */
    private static double offDiagonalSum(double[] g, int n, int[] idx) {
        int m = idx.length;
        double s = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            int off = idx[i] * n;
            for (int j = i + 1; j < m; j++) {
                double t = g[off + idx[j]] + 1;
                row += t * t * t;
            }
            s += 2 * row;
        }
        return s;
    }
}
