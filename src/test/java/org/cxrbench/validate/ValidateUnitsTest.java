package org.cxrbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;
import org.junit.jupiter.api.Test;

/** The validate package's building blocks, without ../shared: flaws, intervals, rank correlation, Wilson interval. */
class ValidateUnitsTest {
    static GreyImage ramp(int size, int seed) {
        float[] p = new float[size * size];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.2 + 0.6 * (i % size) / size + 0.05 * r.nextDouble());
        }
        return new GreyImage(size, size, p, 8);
    }

    static FlawedSets sets(int n) {
        List<GreyImage> a = new ArrayList<>();
        List<GreyImage> b = new ArrayList<>();
        List<List<ChexpertLabel>> req = new ArrayList<>();
        String[] pa = new String[n];
        String[] pb = new String[n];
        for (int i = 0; i < n; i++) {
            a.add(ramp(32, i));
            b.add(ramp(32, 100 + i));
            req.add(List.of(ChexpertLabel.values()[i % ChexpertLabel.COUNT]));
            pa[i] = "a" + i / 2;
            pb[i] = "b" + i / 2;
        }
        return new FlawedSets(new FlawedSets.RealHalf(a, req, pa), new FlawedSets.RealHalf(b, req, pb), 7);
    }

    @Test
    void flawsAreDeterministicBySeedAndStrengthZeroIsTheHoldout() {
        for (Flaw f : Flaw.values()) {
            for (int s = 0; s <= Flaw.STRENGTHS; s++) {
                FlawedSets.FlawedSet x = sets(12).make(f, s);
                FlawedSets.FlawedSet y = sets(12).make(f, s);
                assertThat(x.images()).hasSize(12);
                for (int i = 0; i < 12; i++) {
                    assertThat(x.images().get(i).pixels()).as(f.key + " " + s).containsExactly(y.images().get(i).pixels());
                }
                assertThat(x.requested()).isEqualTo(y.requested());
            }
        }
        FlawedSets.FlawedSet h = sets(12).make(Flaw.BLUR, 0);
        assertThat(SetEncoding.key(h.images().get(3))).isEqualTo(SetEncoding.key(ramp(32, 103)));
    }

    @Test
    void pixelFlawsMoveTheirMeasureMonotonically() {
        GreyImage img = ramp(64, 1);
        double prev = 1e9;
        for (int s = 1; s <= Flaw.STRENGTHS; s++) {
            GreyImage c = Flaw.CONTRAST.applyTo(img, s, 0);
            double sd = sd(c.pixels());
            assertThat(sd).isLessThan(prev);
            prev = sd;
        }
        FlawedSets fs = sets(40);
        FlawedSets.FlawedSet shuffled = fs.make(Flaw.LABEL_SHUFFLE, 4);
        FlawedSets.FlawedSet holdout = fs.make(Flaw.LABEL_SHUFFLE, 0);
        assertThat(shuffled.requested()).isNotEqualTo(holdout.requested());
        assertThat(shuffled.images()).isEqualTo(holdout.images());
        long copies = fs.make(Flaw.MEMORIZE, 2).images().stream().filter(g -> !holdout.images().contains(g)).count();
        assertThat(copies).isEqualTo(10); // 25% of 40
    }

    static double mean(float[] p) {
        double m = 0;
        for (float v : p) {
            m += v;
        }
        return m / p.length;
    }

    static double sd(float[] p) {
        double m = 0;
        for (float v : p) {
            m += v / p.length;
        }
        double s = 0;
        for (float v : p) {
            s += (v - m) * (v - m) / p.length;
        }
        return Math.sqrt(s);
    }

    @Test
    void wilsonMatchesTheClosedForm() {
        // Wilson (1927) evaluated separately in Python 3 (math module): k = 4, n = 210 -> (0.0074316, 0.0479434); the
        // interval is the set of p whose score test |p^ - p| / sqrt(p (1 - p) / n) <= z does not reject, checked below
        double[] ci = Analysis.wilson(4, 210);
        assertThat(ci[0]).isCloseTo(0.0074316, within(1e-6));
        assertThat(ci[1]).isCloseTo(0.0479434, within(1e-6));
        for (double end : ci) {
            double score = Math.abs(4 / 210.0 - end) / Math.sqrt(end * (1 - end) / 210);
            assertThat(score).isCloseTo(1.959963984540054, within(1e-6));
        }
        assertThat(Analysis.wilson(0, 50)[0]).isCloseTo(0, within(1e-15));
    }

    @Test
    void spearmanAndIntervals() {
        assertThat(Analysis.spearman(new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, 3, 4, 9})).isEqualTo(1.0);
        assertThat(Analysis.spearman(new double[] {0, 1, 2, 3, 4}, new double[] {5, 4, 4, 2, 1})).isCloseTo(-0.9746794, within(1e-6));
        double[] halves = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] ci = Analysis.interval(20, halves, 0.95);
        assertThat(ci[0]).isLessThan(20).isGreaterThan(14);
        assertThat(ci[1]).isGreaterThan(20).isLessThan(26);
    }
}
