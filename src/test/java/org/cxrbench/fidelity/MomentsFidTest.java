package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Moments;
import org.junit.jupiter.api.Test;

/** FID from statistics merged over parts of the rows equals FID from one pass over all rows. */
class MomentsFidTest {
    static Features gaussian(int n, int d, double shift, double scale, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                a[i * d + j] = shift + scale * (r.nextGaussian() + 0.5 * common * Math.sin(j));
            }
        }
        return new Features(n, d, a);
    }

    static GaussianStats merged(Features x, int... cuts) {
        double[] origin = Moments.originOf(x);
        List<Moments.Piece> ps = new ArrayList<>();
        int from = 0;
        for (int c = 0; c <= cuts.length; c++) {
            int to = c < cuts.length ? cuts[c] : x.n();
            ps.addAll(Moments.pieces(x.rows(from, to), from, origin));
            from = to;
        }
        return GaussianStats.of(Moments.combine(x.n(), ps));
    }

    @Test
    void fidFromSevenUnevenMergedPartsEqualsTheOnePassFid() {
        Features real = gaussian(4100, 48, 0.3, 1.0, 21);
        Features syn = gaussian(3500, 48, 0.35, 1.1, 22);
        // one pass: the core's streaming covariance (Covariance.of through GaussianStats.of)
        double onePass = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
        double merged = Fid.compute(merged(real, 5, 700, 1900, 2048, 3000, 4000),
                merged(syn, 1024, 1100, 2500, 2600, 3071, 3400), Fid.Route.SYMMETRIC).value();
        assertThat(onePass).isGreaterThan(1.0);
        assertThat(Math.abs(merged - onePass) / onePass).isLessThan(1e-12);
        // chunk-aligned parts reproduce Moments.of exactly, so their FID is the same double
        double tree = Fid.compute(GaussianStats.of(Moments.of(real)), GaussianStats.of(Moments.of(syn)),
                Fid.Route.SYMMETRIC).value();
        double aligned = Fid.compute(merged(real, 1024, 3072), merged(syn, 2048), Fid.Route.SYMMETRIC).value();
        assertThat(aligned).isEqualTo(tree);
    }
}
