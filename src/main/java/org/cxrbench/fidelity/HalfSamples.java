package org.cxrbench.fidelity;

/**
 * Balanced half-samples of G units and the second-order correction of a delete-1 jackknife variance that they
 * allow (FID's interval, issue 20.1; metrics/fid.md).
 *
 * <p>The delete-1 jackknife variance counts the second-order (pair) part V2 of a statistic's variance about twice
 * (Efron &amp; Stein 1981, Ann. Statist. 9:586); the delete-d jackknife of Shao &amp; Wu (1989, Ann. Statist.
 * 17:1176), v_d = r / (d M) sum_s (t_s - mean)^2 over subsets of r = G - d kept units, counts the first-order part
 * V1 once and V2 {@link #pairCount} times, which grows with d. Two deletion sizes give two equations: with
 * v_1 = V1 + a_1 V2 and the half-sample v_h = V1 + a_h V2, V = V1 + V2 = v_1 - (a_1 - 1)(v_h - v_1) / (a_h - a_1)
 * ({@link #corrected}), unbiased to second order with no first-order leak (both counts of V1 are exactly 1).
 * The half-samples are balanced (McCarthy 1969, Rev. Int. Statist. Inst. 37:239, balanced repeated replication):
 * the rows of a Hadamard matrix other than its all-ones row and their complements, so every unit is in half of
 * them and the first-order part of v_h is exact, with no Monte Carlo noise.
 */
final class HalfSamples {
    private HalfSamples() {}

    /**
     * The 2(G-1) balanced half-samples of G units (true: unit kept), each followed by its complement; null when no
     * Hadamard matrix of order G is built here (G a power of 2 by Sylvester's construction, or q + 1 for a prime
     * q = 3 mod 4 by Paley's: 2, 4, 8, 12, 16, 20, 24, 32, ...).
     */
    static boolean[][] balanced(int g) {
        int[][] h = hadamard(g);
        if (h == null || g < 4) {
            return null;
        }
        boolean[][] out = new boolean[2 * (g - 1)][g];
        for (int s = 1; s < g; s++) {
            for (int u = 0; u < g; u++) {
                // columns signed so that row 0 is all +1: every other row then keeps exactly g/2 units
                boolean in = h[s][u] * h[0][u] > 0;
                out[2 * (s - 1)][u] = in;
                out[2 * (s - 1) + 1][u] = !in;
            }
        }
        return out;
    }

    /** A Hadamard matrix of order g (entries +-1, H H^T = g I), or null when neither construction applies. */
    static int[][] hadamard(int g) {
        if (g >= 1 && Integer.bitCount(g) == 1) {
            int[][] h = {{1}};
            while (h.length < g) {
                int k = h.length;
                int[][] n = new int[2 * k][2 * k];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        n[i][j] = h[i][j];
                        n[i][j + k] = h[i][j];
                        n[i + k][j] = h[i][j];
                        n[i + k][j + k] = -h[i][j];
                    }
                }
                h = n;
            }
            return h;
        }
        int q = g - 1;
        if (q < 3 || q % 4 != 3 || !java.math.BigInteger.valueOf(q).isProbablePrime(30)) {
            return null;
        }
        // Paley I: H = I + [[0, 1^T], [-1, Q]], Q the Jacobsthal matrix chi(j - i) of GF(q), skew for q = 3 mod 4
        boolean[] square = new boolean[q];
        for (int x = 1; x < q; x++) {
            square[(int) ((long) x * x % q)] = true;
        }
        int[][] h = new int[g][g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                int s;
                if (i == 0) {
                    s = j == 0 ? 0 : 1;
                } else if (j == 0) {
                    s = -1;
                } else {
                    int diff = Math.floorMod(j - i, q);
                    s = diff == 0 ? 0 : square[diff] ? 1 : -1;
                }
                h[i][j] = s + (i == j ? 1 : 0);
            }
        }
        return h;
    }

    /**
     * a(G, r): the expected delete-d jackknife variance of a pure pair term, T = m^-2 sum_{i &lt; j} B_ij over the m
     * rows kept (uncorrelated B_ij; the second-order part of a smooth function of means and covariances), over that
     * term's variance at all rows, for G equal units of many rows each and r = G - d units kept: (r/d) f^-4 [f(1-f)/G
     * + (1 - 1/G) p(1-p)], f = r/G, p = r(r-1) / (G(G-1)) (a pair of rows in one unit is kept with probability f,
     * in two units with p). G = 20: 2.050 for d = 1, 2.947 for d = 10 (Efron &amp; Stein's 2 and Shao &amp; Wu's
     * 1 + n/r for large G).
     */
    static double pairCount(int g, int kept) {
        double f = (double) kept / g;
        double p = (double) kept * (kept - 1) / ((double) g * (g - 1));
        double deleted = g - kept;
        return kept / deleted / (f * f * f * f) * (f * (1 - f) / g + (1 - 1.0 / g) * p * (1 - p));
    }

    /** c = (a_1 - 1) / (a_h - a_1): V1 + V2 = v_1 - c (v_h - v_1) in expectation (G = 20: 1.170). */
    static double excessFactor(int g) {
        double a1 = pairCount(g, g - 1);
        return (a1 - 1) / (pairCount(g, g / 2) - a1);
    }

    /**
     * V1 + V2 from a delete-1 variance {@code base} and the second-order excess {@code vh - v1} of a half-sample
     * and a delete-1 variance over the same units: base - c (vh - v1), kept within [base / a_1, base] (the values
     * V1 + V2 takes for V1, V2 &gt;= 0 when E[base] = V1 + a_1 V2).
     */
    static double corrected(double base, double v1, double vh, int g) {
        double a1 = pairCount(g, g - 1);
        return Math.min(base, Math.max(base / a1, base - excessFactor(g) * (vh - v1)));
    }

    /** (1/M) sum_s (t_s - mean)^2, the half-sample variance (r/d = 1) over M balanced half-samples. */
    static double variance(double[] t) {
        return Bootstrap.meanSquare(t);
    }
}
