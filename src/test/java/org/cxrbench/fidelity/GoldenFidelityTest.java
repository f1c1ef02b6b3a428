package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.cxrbench.Shared;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every FID/KID/PRDC case of src/test/resources/golden/golden.json (made by make_refs.py beside it with numpy/scipy, cross-checked
 * with mpmath by crosscheck_mp.py beside it), compared within the case's suggested tolerance.
 */
class GoldenFidelityTest {

    private static void assertClose(String what, double got, double want, JsonNode tol) {
        assertTrue(Shared.close(got, want, tol), what + ": got " + got + ", want " + want + " (tol " + tol + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fid_gauss_d16_n200_n300", "fid_identical_d16_n200", "fid_rank_deficient_d64_n40"})
    void fidFromFeatures(String name) {
        JsonNode c = Shared.goldenCase(name);
        JsonNode e = c.get("expected");
        JsonNode tol = c.get("suggested_tolerance");
        GaussianStats s1 = GaussianStats.of(Shared.matrix(c.get("inputs").get("X")));
        GaussianStats s2 = GaussianStats.of(Shared.matrix(c.get("inputs").get("Y")));
        Fid.Result sym = Fid.compute(s1, s2, Fid.Route.SYMMETRIC);
        Fid.Result eig = Fid.compute(s1, s2, Fid.Route.EIGVALS);
        Fid.Result pt = Fid.compute(s1, s2, Fid.Route.PYTORCH_FID);
        assertClose("mean term", sym.meanTerm(), e.get("mean_sq_diff").asDouble(), tol);
        assertClose("trace1", sym.trace1(), e.get("trace_sigma1").asDouble(), tol);
        assertClose("trace2", sym.trace2(), e.get("trace_sigma2").asDouble(), tol);
        assertClose("symmetric", sym.value(), e.get("fid_symmetric_eigh").asDouble(), tol);
        assertClose("eigvals", eig.value(), e.get("fid_eigvals_torchfidelity_torchmetrics").asDouble(), tol);
        assertClose("pytorch-fid", pt.value(), e.get("fid_pytorch_fid").asDouble(), tol);
        double hp = e.get("high_precision_reference").get("fid").asDouble();
        assertClose("symmetric vs 40-digit reference", sym.value(), hp, tol);
        assertThat(sym.rank1()).isEqualTo(e.get("rank_sigma1").asInt());
        assertThat(sym.rank2()).isEqualTo(e.get("rank_sigma2").asInt());
        if (name.contains("rank_deficient")) {
            assertThat(sym.warnings()).anyMatch(w -> w.contains("rank-deficient"));
        }
        assertThat(Double.isNaN(sym.value())).isFalse();
    }

    /** Also on the rank-deficient case (N < d), where every float64 library route is off by 1e-8 to 2e-8. */
    @ParameterizedTest
    @ValueSource(strings = {"fid_gauss_d16_n200_n300", "fid_rank_deficient_d64_n40"})
    void fidDefaultRouteIsExactTo1e9Relative(String name) {
        JsonNode c = Shared.goldenCase(name);
        double hp = c.get("expected").get("high_precision_reference").get("fid").asDouble();
        Fid.Result r = Fid.compute(GaussianStats.of(Shared.matrix(c.get("inputs").get("X"))),
                GaussianStats.of(Shared.matrix(c.get("inputs").get("Y"))), Fid.Route.SYMMETRIC);
        assertThat(Math.abs(r.value() - hp) / hp).isLessThan(1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fid_stats_pytorch_fid_unit_test", "fid_stats_diagonal_closed_form"})
    void fidFromStats(String name) {
        JsonNode c = Shared.goldenCase(name);
        JsonNode in = c.get("inputs");
        JsonNode tol = c.get("suggested_tolerance");
        GaussianStats s1 = stats(in.get("mu1"), in.get("sigma1"));
        GaussianStats s2 = stats(in.get("mu2"), in.get("sigma2"));
        double exact = c.get("expected").get("fid_exact").asDouble();
        for (Fid.Route r : Fid.Route.values()) {
            assertClose(name + " " + r, Fid.compute(s1, s2, r).value(), exact, tol);
        }
    }

    static GaussianStats stats(JsonNode mu, JsonNode sigma) {
        double[] m = Shared.vector(mu);
        Features s = Shared.matrix(sigma);
        return new GaussianStats(1000, m.length, m, s.toDoubleArray());
    }

    @Test
    void kidMatchesBothSubsetRulesAndFullEstimates() {
        JsonNode c = Shared.goldenCase("kid_poly3_d16");
        JsonNode in = c.get("inputs");
        JsonNode e = c.get("expected");
        JsonNode tol = c.get("suggested_tolerance");
        Features real = Shared.matrix(in.get("real"));
        Features fake = Shared.matrix(in.get("fake"));
        assertClose("full unbiased", Kid.mmd2Unbiased(real, fake), e.get("mmd2_full_unbiased").asDouble(), tol);
        assertClose("full biased", Kid.mmd2Biased(real, fake), e.get("mmd2_full_biased_vstat").asDouble(), tol);
        int m = in.get("subset_size").asInt();
        int count = in.get("num_subsets").asInt();

        // the portable LCG rule: our own draw must reproduce the stored indices
        JsonNode lcg = e.get("subsets_lcg");
        Kid.Subsets ours = Kid.lcgSubsets(real.n(), fake.n(), m, count, 0);
        Kid.Subsets stored = subsets(lcg, count);
        for (int s = 0; s < count; s++) {
            assertThat(ours.real()[s]).as("lcg real subset " + s).containsExactly(stored.real()[s]);
            assertThat(ours.synthetic()[s]).as("lcg fake subset " + s).containsExactly(stored.synthetic()[s]);
        }
        Kid.Result r = Kid.compute(real, fake, ours);
        assertClose("lcg mean", r.mean(), lcg.get("kid_mean").asDouble(), tol);
        assertClose("lcg std", r.std(), lcg.get("kid_std_ddof0").asDouble(), tol);

        JsonNode tf = e.get("subsets_torch_fidelity_rs2020");
        Kid.Subsets tfStored = subsets(tf, count);
        Kid.Subsets tfOurs = Kid.torchFidelitySubsets(real.n(), fake.n(), m, count, 0);
        for (int s = 0; s < count; s++) {
            assertThat(tfOurs.real()[s]).as("torch-fidelity real subset " + s).containsExactly(tfStored.real()[s]);
            assertThat(tfOurs.synthetic()[s]).as("torch-fidelity fake subset " + s).containsExactly(tfStored.synthetic()[s]);
        }
        Kid.Result rt = Kid.compute(real, fake, tfOurs);
        assertClose("torch-fidelity mean", rt.mean(), tf.get("kid_mean").asDouble(), tol);
        assertClose("torch-fidelity std", rt.std(), tf.get("kid_std_ddof0").asDouble(), tol);
    }

    static Kid.Subsets subsets(JsonNode node, int count) {
        int[][] r = new int[count][];
        int[][] f = new int[count][];
        JsonNode idx = node.get("indices");
        for (int s = 0; s < count; s++) {
            r[s] = ints(idx.get(s).get("real"));
            f[s] = ints(idx.get(s).get("fake"));
        }
        return new Kid.Subsets(r, f);
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < a.size(); i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"prdc_2d", "prdc_8d", "prdc_ties_grid"})
    void prdcBothConventions(String name) {
        JsonNode c = Shared.goldenCase(name);
        JsonNode tol = c.get("suggested_tolerance");
        Features real = Shared.matrix(c.get("inputs").get("real"));
        Features fake = Shared.matrix(c.get("inputs").get("fake"));
        for (int k : new int[] {3, 5}) {
            JsonNode e = c.get("expected").get("k" + k);
            Prdc.Result strict = Prdc.compute(real, fake, k, false);
            Prdc.Result le = Prdc.compute(real, fake, k, true);
            assertClose(name + " k" + k + " precision", strict.precision(), e.get("precision").asDouble(), tol);
            assertClose(name + " k" + k + " recall", strict.recall(), e.get("recall").asDouble(), tol);
            assertClose(name + " k" + k + " density", strict.density(), e.get("density").asDouble(), tol);
            assertClose(name + " k" + k + " coverage", strict.coverage(), e.get("coverage").asDouble(), tol);
            assertClose(name + " k" + k + " precision_le", le.precision(), e.get("precision_le").asDouble(), tol);
            assertClose(name + " k" + k + " recall_le", le.recall(), e.get("recall_le").asDouble(), tol);
            assertClose(name + " k" + k + " density_le", le.density(), e.get("density_le").asDouble(), tol);
            assertClose(name + " k" + k + " coverage_le", le.coverage(), e.get("coverage_le").asDouble(), tol);
            double[] rr = Shared.vector(e.get("real_radii"));
            for (int i = 0; i < rr.length; i++) {
                assertClose("real radius " + i, strict.realRadii()[i], rr[i], tol);
            }
        }
    }
}
