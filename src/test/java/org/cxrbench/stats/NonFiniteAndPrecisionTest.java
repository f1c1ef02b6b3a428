package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20.6: infinite t written distinctly from NaN in the stats JSON, and scipy's precision-loss warning for
 * values that differ only by rounding (which gave t = 9e14, p = 4.6e-60, "significant").
 */
class NonFiniteAndPrecisionTest {
    static List<Score> scores(String cond, double[] values) {
        List<Score> s = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            s.add(new Score(cond, i, "f1", values[i]));
        }
        return s;
    }

    static JsonNode json(ComparisonTable t) {
        return org.cxrbench.common.Json.MAPPER.valueToTree(t.toJson());
    }

    @Test
    void infinitiesAreStringsAndNanIsNull() {
        List<Score> s = new ArrayList<>(scores("base", new double[] {0.5, 0.25, 0.75}));
        s.addAll(scores("up", new double[] {1.5, 1.25, 1.75}));      // differences all +1: t = +Infinity
        s.addAll(scores("down", new double[] {-0.5, -0.75, -0.25})); // all -1: t = -Infinity
        s.addAll(scores("same", new double[] {0.5, 0.25, 0.75}));    // all 0: t = NaN
        JsonNode rows = json(Comparisons.compare(s, Comparisons.Options.defaults("base"))).get("comparisons");
        assertThat(rows.get(0).get("t").asText()).isEqualTo("Infinity");
        assertThat(rows.get(0).get("t").asDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(rows.get(1).get("t").asText()).isEqualTo("-Infinity");
        assertThat(rows.get(1).get("t").asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(rows.get(2).get("t").isNull()).isTrue();
        assertThat(org.cxrbench.common.ComparisonRow.num(1.5)).isEqualTo(1.5);
        assertThat(org.cxrbench.common.ComparisonRow.num(Double.NaN)).isNull();
    }

    @Test
    void scipysPrecisionLossRuleAndItsWarning() {
        // 0.1 + 0.2 style rounding: differences 0.3 +- 1 ulp, relative spread ~1e-16
        double[] d = {0.30000000000000004, 0.3, 0.30000000000000004, 0.29999999999999993, 0.3};
        assertThat(TStatistics.precisionLoss(d)).isTrue();
        assertThat(TStatistics.precisionLoss(new double[] {0.3, 0.31, 0.29})).isFalse();
        assertThat(TStatistics.precisionLoss(new double[] {0.3, 0.3, 0.3})).isFalse();   // exact zero variance: se = 0 path
        assertThat(TStatistics.precisionLoss(new double[] {1e-17, -1e-17})).isFalse();  // mean 0: ratio undefined
        // relative spread just above and below scipy's 1e-14
        assertThat(TStatistics.precisionLoss(new double[] {1, 1 + 4e-14, 1 - 4e-14})).isFalse();
        assertThat(TStatistics.precisionLoss(new double[] {1, 1 + 4e-15, 1 - 4e-15})).isTrue();

        List<Score> s = new ArrayList<>();
        double[] base = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] cond = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            cond[i] = base[i] + d[i];
        }
        s.addAll(scores("base", base));
        s.addAll(scores("cond", cond));
        ComparisonTable t = Comparisons.compare(s, Comparisons.Options.defaults("base"));
        Comparison c = t.comparisons().get(0);
        assertThat(c.test().p()).isLessThan(1e-6);  // what scipy would also compute
        assertThat(c.warnings()).contains(Comparisons.PRECISION_LOSS_WARNING);
        assertThat(c.significant()).isFalse();
        assertThat(t.warnings()).contains(Comparisons.PRECISION_LOSS_WARNING);
        assertThat(t.toJson().warnings().toString()).contains("catastrophic cancellation");
    }
}
