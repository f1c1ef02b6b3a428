package org.cxrbench.linalg;

import java.util.List;

/**
 * Nearest-neighbour search split over parts of the reference set (and blocks of query rows), with results equal,
 * bit for bit, to {@link Knn#searchFast} over the whole reference set.
 *
 * <p>Why the merge is exact: {@link Knn#searchFast} returns, for each query row, the k smallest reference rows in
 * the order (exact direct-difference distance, then reference index), with distances computed by
 * {@link Features#distance} (the same operations whatever the set sizes). The k nearest of the whole set under
 * that total order are the k smallest of the union of each part's k nearest, so merging the sorted partial lists
 * under the same order reproduces the one-machine indices and distances. A part with fewer than k rows returns all
 * of them.
 */
public final class KnnParts {
    private KnnParts() {}

    /**
     * The min(k, part rows) nearest rows of {@code refPart} for every query row, with reference indices made global:
     * {@code refPart} holds global reference rows [offset, offset + refPart.n()).
     */
    public static Knn.Result searchPart(Features query, Features refPart, int offset, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k=" + k);
        }
        if (offset < 0 || (long) offset + refPart.n() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("reference part at offset " + offset + " with " + refPart.n() + " rows");
        }
        int kk = Math.min(k, refPart.n());
        if (kk == 0) {
            return new Knn.Result(0, new int[0], new double[0]);
        }
        Knn.Result r = Knn.searchFast(query, refPart, kk);
        int[] idx = r.indices().clone();
        for (int i = 0; i < idx.length; i++) {
            idx[i] += offset;
        }
        return new Knn.Result(kk, idx, r.distances());
    }

    /**
     * Merges partial results for the same query rows (each sorted by distance, then index; disjoint reference
     * parts) into the k nearest overall, ties to the lower global index. The parts' order does not matter.
     */
    public static Knn.Result merge(int k, int queryRows, List<Knn.Result> parts) {
        long available = 0;
        for (Knn.Result p : parts) {
            if (p.indices().length != (long) p.k() * queryRows) {
                throw new IllegalArgumentException("a partial result has " + p.indices().length + " entries for "
                        + queryRows + " query rows and k=" + p.k());
            }
            available += p.k();
        }
        if (k < 1 || available < k) {
            throw new IllegalArgumentException("k=" + k + " with " + available + " candidates from the parts");
        }
        int[] idx = new int[queryRows * k];
        double[] dist = new double[queryRows * k];
        int np = parts.size();
        int[] head = new int[np];
        for (int q = 0; q < queryRows; q++) {
            java.util.Arrays.fill(head, 0);
            for (int c = 0; c < k; c++) {
                int best = -1;
                double bd = 0;
                int bi = 0;
                for (int p = 0; p < np; p++) {
                    Knn.Result r = parts.get(p);
                    if (head[p] >= r.k()) {
                        continue;
                    }
                    double v = r.distance(q, head[p]);
                    int j = r.index(q, head[p]);
                    int cmp = best < 0 ? -1 : Double.compare(v, bd);
                    if (cmp < 0 || (cmp == 0 && j < bi)) {
                        best = p;
                        bd = v;
                        bi = j;
                    }
                }
                head[best]++;
                idx[q * k + c] = bi;
                dist[q * k + c] = bd;
            }
        }
        return new Knn.Result(k, idx, dist);
    }

    /** Results of consecutive blocks of query rows (same k), in block order, as one result. */
    public static Knn.Result concatRows(List<Knn.Result> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no blocks");
        }
        int k = blocks.get(0).k();
        int total = 0;
        for (Knn.Result b : blocks) {
            if (b.k() != k) {
                throw new IllegalArgumentException("blocks with k=" + k + " and k=" + b.k());
            }
            total += b.indices().length;
        }
        int[] idx = new int[total];
        double[] dist = new double[total];
        int at = 0;
        for (Knn.Result b : blocks) {
            System.arraycopy(b.indices(), 0, idx, at, b.indices().length);
            System.arraycopy(b.distances(), 0, dist, at, b.distances().length);
            at += b.indices().length;
        }
        return new Knn.Result(k, idx, dist);
    }
}
