package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The Wilson interval of the per-image privacy shares (memorized_fraction, holdout_closer_share, reid_score):
 * given the real sets, a share's count is binomial, so its coverage is the Wilson interval's for a binomial p with
 * known p, computed here exactly (the sum of the binomial probabilities of the counts whose interval holds p) rather
 * than simulated. It oscillates with n and p (Brown, Cai &amp; DasGupta 2001, Statist. Sci. 16:101); asserted within
 * [93%, 97%] where np(1-p) &gt;= 5, in [90%, 100%] below that (conservative for rare shares: 97.4% at n = 50,
 * p = 0.005). The Jeffreys interval (PRDC's shares at their effective sample size) against scipy's beta quantiles
 * (src/test/resources/stats/jeffreys_refs.json, made by make_jeffreys_refs.py beside it), whole and fractional
 * counts.
 */
class ProportionsTest {
    static final double Z = 1.959963984540054;

    @Test
    void boundsInvertTheScoreTest() {
        // each Wilson bound b solves (k/n - b)^2 = z^2 b (1 - b) / n
        for (int[] kn : new int[][] {{3, 100}, {0, 50}, {17, 40}, {999, 1000}}) {
            double phat = (double) kn[0] / kn[1];
            for (double b : Proportions.wilson(kn[0], kn[1])) {
                assertThat(Math.abs(phat - b)).isCloseTo(Z * Math.sqrt(b * (1 - b) / kn[1]), within(1e-12));
            }
        }
        assertThat(Proportions.wilson(0, 50)[0]).isEqualTo(0.0);
        assertThat(Proportions.wilson(50, 50)[1]).isEqualTo(1.0);
    }

    @Test
    void jeffreysMatchesTheScipyReference() throws Exception {
        JsonNode refs;
        try (InputStream in = getClass().getResourceAsStream("/stats/jeffreys_refs.json")) {
            refs = new ObjectMapper().readTree(in);
        }
        assertThat(refs.size()).isEqualTo(13);
        for (JsonNode c : refs) {
            double x = c.get("x").asDouble();
            double n = c.get("n").asDouble();
            double[] ci = Proportions.jeffreys(x, n);
            String at = "x = " + x + ", n = " + n;
            for (int i = 0; i < 2; i++) {
                double ref = c.get("ci95").get(i).asDouble();
                assertThat(ci[i]).as(at).isCloseTo(ref, within(1e-10 * Math.max(ref, 1e-3)));
            }
            assertThat(ci[0]).as(at).isLessThanOrEqualTo(x / n);
            assertThat(ci[1]).as(at).isGreaterThanOrEqualTo(x / n);
        }
        assertThat(Proportions.jeffreys(0, 0)).containsExactly(0, 1);
    }

    static double exactCoverage(int n, double p) {
        double c = 0;
        for (int k = 0; k <= n; k++) {
            double[] ci = Proportions.wilson(k, n);
            if (ci[0] <= p && p <= ci[1]) {
                double logPmf = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
                c += Math.exp(logPmf);
            }
        }
        return c;
    }

    static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    @Test
    void wilsonCoversTheShare() {
        for (int n : new int[] {50, 100, 300, 1000, 5000}) {
            for (double p : new double[] {0.005, 0.02, 0.1, 0.3, 0.5}) {
                double c = exactCoverage(n, p);
                System.err.printf(Locale.ROOT, "wilson n=%d p=%.3f coverage %.2f%%%n", n, p, 100 * c);
                boolean large = n * p * (1 - p) >= 5;
                assertThat(c).as("n=%d p=%.3f", n, p).isBetween(large ? 0.93 : 0.90, large ? 0.97 : 1.0);
            }
        }
    }
}
