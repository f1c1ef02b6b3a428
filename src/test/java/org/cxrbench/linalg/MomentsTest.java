package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MomentsTest {
    /** Pieces of x split at the given global row boundaries (each part about the same origin). */
    static List<Moments.Piece> parts(Features x, long... cuts) {
        double[] origin = Moments.originOf(x);
        List<Moments.Piece> out = new ArrayList<>();
        long from = 0;
        for (int c = 0; c <= cuts.length; c++) {
            long to = c < cuts.length ? cuts[c] : x.n();
            out.addAll(Moments.pieces(x.rows((int) from, (int) to), from, origin));
            from = to;
        }
        return out;
    }

    /** max |a - b| / max |b|: the relative size of a difference against the matrix's scale. */
    static double relDiff(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    @Test
    void upToOneChunkItIsBitIdenticalToCovariance() {
        Features x = LinalgTest.random(1000, 17, 5.0, 11);
        Moments m = Moments.of(x);
        Covariance.Result c = Covariance.of(x);
        assertThat(m.mean()).containsExactly(c.mean());
        assertThat(m.covariance()).containsExactly(c.cov());
    }

    @Test
    void meanAndCovarianceMatchTheTwoPassTextbookFormAndCovarianceToRoundOff() {
        Features x = LinalgTest.random(5000, 12, 1e3, 12); // 5 chunks; offset 1e3 exercises the origin shift
        Moments m = Moments.of(x);
        assertThat(m.n()).isEqualTo(5000);
        // independent reference: exact mean first, then the centred sum (LinalgTest.twoPass)
        assertThat(relDiff(m.covariance(), LinalgTest.twoPass(x))).isLessThan(1e-12);
        assertThat(relDiff(m.mean(), Covariance.mean(x))).isLessThan(1e-14);
        // the sequential dsyrk accumulation of Covariance differs only in summation order
        Covariance.Result c = Covariance.of(x);
        assertThat(relDiff(m.covariance(), c.cov())).isLessThan(1e-13);
        assertThat(relDiff(m.mean(), c.mean())).isLessThan(1e-14);
    }

    @Test
    void chunkAlignedPartitionsInAnyOrderGiveTheSameBits() {
        Features x = LinalgTest.random(7000, 9, 2.0, 13);
        Moments one = Moments.of(x);
        long[][] splits = {{1024}, {3072, 4096}, {1024, 2048, 3072, 4096, 5120, 6144}, {6144}, {2048, 6144}};
        for (long[] cuts : splits) {
            List<Moments.Piece> ps = parts(x, cuts);
            Collections.shuffle(ps, new Random(cuts.length));
            Moments merged = Moments.combine(x.n(), ps);
            assertThat(merged.mean()).as("cuts " + java.util.Arrays.toString(cuts)).containsExactly(one.mean());
            assertThat(merged.covariance()).as("cuts " + java.util.Arrays.toString(cuts)).containsExactly(one.covariance());
        }
    }

    @Test
    void unevenUnalignedPartsAgreeToRoundOff() {
        Features x = LinalgTest.random(7000, 9, 50.0, 14);
        Moments one = Moments.of(x);
        // 7 uneven parts, boundaries inside chunks; one part smaller than a chunk and one inside a single chunk
        Moments merged = Moments.combine(x.n(), parts(x, 17, 1500, 1600, 3333, 3334, 6999));
        assertThat(merged.n()).isEqualTo(7000);
        assertThat(relDiff(merged.covariance(), one.covariance())).isLessThan(1e-14);
        assertThat(relDiff(merged.mean(), one.mean())).isLessThan(1e-15);
    }

    @Test
    void piecesMustTileTheRowsWithOneOrigin() {
        Features x = LinalgTest.random(3000, 4, 0, 15);
        List<Moments.Piece> ps = parts(x, 1000, 2000);
        List<Moments.Piece> missing = new ArrayList<>(ps);
        missing.remove(1);
        assertThatThrownBy(() -> Moments.combine(3000, missing)).hasMessageContaining("tile");
        assertThatThrownBy(() -> Moments.combine(3001, ps)).hasMessageContaining("3001");
        List<Moments.Piece> mixed = new ArrayList<>(Moments.pieces(x.rows(0, 1000), 0, new double[4]));
        mixed.addAll(ps.subList(1, ps.size()));
        assertThatThrownBy(() -> Moments.combine(3000, mixed)).hasMessageContaining("origin");
    }

    @Test
    void survivesJavaSerialisationBitForBit() throws Exception {
        Features x = LinalgTest.random(1500, 5, 1.0, 16);
        Moments m = Moments.of(x);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        Moments back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Moments) in.readObject();
        }
        assertThat(back.covariance()).containsExactly(m.covariance());
        assertThat(back.mean()).containsExactly(m.mean());
    }
}
