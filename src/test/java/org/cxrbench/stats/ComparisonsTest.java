package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores to comparisons against scipy's ttest_rel/ttest_ind on a 5-seed table (stats_refs.json). */
class ComparisonsTest {
    static final double TOL = 1e-12;

    static List<Score> referenceScores() {
        JsonNode s = StatsRefs.get().get("scores");
        List<Score> out = new ArrayList<>();
        for (String cond : new String[] {"real", "augmented", "synthetic"}) {
            for (String metric : new String[] {"f1_macro", "auroc_macro"}) {
                JsonNode v = s.get(cond).get(metric);
                for (int seed = 0; seed < v.size(); seed++) {
                    out.add(new Score(cond, seed, metric, v.get(seed).asDouble()));
                }
            }
        }
        return out;
    }

    @Test
    void pairedAndWelchTablesMatchScipy() {
        for (TTestKind kind : TTestKind.values()) {
            ComparisonTable t = Comparisons.compare(referenceScores(),
                    new Comparisons.Options("real", kind, Correction.BONFERRONI, 0.05, Alternative.GREATER));
            JsonNode ref = StatsRefs.get().get("comparisons");
            assertThat(t.familySize()).isEqualTo(StatsRefs.get().get("family_size").asInt()).isEqualTo(4);
            assertThat(t.comparisons()).hasSize(4);
            for (int i = 0; i < 4; i++) {
                Comparison c = t.comparisons().get(i);
                JsonNode r = ref.get(i).get(kind.key());
                assertThat(c.condition()).isEqualTo(ref.get(i).get("condition").asText());
                assertThat(c.metric()).isEqualTo(ref.get(i).get("metric").asText());
                assertThat(c.test().t()).as(kind + " t " + i).isCloseTo(r.get("t").asDouble(), within(1e-9));
                assertThat(c.test().df()).isCloseTo(r.get("df").asDouble(), within(1e-9));
                assertThat(c.p()).isCloseTo(r.get("p").asDouble(), within(TOL));
                assertThat(c.test().ciLow()).isCloseTo(r.get("ci95").get(0).asDouble(), within(TOL));
                assertThat(c.test().ciHigh()).isCloseTo(r.get("ci95").get(1).asDouble(), within(TOL));
                assertThat(c.pAdjusted()).isCloseTo(r.get("p_bonferroni").asDouble(), within(TOL));
                assertThat(c.significant()).isEqualTo(r.get("p").asDouble() <= 0.05 / 4);
                assertThat(c.warnings()).isEmpty();
            }
        }
    }

    @Test
    void jsonHasTheContractKeys() {
        @SuppressWarnings("unchecked")
        Map<String, Object> j = org.cxrbench.common.Json.MAPPER.convertValue(
                Comparisons.compare(referenceScores(), Comparisons.Options.defaults("real")).toJson(), Map.class);
        assertThat(j).containsKeys("comparisons", "family_size", "correction");
        assertThat(j.get("family_size")).isEqualTo(4);
        assertThat(j.get("correction")).isEqualTo("bonferroni");
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<?>) j.get("comparisons")).get(0);
        assertThat(row).containsKeys("condition", "metric", "mean_diff", "ci95", "t", "df", "p", "p_adjusted", "significant");
        assertThat(row.get("mean_diff")).isEqualTo(StatsRefs.get().at("/comparisons/0/paired/mean_diff").asDouble());
    }

    @Test
    void fewerThanFiveSeedsWarns() {
        List<Score> s = new ArrayList<>();
        for (Score x : referenceScores()) {
            if (x.seed() < 3) {
                s.add(x);
            }
        }
        ComparisonTable t = Comparisons.compare(s, Comparisons.Options.defaults("real"));
        assertThat(t.comparisons().get(0).warnings()).anyMatch(w -> w.contains("fewer than 5 seeds (3)"));
        assertThat(t.warnings()).isNotEmpty();
        assertThat(t.comparisons().get(0).test().df()).isEqualTo(2.0);
    }

    @Test
    void familySpansDataSetsAndHolmAdjustsOverIt() {
        ComparisonTable t = Comparisons.compare(Map.of("chexpert", referenceScores()),
                new Comparisons.Options("real", TTestKind.PAIRED, Correction.HOLM, 0.05, Alternative.GREATER));
        assertThat(t.familySize()).isEqualTo(4);
        assertThat(t.comparisons().get(0).dataset()).isEqualTo("chexpert");
        double[] p = t.comparisons().stream().mapToDouble(Comparison::p).toArray();
        double[] holm = MultipleTesting.holm(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(t.comparisons().get(i).pAdjusted()).isEqualTo(holm[i]);
        }
        assertThat(t.text()).contains("dataset", "chexpert", "holm over a family of 4");
    }

    @Test
    void unmatchedSeedsDuplicatesAndMissingBaselineAreRefused() {
        List<Score> s = new ArrayList<>(referenceScores());
        s.removeIf(x -> x.condition().equals("augmented") && x.seed() == 4 && x.metric().equals("f1_macro"));
        s.add(new Score("augmented", 7, "f1_macro", 0.6));
        assertThatThrownBy(() -> Comparisons.compare(s, Comparisons.Options.defaults("real")))
                .hasMessageContaining("unmatched seeds (only in 'augmented': [7], only in 'real': [4])");
        // Welch does not need matched seeds
        assertThat(Comparisons.compare(s, new Comparisons.Options("real", TTestKind.WELCH, Correction.BONFERRONI, 0.05,
                Alternative.GREATER)).familySize()).isEqualTo(4);
        List<Score> dup = new ArrayList<>(referenceScores());
        dup.add(new Score("real", 0, "f1_macro", 0.5));
        assertThatThrownBy(() -> Comparisons.compare(dup, Comparisons.Options.defaults("real")))
                .hasMessageContaining("condition 'real' seed 0 metric 'f1_macro' appears twice");
        assertThatThrownBy(() -> Comparisons.compare(referenceScores(), Comparisons.Options.defaults("baseline")))
                .hasMessageContaining("no scores for the baseline condition 'baseline'; the conditions are [real, augmented, synthetic]");
        List<Score> missing = new ArrayList<>(referenceScores());
        missing.removeIf(x -> x.condition().equals("synthetic") && x.metric().equals("auroc_macro"));
        assertThatThrownBy(() -> Comparisons.compare(missing, Comparisons.Options.defaults("real")))
                .hasMessageContaining("condition 'synthetic' has no 'auroc_macro' scores");
    }
}
