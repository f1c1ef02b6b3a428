package org.cxrbench.fidelity;

import java.util.Arrays;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;

/**
 * The delete-a-group jackknife values of precision, recall, density and coverage (issue 20.1) in one pass over the
 * real x synthetic distances, equal to {@link Prdc#compute} on each leave-one-group-out pair of sets (the test
 * checks them against that direct recomputation, exactly).
 *
 * <p>Leaving rows out of a set enlarges the k-NN radii of the rows whose k nearest neighbours included them; each
 * row's radius without group g comes from its own set's deeper neighbour list (k + 1 + {@link #DEPTH} entries;
 * a row whose list runs out is searched in full). Per real row the pass counts, for its base radius and for every
 * enlarged one, the synthetic rows inside, per synthetic group; per synthetic row it counts the real balls holding
 * it per real group. The statistics of each leave-out pair follow from these counts without a second pass.
 */
final class PrdcJackknife {
    private PrdcJackknife() {}

    /** Neighbours kept beyond k + 1 for the radii after a group is left out. */
    static final int DEPTH = 8;

    /** The four statistics' leave-group-out values, each laid out [real groups..., synthetic groups...]. */
    record Values(double[] precision, double[] recall, double[] density, double[] coverage) {}

    /** A set's radii after each group is left out, where they differ from the base radius: row -> (group, radius). */
    record Enlarged(int[] start, int[] group, double[] radius) {
        int count(int row) {
            return start[row + 1] - start[row];
        }
    }

    /** Group of each row (-1: in no group, never left out). */
    static int[] groupOf(int n, int[][] groups) {
        int[] g = new int[n];
        Arrays.fill(g, -1);
        for (int k = 0; k < groups.length; k++) {
            for (int r : groups[k]) {
                g[r] = k;
            }
        }
        return g;
    }

    /** For each row, its k-NN radius (the (k+1)-th distance counting itself) with each group left out, where larger. */
    static Enlarged enlarged(Features x, int k, int[] groupOf, double[] base) {
        int n = x.n();
        int depth = Math.min(n, k + 1 + DEPTH);
        Knn.Result nn = Knn.search(x, x, depth);
        int[] start = new int[n + 1];
        int[] grp = new int[n * (k + 1)];
        double[] rad = new double[n * (k + 1)];
        int c = 0;
        for (int i = 0; i < n; i++) {
            start[i] = c;
            for (int p = 0; p <= k; p++) {
                int g = groupOf[nn.index(i, p)];
                if (g < 0 || g == groupOf[i] || seen(grp, start[i], c, g)) {
                    continue;
                }
                double r = radiusWithout(x, i, k, g, groupOf, nn, depth);
                if (r != base[i]) {
                    grp[c] = g;
                    rad[c++] = r;
                }
            }
        }
        start[n] = c;
        return new Enlarged(start, Arrays.copyOf(grp, c), Arrays.copyOf(rad, c));
    }

    private static boolean seen(int[] grp, int from, int to, int g) {
        for (int q = from; q < to; q++) {
            if (grp[q] == g) {
                return true;
            }
        }
        return false;
    }

    /** Row i's (k+1)-th smallest distance among the rows not in group g (itself included). */
    static double radiusWithout(Features x, int i, int k, int g, int[] groupOf, Knn.Result nn, int depth) {
        int kept = 0;
        for (int p = 0; p < depth; p++) {
            if (groupOf[nn.index(i, p)] != g) {
                if (kept == k) {
                    return nn.distance(i, p);
                }
                kept++;
            }
        }
        // the list ran out: all distances to the rows outside g
        double[] d = new double[x.n()];
        int c = 0;
        for (int j = 0; j < x.n(); j++) {
            if (groupOf[j] != g) {
                d[c++] = Features.distance(x, i, x, j);
            }
        }
        Arrays.sort(d, 0, c);
        return d[k];
    }

    /** The leave-group-out values for the groups of {@link Bootstrap#equalGroups} ([0] real, [1] synthetic). */
    static Values compute(Features real, Features synthetic, int k, boolean inclusive, double[] realRadii,
                          double[] synthRadii, int[][][] groups) {
        Pass p = new Pass(real, synthetic, k, inclusive, realRadii, synthRadii, groups);
        Knn.forEachBlock(real, synthetic, 256, p::block);
        return p.values();
    }

