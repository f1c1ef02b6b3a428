package org.cxrbench.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.cxrbench.Shared;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dcr_* cases of src/test/resources/golden/golden.json (made by make_refs.py beside it with direct-difference numpy distances). */
class GoldenPrivacyTest {

    static void close(String what, double got, JsonNode want, JsonNode tol) {
        if (want.isNull()) {
            assertThat(Double.isNaN(got)).as(what + " should be undefined, got " + got).isTrue();
            return;
        }
        assertTrue(Shared.close(got, want.asDouble(), tol), what + ": got " + got + ", want " + want + " (tol " + tol + ")");
    }

    /** A summary value by its results key (the summary as the results binding writes it). */
    static double num(com.fasterxml.jackson.databind.JsonNode s, String k) {
        return s.get(k).asDouble();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcr_clean", "dcr_planted_copies"})
    void everyExpectedFieldMatches(String name) {
        JsonNode c = Shared.goldenCase(name);
        JsonNode in = c.get("inputs");
        JsonNode e = c.get("expected");
        JsonNode tol = c.get("suggested_tolerance");
        Features train = Shared.matrix(in.get("real_train"));
        Features holdout = Shared.matrix(in.get("real_holdout"));
        Features syn = Shared.matrix(in.get("synthetic"));
        PrivacyMetrics.Result r = PrivacyMetrics.compute(train, syn, holdout, PrivacyMetrics.Options.defaults());
        for (int i = 0; i < syn.n(); i++) {
            close("dcr " + i, r.dcr()[i], e.get("dcr").get(i), tol);
            assertThat(r.nnTrainIndex()[i]).as("nn index " + i).isEqualTo(e.get("nn_index").get(i).asInt());
            close("second " + i, r.secondDistance()[i], e.get("second_nn_distance").get(i), tol);
            close("nndr " + i, r.nndr()[i], e.get("nndr").get(i), tol);
            close("carlini " + i, r.carliniRatio()[i], e.get("carlini_ratio").get(i), tol);
            close("dcr holdout " + i, r.dcrHoldout()[i], e.get("dcr_holdout").get(i), tol);
        }
        com.fasterxml.jackson.databind.JsonNode s = org.cxrbench.common.Json.MAPPER.valueToTree(r.stats());
        close("min", num(s, "dcr_min"), e.get("dcr_min"), tol);
        close("median", num(s, "dcr_median"), e.get("dcr_median"), tol);
        close("mean", num(s, "dcr_mean"), e.get("dcr_mean"), tol);
        close("p5 linear", num(s, "dcr_p5"), e.get("dcr_p5_linear"), tol);
        close("p5 nearest rank", num(s, "dcr_p5_nearest_rank"), e.get("dcr_p5_nearest_rank"), tol);
        assertThat(num(s, "exact_copies")).isEqualTo(e.get("exact_copy_count").asDouble());
        close("nndr median", num(s, "nndr_median"), e.get("nndr_median_finite"), tol);
        assertThat(num(s, "carlini_below_one_third")).isEqualTo(e.get("carlini_ratio_below_one_third_count").asDouble());
        assertThat(num(s, "carlini_n")).isEqualTo(e.get("carlini_ratio_n").asDouble());
        close("identifiability", num(s, "identifiability"), e.get("identifiability_score_synthcity"), tol);
        close("real->synth mean", num(s, "real_to_synthetic_nn_distance_mean"), e.get("real_to_synth_nn_distance_mean"), tol);
        close("holdout share", num(s, "holdout_closer_share"), e.get("share_closer_to_train_strict"), tol);
        close("holdout score", num(s, "holdout_score"), e.get("overfitting_protection_score_l2"), tol);
        close("holdout median", num(s, "dcr_holdout_median"), e.get("dcr_holdout_median"), tol);
        if (name.equals("dcr_planted_copies")) {
            // the 10 planted rows (5 exact, 5 near copies with 0.01 noise) are all memorised; no clean row is
            int planted = 0;
            for (int i = 0; i < 10; i++) {
                planted += r.memorized()[i] ? 1 : 0;
            }
            assertThat(planted).isEqualTo(10);
            for (int i = 0; i < 5; i++) {
                assertThat(r.nnTrainIndex()[i]).isEqualTo(in.get("planted_exact_copy_of_train_rows").get(i).asInt());
            }
        }
    }
}
