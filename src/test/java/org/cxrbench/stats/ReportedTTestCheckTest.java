package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Prakash et al. 2024 (best F1 gain 0.150453, 95% CI 0.099108-0.201798, P = 0.0031; best Dice gain 0.14575, CI
 * 0.108267-0.183233, P = 0.0064): the df each implies, against scipy's brentq solution (stats_refs.json).
 */
class ReportedTTestCheckTest {

    @Test
    void prakashF1ImpliesTwoDegreesOfFreedomAndAgrees() {
        ReportedTTestCheck.Consistency c = ReportedTTestCheck.check(0.150453, 0.099108, 0.201798, 0.0031, 2, 6);
        JsonNode ref = StatsRefs.get().at("/prakash/0");
        assertThat(c.dfSolved()).isCloseTo(ref.get("df_solved").asDouble(), within(1e-8));
        assertThat(c.dfNearest()).isEqualTo(2);
        assertThat(c.pAtNearest()).isCloseTo(ref.get("p_at_nearest").asDouble(), within(1e-12));
        assertThat(c.tAtNearest()).isCloseTo(ref.get("t_at_nearest").asDouble(), within(1e-9));
        assertThat(c.pIfNormal()).isCloseTo(ref.get("p_if_normal").asDouble(), within(1e-15));
        assertThat(c.pAgrees()).isTrue();
        assertThat(c.ciCentred()).isTrue();
        assertThat(c.consistent()).isTrue();
        assertThat(c.summary()).contains("nearest 2", "3 paired runs", "agrees");
    }

    @Test
    void prakashDiceImpliesOneDegreeOfFreedomAndAgrees() {
        ReportedTTestCheck.Consistency c = ReportedTTestCheck.check(0.14575, 0.108267, 0.183233, 0.0064, 2, 6);
        JsonNode ref = StatsRefs.get().at("/prakash/1");
        assertThat(c.dfSolved()).isCloseTo(ref.get("df_solved").asDouble(), within(1e-8));
        assertThat(c.dfNearest()).isEqualTo(1);
        assertThat(c.pAtNearest()).isCloseTo(ref.get("p_at_nearest").asDouble(), within(1e-12));
        assertThat(c.consistent()).isTrue();
    }

    @Test
    void aPThatTheCiCannotGiveIsFlagged() {
        // Same F1 CI with P = 0.0100: P(df) = 0.0100 at df ~ 0.86, whose nearest integer df = 1 implies P = 0.0085
        ReportedTTestCheck.Consistency wrongP = ReportedTTestCheck.check(0.150453, 0.099108, 0.201798, 0.0100, 3, 6);
        assertThat(wrongP.dfNearest()).isEqualTo(1);
        assertThat(wrongP.pAgrees()).isFalse();
        // a CI not centred on the mean (shifted by 0.01) is flagged too
        ReportedTTestCheck.Consistency shifted = ReportedTTestCheck.check(0.150453, 0.109108, 0.211798, 0.0031, 2, 6);
        assertThat(shifted.ciCentred()).isFalse();
        assertThat(shifted.consistent()).isFalse();
    }
}
