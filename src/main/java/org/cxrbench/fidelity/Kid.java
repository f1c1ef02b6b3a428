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

    /**
     * Which units each jackknife value removes, [value][0 real, 1 synthetic][unit] (true: removed): one real unit
     * (G values), one synthetic unit (G), then, with {@code halves}, one paired unit (real group u and synthetic
     * group u; G values) and each balanced half-sample's other units from both sets (2(G-1) values).
     */
    static boolean[][][] removals(int units, boolean[][] halves) {
        int values = halves == null ? 2 * units : 3 * units + halves.length;
        boolean[][][] out = new boolean[values][2][units];
        for (int u = 0; u < units; u++) {
            out[u][0][u] = true;
            out[units + u][1][u] = true;
            if (halves != null) {
                out[2 * units + u][0][u] = true;
                out[2 * units + u][1][u] = true;
            }
        }
        for (int s = 0; halves != null && s < halves.length; s++) {
            for (int u = 0; u < units; u++) {
                out[3 * units + s][0][u] = !halves[s][u];
                out[3 * units + s][1][u] = !halves[s][u];
            }
        }
        return out;
    }

    /**
     * KID with the rows of the removed units ({@link #removals}; units are the {@code groups} of each set) left out
     * of every subset, one value per removal. Each subset's unbiased MMD^2 then has unequal sizes,
     * sum_{i!=j} Kxx/(m(m-1)) + sum_{i!=j} Kyy/(n(n-1)) - 2 sum Kxy/(mn); NaN where a subset keeps fewer than 2
     * rows of a set. Each subset's kernel values are formed once (looked up in the full sets' products when these
     * have at most {@link #GRAM_LIMIT} entries, else from the subset's rows as {@link #compute} forms them) and every
     * removal sums the entries of its kept rows in {@link #compute}'s order, so a value has the bits of
     * {@link #compute} on the reduced subsets. Subsets run in parallel; the values do not depend on the thread count.
     */
    static double[] leaveOutMeans(Features real, Features synthetic, int[][][] groups, Subsets sub,
                                  boolean[][][] removals) {
        long entries = (long) real.n() * real.n() + (long) synthetic.n() * synthetic.n()
                + (long) real.n() * synthetic.n();
        return leaveOutMeans(real, synthetic, groups, sub, removals, entries <= GRAM_LIMIT);
    }

    /** Largest kernel-matrix entry count (real x real + synthetic x synthetic + real x synthetic) formed whole. */
    static final long GRAM_LIMIT = 50_000_000L;

    /**
     * {@link #leaveOutMeans}; {@code viaGram}: the full sets' products are formed once and each subset's kernel
     * values are looked up in them (cheaper than forming each subset's when N^2 &lt; S m^2), else each subset's
     * products are formed (the same bits).
     */
    static double[] leaveOutMeans(Features real, Features synthetic, int[][][] groups, Subsets sub,
                                  boolean[][][] removals, boolean viaGram) {
        double[] grr = viaGram ? products(real, real, true) : null;
        double[] gss = viaGram ? products(synthetic, synthetic, true) : null;
        double[] grs = viaGram ? products(real, synthetic, false) : null;
        int count = sub.real().length;
        int[] unitR = Bootstrap.groupOf(real.n(), groups[0]);
        int[] unitS = Bootstrap.groupOf(synthetic.n(), groups[1]);
        double[][] perSubset = new double[removals.length][count];
        org.cxrbench.common.Progress.Meter meter = new org.cxrbench.common.Progress.Meter("kid jackknife subsets",
                count, 2000);
        java.util.stream.IntStream.range(0, count).parallel().forEach(k -> {
            int[] x = sub.real()[k];
            int[] y = sub.synthetic()[k];
            double[] kxx = viaGram ? cubes(grr, real.n(), x, x, true) : cubes(products(real.rows(x), real.rows(x), true));
            double[] kyy = viaGram ? cubes(gss, synthetic.n(), y, y, true)
                    : cubes(products(synthetic.rows(y), synthetic.rows(y), true));
            double[] kxy = viaGram ? cubes(grs, synthetic.n(), x, y, false)
                    : cubes(products(real.rows(x), synthetic.rows(y), false));
            for (int v = 0; v < removals.length; v++) {
                int[] px = kept(x, unitR, removals[v][0]);
                int[] py = kept(y, unitS, removals[v][1]);
                perSubset[v][k] = mmd2Kept(kxx, kyy, kxy, x.length, y.length, px, py);
            }
            meter.step();
        });
        double[] out = new double[removals.length];
        for (int v = 0; v < removals.length; v++) {
            double mean = 0;
            for (double s : perSubset[v]) {
                mean += s;
            }
            out[v] = mean / count;
        }
        return out;
    }

    /** (g + 1)^3 of each entry, in place (the kernel values {@link #kernelSum} forms). */
    private static double[] cubes(double[] g) {
        for (int i = 0; i < g.length; i++) {
            double t = g[i] + 1;
            g[i] = t * t * t;
        }
        return g;
    }

    /**
     * (g + 1)^3 for the rows a x b of full-set products g (row-major, {@code width} columns; {@code same}: a == b,
     * g's upper triangle, and only p &lt; q is filled).
     */
    private static double[] cubes(double[] g, int width, int[] a, int[] b, boolean same) {
        double[] out = new double[a.length * b.length];
        for (int p = 0; p < a.length; p++) {
            for (int q = same ? p + 1 : 0; q < b.length; q++) {
                int i = same ? Math.min(a[p], b[q]) : a[p];
                int j = same ? Math.max(a[p], b[q]) : b[q];
                double t = g[i * width + j] + 1;
                out[p * b.length + q] = t * t * t;
            }
        }
        return out;
    }

    /** Positions (in subset order) of the subset's rows whose unit is not removed; rows in no unit are kept. */
    private static int[] kept(int[] subset, int[] unit, boolean[] removed) {
        int[] p = new int[subset.length];
        int c = 0;
        for (int i = 0; i < subset.length; i++) {
            int u = unit[subset[i]];
            if (u < 0 || !removed[u]) {
                p[c++] = i;
            }
        }
        return java.util.Arrays.copyOf(p, c);
    }

    /** Unbiased MMD^2 over the kept positions px, py of one subset, from its kernel values (row-major, m x m etc.). */
    private static double mmd2Kept(double[] kxx, double[] kyy, double[] kxy, int mx, int my, int[] px, int[] py) {
        int m = px.length;
        int n = py.length;
        if (m < 2 || n < 2) {
            return Double.NaN;
        }
        double sxy = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            int off = px[i] * my;
            for (int j = 0; j < n; j++) {
                row += kxy[off + py[j]];
            }
            sxy += row;
        }
        return offDiagonalSum(kxx, mx, px) / ((double) m * (m - 1)) + offDiagonalSum(kyy, my, py) / ((double) n * (n - 1))
                - 2 * sxy / ((double) m * n);
    }

    /** kernelSum(x, x, true) over the kept positions of a subset whose upper-triangle kernel values are k (w x w). */
    private static double offDiagonalSum(double[] k, int w, int[] pos) {
        int m = pos.length;
        double s = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            int off = pos[i] * w;
            for (int j = i + 1; j < m; j++) {
                row += k[off + pos[j]];
            }
            s += 2 * row;
        }
        return s;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
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
}
