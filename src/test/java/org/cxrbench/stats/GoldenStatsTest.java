package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.Shared;
import org.junit.jupiter.api.Test;

/**
 * The golden cases ttests_bonferroni, f1_multilabel and dice_binary_masks (src/test/resources/golden/golden.json, made
 * by make_refs.py with scipy.stats ttest_ind/ttest_rel, statsmodels-style Bonferroni, sklearn-style F1 and MONAI's
 * Dice conventions; the t p-values are cross-checked with mpmath by crosscheck_mp.py), each within its
 * suggested_tolerance. They run in a fresh clone (the file is on the test classpath).
 */
class GoldenStatsTest {

    static void near(double got, JsonNode want, JsonNode tol, String what) {
        if (want.isNull()) {
            assertThat(got).as(what + " (golden null = NaN)").isNaN();
            return;
        }
        assertThat(Shared.close(got, want.asDouble(), tol)).as(what + ": got " + got + ", want " + want.asDouble()).isTrue();
    }

    @Test
    void welchStudentAndPairedMatchScipy() {
        JsonNode c = Shared.goldenCase("ttests_bonferroni");
        JsonNode in = c.get("inputs");
        JsonNode ex = c.get("expected");
        JsonNode tol = c.get("suggested_tolerance");
        double[] wa = Shared.vector(in.get("welch_a"));
        double[] wb = Shared.vector(in.get("welch_b"));
        TTestResult w = TStatistics.welch(wa, wb, Alternative.GREATER);
        near(w.t(), ex.at("/welch/t"), tol, "welch t");
        near(w.df(), ex.at("/welch/df"), tol, "welch df");
        near(w.p(), ex.at("/welch/p_greater"), tol, "welch p greater");
        near(TStatistics.welch(wa, wb, Alternative.TWO_SIDED).p(), ex.at("/welch/p_two_sided"), tol, "welch p two-sided");
        near(TStatistics.welch(wa, wb, Alternative.LESS).p(), ex.at("/welch/p_less"), tol, "welch p less");

        TTestResult s = TStatistics.student(wa, wb, Alternative.GREATER);
        near(s.t(), ex.at("/student/t"), tol, "student t");
        near(s.df(), ex.at("/student/df"), tol, "student df");
        near(s.p(), ex.at("/student/p_greater"), tol, "student p");

        double[] pa = Shared.vector(in.get("paired_a"));
        double[] pb = Shared.vector(in.get("paired_b"));
        TTestResult p = TStatistics.paired(pa, pb, Alternative.GREATER);
        near(p.t(), ex.at("/paired/t"), tol, "paired t");
        near(p.df(), ex.at("/paired/df"), tol, "paired df");
        near(p.p(), ex.at("/paired/p_greater"), tol, "paired p");
        near(p.meanDiff(), ex.at("/paired/mean_diff"), tol, "paired mean diff");
        near(p.se() * Math.sqrt(pa.length), ex.at("/paired/sd_diff"), tol, "paired sd of differences");
        near(TStatistics.paired(pa, pb, Alternative.TWO_SIDED).p(), ex.at("/paired/p_two_sided"), tol, "paired p two-sided");
    }

    @Test
    void zeroVariancePairedGivesNaNAsScipy() {
        JsonNode c = Shared.goldenCase("ttests_bonferroni");
        TTestResult z = TStatistics.paired(Shared.vector(c.at("/inputs/zero_variance_paired_a")),
                Shared.vector(c.at("/inputs/zero_variance_paired_b")), Alternative.GREATER);
        near(z.t(), c.at("/expected/zero_variance_paired/t"), c.get("suggested_tolerance"), "t");
        near(z.p(), c.at("/expected/zero_variance_paired/p_greater"), c.get("suggested_tolerance"), "p");
    }

