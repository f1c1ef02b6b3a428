package org.cxrbench.linalg;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A feature matrix: n rows (one per image) of d values. Row i is image i of its input.
 *
 * <p>Features are float32: what encoders produce, what the feature cache and feature files hold. The values live
 * once, in a {@link FeatureStore} (one {@code float[]} on the heap, or shards memory-mapped from a float32 .npy, so
 * that the heap holds none of them); a matrix built from exact doubles ({@link #Features(int, int, double[])},
 * {@link #of(double[][])}: golden cases and other reference inputs) keeps them as doubles. {@link #rows(int, int)}
 * and {@link #rows(int[])} are views (no values copied). Kernels read rows a block at a time
 * ({@link #copyRows}, {@link #row}) and accumulate in double where exactness needs it.
 */
public final class Features {
    private final int n;
    private final int d;
    private final FeatureStore store;
    /** Store row of row 0 when {@link #index} is null (a contiguous view). */
    private final long first;
    /** Store row of every row of this view, or null. */
    private final int[] index;

    private Features(int n, int d, FeatureStore store, long first, int[] index) {
        this.n = n;
        this.d = d;
        this.store = store;
        this.first = first;
        this.index = index;
    }

    /** float32 values, row-major (the array is used as it is, not copied). */
    public Features(int n, int d, float[] data) {
        this(n, d, new FeatureStore.FloatArray(data, checked(n, d, data.length)), 0, null);
    }

    /** Exact double values (reference inputs), row-major (the array is used as it is, not copied). */
    public Features(int n, int d, double[] values) {
        this(n, d, new FeatureStore.DoubleArray(values, checked(n, d, values.length)), 0, null);
    }

    /** d, once n x d is checked against the number of values. */
    private static int checked(int n, int d, long length) {
        if (n < 0 || d <= 0 || (long) n * d != length) {
            throw new IllegalArgumentException("features " + n + " x " + d + " with " + length + " values");
        }
        return d;
    }

    /** Exact double rows (reference inputs). */
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

    /** Doubles rounded to float32 (as numpy's {@code astype('float32')}). */
    public static Features float32(int n, int d, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return new Features(n, d, f);
    }

    /**
     * n x d float32 values memory-mapped read-only from {@code file} at byte {@code offset} (C order), for example
     * the data of a float32 .npy file. The file must not change while the features are in use.
     */
    public static Features mapped(Path file, long offset, int n, int d, ByteOrder order) {
        return new Features(n, d, FeatureStore.Mapped.open(file, offset, n, d, order), 0, null);
    }

    public int n() {
        return n;
    }

    public int d() {
        return d;
    }

    /** Whether the values are float32 (every store but the exact doubles of reference inputs). */
    public boolean isFloat32() {
        return store.float32();
    }

    private long storeRow(int i) {
        return index == null ? first + i : index[i];
    }

    public double get(int i, int j) {
        return store.value(storeRow(i), j);
    }

    /** Row i into dst from off. */
    public void row(int i, double[] dst, int off) {
        store.row(storeRow(i), dst, off);
    }

    /** Row i into dst from off (values of exact-double features rounded to float). */
    public void row(int i, float[] dst, int off) {
        store.row(storeRow(i), dst, off);
    }

    /** Row i, as doubles (a copy). */
    public double[] row(int i) {
        double[] r = new double[d];
        row(i, r, 0);
        return r;
    }

    /** Rows [from, from + count) into dst from off, row-major. */
    public void copyRows(int from, int count, float[] dst, int off) {
        if (index == null) {
            store.rows(first + from, count, dst, off);
        } else {
            for (int r = 0; r < count; r++) {
                store.row(index[from + r], dst, off + r * d);
            }
        }
    }

    /** Rows [from, from + count) into dst from off, row-major, as doubles. */
    public void copyRows(int from, int count, double[] dst, int off) {
        for (int r = 0; r < count; r++) {
            store.row(storeRow(from + r), dst, off + r * d);
        }
    }

    /** Rows in the given order: a view (no values copied). */
    public Features rows(int[] idx) {
        int[] s = new int[idx.length];
        for (int r = 0; r < idx.length; r++) {
            if (idx[r] < 0 || idx[r] >= n) {
                throw new IndexOutOfBoundsException("row " + idx[r] + " of " + n);
            }
            s[r] = (int) storeRow(idx[r]);
        }
        return new Features(idx.length, d, store, 0, s);
    }

    /** Rows [from, to): a view (no values copied). */
    public Features rows(int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + n);
        }
        if (index == null) {
            return new Features(to - from, d, store, first + from, null);
        }
        return new Features(to - from, d, store, 0, java.util.Arrays.copyOfRange(index, from, to));
    }

    /** The rows of a then those of b, copied into one matrix (float32 unless either holds exact doubles). */
    public static Features concat(Features a, Features b) {
        if (a.d != b.d) {
            throw new IllegalArgumentException("dimension mismatch: " + a.d + " vs " + b.d);
        }
        int d = a.d;
        if (a.isFloat32() && b.isFloat32()) {
            float[] z = new float[(a.n + b.n) * d];
            a.copyRows(0, a.n, z, 0);
            b.copyRows(0, b.n, z, a.n * d);
            return new Features(a.n + b.n, d, z);
        }
        double[] z = new double[(a.n + b.n) * d];
        a.copyRows(0, a.n, z, 0);
        b.copyRows(0, b.n, z, a.n * d);
        return new Features(a.n + b.n, d, z);
    }

    /** All values as float32, row-major (a copy: for small sets and tests). */
    public float[] toFloatArray() {
        float[] out = new float[n * d];
        copyRows(0, n, out, 0);
        return out;
    }

    /** All values as doubles, row-major (a copy: for small sets and tests; kernels read rows a block at a time). */
    public double[] toDoubleArray() {
        double[] out = new double[n * d];
        copyRows(0, n, out, 0);
        return out;
    }

    /** Squared Euclidean norms of the rows (accumulated in double). */
    public double[] squaredNorms() {
        double[] s = new double[n];
        double[] r = new double[d];
        for (int i = 0; i < n; i++) {
            row(i, r, 0);
            double acc = 0;
            for (int j = 0; j < d; j++) {
                acc += r[j] * r[j];
            }
            s[i] = acc;
        }
        return s;
    }

    /**
     * Direct-difference Euclidean distance between row i of a and row j of b (exact reference for refinement),
     * accumulated in double in column order: the same bits whatever store holds the rows.
     */
    public static double distance(Features a, int i, Features b, int j) {
        if (a.store instanceof FeatureStore.FloatArray fa && b.store instanceof FeatureStore.FloatArray fb) {
            float[] x = fa.a;
            float[] y = fb.a;
            int oa = (int) (a.storeRow(i) * a.d);
            int ob = (int) (b.storeRow(j) * b.d);
            double s = 0;
            for (int k = 0; k < a.d; k++) {
                double t = (double) x[oa + k] - (double) y[ob + k];
                s += t * t;
            }
            return Math.sqrt(s);
        }
        return distance(a.row(i), b, j, new double[b.d]);
    }

    /** {@link #distance} from a row already read as doubles ({@code scratch}: d values, overwritten). */
    public static double distance(double[] rowA, Features b, int j, double[] scratch) {
        b.row(j, scratch, 0);
        double s = 0;
        for (int k = 0; k < b.d; k++) {
            double t = rowA[k] - scratch[k];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    @Override
    public String toString() {
        return "Features[" + n + " x " + d + (isFloat32() ? ", float32" : ", float64") + "]";
    }
}
