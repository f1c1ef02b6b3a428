package org.cxrbench.fidelity;

import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Scatter;

/**
 * Means and covariances of a feature set with one group of rows left out, without a pass over the other rows:
 * the scatter of all rows about a common shift (the set's mean) is formed once, and a leave-group-out scatter is
 * that total minus the group's own scatter, formed when asked (so only one d x d group scatter per caller is held).
 * Used by {@link Bootstrap#fid}'s jackknife; equal to {@link GaussianStats#of} on the remaining rows to round-off.
 */
final class GroupMoments {
    private final Features x;
    private final int[][] groups;
    private final double[] shift;
    private final double[] sum;
    private final double[] scatter;

    private GroupMoments(Features x, int[][] groups, double[] shift, double[] sum, double[] scatter) {
        this.x = x;
        this.groups = groups;
        this.shift = shift;
        this.sum = sum;
        this.scatter = scatter;
    }

    static GroupMoments of(Features x, int[][] groups) {
        int n = x.n();
        int d = x.d();
        double[] shift = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            x.row(i, row, 0);
            for (int j = 0; j < d; j++) {
                shift[j] += row[j] / n;
            }
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double[] sum = new double[d];
        double[] scatter = scatter(x, all, shift, sum);
        return new GroupMoments(x, groups, shift, sum, scatter);
    }

    /** Upper triangle of sum (x_i - shift)(x_i - shift)^T over {@code rows}; adds sum (x_i - shift) into {@code t}. */
    static double[] scatter(Features x, int[] rows, double[] shift, double[] t) {
        try (Scatter sc = new Scatter(x.d(), shift, rows.length)) {
            sc.add(x.rows(rows), 0, rows.length);
            double[] s = sc.sums();
            for (int j = 0; j < t.length; j++) {
                t[j] += s[j];
            }
            return sc.upper();
        }
    }

    GaussianStats total() {
        return stats(x.n(), sum, scatter);
    }

    /** Mean and covariance of the set without group {@code k}. */
    GaussianStats without(int k) {
        return without(new int[] {k});
    }

    /** Mean and covariance of the set without the groups {@code ks} (distinct; two for the second-order jackknife). */
    GaussianStats without(int... ks) {
        int d = x.d();
        double[] t = sum.clone();
        double[] c = scatter.clone();
        int n = x.n();
        for (int k : ks) {
            double[] tg = new double[d];
            double[] cg = groups[k].length == 0 ? new double[d * d] : scatter(x, groups[k], shift, tg);
            for (int j = 0; j < d; j++) {
                t[j] -= tg[j];
            }
            for (int i = 0; i < d * d; i++) {
                c[i] -= cg[i];
            }
            n -= groups[k].length;
        }
        return stats(n, t, c);
    }

    /**
     * Mean and covariance of the rows of the groups {@code keep} marks, and of the rows of the other groups (rows in
     * no group are in neither): one scatter over the kept rows, the other half as the grouped rows' total minus it.
     */
    GaussianStats[] halfAndRest(boolean[] keep) {
        int d = x.d();
        int kept = 0;
        int grouped = 0;
        for (int k = 0; k < groups.length; k++) {
            grouped += groups[k].length;
            kept += keep[k] ? groups[k].length : 0;
        }
        int[] rows = new int[kept];
        int c = 0;
        for (int k = 0; k < groups.length; k++) {
            if (keep[k]) {
                System.arraycopy(groups[k], 0, rows, c, groups[k].length);
                c += groups[k].length;
            }
        }
        java.util.Arrays.sort(rows);
        double[] th = new double[d];
        double[] ch = scatter(x, rows, shift, th);
        double[][] outside = outsideGroups();
        double[] tr = sum.clone();
        double[] cr = scatter.clone();
        for (int j = 0; j < d; j++) {
            tr[j] -= outside[0][j] + th[j];
        }
        for (int i = 0; i < d * d; i++) {
            cr[i] -= outside[1][i] + ch[i];
        }
        return new GaussianStats[] {stats(kept, th, ch), stats(grouped - kept, tr, cr)};
    }

    private double[][] outside;

    /** {sum, upper scatter} of the rows in no group (at most G - 1 rows; zeros when there are none), formed once. */
    private synchronized double[][] outsideGroups() {
        if (outside == null) {
            int d = x.d();
            boolean[] in = new boolean[x.n()];
            for (int[] g : groups) {
                for (int r : g) {
                    in[r] = true;
                }
            }
            int[] rows = java.util.stream.IntStream.range(0, x.n()).filter(r -> !in[r]).toArray();
            double[] t = new double[d];
            double[] c = rows.length == 0 ? new double[d * d] : scatter(x, rows, shift, t);
            outside = new double[][] {t, c};
        }
        return outside;
    }

    private GaussianStats stats(int n, double[] t, double[] upper) {
        int d = x.d();
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = shift[j] + t[j] / n;
        }
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = (upper[i * d + j] - t[i] * t[j] / n) / (n - 1);
                cov[i * d + j] = v;
                cov[j * d + i] = v;
            }
        }
        return new GaussianStats(n, d, mean, cov);
    }
}
