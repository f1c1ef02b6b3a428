package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blocked float32 search ({@link KnnBlocks} behind {@link Knn#searchFast}) on shapes that cross its query
 * tasks, query blocks and reference tiles, against a brute-force search on exact double distances; the same bits
 * for one and two threads and for heap and memory-mapped stores; float32 rows with planted near-ties (distances
 * equal to within float round-off of the product formula) and exact duplicates.
 */
class KnnBlocksTest {

    static float[] data(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * 3 + 10); // an offset: |q|^2 + |r|^2 >> |q - r|^2, the hard case
        }
        return a;
    }

    /** The k nearest by exact double distance, ties to the lower index (the definition). */
    static Knn.Result brute(Features q, Features ref, int k) {
        int[] idx = new int[q.n() * k];
        double[] dist = new double[q.n() * k];
        for (int i = 0; i < q.n(); i++) {
            Integer[] order = new Integer[ref.n()];
            double[] e = new double[ref.n()];
            for (int j = 0; j < ref.n(); j++) {
                order[j] = j;
                e[j] = Features.distance(q, i, ref, j);
            }
            Arrays.sort(order, (x, y) -> e[x] != e[y] ? Double.compare(e[x], e[y]) : Integer.compare(x, y));
            for (int c = 0; c < k; c++) {
                idx[i * k + c] = order[c];
                dist[i * k + c] = e[order[c]];
            }
        }
        return new Knn.Result(k, idx, dist);
    }

    static Knn.Result on(int threads, Features q, Features ref, int k) {
        try (Workers w = Workers.of(threads, org.cxrbench.common.Progress.QUIET)) {
            return w.get(() -> Knn.searchFast(q, ref, k));
        }
    }

    @Test
    void crossesTilesAndEqualsBruteForceAtOneAndTwoThreads(@TempDir Path dir) throws IOException {
        int d = 24;
        int m = KnnBlocks.REF_ROWS + 333;
        int n = KnnBlocks.TASK_ROWS + 77;
        float[] r = data(m, d, 1);
        float[] q = data(n, d, 2);
        for (int i = 0; i < n; i += 3) { // exact copies of reference rows (distance-0 ties with duplicates)
            System.arraycopy(r, ((i * 37) % m) * d, q, i * d, d);
        }
        for (int c = 0; c < 50; c++) { // duplicated reference rows, one in each tile
            System.arraycopy(r, c * d, r, (m - 1 - c) * d, d);
        }
        for (int i = 1; i < n; i += 3) { // near-ties: a reference row nudged by one float ulp in one column
            int j = (i * 53) % (m - 1);
            System.arraycopy(r, j * d, q, i * d, d);
            System.arraycopy(r, j * d, r, (j + 1) * d, d);
            r[(j + 1) * d + i % d] = Math.nextUp(r[(j + 1) * d + i % d]);
        }
        Features ref = new Features(m, d, r);
        Features query = new Features(n, d, q);
        Knn.Result want = brute(query, ref, 3);
        Knn.Result one = on(1, query, ref, 3);
        Knn.Result two = on(2, query, ref, 3);
        assertThat(one.indices()).containsExactly(want.indices());
        assertThat(one.distances()).containsExactly(want.distances());
        assertThat(two.indices()).containsExactly(one.indices());
        assertThat(two.distances()).containsExactly(one.distances());
        // the same reference rows memory-mapped from a float32 file: the same bits
        Path f = dir.resolve("ref.f32");
        ByteBuffer b = ByteBuffer.allocate(4 * r.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(r);
        Files.write(f, b.array());
        Features mapped = Features.mapped(f, 0, m, d, ByteOrder.LITTLE_ENDIAN);
        Knn.Result fromFile = on(2, query, mapped, 3);
        assertThat(fromFile.indices()).containsExactly(one.indices());
        assertThat(fromFile.distances()).containsExactly(one.distances());
    }

    @Test
    void viewsReadTheirRowsWithoutCopies() {
        Features x = new Features(5, 2, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        Features v = x.rows(1, 4).rows(new int[] {2, 0});
        assertThat(v.n()).isEqualTo(2);
        assertThat(v.toFloatArray()).containsExactly(6, 7, 2, 3);
        assertThat(v.rows(1, 2).get(0, 1)).isEqualTo(3.0);
        assertThat(Features.concat(v, x.rows(0, 1)).toFloatArray()).containsExactly(6, 7, 2, 3, 0, 1);
    }
}
