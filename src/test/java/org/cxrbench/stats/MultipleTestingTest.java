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
    void underTheNullTheTestHoldsAlphaAndBonferroniHoldsTheFamilyWiseRate() {
        // 4,000 simulated families of m = 4 paired comparisons with 5 seeds and no true effect (normal differences):
        // a single one-tailed paired test rejects at alpha = 0.05 about 5% of the time (binomial sd 0.35%: accept
        // 4.3%-5.7%), and Bonferroni keeps P(any rejection) at most alpha (about 1 - (1 - 0.0125)^4 = 4.9%: accept
        // below 5.8%); uncorrected, the family-wise rate would be about 1 - 0.95^4 = 18.5%.
        // Measured with this seed: 5.05%, 4.73%, 17.7%.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int families = 4000;
        int single = 0;
        int anyBonferroni = 0;
        int anyRaw = 0;
        for (int f = 0; f < families; f++) {
            double[] p = new double[4];
            for (int k = 0; k < 4; k++) {
                double[] a = new double[5];
                double[] b = new double[5];
                for (int s = 0; s < 5; s++) {
                    double seedEffect = r.nextGaussian();
                    a[s] = seedEffect + 0.1 * r.nextGaussian();
                    b[s] = seedEffect + 0.1 * r.nextGaussian();
                }
                p[k] = TStatistics.paired(a, b, Alternative.GREATER).p();
            }
            single += p[0] <= 0.05 ? 1 : 0;
            boolean[] rej = MultipleTesting.bonferroniReject(p, 0.05);
            anyBonferroni += rej[0] || rej[1] || rej[2] || rej[3] ? 1 : 0;
            anyRaw += p[0] <= 0.05 || p[1] <= 0.05 || p[2] <= 0.05 || p[3] <= 0.05 ? 1 : 0;
        }
        assertThat(single / (double) families).isBetween(0.043, 0.057);
        assertThat(anyBonferroni / (double) families).isLessThan(0.058);
        assertThat(anyRaw / (double) families).isBetween(0.16, 0.21);
    }

    @Test
    void guards() {
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[0], Correction.HOLM, 0.05)).hasMessageContaining("family size 0");
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {1.5}, Correction.HOLM, 0.05)).hasMessageContaining("p[0] = 1.5");
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {0.5}, Correction.HOLM, 1.0)).hasMessageContaining("alpha 1.0");
    }
}