    /** The counts of one pass over the distance blocks, real rows as queries. */
    private static final class Pass {
        final Features real;
        final Features synthetic;
        final int k;
        final boolean inclusive;
        final double[] rr;
        final double[] rs;
        final double[] rr2;
        final double[] rs2;
        final int[] gr;
        final int[] gs;
        final int groups;
        final Enlarged er;
        final Enlarged es;
        final double[] esMax2;
        final double[] realNorm;
        final double[] synthNorm;
        final int[] realGroupSize;
        final int[] synthGroupSize;
        // per synthetic row: real balls holding it, in all and per real group; covered by an enlarged ball (j, g)
        final long[] balls;
        final int[] ballsByGroup;
        final boolean[] enlargedCover;
        // per real group g (real set without g): density numerator parts, covered and recalled real rows
        final long[] densityInGroup;
        final long[] densityExtra;
        final int[] coveredInGroup;
        final int[] coveredExtra;
        final int[] recalledInGroup;
        long densityTotal;
        int coveredTotal;
        int recalledTotal;
        // per synthetic group h (synthetic set without h): covered and recalled real rows
        final int[] coveredWithoutSynth;
        final int[] recalledWithoutSynth;

        Pass(Features real, Features synthetic, int k, boolean inclusive, double[] realRadii, double[] synthRadii,
             int[][][] g) {
            this.real = real;
            this.synthetic = synthetic;
            this.k = k;
            this.inclusive = inclusive;
            rr = realRadii;
            rs = synthRadii;
            rr2 = squares(rr);
            rs2 = squares(rs);
            groups = g[0].length;
            gr = groupOf(real.n(), g[0]);
            gs = groupOf(synthetic.n(), g[1]);
            er = enlarged(real, k, gr, rr);
            es = enlarged(synthetic, k, gs, rs);
            esMax2 = new double[synthetic.n()];
            for (int j = 0; j < synthetic.n(); j++) {
                for (int q = es.start()[j]; q < es.start()[j + 1]; q++) {
                    esMax2[j] = Math.max(esMax2[j], es.radius()[q] * es.radius()[q]);
                }
            }
            realNorm = real.squaredNorms();
            synthNorm = synthetic.squaredNorms();
            realGroupSize = sizes(g[0]);
            synthGroupSize = sizes(g[1]);
            int m = synthetic.n();
            balls = new long[m];
            ballsByGroup = new int[m * groups];
            enlargedCover = new boolean[m * groups];
            densityInGroup = new long[groups];
            densityExtra = new long[groups];
            coveredInGroup = new int[groups];
            coveredExtra = new int[groups];
            recalledInGroup = new int[groups];
            coveredWithoutSynth = new int[groups];
            recalledWithoutSynth = new int[groups];
        }

        boolean in(double d2, double r2, double r, double tol, int i, int j) {
            return Prdc.inside(d2, r2, r, tol, inclusive, real, i, synthetic, j);
        }

