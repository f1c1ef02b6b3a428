package org.cxrbench.fidelity;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Workers;

/**
 * A candidate tried for issue 20.1 and not adopted (metrics/prdc.md, "Tried and not adopted"; test code, used by
 * {@link PrdcCoverageRuns} {@code -Dcoverage.method=half}): the jackknife parts of PRDC's two-part variance ({@link PrdcSubsample#variances}' design) from a delete-a-group
 * jackknife less its second-order excess, estimated from balanced half-samples of the same groups: the correction of
 * FID's interval ({@link HalfSamples}; Efron &amp; Stein 1981, Ann. Statist. 9:586; Shao &amp; Wu 1989, Ann. Statist.
 * 17:1176; McCarthy 1969, Rev. Int. Statist. Inst. 37:239), applied to every jackknife part of every statistic
 * (issue 20.1, metrics/prdc.md). It brought coverage at N = 150, d = 256 into the band but took other cells out.
 *
 * <p>Each set's rows are cut at random (seeded) into G groups of floor(n/G) rows (G = {@link #GROUPS}, or n rounded
 * down to a multiple of 4 when n is smaller); the n mod G other rows are never left out. For each set, with the other
 * set whole: the G delete-1-group subsets give v_1 and the 2(G-1) balanced half-samples (rows of a Hadamard matrix and
 * their complements) give v_h, each scaled so that its expectation is s^2/n for a mean of the n rows' values. A part
 * is then v_1 - c (v_h - v_1), kept within [v_1 / a_1, v_1] ({@link HalfSamples#corrected}). The statistic behind a
 * part (coverage's own-set spread, the other parts' covariance between distinct rows) is that of
 * {@link PrdcSubsample#variances}; all subsets come from one pass over the distances ({@link PrdcSubsample#units}).
 */
final class PrdcHalfSamples {
    private PrdcHalfSamples() {}

    /** Groups per set (20, as FID's; an order with a Hadamard matrix). */
    static final int GROUPS = 20;

    /** Values kept per statistic by {@link #parts}. */
    static final int WIDTH = 8;

    /** G for n rows: min(groups, n) rounded down to a multiple of 4 (0 when below 4). */
    static int groups(int n, int groups) {
        int g = Math.min(groups, n) / 4 * 4;
        return g >= 4 ? g : 0;
    }

    /**
     * Per statistic (precision, recall, density, coverage): [0] v_1 and [1] v_h of part 0 (for precision, recall and
     * density part 0 is the exact s^2/u of {@link PrdcSubsample#meanVariance} in [0] and NaN in [1]), [2] v_1 and [3]
     * v_h of part 1 (the other set's), [4]-[7] the mean statistic over the subsets behind [0]-[3] (NaN where none).
     * A part whose subsets cannot keep k + 1 rows is 0 (v_h NaN).
     */
    static double[][] parts(Features real, Features synthetic, int k, boolean inclusive, int groups, long seed) {
        return parts(real, synthetic, k, inclusive, groups, 1, seed);
    }

    /** Over subsets [from, to) of {@link #parts}' units: one of a part's values. */
    private interface Span {
        double of(int from, int to);
    }

