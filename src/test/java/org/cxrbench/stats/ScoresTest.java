package org.cxrbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Masking of uncertain/blank labels, AUROC per label, and Dice/IoU per structure (numbers by hand). */
class ScoresTest {
    static final double NAN = Double.NaN;

    @Test
    void uncertainAndBlankLabelsAreMasked() {
        String[] labels = {"Pleural Effusion", "Cardiomegaly"};
        double[][] truth = {{1, 0}, {0, 1}, {-1, 1}, {NAN, 0}, {1, -1}, {0, 0}};
        double[][] prob = {{0.9, 0.1}, {0.2, 0.7}, {0.8, 0.4}, {0.7, 0.6}, {0.3, 0.9}, {0.6, 0.2}};
        ClassificationScores.Result r = ClassificationScores.score(labels, truth, prob);
        // effusion: rows 0,1,4,5 count (2 and 3 masked): TP row0, FN row4, FP row5, TN row1 -> F1 = 2/(2+1+1) = 0.5
        ClassificationScores.LabelScore e = r.labels().get(0);
        assertThat(e.masked()).isEqualTo(2);
        assertThat(new int[] {e.tp(), e.fp(), e.fn(), e.tn()}).containsExactly(1, 1, 1, 1);
        assertThat(e.f1()).isEqualTo(0.5);
        // AUROC effusion: positives {0.9, 0.3}, negatives {0.2, 0.6}: pairs won 0.9>0.2, 0.9>0.6, 0.3>0.2 -> 3/4
        assertThat(e.auroc()).isEqualTo(0.75);
        // cardiomegaly: rows 0,1,2,3,5 (row 4 masked): TP row1, FN row2 (0.4), FP row3 (0.6), TN rows 0,5 -> F1 0.5
        ClassificationScores.LabelScore c = r.labels().get(1);
        assertThat(new int[] {c.tp(), c.fp(), c.fn(), c.tn()}).containsExactly(1, 1, 1, 2);
        // AUROC: positives {0.7, 0.4}, negatives {0.1, 0.6, 0.2}: 0.7 beats 3, 0.4 beats 2 -> 5/6
        assertThat(c.auroc()).isCloseTo(5.0 / 6, within(1e-15));
        assertThat(r.f1Macro()).isEqualTo(0.5);
        assertThat(r.f1Micro()).isEqualTo(2.0 * 2 / (2 * 2 + 2 + 2));
        assertThat(r.aurocMacro()).isCloseTo((0.75 + 5.0 / 6) / 2, within(1e-15));
        Map<String, Double> m = r.metrics();
        assertThat(m).containsKeys("f1_macro", "f1_micro", "auroc_macro", "f1_pleural_effusion", "auroc_cardiomegaly");
    }

    @Test
    void aLabelWithOneClassHasNoAurocAndIsLeftOutOfTheMacro() {
        double[][] truth = {{1, 0}, {0, 0}, {1, 0}};
        double[][] prob = {{0.9, 0.1}, {0.2, 0.7}, {0.8, 0.4}};
        ClassificationScores.Result r = ClassificationScores.score(new String[] {"a", "b"}, truth, prob);
        assertThat(r.labels().get(1).auroc()).isNaN();
        assertThat(r.aurocMacro()).isEqualTo(1.0);
        assertThat(r.warnings()).anyMatch(w -> w.contains("no AUROC for [b]"));
        assertThatThrownBy(() -> ClassificationScores.score(new String[] {"a"}, new double[][] {{2}}, new double[][] {{0.5}}))
                .hasMessageContaining("truth[0][a] = 2.0");
    }

    @Test
    void dicePerStructureOverImagesWithEmptyMasks() {
        String[] st = {"lung", "nodule"};
        boolean t = true;
        boolean f = false;
        // image 1: lung pred {0,1} gt {1,2} (inter 1: dice 2/4, iou 1/3); nodule both empty
        // image 2: lung identical {0,1,2,3}; nodule pred {3}, gt empty
        SegmentationScores.Accumulator ignore = new SegmentationScores.Accumulator(st, SegmentationScores.EmptyPolicy.IGNORE_EMPTY);
        SegmentationScores.Accumulator score = new SegmentationScores.Accumulator(st, SegmentationScores.EmptyPolicy.SCORE_EMPTY);
        boolean[][] p1 = {{t, t, f, f}, {f, f, f, f}};
        boolean[][] g1 = {{f, t, t, f}, {f, f, f, f}};
        boolean[][] p2 = {{t, t, t, t}, {f, f, f, t}};
        boolean[][] g2 = {{t, t, t, t}, {f, f, f, f}};
        for (SegmentationScores.Accumulator a : new SegmentationScores.Accumulator[] {ignore, score}) {
            a.add(p1, g1).add(p2, g2);
        }
        SegmentationScores.Result ri = ignore.result();
        assertThat(ri.structures().get(0).dice()).isEqualTo((0.5 + 1.0) / 2);
        assertThat(ri.structures().get(0).iou()).isCloseTo((1.0 / 3 + 1.0) / 2, within(1e-15));
        assertThat(ri.structures().get(1).dice()).isNaN();            // every nodule gt is empty
        assertThat(ri.structures().get(1).diceNotNan()).isZero();
        // documented convention: null (not MONAI's 0) with a warning that says why
        assertThat(ri.warnings()).anyMatch(w -> w.startsWith("nodule: none of the 2 images") && w.contains("not 0"));
        SegmentationScores.Result rs = score.result();
        assertThat(rs.structures().get(1).dice()).isEqualTo(0.5);     // both empty -> 1, pred-only -> 0
        assertThat(rs.structures().get(1).iou()).isEqualTo(0.5);
        assertThat(rs.metrics()).containsKeys("dice_lung", "dice_nodule", "iou_lung", "iou_nodule");
        assertThat(SegmentationScores.EmptyPolicy.parse("ignore")).isEqualTo(SegmentationScores.EmptyPolicy.IGNORE_EMPTY);
    }
}