        void block(int r0, int rows, double[] d2, int m) {
            int[] inBySynth = new int[groups];
            int[] sBallsBySynth = new int[groups];
            boolean[] recallEnlarged = new boolean[groups];
            for (int ii = 0; ii < rows; ii++) {
                int i = r0 + ii;
                int off = ii * m;
                Arrays.fill(inBySynth, 0);
                Arrays.fill(sBallsBySynth, 0);
                Arrays.fill(recallEnlarged, false);
                int from = er.start()[i];
                int mods = er.count(i);
                long[] modCount = new long[mods];
                long base = 0;
                long sBalls = 0;
                for (int j = 0; j < m; j++) {
                    double v = d2[off + j];
                    double tol = 1e-9 * (realNorm[i] + synthNorm[j]) + 1e-300;
                    boolean inReal = in(v, rr2[i], rr[i], tol, i, j);
                    if (inReal) {
                        base++;
                        balls[j]++;
                        if (gr[i] >= 0) {
                            ballsByGroup[j * groups + gr[i]]++;
                        }
                        if (gs[j] >= 0) {
                            inBySynth[gs[j]]++;
                        }
                    } else {
                        for (int q = 0; q < mods; q++) {
                            double r = er.radius()[from + q];
                            if (in(v, r * r, r, tol, i, j)) {
                                modCount[q]++;
                                enlargedCover[j * groups + er.group()[from + q]] = true;
                            }
                        }
                    }
                    if (in(v, rs2[j], rs[j], tol, i, j)) {
                        sBalls++;
                        if (gs[j] >= 0) {
                            sBallsBySynth[gs[j]]++;
                        }
                    } else if (v <= esMax2[j] + tol) {
                        for (int q = es.start()[j]; q < es.start()[j + 1]; q++) {
                            double r = es.radius()[q];
                            if (in(v, r * r, r, tol, i, j)) {
                                recallEnlarged[es.group()[q]] = true;
                            }
                        }
                    }
                }
                realRow(i, base, sBalls, inBySynth, sBallsBySynth, recallEnlarged, from, modCount);
            }
        }

        void realRow(int i, long base, long sBalls, int[] inBySynth, int[] sBallsBySynth, boolean[] recallEnlarged,
                     int from, long[] modCount) {
            densityTotal += base;
            coveredTotal += base > 0 ? 1 : 0;
            recalledTotal += sBalls > 0 ? 1 : 0;
            if (gr[i] >= 0) {
                densityInGroup[gr[i]] += base;
                coveredInGroup[gr[i]] += base > 0 ? 1 : 0;
                recalledInGroup[gr[i]] += sBalls > 0 ? 1 : 0;
            }
            for (int q = 0; q < modCount.length; q++) {
                int g = er.group()[from + q];
                densityExtra[g] += modCount[q];
                if (base == 0 && modCount[q] > 0) {
                    coveredExtra[g]++;
                }
            }
            for (int h = 0; h < groups; h++) {
                coveredWithoutSynth[h] += base - inBySynth[h] > 0 ? 1 : 0;
                recalledWithoutSynth[h] += sBalls - sBallsBySynth[h] > 0 || recallEnlarged[h] ? 1 : 0;
            }
        }

        Values values() {
            int n = real.n();
            int m = synthetic.n();
            double[] p = new double[2 * groups];
            double[] r = new double[2 * groups];
            double[] d = new double[2 * groups];
            double[] c = new double[2 * groups];
            for (int g = 0; g < groups; g++) {
                int nKept = n - realGroupSize[g];
                int precise = 0;
                for (int j = 0; j < m; j++) {
                    if (balls[j] - ballsByGroup[j * groups + g] > 0 || enlargedCover[j * groups + g]) {
                        precise++;
                    }
                }
                p[g] = (double) precise / m;
                r[g] = (double) (recalledTotal - recalledInGroup[g]) / nKept;
                d[g] = (double) (densityTotal - densityInGroup[g] + densityExtra[g]) / ((double) k * m);
                c[g] = (double) (coveredTotal - coveredInGroup[g] + coveredExtra[g]) / nKept;
            }
            for (int h = 0; h < groups; h++) {
                int mKept = m - synthGroupSize[h];
                long precise = 0;
                long dens = 0;
                for (int j = 0; j < m; j++) {
                    if (gs[j] != h) {
                        precise += balls[j] > 0 ? 1 : 0;
                        dens += balls[j];
                    }
                }
                p[groups + h] = (double) precise / mKept;
                r[groups + h] = (double) recalledWithoutSynth[h] / n;
                d[groups + h] = (double) dens / ((double) k * mKept);
                c[groups + h] = (double) coveredWithoutSynth[h] / n;
            }
            return new Values(p, r, d, c);
        }

        private static int[] sizes(int[][] groups) {
            int[] s = new int[groups.length];
            for (int g = 0; g < groups.length; g++) {
                s[g] = groups[g].length;
            }
            return s;
        }

        private static double[] squares(double[] r) {
            double[] s = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                s[i] = r[i] * r[i];
            }
            return s;
        }
    }
}