    @Test
    void tDistributionSpotChecks() {
        JsonNode c = Shared.goldenCase("ttests_bonferroni");
        JsonNode tol = c.get("suggested_tolerance");
        for (JsonNode k : c.at("/expected/t_distribution_checks")) {
            double t = k.get("t").asDouble();
            double df = k.get("df").asDouble();
            near(TStatistics.sf(t, df), k.get("sf"), tol, "sf(" + t + ", " + df + ")");
            near(TStatistics.cdf(t, df), k.get("cdf"), tol, "cdf(" + t + ", " + df + ")");
        }
    }

    @Test
    void bonferroniFamilyOfFourDirectlyAndThroughComparisons() {
        JsonNode c = Shared.goldenCase("ttests_bonferroni");
        JsonNode tol = c.get("suggested_tolerance");
        double alpha = c.at("/inputs/alpha").asDouble();
        JsonNode fam = c.at("/expected/bonferroni_m4");
        double[] p = new double[fam.size()];
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < fam.size(); i++) {
            JsonNode e = fam.get(i);
            double[] a = Shared.vector(e.get("synthetic_aug"));
            double[] b = Shared.vector(e.get("real_only"));
            TTestResult t = TStatistics.paired(a, b, Alternative.GREATER);
            near(t.t(), e.get("t"), tol, e.get("name") + " t");
            near(t.df(), e.get("df"), tol, e.get("name") + " df");
            near(t.p(), e.get("p_one_tailed"), tol, e.get("name") + " p");
            p[i] = t.p();
            for (int s = 0; s < a.length; s++) {
                scores.add(new Score("synthetic_aug", s, e.get("name").asText(), a[s]));
                scores.add(new Score("real_only", s, e.get("name").asText(), b[s]));
            }
        }
        MultipleTesting.Adjusted adj = MultipleTesting.adjust(p, Correction.BONFERRONI, alpha);
        assertThat(adj.familySize()).isEqualTo(4);
        for (int i = 0; i < fam.size(); i++) {
            near(adj.pAdjusted()[i], fam.get(i).get("p_bonferroni"), tol, "p_bonferroni " + i);
            assertThat(adj.reject()[i]).as("reject " + i).isEqualTo(fam.get(i).get("reject_at_alpha").asBoolean());
        }
        ComparisonTable table = Comparisons.compare(scores, new Comparisons.Options("real_only", TTestKind.PAIRED,
                Correction.BONFERRONI, alpha, Alternative.GREATER));
        assertThat(table.familySize()).isEqualTo(4);
        for (int i = 0; i < fam.size(); i++) {
            Comparison cmp = table.comparisons().get(i);
            assertThat(cmp.metric()).isEqualTo(fam.get(i).get("name").asText());
            near(cmp.p(), fam.get(i).get("p_one_tailed"), tol, "comparison p " + i);
            near(cmp.pAdjusted(), fam.get(i).get("p_bonferroni"), tol, "comparison p_adjusted " + i);
            assertThat(cmp.significant()).isEqualTo(fam.get(i).get("reject_at_alpha").asBoolean());
        }
    }

    @Test
    void multilabelF1BothThresholdRulesAndZeroDivisions() {
        JsonNode c = Shared.goldenCase("f1_multilabel");
        JsonNode tol = c.get("suggested_tolerance");
        double[][] truth = Shared.rows(c.at("/inputs/y_true"));
        double[][] prob = Shared.rows(c.at("/inputs/y_prob"));
        double thr = c.at("/inputs/threshold").asDouble();
        String[] labels = {"a", "b", "c", "d"};
        for (String rule : new String[] {"threshold_ge", "threshold_gt"}) {
            JsonNode ex = c.at("/expected/" + rule);
            for (int zd = 0; zd <= 1; zd++) {
                ClassificationScores.Result r = ClassificationScores.score(labels, truth, prob,
                        new ClassificationScores.Options(thr, rule.equals("threshold_ge"), zd));
                for (int j = 0; j < 4; j++) {
                    ClassificationScores.LabelScore l = r.labels().get(j);
                    assertThat(l.tp()).isEqualTo(ex.get("tp").get(j).asInt());
                    assertThat(l.fp()).isEqualTo(ex.get("fp").get(j).asInt());
                    assertThat(l.fn()).isEqualTo(ex.get("fn").get(j).asInt());
                    assertThat(l.support()).isEqualTo(ex.get("support").get(j).asInt());
                    near(l.f1(), ex.get("f1_per_class_zero_division_" + zd).get(j), tol, rule + " f1 zd" + zd + " " + j);
                    if (zd == 0) {
                        near(l.precision(), ex.get("precision_per_class_zd0").get(j), tol, rule + " precision " + j);
                        near(l.recall(), ex.get("recall_per_class_zd0").get(j), tol, rule + " recall " + j);
                    }
                }
                near(r.f1Macro(), ex.get("f1_macro_zero_division_" + zd), tol, rule + " macro zd" + zd);
                near(r.f1Micro(), ex.get("f1_micro"), tol, rule + " micro");
            }
        }
    }

    @Test
    void diceAndIouWithMonaiEmptyMaskConventions() {
        JsonNode c = Shared.goldenCase("dice_binary_masks");
        JsonNode tol = c.get("suggested_tolerance");
        JsonNode masks = c.at("/inputs/masks");
        SegmentationScores.Accumulator ignore = new SegmentationScores.Accumulator(new String[] {"s"},
                SegmentationScores.EmptyPolicy.IGNORE_EMPTY);
        SegmentationScores.Accumulator score = new SegmentationScores.Accumulator(new String[] {"s"},
                SegmentationScores.EmptyPolicy.SCORE_EMPTY);
        for (JsonNode m : masks) {
            String id = m.get("id").asText();
            boolean[] pred = flat(m.get("pred"));
            boolean[] gt = flat(m.get("gt"));
            JsonNode ex = c.at("/expected/per_mask/" + id);
            SegmentationScores.Overlap o = SegmentationScores.overlap(pred, gt);
            assertThat(o.intersection()).isEqualTo(ex.get("intersection").asLong());
            assertThat(o.predSum()).isEqualTo(ex.get("pred_sum").asLong());
            assertThat(o.gtSum()).isEqualTo(ex.get("gt_sum").asLong());
            near(o.dice(SegmentationScores.EmptyPolicy.PLAIN), ex.get("dice_plain"), tol, id + " plain");
            near(o.dice(SegmentationScores.EmptyPolicy.IGNORE_EMPTY), ex.get("monai_ignore_empty_true"), tol, id + " ignore_empty");
            near(o.dice(SegmentationScores.EmptyPolicy.SCORE_EMPTY), ex.get("monai_ignore_empty_false"), tol, id + " score_empty");
            near(o.smoothedDice(1e-5), ex.get("smoothed_eps_1em5"), tol, id + " smoothed");
            near(o.iou(SegmentationScores.EmptyPolicy.PLAIN), ex.get("iou"), tol, id + " iou");
            ignore.add(new boolean[][] {pred}, new boolean[][] {gt});
            score.add(new boolean[][] {pred}, new boolean[][] {gt});
        }
        SegmentationScores.StructureScore si = ignore.result().structures().get(0);
        near(si.dice(), c.at("/expected/mean_monai_ignore_empty_true"), tol, "mean ignore_empty");
        assertThat(si.diceNotNan()).isEqualTo(c.at("/expected/not_nans_ignore_empty_true").asInt());
        SegmentationScores.StructureScore ss = score.result().structures().get(0);
        near(ss.dice(), c.at("/expected/mean_monai_ignore_empty_false"), tol, "mean score_empty");
        assertThat(ss.diceNotNan()).isEqualTo(c.at("/expected/not_nans_ignore_empty_false").asInt());
    }

    static boolean[] flat(JsonNode rows) {
        int h = rows.size();
        int w = rows.get(0).size();
        boolean[] out = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = rows.get(y).get(x).asInt() == 1;
            }
        }
        return out;
    }
}
