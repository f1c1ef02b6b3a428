package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Holm and Bonferroni by hand (Bonferroni's golden family is in GoldenStatsTest). */
class MultipleTestingTest {

    @Test
    void holmStepDownByHand() {
        // p = (0.01, 0.04, 0.03, 0.005), m = 4, alpha 0.05. Sorted: 0.005 (x4 = 0.02), 0.01 (x3 = 0.03),
        // 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> running max 0.06). Thresholds alpha/(m-k): 0.0125, 0.0167, 0.025,
        // 0.05: 0.005 and 0.01 pass, 0.03 > 0.025 stops, so 0.04 is not rejected although 0.04 <= 0.05.
        double[] p = {0.01, 0.04, 0.03, 0.005};
        MultipleTesting.Adjusted a = MultipleTesting.adjust(p, Correction.HOLM, 0.05);
        assertThat(a.pAdjusted()[0]).isCloseTo(0.03, within(1e-15));
        assertThat(a.pAdjusted()[1]).isCloseTo(0.06, within(1e-15));
        assertThat(a.pAdjusted()[2]).isCloseTo(0.06, within(1e-15));
        assertThat(a.pAdjusted()[3]).isCloseTo(0.02, within(1e-15));
        assertThat(a.reject()).containsExactly(true, false, false, true);
        assertThat(a.familySize()).isEqualTo(4);
        // Bonferroni on the same family: min(1, 4p); only p <= 0.0125 rejected
        MultipleTesting.Adjusted b = MultipleTesting.adjust(p, Correction.BONFERRONI, 0.05);
        assertThat(b.pAdjusted()).containsExactly(new double[] {0.04, 0.16, 0.12, 0.02}, within(1e-15));
        assertThat(b.reject()).containsExactly(true, false, false, true);
    }

    @Test
    void holmIsNeverMoreConservativeThanBonferroniAndClipsAtOne() {
        double[] p = {0.2, 0.6, 0.001, 0.3, 0.02};
        double[] h = MultipleTesting.holm(p);
        double[] b = MultipleTesting.bonferroni(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(h[i]).isLessThanOrEqualTo(b[i]).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1.0);
        }
        assertThat(b[1]).isEqualTo(1.0);
    }

    @Test
    void nanCountsInTheFamilyButIsNeverRejected() {
        double[] p = {0.01, Double.NaN, 0.02};
        MultipleTesting.Adjusted b = MultipleTesting.adjust(p, Correction.BONFERRONI, 0.05);
        assertThat(b.familySize()).isEqualTo(3);
        assertThat(b.pAdjusted()[0]).isCloseTo(0.03, within(1e-15));
        assertThat(b.pAdjusted()[1]).isNaN();
        assertThat(b.reject()).containsExactly(true, false, false);
        MultipleTesting.Adjusted h = MultipleTesting.adjust(p, Correction.HOLM, 0.05);
        // sorted 0.01 (x3), 0.02 (x2), NaN last
        assertThat(h.pAdjusted()[0]).isCloseTo(0.03, within(1e-15));
        assertThat(h.pAdjusted()[2]).isCloseTo(0.04, within(1e-15));
        assertThat(h.pAdjusted()[1]).isNaN();
        assertThat(h.reject()).containsExactly(true, false, true);
    }

    @Test
    void guards() {
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[0], Correction.HOLM, 0.05)).hasMessageContaining("family size 0");
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {1.5}, Correction.HOLM, 0.05)).hasMessageContaining("p[0] = 1.5");
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {0.5}, Correction.HOLM, 1.0)).hasMessageContaining("alpha 1.0");
    }
}
