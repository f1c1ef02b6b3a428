package org.cxrbench.fidelity;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.Workers;

/**
 * Precision, recall, density and coverage on many random subsets of the two sets, for the two-part delete-d
 * jackknife variance of their intervals ({@link #variances}, {@link PrdcIntervals#prdc}; issue 20.1), from one pass over
 * the real x synthetic distances; every subset's values equal {@link Prdc#compute} run on that pair of subsets with
 * its radii recomputed from scratch ({@code PrdcSubsampleTest} checks this exactly, both conventions, with ties).
 *
 * <p>A row's k-NN radius within a subset is its (k+1)-th smallest distance to the subset's rows (itself included),
 * read from its own set's sorted neighbour list (k + 1 + {@link #DEPTH} entries; a row whose list runs out is searched
 * in full). The largest such radius over all subsets bounds every ball a row ever has, so one pass keeps, per real
 * row, the synthetic rows within its bound or within their own bound, with their exact distances; each subset's
 * per-row counts (and so its four statistics) are then counts over these pairs. Subsets are drawn from one seeded
 * stream and each subset's counts are written to its own slot, so the result does not depend on the thread count.
 */
final class PrdcSubsample {
    private PrdcSubsample() {}

    /** Neighbours kept beyond k + 1 (with a quarter of the rows deleted, a row needs k of its first k + DEPTH others). */
    static final int DEPTH = 16;

    /** The kept rows (sorted) of both sets in each subset: [subset][0] real, [subset][1] synthetic. */
    static int[][][] subsets(int nReal, int nSynthetic, int keptReal, int keptSynthetic, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5AB5A3L);
        int[][][] out = new int[count][2][];
        for (int s = 0; s < count; s++) {
            out[s][0] = sorted(org.cxrbench.stats.Sampling.withoutReplacement(rnd, nReal, keptReal));
            out[s][1] = sorted(org.cxrbench.stats.Sampling.withoutReplacement(rnd, nSynthetic, keptSynthetic));
        }
        return out;
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    /** The four statistics on each subset: [0] precision, [1] recall, [2] density, [3] coverage, each per subset. */
    static double[][] values(Features real, Features synthetic, int k, boolean inclusive, int[][][] subsets) {
        int b = subsets.length;
        double[][] rr = radii(real, k, subsets, 0);
        double[][] rs = radii(synthetic, k, subsets, 1);
        Pairs pairs = Pairs.of(real, synthetic, max(rr, real.n()), max(rs, synthetic.n()), inclusive);
        double[][] out = new double[4][b];
        Workers.current().forEach(b, 1, s -> {
            double[] v = statistics(units(pairs, subsets[s], rr[s], rs[s], inclusive, real.n(), synthetic.n()),
                    subsets[s], k);
            for (int q = 0; q < 4; q++) {
                out[q][s] = v[q];
            }
        });
        return out;
    }

