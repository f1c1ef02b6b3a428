package org.cxrbench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dice and IoU per structure over test images, with MONAI's empty-mask conventions
 * ({@code monai.metrics.DiceMetric}/{@code compute_dice} and {@code MeanIoU}/{@code compute_iou}):
 * Dice = 2|P∩G| / (|P| + |G|), IoU = |P∩G| / |P∪G|, per image and structure; the mean over images skips NaN
 * entries (MONAI's reduction "mean" over not-NaN values) and counts the not-NaN ones.
 * <ul>
 *   <li>{@link EmptyPolicy#IGNORE_EMPTY} (MONAI's default {@code ignore_empty=True}): an empty ground truth gives NaN,
 *       even when the prediction is not empty, so images without the structure do not count;</li>
 *   <li>{@link EmptyPolicy#SCORE_EMPTY} ({@code ignore_empty=False}): an empty ground truth gives 1 when the
 *       prediction is empty too, else 0;</li>
 *   <li>{@link EmptyPolicy#PLAIN}: the bare formula, NaN only for 0/0 (both empty).</li>
 * </ul>
 */
public final class SegmentationScores {
    private SegmentationScores() {}

    public enum EmptyPolicy {
        IGNORE_EMPTY("ignore"), SCORE_EMPTY("score"), PLAIN("plain");

        private final String key;

        EmptyPolicy(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static EmptyPolicy parse(String s) {
            String k = s.trim().toLowerCase(Locale.ROOT);
            for (EmptyPolicy p : values()) {
                if (p.key.equals(k)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("empty-mask policy '" + s + "': use ignore (MONAI default), score or plain");
        }
    }

    /** Pixel counts of one prediction/ground-truth pair. */
    public record Overlap(long intersection, long predSum, long gtSum) {
        public double dice(EmptyPolicy policy) {
            if (gtSum == 0) {
                switch (policy) {
                    case IGNORE_EMPTY:
                        return Double.NaN;
                    case SCORE_EMPTY:
                        return predSum == 0 ? 1.0 : 0.0;
                    default:
                        break;
                }
            }
            long den = predSum + gtSum;
            return den == 0 ? Double.NaN : 2.0 * intersection / den;
        }

        public double iou(EmptyPolicy policy) {
            long union = predSum + gtSum - intersection;
            if (gtSum == 0) {
                switch (policy) {
                    case IGNORE_EMPTY:
                        return Double.NaN;
                    case SCORE_EMPTY:
                        return union == 0 ? 1.0 : 0.0;
                    default:
                        break;
                }
            }
            return union == 0 ? Double.NaN : (double) intersection / union;
        }

        /** Soft-Dice smoothing (2|P∩G| + eps) / (|P| + |G| + eps): both empty gives 1. */
        public double smoothedDice(double eps) {
            return (2.0 * intersection + eps) / (predSum + gtSum + eps);
        }
    }

    public static Overlap overlap(boolean[] pred, boolean[] gt) {
        if (pred.length != gt.length) {
            throw new IllegalArgumentException("segmentation scores: prediction has " + pred.length
                    + " pixels, ground truth " + gt.length);
        }
        long inter = 0;
        long p = 0;
        long g = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i]) {
                p++;
            }
            if (gt[i]) {
                g++;
                if (pred[i]) {
                    inter++;
                }
            }
        }
        return new Overlap(inter, p, g);
    }

    /** One structure's per-image scores and their not-NaN means. */
    public record StructureScore(String structure, double dice, int diceNotNan, double iou, int iouNotNan,
                                 double[] dicePerImage, double[] iouPerImage) {}

    public record Result(List<StructureScore> structures, EmptyPolicy policy, List<String> warnings) {
        /** Contract keys dice_&lt;structure&gt;, iou_&lt;structure&gt; (NaN when no image counts). */
        public Map<String, Double> metrics() {
            return UtilityMetrics.values(new UtilityMetrics.Scores(null, this));
        }
    }

    /** Collects one image at a time (the masks need not all be held), then {@link #result()}. */
    public static final class Accumulator {
        private final String[] structures;
        private final EmptyPolicy policy;
        private final List<List<Overlap>> overlaps = new ArrayList<>();

        public Accumulator(String[] structures, EmptyPolicy policy) {
            this.structures = structures.clone();
            this.policy = policy;
            for (int s = 0; s < structures.length; s++) {
                overlaps.add(new ArrayList<>());
            }
        }

        /** One image: pred[s] and gt[s] are the flattened masks of structure s. */
        public Accumulator add(boolean[][] pred, boolean[][] gt) {
            if (pred.length != structures.length || gt.length != structures.length) {
                throw new IllegalArgumentException("segmentation scores: image " + overlaps.get(0).size() + " has "
                        + pred.length + " predicted and " + gt.length + " true masks for " + structures.length
                        + " structures");
            }
            for (int s = 0; s < structures.length; s++) {
                overlaps.get(s).add(overlap(pred[s], gt[s]));
            }
            return this;
        }

        public Result result() {
            List<StructureScore> out = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (int s = 0; s < structures.length; s++) {
                List<Overlap> o = overlaps.get(s);
                double[] d = new double[o.size()];
                double[] j = new double[o.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = o.get(i).dice(policy);
                    j[i] = o.get(i).iou(policy);
                }
                int dn = notNan(d);
                int jn = notNan(j);
                if (dn == 0 && d.length > 0) {
                    warnings.add(structures[s] + ": none of the " + d.length + " images has a Dice under the '"
                            + policy.key() + "' empty-mask policy (empty truth on every image), so its Dice and IoU are "
                            + "null, not 0 as MONAI's mean reduction reports: there is nothing to estimate (see "
                            + "metrics/utility-statistics.md)");
                } else if (dn < d.length) {
                    warnings.add(structures[s] + ": " + (d.length - dn) + " of " + d.length
                            + " images have no Dice under the '" + policy.key() + "' empty-mask policy (left out of the mean)");
                }
                out.add(new StructureScore(structures[s], nanMean(d), dn, nanMean(j), jn, d, j));
            }
            return new Result(out, policy, List.copyOf(warnings));
        }
    }

    /** Mean of the not-NaN entries (NaN if there are none), as MONAI's do_metric_reduction "mean". */
    public static double nanMean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static int notNan(double[] x) {
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }
}
