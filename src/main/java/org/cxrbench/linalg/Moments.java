package org.cxrbench.linalg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mergeable sufficient statistics of a feature set: the row count n, the per-column sums t and the cross-product
 * sum S = sum x x^T, all about a common origin s (rows enter as x - s; s = 0 gives the raw sums). Mean and sample
 * covariance (N-1 denominator, as {@code np.cov}) follow as {@code s + t/n} and {@code (S - t t^T / n) / (n - 1)},
 * the same formula and the same origin rule as {@link Covariance} (s = mean of the first {@value #CHUNK} rows).
 *
 * <p>Partitioned computation with reproducible bits: rows are grouped in chunks of {@value #CHUNK} at global row
 * indices that are multiples of {@value #CHUNK}. A chunk's statistics are computed from zero (one block of {@link Scatter}, sums in
 * row order); chunks are combined by a fixed binary tree over chunk indices (node (l, i) = chunks
 * [i 2^l, (i+1) 2^l), value = left + right). A part of the rows ({@link #pieces}) returns the values of the
 * maximal tree nodes inside it (and fragments of chunks cut by its ends); {@link #combine} rebuilds the same tree.
 * Any partitioning whose boundaries fall on multiples of {@value #CHUNK} gives the same bits as {@link #of}; a
 * boundary inside a chunk changes only that chunk's summation order (differences at round-off level, 1e-16
 * relative). Whole parts may arrive in any order: the tree, not the arrival order, fixes the additions.
 *
 * <p>Against {@link Covariance#of}: bit-identical for n <= {@value #CHUNK} (same shift, one block of the same Scatter, same sums);
 * beyond that Covariance accumulates blocks sequentially (dsyrk with beta = 1) and this tree adds them pairwise,
 * so results agree to round-off (MomentsTest bounds the difference).
 */
public final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows per chunk (the leaves of the tree); equal to {@link Covariance#BLOCK} so the origin rule matches. */
    public static final int CHUNK = Covariance.BLOCK;

    private final long n;
    private final int d;
    private final double[] origin;
    private final double[] sum;
    /** Upper triangle (row-major, i <= j) of S; the lower triangle is not used. */
    private final double[] cross;

    private Moments(long n, int d, double[] origin, double[] sum, double[] cross) {
        this.n = n;
        this.d = d;
        this.origin = origin;
        this.sum = sum;
        this.cross = cross;
    }

    /** A contiguous range [from, to) of global rows and its statistics (a tree node or a fragment of a chunk). */
    public record Piece(long from, long to, Moments value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The origin rule of {@link Covariance}: the mean of the first min({@value #CHUNK}, n) rows (summed in row order). */
    public static double[] originOf(Features firstRows) {
        int d = firstRows.d();
        int first = Math.min(CHUNK, firstRows.n());
        if (first < 1) {
            throw new IllegalArgumentException("the origin needs at least one row");
        }
        double[] shift = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < first; i++) {
            firstRows.row(i, row, 0);
            for (int j = 0; j < d; j++) {
                shift[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            shift[j] /= first;
        }
        return shift;
    }

    /** The statistics of all rows of x in one pass (the reference for every partitioned computation). */
    public static Moments of(Features x) {
        return combine(x.n(), pieces(x, 0, originOf(x)));
    }

    /**
     * The pieces of one part: rows of x are global rows [firstRow, firstRow + x.n()) of the whole set, taken about
     * {@code origin} (the same for every part: {@link #originOf} of the set's first rows). Full chunks are combined
     * into the largest tree nodes that lie inside the part; rows of chunks cut by the part's ends are fragments.
     */
    public static List<Piece> pieces(Features x, long firstRow, double[] origin) {
        if (origin.length != x.d()) {
            throw new IllegalArgumentException("origin of dimension " + origin.length + " for " + x.d() + " columns");
        }
        long a = firstRow;
        long b = firstRow + x.n();
        List<Piece> out = new ArrayList<>();
        if (a == b) {
            return out;
        }
        long ca = (a + CHUNK - 1) / CHUNK;
        long headEnd = Math.min(b, ca * CHUNK);
        if (a < headEnd) {
            out.add(fragment(x, firstRow, a, headEnd, origin));
        }
        if (headEnd == b) {
            return out;
        }
        long cb = b / CHUNK;
        long c = ca;
        while (c < cb) {
            int level = 0;
            while ((c & ((1L << (level + 1)) - 1)) == 0 && c + (1L << (level + 1)) <= cb) {
                level++;
            }
            Moments m = node(x, firstRow, level, c >> level, origin);
            out.add(new Piece(c * CHUNK, (c + (1L << level)) * CHUNK, m));
            c += 1L << level;
        }
        if (c * CHUNK < b) {
            out.add(fragment(x, firstRow, c * CHUNK, b, origin));
        }
        return out;
    }

    /**
     * The statistics of rows [0, n) from pieces that tile them (each row in exactly one piece, all with one origin),
     * by the fixed tree: the result does not depend on how the rows were split into parts nor on the pieces' order.
     */
    public static Moments combine(long n, Collection<Piece> pieces) {
        if (n < 1) {
            throw new IllegalArgumentException("moments of an empty set");
        }
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingLong(Piece::from));
        long at = 0;
        Map<Long, Piece> byFrom = new HashMap<>();
        for (Piece p : sorted) {
            if (p.from() != at || p.to() <= p.from()) {
                throw new IllegalArgumentException("pieces do not tile the rows: expected one starting at row " + at
                        + ", got [" + p.from() + ", " + p.to() + ")");
            }
            if (sorted.get(0).value().d != p.value().d
                    || !java.util.Arrays.equals(sorted.get(0).value().origin, p.value().origin)) {
                throw new IllegalArgumentException("pieces with different dimensions or origins cannot be merged");
            }
            byFrom.put(p.from(), p);
            at = p.to();
        }
        if (at != n) {
            throw new IllegalArgumentException("pieces cover rows [0, " + at + ") but the set has " + n + " rows");
        }
        int level = 0;
        while ((1L << level) * CHUNK < n) {
            level++;
        }
        return merged(byFrom, n, level, 0);
    }

    private static Moments merged(Map<Long, Piece> byFrom, long n, int level, long index) {
        long lo = (index << level) * CHUNK;
        long hi = Math.min(((index + 1) << level) * CHUNK, n);
        if (lo >= n) {
            return null;
        }
        Piece exact = byFrom.get(lo);
        if (exact != null && exact.to() == hi) {
            return exact.value();
        }
        if (level == 0) {
            // fragments of one chunk, added in row order
            Moments acc = null;
            long at = lo;
            while (at < hi) {
                Piece p = byFrom.get(at);
                if (p == null || p.to() > hi) {
                    throw new IllegalArgumentException("a piece crosses the chunk [" + lo + ", " + hi + ")");
                }
                acc = acc == null ? p.value().copy() : acc.accumulate(p.value());
                at = p.to();
            }
            return acc;
        }
        Moments left = merged(byFrom, n, level - 1, 2 * index);
        Moments right = merged(byFrom, n, level - 1, 2 * index + 1);
        return right == null ? left : left.copy().accumulate(right);
    }

    /** Value of tree node (level, index), computed from the part's rows (the node lies inside the part). */
    private static Moments node(Features x, long firstRow, int level, long index, double[] origin) {
        if (level == 0) {
            long lo = index * CHUNK;
            return chunk(x, (int) (lo - firstRow), CHUNK, origin);
        }
        Moments left = node(x, firstRow, level - 1, 2 * index, origin);
        Moments right = node(x, firstRow, level - 1, 2 * index + 1, origin);
        return left.accumulate(right);
    }

    private static Piece fragment(Features x, long firstRow, long from, long to, double[] origin) {
        return new Piece(from, to, chunk(x, (int) (from - firstRow), (int) (to - from), origin));
    }

    /** Statistics of local rows [r0, r0 + rows) from zero: shifted rows, sums in row order, one {@link Scatter}. */
    private static Moments chunk(Features x, int r0, int rows, double[] origin) {
        try (Scatter sc = new Scatter(x.d(), origin, rows)) {
            sc.add(x, r0, r0 + rows);
            return new Moments(rows, x.d(), origin.clone(), sc.sums().clone(), sc.upper());
        }
    }

    private Moments copy() {
        return new Moments(n, d, origin, sum.clone(), cross.clone());
    }

    /** this += o (in place; only on values this class owns). */
    private Moments accumulate(Moments o) {
        double[] t = sum;
        for (int j = 0; j < d; j++) {
            t[j] += o.sum[j];
        }
        double[] s = cross;
        for (int i = 0; i < d; i++) {
            int off = i * d;
            for (int j = i; j < d; j++) {
                s[off + j] += o.cross[off + j];
            }
        }
        return new Moments(n + o.n, d, origin, t, s);
    }

    public long n() {
        return n;
    }

    public int d() {
        return d;
    }

    /** The origin the sums are taken about (a copy). */
    public double[] origin() {
        return origin.clone();
    }

    /** Column means: origin + t / n. */
    public double[] mean() {
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = origin[j] + sum[j] / n;
        }
        return mean;
    }

    /** Sample covariance (N-1), full symmetric d x d row-major: (S - t t^T / n) / (n - 1). */
    public double[] covariance() {
        if (n < 2) {
            throw new IllegalArgumentException("covariance needs at least 2 rows, got " + n);
        }
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i * d + j] = (cross[i * d + j] - sum[i] * sum[j] / n) / (n - 1);
            }
        }
        Covariance.symmetrizeFromUpper(cov, d);
        return cov;
    }
}
