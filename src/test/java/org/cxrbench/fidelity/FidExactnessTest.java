package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.Shared;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default FID route against 40-digit references on the cases that broke it before (issue 20.5): dead units
 * (constant columns), N <= d, different null spaces, low rank with tiny real eigenvalues, radiomics-like scales.
 * Cases and references: src/test/resources/golden/fid_exact.json, made by make_fid_exact.py beside it (numpy +
 * mpmath). numpy's double-precision routes are off by 1e-9 to 8e-7 relative on some of them; the default route must
 * be within 1e-9.
 */
class FidExactnessTest {

    static JsonNode cases() throws IOException {
        try (InputStream in = FidExactnessTest.class.getResourceAsStream("/golden/fid_exact.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    static List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        cases().forEach(c -> out.add(c.get("name").asText()));
        return out;
    }

    static JsonNode byName(String name) throws IOException {
        for (JsonNode c : cases()) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void defaultRouteWithin1e9RelativeOf40DigitReference(String name) throws IOException {
        JsonNode c = byName(name);
        Features x = Shared.matrix(c.get("inputs").get("X"));
        Features y = Shared.matrix(c.get("inputs").get("Y"));
        JsonNode e = c.get("expected");
        double want = Double.parseDouble(e.get("high_precision_reference").get("fid").asText());
        Fid.Result r = Fid.compute(GaussianStats.of(x), GaussianStats.of(y), Fid.Route.SYMMETRIC);
        assertThat(Math.abs(r.value() - want) / want).as(name + ": got " + r.value() + ", want " + want)
                .isLessThan(1e-9);
        assertThat(r.rank1()).as("rank of S1").isEqualTo(e.get("rank_sigma1").asInt());
        assertThat(r.rank2()).as("rank of S2").isEqualTo(e.get("rank_sigma2").asInt());
        int deadX = e.get("dead_columns_X").size();
        int deadY = e.get("dead_columns_Y").size();
        if (deadX + deadY > 0) {
            assertThat(r.warnings()).anyMatch(w -> w.startsWith(deadX + " of d=") && w.contains("dead units"));
        } else {
            assertThat(r.warnings()).noneMatch(w -> w.contains("dead units"));
        }
        boolean few = x.n() <= x.d() - deadX || y.n() <= y.d() - deadY;
        assertThat(r.warnings().stream().anyMatch(w -> w.contains("for want of images"))).as("N warning").isEqualTo(few);
    }

    /** The trace term is invariant under swapping the sets; the factored route keeps that to round-off. */
    @ParameterizedTest
    @MethodSource("names")
    void symmetricInTheTwoSets(String name) throws IOException {
        JsonNode c = byName(name);
        GaussianStats a = GaussianStats.of(Shared.matrix(c.get("inputs").get("X")));
        GaussianStats b = GaussianStats.of(Shared.matrix(c.get("inputs").get("Y")));
        double ab = Fid.compute(a, b, Fid.Route.SYMMETRIC).value();
        double ba = Fid.compute(b, a, Fid.Route.SYMMETRIC).value();
        assertThat(Math.abs(ab - ba) / ab).isLessThan(1e-12);
    }

    /**
     * The nuclear norm of a rank-1 matrix u v^T is |u| |v|: its Gram matrix has exact zero eigenvalues, which the
     * eigenvalue route would turn into sqrt(round-off) = 1e-8; the bound sends it to the SVD.
     */
    @Test
    void nuclearNormOfRankOneMatrixIsExact() {
        double[] u = {1.5, -2.25, 0.5, 3, 1};
        double[] v = {0.75, 2, -1.25, 0.5};
        double[] m = new double[u.length * v.length];
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
                m[i * v.length + j] = u[i] * v[j];
            }
        }
        double want = norm(u) * norm(v);
        assertThat(Math.abs(Fid.nuclearNorm(m, u.length, v.length, Double.NaN) - want) / want).isLessThan(1e-14);
        assertThat(Math.abs(Fid.nuclearNorm(Fid.transpose(m, u.length, v.length), v.length, u.length, Double.NaN) - want) / want)
                .isLessThan(1e-14);
        // a diagonal matrix: the eigenvalue route, exact to round-off
        assertThat(Fid.nuclearNorm(new double[] {4, 0, 0, 0, 9, 0}, 2, 3, Double.NaN)).isCloseTo(13.0, org.assertj.core.data.Offset.offset(1e-14));
    }

    /**
     * With two or more workers the Gram matrix is built in tiles on the workers; the value must be the bits of the
     * one-thread run, on a matrix whose bound passes (the eigenvalue route's value) and on one whose bound fails
     * (rank deficient: the SVD's value).
     */
    @Test
    void nuclearNormHasTheSameBitsAtAnyThreadCount() throws Exception {
        java.util.Random r = new java.util.Random(11);
        int n = 96;
        double[] wide = new double[n * n];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = r.nextGaussian() + (i % (n + 1) == 0 ? 8 : 0);
        }
        double[] lowRank = new double[n * n];
        for (int k = 0; k < 5; k++) {
            double[] u = r.doubles(n).toArray();
            double[] v = r.doubles(n).toArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    lowRank[i * n + j] += u[i] * v[j];
                }
            }
        }
        for (double[] m : new double[][] {wide, lowRank}) {
            double one = Fid.nuclearNorm(m, n, n, Double.NaN);
            for (int threads : new int[] {2, 4}) {
                try (org.cxrbench.linalg.Workers w = org.cxrbench.linalg.Workers.of(threads,
                        org.cxrbench.common.Progress.QUIET)) {
                    double many = w.call(() -> Fid.nuclearNorm(m, n, n, Double.NaN));
                    assertThat(Double.doubleToLongBits(many)).isEqualTo(Double.doubleToLongBits(one));
                }
            }
        }
        assertThat(Double.isNaN(Fid.eigenRouteOrNaN(wide, n, n, Double.NaN))).isFalse();
        assertThat(Double.isNaN(Fid.eigenRouteOrNaN(lowRank, n, n, Double.NaN))).isTrue();
    }

    static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** Dead units on many images, N well above the varying dimensions: no "use more images" warning. */
    @Test
    void deadUnitsAloneDoNotAskForMoreImages() throws IOException {
        JsonNode c = byName("fid_dead_units_d48_n300_n250");
        Fid.Result r = Fid.compute(GaussianStats.of(Shared.matrix(c.get("inputs").get("X"))),
                GaussianStats.of(Shared.matrix(c.get("inputs").get("Y"))), Fid.Route.SYMMETRIC);
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.warnings().get(0)).startsWith("14 of d=48 feature dimensions are constant");
    }
}