    /**
     * As {@link #parts(Features, Features, int, boolean, int, long)} averaged over {@code groupings} independent
     * random groupings of each set (each grouping's v_1 and v_h have the same expectations; the average has less of
     * the grouping's noise); 1 grouping: the same values.
     */
    static double[][] parts(Features real, Features synthetic, int k, boolean inclusive, int groups, int groupings,
                            long seed) {
        int n = real.n();
        int m = synthetic.n();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x4A1F5L);
        int[] allR = java.util.stream.IntStream.range(0, n).toArray();
        int[] allS = java.util.stream.IntStream.range(0, m).toArray();
        java.util.List<int[][]> list = new java.util.ArrayList<>();
        list.add(new int[][] {allR, allS});
        int[][] from = new int[groupings][5]; // per grouping: starts of real delete-1, real halves, synthetic ..., end
        for (int r = 0; r < groupings; r++) {
            int[][][] realSets = designs(n, k, groups, rnd);
            int[][][] synSets = designs(m, k, groups, rnd);
            int c = 0;
            for (int[][] kind : realSets) {
                from[r][c++] = list.size();
                for (int[] rows : kind) {
                    list.add(new int[][] {rows, allS});
                }
            }
            for (int[][] kind : synSets) {
                from[r][c++] = list.size();
                for (int[] rows : kind) {
                    list.add(new int[][] {allR, rows});
                }
            }
            from[r][4] = list.size();
        }
        int[][][] subsets = list.toArray(new int[0][][]);
        double[][] rr = PrdcSubsample.radii(real, k, subsets, 0);
        double[][] rs = PrdcSubsample.radii(synthetic, k, subsets, 1);
        PrdcSubsample.Pairs pairs = PrdcSubsample.Pairs.of(real, synthetic, PrdcSubsample.max(rr, n),
                PrdcSubsample.max(rs, m), inclusive);
        int[][][] u = new int[subsets.length][][];
        Workers.current().forEach(subsets.length, 1,
                s -> u[s] = PrdcSubsample.units(pairs, subsets[s], rr[s], rs[s], inclusive, n, m));
        double[] scaleR = scales(n, groups(n, groups));
        double[] scaleS = scales(m, groups(m, groups));
        double nan = Double.NaN;
        Span[] v1r = {(a, b) -> PrdcSubsample.between(u, a, b, 0, true, 1),
            (a, b) -> PrdcSubsample.between(u, a, b, 0, false, k),
            (a, b) -> PrdcSubsample.coverageSpread(u, a, b, subsets)};
        double[][] out = new double[4][];
        // precision and density: synthetic rows' values, the real set resampled; recall the other way round
        out[0] = new double[] {PrdcSubsample.meanVariance(u[0][0], true, 1), nan,
            scaleR[0] * mean(from, 0, v1r[0]), scaleR[1] * mean(from, 1, v1r[0]), nan, nan,
            mean(from, 0, (a, b) -> PrdcSubsample.level(u, a, b, 0, true, 1)),
            mean(from, 1, (a, b) -> PrdcSubsample.level(u, a, b, 0, true, 1))};
        Span recall = (a, b) -> PrdcSubsample.between(u, a, b, 1, false, 1);
        out[1] = new double[] {PrdcSubsample.meanVariance(u[0][1], false, 1), nan,
            scaleS[0] * mean(from, 2, recall), scaleS[1] * mean(from, 3, recall), nan, nan,
            mean(from, 2, (a, b) -> PrdcSubsample.level(u, a, b, 1, false, 1)),
            mean(from, 3, (a, b) -> PrdcSubsample.level(u, a, b, 1, false, 1))};
        out[2] = new double[] {PrdcSubsample.meanVariance(u[0][0], false, k), nan,
            scaleR[0] * mean(from, 0, v1r[1]), scaleR[1] * mean(from, 1, v1r[1]), nan, nan,
            mean(from, 0, (a, b) -> PrdcSubsample.level(u, a, b, 0, false, k)),
            mean(from, 1, (a, b) -> PrdcSubsample.level(u, a, b, 0, false, k))};
        Span covered = (a, b) -> PrdcSubsample.between(u, a, b, 2, false, 1);
        out[3] = new double[] {scaleR[0] * mean(from, 0, v1r[2]), scaleR[1] * mean(from, 1, v1r[2]),
            scaleS[0] * mean(from, 2, covered), scaleS[1] * mean(from, 3, covered),
            mean(from, 0, (a, b) -> PrdcSubsample.coverageLevel(u, a, b, subsets)),
            mean(from, 1, (a, b) -> PrdcSubsample.coverageLevel(u, a, b, subsets)),
            mean(from, 2, (a, b) -> PrdcSubsample.level(u, a, b, 2, false, 1)),
            mean(from, 3, (a, b) -> PrdcSubsample.level(u, a, b, 2, false, 1))};
        if (from[0][2] == from[0][1]) { // no real half-samples
            out[3][1] = nan;
            out[0][3] = nan;
            out[2][3] = nan;
        }
        if (from[0][4] == from[0][3]) {
            out[1][3] = nan;
            out[3][3] = nan;
        }
        return out;
    }

    /** The mean over groupings of a value over each grouping's subsets of one kind (0-3, as {@code from}). */
    private static double mean(int[][] from, int kind, Span span) {
        double sum = 0;
        for (int[] f : from) {
            sum += span.of(f[kind], f[kind + 1]);
        }
        return sum / from.length;
    }

    /**
     * A set's subsets: [0] the G delete-1-group ones, [1] the 2(G-1) balanced half-samples (each followed by its
     * complement); rows sorted. Empty where a subset would keep fewer than k + 1 rows (no halves then either).
     */
    static int[][][] designs(int n, int k, int groups, SplittableRandom rnd) {
        int g = groups(n, groups);
        int[] perm = java.util.stream.IntStream.range(0, n).toArray();
        org.cxrbench.stats.Sampling.shuffle(rnd, perm);
        if (g == 0 || n - n / g < k + 1) {
            return new int[][][] {new int[0][], new int[0][]};
        }
        int size = n / g;
        int[] groupOf = new int[n];
        java.util.Arrays.fill(groupOf, -1);
        for (int i = 0; i < g * size; i++) {
            groupOf[perm[i]] = i / size;
        }
        int[][] leaveOut = new int[g][];
        for (int j = 0; j < g; j++) {
            final int left = j;
            leaveOut[j] = java.util.stream.IntStream.range(0, n).filter(i -> groupOf[i] != left).toArray();
        }
        boolean[][] halves = (n - g * size) + g / 2 * size >= k + 1 ? HalfSamples.balanced(g) : null;
        int[][] half = new int[halves == null ? 0 : halves.length][];
        for (int s = 0; s < half.length; s++) {
            boolean[] keep = halves[s];
            half[s] = java.util.stream.IntStream.range(0, n).filter(i -> groupOf[i] < 0 || keep[groupOf[i]]).toArray();
        }
        return new int[][][] {leaveOut, half};
    }

    /**
     * The factors that make the delete-1-group variance (1/G) sum (t_g - mean)^2 and the half-sample variance
     * (1/M) sum (t_s - mean)^2 unbiased for s^2/n when the statistic is a mean of the n rows' values, with groups of
     * b = floor(n/G) rows and L = n - G b rows never left out: G (n - b)^2 / ((G - 1) b n) and
     * 4 (G b / 2 + L)^2 / (G b n) (G - 1 and 1 when L = 0).
     */
    static double[] scales(int n, int g) {
        if (g == 0) {
            return new double[] {0, 0};
        }
        double b = n / g;
        double rest = n - g * b;
        return new double[] {g * (n - b) * (n - b) / ((g - 1) * b * n), 4 * (g * b / 2 + rest) * (g * b / 2 + rest)
                / (g * b * n)};
    }

    /**
     * A part from its v_1 and v_h: v_1 - c (v_h - v_1) within [v_1 / a_1, v_1] ({@link HalfSamples#corrected},
     * G groups); v_1 as it is where v_h is NaN (an exact part, or no half-samples).
     */
    static double part(double v1, double vh, int g) {
        return Double.isNaN(vh) || g == 0 ? v1 : HalfSamples.corrected(v1, v1, vh, g);
    }

    /** A statistic's variance from its {@link #parts} row, n and m the rows of the set behind each part. */
    static double combined(double[] row, int groupsPart0, int groupsPart1) {
        return part(row[0], row[1], groupsPart0) + part(row[2], row[3], groupsPart1);
    }

    /**
     * Satterthwaite's (1946, Biometrics Bull. 2:110) degrees of freedom of a sum of two variance estimates with
     * dfA and dfB degrees of freedom: (a + b)^2 / (a^2 / dfA + b^2 / dfB); infinite when the sum is 0.
     */
    static double degrees(double a, double dfA, double b, double dfB) {
        double noise = (a > 0 ? a * a / dfA : 0) + (b > 0 ? b * b / dfB : 0);
        return noise > 0 ? (a + b) * (a + b) / noise : Double.POSITIVE_INFINITY;
    }

    /**
     * The 97.5% quantile for a statistic's {@link #parts} row: Student's t at {@link #degrees} (an exact part: its
     * rows - 1; a jackknife part: G - 1, Kott 2001, J. Off. Stat. 17:521, for a delete-a-group jackknife), 1.96
     * above 10^6 degrees of freedom. {@code rows0}: the rows behind an exact part 0.
     */
    static double quantile(double[] row, int rows0, int groupsPart0, int groupsPart1) {
        double a = part(row[0], row[1], groupsPart0);
        double b = part(row[2], row[3], groupsPart1);
        boolean exact0 = Double.isNaN(row[1]);
        double df = degrees(a, exact0 ? rows0 - 1 : groupsPart0 - 1, b, groupsPart1 - 1);
        return df > 1e6 || !(df >= 1) ? 1.96 : org.cxrbench.stats.TStatistics.quantile(0.975, df);
    }
}
