package org.cxrbench.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Family;
import org.cxrbench.common.MetricFunctions;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;

/**
 * The utility family's functions, one per registry id ({@link Metrics}), over one seed's scores of one downstream
 * model on the real test set: a classification result ({@link ClassificationScores.Result}: f1_macro, f1_micro,
 * auroc_macro, f1_&lt;label&gt;, auroc_&lt;label&gt;) or a segmentation result ({@link SegmentationScores.Result}:
 * dice_&lt;structure&gt;, iou_&lt;structure&gt;). A pattern id's result is per label. A function of the other task
 * returns null. Both results' {@code metrics()} (the score rows the statistics read) go through this table.
 */
public final class UtilityMetrics {
    private UtilityMetrics() {}

    /** One seed's scores: exactly one of the two results is set. */
    public record Scores(ClassificationScores.Result classification, SegmentationScores.Result segmentation) {
        long nTest() {
            if (classification != null) {
                return classification.labels().stream().mapToLong(l -> l.n() + l.masked()).max().orElse(0);
            }
            return segmentation.structures().stream().mapToLong(s -> s.dicePerImage().length).max().orElse(0);
        }

        Map<String, Long> counts() {
            return Map.of("n_test", nTest());
        }

        MetricResult scalar(String id, double v) {
            return classification == null ? null : MetricResult.of(id, v, counts());
        }

        MetricResult perClassLabel(String prefix, boolean auroc) {
            if (classification == null) {
                return null;
            }
            Map<String, MetricResult.LabelValue> pl = new LinkedHashMap<>();
            for (ClassificationScores.LabelScore l : classification.labels()) {
                pl.put(ClassificationScores.key(l.label()), new MetricResult.LabelValue(auroc ? l.auroc() : l.f1(), l.n(), 0, true));
            }
            return perLabel(prefix, pl);
        }

        MetricResult perStructure(String prefix, boolean dice) {
            if (segmentation == null) {
                return null;
            }
            Map<String, MetricResult.LabelValue> pl = new LinkedHashMap<>();
            for (SegmentationScores.StructureScore s : segmentation.structures()) {
                pl.put(ClassificationScores.key(s.structure()), new MetricResult.LabelValue(dice ? s.dice() : s.iou(),
                        dice ? s.diceNotNan() : s.iouNotNan(), 0, true));
            }
            return perLabel(prefix, pl);
        }

        MetricResult perLabel(String prefix, Map<String, MetricResult.LabelValue> pl) {
            return new MetricResult(prefix, Double.NaN, null, null, counts(), pl, List.of(),
                    org.cxrbench.common.MetricParams.NONE, org.cxrbench.common.MetricDetails.NONE);
        }
    }

    /** The function of every utility id, bound to its declaration (a declared id without one fails here). */
    static final MetricFunctions<Scores> FUNCTIONS = MetricFunctions.<Scores>builder(Family.UTILITY)
            .bind("f1_macro", s -> s.scalar("f1_macro", s.classification() == null ? 0 : s.classification().f1Macro()))
            .bind("f1_micro", s -> s.scalar("f1_micro", s.classification() == null ? 0 : s.classification().f1Micro()))
            .bind("auroc_macro", s -> s.scalar("auroc_macro", s.classification() == null ? 0 : s.classification().aurocMacro()))
            .bind("f1_", s -> s.perClassLabel("f1_", false))
            .bind("auroc_", s -> s.perClassLabel("auroc_", true))
            .bind("dice_", s -> s.perStructure("dice_", true))
            .bind("iou_", s -> s.perStructure("iou_", false))
            .build();

    public static MetricFunctions<?> functions() {
        return FUNCTIONS;
    }

    /** The typed results of one seed's scores, in declaration order. */
    public static Map<String, MetricResult> results(Scores s) {
        return FUNCTIONS.compute(FUNCTIONS.ids(), s, null);
    }

    /** The contract's flat keys (f1_macro, f1_cardiomegaly, dice_left_lung, ...) and values (NaN where undefined). */
    public static Map<String, Double> values(Scores s) {
        Map<String, Double> out = new LinkedHashMap<>();
        results(s).forEach((id, r) -> {
            if (r.perLabel().isEmpty() && !r.metric().isPattern()) {
                out.put(id, r.value());
            } else {
                r.perLabel().forEach((label, v) -> out.put(id + label, v.value() == null ? Double.NaN : v.value()));
            }
        });
        return out;
    }
}
