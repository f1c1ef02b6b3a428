package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.cxrbench.Shared;
import org.junit.jupiter.api.Test;

/** CIs, other alternatives and guards; expected numbers from scipy (stats_refs.json, make_stats_refs.py). */
class TStatisticsTest {
    static final double TOL = 1e-12;

    @Test
    void twoSided95CiMatchesScipyAlsoForOneSidedTests() {
        JsonNode in = Shared.goldenCase("ttests_bonferroni").get("inputs");
        JsonNode ref = StatsRefs.get();
        double[] wa = Shared.vector(in.get("welch_a"));
        double[] wb = Shared.vector(in.get("welch_b"));
        double[] pa = Shared.vector(in.get("paired_a"));
        double[] pb = Shared.vector(in.get("paired_b"));
        for (Alternative alt : Alternative.values()) {
            TTestResult w = TStatistics.welch(wa, wb, alt);
            assertThat(w.ciLow()).as("welch low " + alt).isCloseTo(ref.at("/welch/ci95/0").asDouble(), within(TOL));
            assertThat(w.ciHigh()).as("welch high " + alt).isCloseTo(ref.at("/welch/ci95/1").asDouble(), within(TOL));
            TTestResult p = TStatistics.paired(pa, pb, alt);
            assertThat(p.ciLow()).isCloseTo(ref.at("/paired/ci95/0").asDouble(), within(TOL));
            assertThat(p.ciHigh()).isCloseTo(ref.at("/paired/ci95/1").asDouble(), within(TOL));
        }
        assertThat(TStatistics.paired(pa, pb, Alternative.LESS).p()).isCloseTo(ref.at("/paired/p_less").asDouble(), within(TOL));
        assertThat(TStatistics.quantile(0.975, 5)).isCloseTo(ref.at("/paired/t_quantile_0975_df5").asDouble(), within(TOL));
    }

    @Test
    void constantNonZeroDifferencesGiveInfiniteTAndLimitP() {
        // every difference is exactly 0.5 - 0.25 = 0.25 (binary fractions, no rounding): se = 0
        TTestResult t = TStatistics.paired(new double[] {0.5, 0.75, 1.0}, new double[] {0.25, 0.5, 0.75}, Alternative.GREATER);
        assertThat(t.t()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.p()).isEqualTo(0.0);
        assertThat(t.ci95()).containsExactly(0.25, 0.25);
        assertThat(TStatistics.paired(new double[] {0.5, 0.75, 1.0}, new double[] {0.25, 0.5, 0.75}, Alternative.LESS).p())
                .isEqualTo(1.0);
    }

    @Test
    void guardsNameTheActualValues() {
        assertThatThrownBy(() -> TStatistics.paired(new double[] {1}, new double[] {2}, Alternative.GREATER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 pairs, got 1");
        assertThatThrownBy(() -> TStatistics.paired(new double[] {1, 2, 3}, new double[] {2, 3}, Alternative.GREATER))
                .hasMessageContaining("3 condition values != 2 baseline values");
        assertThatThrownBy(() -> TStatistics.welch(new double[] {1, Double.NaN}, new double[] {2, 3}, Alternative.GREATER))
                .hasMessageContaining("condition value [1] = NaN is not finite");
        assertThatThrownBy(() -> TStatistics.welch(new double[] {1, 2}, new double[] {2}, Alternative.GREATER))
                .hasMessageContaining("at least 2 baseline values, got 1");
        assertThatThrownBy(() -> TStatistics.cdf(1, 0)).hasMessageContaining("degrees of freedom 0.0");
        assertThatThrownBy(() -> Alternative.parse("bigger")).hasMessageContaining("greater, less or two-sided");
    }

    @Test
    void pValuesOfTheThreeAlternativesAreConsistent() {
        double t = 1.7;
        double df = 6.5;
        assertThat(TStatistics.pValue(t, df, Alternative.GREATER) + TStatistics.pValue(t, df, Alternative.LESS))
                .isCloseTo(1.0, within(1e-14));
        assertThat(TStatistics.pValue(t, df, Alternative.TWO_SIDED))
                .isCloseTo(2 * TStatistics.pValue(t, df, Alternative.GREATER), within(1e-15));
        assertThat(TStatistics.pValue(-t, df, Alternative.TWO_SIDED)).isEqualTo(TStatistics.pValue(t, df, Alternative.TWO_SIDED));
    }
}
