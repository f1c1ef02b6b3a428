package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cxrbench.common.MetricResult;
import org.junit.jupiter.api.Test;

/**
 * How a value is printed with its interval (issue 20's review): the bounds keep two significant digits of the
 * interval's width, so a narrow interval near 0 or 1 is not printed as "[0.0, 0.0]" or "[1.0, 1.0]"; an interval that
 * does not hold its estimate (only older builds made them) says so beside it.
 */
class FormatSpreadTest {
    private static MetricResult entry(String id, double v, double lo, double hi) {
        return new MetricResult(id, v, new double[] {lo, hi}, null, Map.of(), Map.of(), List.of(), null, null);
    }

    @Test
    void narrowIntervalsKeepTheirDigits() {
        assertThat(Format.withSpread(entry("reid_score", 0, 0, 0.0132))).isEqualTo("0 [0.000, 0.013]");
        assertThat(Format.withSpread(entry("precision", 1, 0.986, 1))).isEqualTo("1 [0.986, 1.000]");
        // a wide interval stays at the estimate's precision (+1 digit)
        assertThat(Format.withSpread(entry("fid", 12.3, 11.9, 12.8))).isEqualTo("12.3 [11.9, 12.8]");
    }

    @Test
    void anIntervalThatDoesNotHoldItsEstimateSaysSo() {
        assertThat(Format.withSpread(entry("fid", 5.14, -1.08, 1.22))).startsWith("5.14 [-1.08, 1.22] (this interval "
                + "does not hold its estimate");
        assertThat(Format.withSpread(entry("fid", 1.0, 0.9, 1.2))).isEqualTo("1 [0.9, 1.2]");
    }
}