    /**
     * The two parts of each statistic's variance ([statistic: precision, recall, density, coverage][part]), by the
     * law of total variance. [0] Given the other set, the statistic is a mean over one set's rows: synthetic rows for
     * precision (inside some real ball) and density (real balls holding it / k), real rows for recall (inside some
     * synthetic ball); its variance is s^2/u of the u per-row values on the full sets (the delete-1 jackknife of a
     * mean, exact). Coverage's rows depend on each other through the real radii, so its part [0] is the real set's
     * delete-d jackknife variance with the synthetic set fixed. [1] The other set's part: {@code count} seeded subsets
     * of that set alone, d = floor(share n) of its n rows deleted (at least 1, at most n - k - 1), r/d times the
     * subsets' mean covariance between distinct rows' values (the delete-d jackknife of Shao &amp; Wu 1989 less the
     * rows' own variances, which part [0] already holds: the interaction is counted once; floored at 0). [2] and
     * [3]: the statistic's mean over the subsets behind parts [0] and [1] (NaN for an exact part [0]; recorded for
     * the coverage simulation's comparison in metrics/prdc.md).
     */
    static double[][] variances(Features real, Features synthetic, int k, boolean inclusive, int count, long seed,
                                double share) {
        int n = real.n();
        int m = synthetic.n();
        int dn = deleted(n, k, share);
        int dm = deleted(m, k, share);
        int cr = dn > 0 ? count : 0;
        int cs = dm > 0 ? count : 0;
        int[] allR = java.util.stream.IntStream.range(0, n).toArray();
        int[] allS = java.util.stream.IntStream.range(0, m).toArray();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5AB5A3L);
        int[][][] subsets = new int[1 + cr + cs][][];
        subsets[0] = new int[][] {allR, allS};
        for (int s = 1; s <= cr; s++) {
            subsets[s] = new int[][] {sorted(org.cxrbench.stats.Sampling.withoutReplacement(rnd, n, n - dn)), allS};
        }
        for (int s = 1 + cr; s < subsets.length; s++) {
            subsets[s] = new int[][] {allR, sorted(org.cxrbench.stats.Sampling.withoutReplacement(rnd, m, m - dm))};
        }
        double[][] rr = radii(real, k, subsets, 0);
        double[][] rs = radii(synthetic, k, subsets, 1);
        Pairs pairs = Pairs.of(real, synthetic, max(rr, n), max(rs, m), inclusive);
        int[][][] u = new int[subsets.length][][];
        Workers.current().forEach(subsets.length, 1, s -> u[s] = units(pairs, subsets[s], rr[s], rs[s], inclusive, n, m));
        double fr = dn > 0 ? (double) (n - dn) / dn : 0;
        double fs = dm > 0 ? (double) (m - dm) / dm : 0;
        int b = subsets.length;
        return new double[][] {
            {meanVariance(u[0][0], true, 1), fr * between(u, 1, 1 + cr, 0, true, 1), Double.NaN,
                level(u, 1, 1 + cr, 0, true, 1)},
            {meanVariance(u[0][1], false, 1), fs * between(u, 1 + cr, b, 1, false, 1), Double.NaN,
                level(u, 1 + cr, b, 1, false, 1)},
            {meanVariance(u[0][0], false, k), fr * between(u, 1, 1 + cr, 0, false, k), Double.NaN,
                level(u, 1, 1 + cr, 0, false, k)},
            {fr * coverageSpread(u, 1, 1 + cr, subsets), fs * between(u, 1 + cr, b, 2, false, 1),
                coverageLevel(u, 1, 1 + cr, subsets), level(u, 1 + cr, b, 2, false, 1)}};
    }

    /** Over subsets [from, to): the mean of the statistic, each subset's mean of the rows' values (NaN: none). */
    static double level(int[][][] units, int from, int to, int part, boolean indicator, int scale) {
        double sum = 0;
        for (int s = from; s < to; s++) {
            double t = 0;
            for (int x : units[s][part]) {
                t += value(x, indicator, scale);
            }
            sum += t / units[s][part].length;
        }
        return to > from ? sum / (to - from) : Double.NaN;
    }

    /** Over subsets [from, to): the mean coverage of the kept real rows (NaN: none). */
    static double coverageLevel(int[][][] units, int from, int to, int[][][] subsets) {
        double sum = 0;
        for (int s = from; s < to; s++) {
            long covered = 0;
            for (int i : subsets[s][0]) {
                covered += units[s][2][i];
            }
            sum += (double) covered / subsets[s][0].length;
        }
        return to > from ? sum / (to - from) : Double.NaN;
    }

    /**
     * A statistic's variance from its {@link #variances} row: part [0] plus part [1], each jackknife part moved
     * from the level of its subsets to the estimate's by the delta method on the variance-stabilising scale (the
     * jackknife variance of g(statistic) is about var g'(m)^2, m the subsets' mean, read back at the estimate p as
     * var g'(m)^2 / g'(p)^2): for a share g = arcsin sqrt, ratio p(1-p) / (m(1-m)); for density, a mean of counts,
     * g = sqrt, ratio p / m (Anscombe 1948, Biometrika 35:246). The k-NN balls of a subset of n - d rows are
     * larger than those of all n, so the subsets' statistic sits at another level (d = 256, N = 150: precision
     * 0.085, 0.098 on 3N/4 real rows), and a share's spread there is that level's. An exact part [0] (NaN level),
     * and a level or estimate at 0 or 1, keep the factor 1.
     */
    static double combined(double estimate, double[] parts, boolean count) {
        return parts[0] * stabilising(estimate, parts[2], count) + parts[1] * stabilising(estimate, parts[3], count);
    }

    private static double stabilising(double estimate, double level, boolean count) {
        if (Double.isNaN(level)) {
            return 1;
        }
        double at = count ? estimate : estimate * (1 - estimate);
        double of = count ? level : level * (1 - level);
        return at > 0 && of > 0 ? at / of : 1;
    }

    /** Rows deleted from a set of n in each subset: floor(share n), at least 1, at most n - k - 1 (k + 1 kept). */
    static int deleted(int n, int k, double share) {
        return Math.max(0, Math.min(Math.max(1, (int) Math.floor(share * n)), n - k - 1));
    }

    /** The mean square deviation of coverage (the share of kept real rows whose ball holds a synthetic row). */
    static double coverageSpread(int[][][] units, int from, int to, int[][][] subsets) {
        double[] c = new double[to - from];
        for (int s = from; s < to; s++) {
            long covered = 0;
            for (int i : subsets[s][0]) {
                covered += units[s][2][i];
            }
            c[s - from] = (double) covered / subsets[s][0].length;
        }
        return c.length < 2 ? 0 : Bootstrap.meanSquare(c);
    }

    /** A row's value from its count: an indicator of count &gt; 0, or count / scale. */
    private static double value(int count, boolean indicator, int scale) {
        return indicator ? (count > 0 ? 1 : 0) : (double) count / scale;
    }

    /** s^2 / u of the u per-row values (divisor u - 1): the variance of their mean. */
    static double meanVariance(int[] counts, boolean indicator, int scale) {
        int c = counts.length;
        if (c < 2) {
            return 0;
        }
        double mean = 0;
        for (int x : counts) {
            mean += value(x, indicator, scale);
        }
        mean /= c;
        double ss = 0;
        for (int x : counts) {
            double v = value(x, indicator, scale) - mean;
            ss += v * v;
        }
        return ss / (c - 1) / c;
    }

    /**
     * Over subsets [from, to): the mean covariance of two distinct rows' values of {@code units[s][part]}, i.e.
     * (c^2 var(mean of the c values) - sum of each row's variance) / (c (c - 1)), variances over the subsets
     * (divisor their count), floored at 0.
     */
    static double between(int[][][] units, int from, int to, int part, boolean indicator, int scale) {
        int b = to - from;
        if (b < 2) {
            return 0;
        }
        int c = units[from][part].length;
        double[] rowMean = new double[c];
        double[] statistic = new double[b];
        for (int s = from; s < to; s++) {
            int[] x = units[s][part];
            double t = 0;
            for (int i = 0; i < c; i++) {
                double v = value(x[i], indicator, scale);
                rowMean[i] += v / b;
                t += v;
            }
            statistic[s - from] = t / c;
        }
        double diagonal = 0;
        for (int s = from; s < to; s++) {
            int[] x = units[s][part];
            for (int i = 0; i < c; i++) {
                double v = value(x[i], indicator, scale) - rowMean[i];
                diagonal += v * v / b;
            }
        }
        double total = (double) c * c * Bootstrap.meanSquare(statistic);
        return c < 2 ? 0 : Math.max(0, (total - diagonal) / ((double) c * (c - 1)));
    }

    /** Each subset's radii of its kept rows, indexed by row (NaN: not kept). */
    static double[][] radii(Features x, int k, int[][][] subsets, int side) {
        int n = x.n();
        int depth = Math.min(n, k + 1 + DEPTH);
        Knn.Result nn = Knn.search(x, x, depth);
        double[][] out = new double[subsets.length][];
        Workers.current().forEach(subsets.length, 1, s -> {
            int[] kept = subsets[s][side];
            boolean[] in = new boolean[n];
            for (int r : kept) {
                in[r] = true;
            }
            double[] r = new double[n];
            Arrays.fill(r, Double.NaN);
            for (int i : kept) {
                r[i] = radius(x, i, k, in, nn, depth);
            }
            out[s] = r;
        });
        return out;
    }

    /** Row i's (k+1)-th smallest distance to the rows marked {@code in} (itself included). */
    static double radius(Features x, int i, int k, boolean[] in, Knn.Result nn, int depth) {
        int kept = 0;
        for (int p = 0; p < depth; p++) {
            if (in[nn.index(i, p)]) {
                if (kept == k) {
                    return nn.distance(i, p);
                }
                kept++;
            }
        }
        double[] d = new double[x.n()];
        int c = 0;
        for (int j = 0; j < x.n(); j++) {
            if (in[j]) {
                d[c++] = Features.distance(x, i, x, j);
            }
        }
        if (c <= k) {
            throw new IllegalArgumentException("k=" + k + " needs at least " + (k + 1) + " rows in a subset, got " + c);
        }
        Arrays.sort(d, 0, c);
        return d[k];
    }

    /** Per row, the largest radius it has in any subset (0 if never kept). */
    static double[] max(double[][] radii, int n) {
        double[] m = new double[n];
        for (double[] r : radii) {
            for (int i = 0; i < n; i++) {
                if (r[i] > m[i]) {
                    m[i] = r[i];
                }
            }
        }
        return m;
    }

    /** The real x synthetic pairs that can fall inside a ball of either in some subset, by real row (CSR). */
    record Pairs(int[] start, int[] synthetic, double[] distance) {
        static Pairs of(Features real, Features synthetic, double[] realBound, double[] syntheticBound,
                        boolean inclusive) {
            int n = real.n();
            int[] start = new int[n + 1];
            int[][] cols = new int[n][];
            double[][] dist = new double[n][];
            double[] realNorm = real.squaredNorms();
            double[] synthNorm = synthetic.squaredNorms();
            Knn.forEachBlock(real, synthetic, 256, (r0, rows, d2, m) -> {
                int[] c = new int[m];
                double[] e = new double[m];
                for (int ii = 0; ii < rows; ii++) {
                    int i = r0 + ii;
                    int cnt = 0;
                    for (int j = 0; j < m; j++) {
                        double bound = Math.max(realBound[i], syntheticBound[j]);
                        double tol = 1e-9 * (realNorm[i] + synthNorm[j]) + 1e-300;
                        if (d2[ii * m + j] > bound * bound + tol) {
                            continue;
                        }
                        double exact = Features.distance(real, i, synthetic, j);
                        if (inclusive ? exact <= bound : exact < bound) {
                            c[cnt] = j;
                            e[cnt++] = exact;
                        }
                    }
                    cols[i] = Arrays.copyOf(c, cnt);
                    dist[i] = Arrays.copyOf(e, cnt);
                }
            });
            for (int i = 0; i < n; i++) {
                start[i + 1] = start[i] + cols[i].length;
            }
            int[] cs = new int[start[n]];
            double[] ds = new double[start[n]];
            for (int i = 0; i < n; i++) {
                System.arraycopy(cols[i], 0, cs, start[i], cols[i].length);
                System.arraycopy(dist[i], 0, ds, start[i], dist[i].length);
            }
            return new Pairs(start, cs, ds);
        }
    }

    /**
     * One subset's per-row counts from the pairs and its radii (NaN: row not kept): [0] per synthetic row, the real
     * balls holding it; [1] per real row, 1 if it lies in a synthetic ball; [2] per real row, 1 if its ball holds a
     * synthetic row (0 for rows not kept).
     */
    static int[][] units(Pairs p, int[][] subset, double[] realRadius, double[] synthRadius, boolean inclusive,
                         int n, int m) {
        int[] balls = new int[m];
        int[] recalled = new int[n];
        int[] covered = new int[n];
        for (int i : subset[0]) {
            double ri = realRadius[i];
            for (int q = p.start()[i]; q < p.start()[i + 1]; q++) {
                int j = p.synthetic()[q];
                double sj = synthRadius[j];
                if (Double.isNaN(sj)) {
                    continue; // synthetic row not in this subset
                }
                double dist = p.distance()[q];
                if (inclusive ? dist <= ri : dist < ri) {
                    balls[j]++;
                    covered[i] = 1;
                }
                if (inclusive ? dist <= sj : dist < sj) {
                    recalled[i] = 1;
                }
            }
        }
        return new int[][] {balls, recalled, covered};
    }

    /** [precision, recall, density, coverage] from a subset's {@link #units}. */
    static double[] statistics(int[][] units, int[][] subset, int k) {
        long precise = 0;
        long density = 0;
        for (int j : subset[1]) {
            precise += units[0][j] > 0 ? 1 : 0;
            density += units[0][j];
        }
        long recalled = 0;
        long covered = 0;
        for (int i : subset[0]) {
            recalled += units[1][i];
            covered += units[2][i];
        }
        int nk = subset[0].length;
        int mk = subset[1].length;
        return new double[] {(double) precise / mk, (double) recalled / nk, (double) density / ((double) k * mk),
                (double) covered / nk};
    }
}
