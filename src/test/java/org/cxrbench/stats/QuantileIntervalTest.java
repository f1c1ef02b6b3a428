package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The order-statistic quantile interval: ranks and exact coverage against scipy's binomial
 * (src/test/resources/stats/quantile_ci_refs.json, made by make_quantile_ci_refs.py beside it), the numpy percentile
 * inside for every n up to 5,000, and the interval's bounds on data. Simulated coverage through the privacy
 * metrics: PrivacyIntervalCoverageTest.
 */
class QuantileIntervalTest {
    @Test
    void ranksAndCoverageMatchScipy() throws Exception {
        JsonNode refs;
        try (InputStream in = getClass().getResourceAsStream("/stats/quantile_ci_refs.json")) {
            refs = new ObjectMapper().readTree(in);
        }
        assertThat(refs.size()).isEqualTo(22);
        for (JsonNode c : refs) {
            int n = c.get("n").asInt();
            double p = c.get("p").asDouble();
            int[] r = QuantileInterval.ranks95(n, p);
            if (c.get("u").isNull()) {
                assertThat(r).as("n %d p %s", n, p).isNull();
                continue;
            }
            assertThat(r).as("n %d p %s", n, p).containsExactly(c.get("l").asInt(), c.get("u").asInt());
            assertThat(QuantileInterval.coverage(n, p, r)).isCloseTo(c.get("coverage").asDouble(), within(1e-9));
            assertThat(QuantileInterval.coverage(n, p, r)).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void theLinearPercentileIsInside() {
        for (double p : new double[] {0.05, 0.5}) {
            for (int n = 1; n <= 5000; n++) {
                int[] r = QuantileInterval.ranks95(n, p);
                if (r == null) {
                    continue;
                }
                double pos = (n - 1) * p; // 0-based position of numpy's linear percentile
                assertThat(r[0] == 0 || r[0] - 1 <= Math.floor(pos)).as("n %d p %s lower", n, p).isTrue();
                assertThat(r[1] - 1 >= Math.ceil(pos)).as("n %d p %s upper", n, p).isTrue();
            }
        }
    }

    @Test
    void boundsAreOrderStatistics() {
        double[] x = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7) % 20 + 1; // 1..20 shuffled
        }
        // n = 20, median: ranks 6 and 15
        assertThat(QuantileInterval.ci95(x, 0.5, 0)).containsExactly(6.0, 15.0);
        // p = 0.05: l = 0 (the lower bound given), u = 4
        assertThat(QuantileInterval.ci95(x, 0.05, 0)).containsExactly(0.0, 4.0);
        assertThat(QuantileInterval.ci95(new double[] {1, 2, 3, 4, 5}, 0.5, 0)).isNull();
        assertThat(QuantileInterval.method(20, 0.5)).contains("median").contains("15-th smallest of 20");
    }
}
