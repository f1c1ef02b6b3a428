package org.cxrbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cxrbench.common.RoundTrips.assertRoundTrips;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.junit.jupiter.api.Test;

/** validate.json's record round-trips through its Jackson binding and keeps CONTRACT.md's keys in their order. */
class ValidateResultsTest {
    static ValidateResults sample(boolean withFilter) {
        var result = new ValidateResults.Result("blur", 2, 1.5, "cxr-cnn", "fid", 12.5, Arrays.asList(11.0, null), 3.0,
                List.of(2.5, 3.5), null, Arrays.asList(null, null), 150);
        var verdict = new ValidateResults.Verdict("blur", "cxr-cnn", "fid", "higher", null, true, null, "missed", false);
        var filter = withFilter ? new ValidateResults.FilterCheck(new ValidateResults.FalseRejection(0.02,
                List.of(0.01, 0.05), 150, 3, 0.02, "Wilson score, 95%"), List.of(new ValidateResults.Flagged("blur", 1, 0.5,
                List.of(0.4, 0.6), 70, 5, 150)), "builtin") : null;
        return new ValidateResults(List.of(result), List.of(verdict), filter, Map.of("blur", "use fid"),
                new ValidateResults.Method(150, 150, "ci95: ...", Map.of("blur", "sigma"), 12.25),
                Provenance.builder("cxrbench validate").seed("seed", 7).threads(1).build());
    }

    @Test
    void roundTripsWithAndWithoutTheFilterBlock() {
        for (boolean f : new boolean[] {true, false}) {
            assertThat(assertRoundTrips(sample(f), ValidateResults.class)).isEqualTo(sample(f));
        }
        assertThat(Json.toString(sample(false))).doesNotContain("\"filter\"");
    }

    @Test
    void writesTheContractKeysInOrderWithNullsWhereNotFinite() {
        String s = Json.toString(sample(true)).replaceAll("\\s", "");
        assertThat(s).startsWith("{\"results\":[{\"flaw\":\"blur\",\"strength\":2,\"parameter\":1.5,\"encoder\":\"cxr-cnn\","
                        + "\"metric\":\"fid\",\"value\":12.5,\"ci95\":[11.0,null],\"floor\":3.0,\"floor_ci95\":[2.5,3.5],"
                        + "\"difference\":null,\"difference_ci\":[null,null],\"n\":150}],")
                .contains("\"verdicts\":[{\"flaw\":\"blur\",\"encoder\":\"cxr-cnn\",\"metric\":\"fid\",\"direction\":\"higher\","
                        + "\"spearman\":null,\"direction_ok\":true,\"detected_at\":null,\"verdict\":\"missed\",\"expected\":false}]")
                .contains("\"filter\":{\"false_rejection\":{\"value\":0.02,\"ci95\":[0.01,0.05],\"n\":150,\"rejected\":3,"
                        + "\"target\":0.02,\"interval\":\"Wilsonscore,95%\"},\"flagged\":[{\"flaw\":\"blur\",\"strength\":1,"
                        + "\"share\":0.5,\"ci95\":[0.4,0.6],\"low\":70,\"not_relevant\":5,\"n\":150}],\"judge\":\"builtin\"}")
                .contains("\"method\":{\"reference_half\":150,\"holdout\":150,\"intervals\":\"ci95:...\","
                        + "\"strength_parameters\":{\"blur\":\"sigma\"},\"seconds\":12.25},\"provenance\":{\"cxrbench\":");
    }
}
