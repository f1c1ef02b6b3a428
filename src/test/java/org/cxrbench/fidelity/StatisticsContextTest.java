package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cxrbench.common.MetricResult;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/** The statistics context: shared statistics, parallel covariances, and the dead-unit eigenvalue fix. */
class StatisticsContextTest {
    static Features gaussian(int n, int d, long seed, double shift, int deadColumns) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = j < deadColumns ? 0.0 : r.nextGaussian() * (1 + 0.1 * j) + shift;
            }
        }
        return new Features(n, d, x);
    }

    /**
     * Features with dead units (exactly zero variance in the synthetic set, as ReLU features often have): the truly
     * zero eigenvalues of L^T S2 L came out as +-1e-14 noise and sqrt(1e-14) = 1e-7 each used to be added to the
     * trace; the factored route sums singular values (no square root of noise) and leaves constant dimensions out.
     * The eigvals route (dgeev on S1 S2) has no such term here; the two routes must agree to round-off.
     */
    @Test
    void deadUnitsDoNotAddRoundOffToTheTrace() {
        Features real = gaussian(400, 24, 1, 0, 0);
        Features syn = gaussian(300, 24, 2, 0.1, 6);
        GaussianStats a = GaussianStats.of(real);
        GaussianStats b = GaussianStats.of(syn);
        double sym = Fid.compute(a, b, Fid.Route.SYMMETRIC).value();
        double eig = Fid.compute(a, b, Fid.Route.EIGVALS).value();
        // before the fix: |sym - eig| / eig was ~1e-8 here (6 x sqrt(1e-14) on a trace of ~30)
        assertThat(Math.abs(sym - eig) / eig).isLessThan(1e-11);
        // the other order (dead units in the first set): pivoted Cholesky drops them, same agreement
        double sym2 = Fid.compute(b, a, Fid.Route.SYMMETRIC).value();
        assertThat(Math.abs(sym2 - eig) / eig).isLessThan(1e-11);
    }

    @Test
    void theRealSetsStatisticsAreComputedOnceAndSharedAcrossGenerators() {
        SetStats real = SetStats.of(gaussian(200, 8, 1, 0, 0));
        FidelityMetrics.Options o = new FidelityMetrics.Options(new LinkedHashSet<>(List.of("fid", "precision", "recall")),
                5, 10, 50, 0, 0, Fid.Route.SYMMETRIC, false);
        Map<String, MetricResult> first = FidelityMetrics.compute(real, SetStats.of(gaussian(150, 8, 2, 0.2, 0)), o, 2);
        GaussianStats g = real.gaussian();
        double[] radii = real.radii(5);
        FidelityMetrics.compute(real, SetStats.of(gaussian(150, 8, 3, 0.4, 0)), o, 2);
        assertThat(real.gaussian()).isSameAs(g);
        assertThat(real.radii(5)).isSameAs(radii);
        // shared statistics give the same numbers as fresh ones, with 1 or 2 threads
        Map<String, MetricResult> fresh = FidelityMetrics.compute(SetStats.of(gaussian(200, 8, 1, 0, 0)),
                SetStats.of(gaussian(150, 8, 2, 0.2, 0)), o, 1);
        for (String k : first.keySet()) {
            assertThat(first.get(k).value()).as(k).isEqualTo(fresh.get(k).value());
        }
    }
}
