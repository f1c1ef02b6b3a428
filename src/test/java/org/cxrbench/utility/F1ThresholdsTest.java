package org.cxrbench.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.cxrbench.data.Labels;
import org.junit.jupiter.api.Test;

/**
 * The tuned F1 threshold against brute force: every distinct validation probability tried as "p >= t", F1 counted
 * directly, the best kept (ties: the largest t); uncertain and blank rows are ignored; a single-class label gives NaN.
 */
class F1ThresholdsTest {
    static double f1(double[] p, byte[] y, double t) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] != Labels.POSITIVE && y[i] != Labels.NEGATIVE) {
                continue;
            }
            boolean pred = p[i] >= t;
            boolean pos = y[i] == Labels.POSITIVE;
            tp += pred && pos ? 1 : 0;
            fp += pred && !pos ? 1 : 0;
            fn += !pred && pos ? 1 : 0;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    @Test
    void tunedThresholdMaximisesValidationF1() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 5 + r.nextInt(40);
            double[] p = new double[n];
            byte[] y = new byte[n];
            for (int i = 0; i < n; i++) {
                p[i] = Math.round(r.nextDouble() * 20) / 20.0; // ties on purpose
                int c = r.nextInt(10);
                y[i] = c == 0 ? Labels.UNCERTAIN : c == 1 ? Labels.BLANK : (r.nextDouble() < 0.3 + 0.5 * p[i] ? Labels.POSITIVE : Labels.NEGATIVE);
            }
            double t = F1Thresholds.tune(p, y);
            TreeSet<Double> cands = new TreeSet<>();
            int pos = 0;
            int neg = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == Labels.POSITIVE || y[i] == Labels.NEGATIVE) {
                    cands.add(p[i]);
                    pos += y[i] == Labels.POSITIVE ? 1 : 0;
                    neg += y[i] == Labels.NEGATIVE ? 1 : 0;
                }
            }
            if (pos == 0 || neg == 0) {
                assertThat(t).isNaN();
                continue;
            }
            double best = -1;
            double bestT = Double.NaN;
            for (double c : cands.descendingSet()) {
                double f = f1(p, y, c);
                if (f > best) {
                    best = f;
                    bestT = c;
                }
            }
            assertThat(t).as("trial " + trial).isEqualTo(bestT);
        }
    }
}
