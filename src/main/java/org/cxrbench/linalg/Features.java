package org.cxrbench.linalg;

/**
 * A feature matrix: n rows (one per image) of d values, row-major doubles. Row i is image i of its input.
 */
public record Features(int n, int d, double[] data) {
    public Features {
        if (n < 0 || d <= 0 || (long) n * d != data.length) {
            throw new IllegalArgumentException("features " + n + " x " + d + " with " + data.length + " values");
        }
    }

    public static Features of(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 1 : rows[0].length;
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, data, i * d, d);
        }
        return new Features(n, d, data);
    }

    public double get(int i, int j) {
        return data[i * d + j];
    }

    /** Rows in the given order (a copy). */
    public Features rows(int[] idx) {
        double[] out = new double[idx.length * d];
        for (int r = 0; r < idx.length; r++) {
            System.arraycopy(data, idx[r] * d, out, r * d, d);
        }
        return new Features(idx.length, d, out);
    }

    public Features rows(int from, int to) {
        double[] out = new double[(to - from) * d];
        System.arraycopy(data, from * d, out, 0, out.length);
        return new Features(to - from, d, out);
    }

    /** Squared Euclidean norms of the rows. */
    public double[] squaredNorms() {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            int off = i * d;
            for (int j = 0; j < d; j++) {
                acc += data[off + j] * data[off + j];
            }
            s[i] = acc;
        }
        return s;
    }

    /** Direct-difference Euclidean distance between row i of a and row j of b (exact reference for refinement). */
    public static double distance(Features a, int i, Features b, int j) {
        double s = 0;
        int oa = i * a.d;
        int ob = j * b.d;
        for (int k = 0; k < a.d; k++) {
            double t = a.data[oa + k] - b.data[ob + k];
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
