package org.cxrbench.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.data.ChexpertLabel;

/**
 * The builtin judge's thresholds, set on real images. Every test turns a measurement into a robust z-score against
 * the real images, {@code z = (x - median) / s} with s the larger of 1.4826 MAD and the standard deviation (equal
 * for normal data; the larger for heavy or zero-inflated tails), signed so that its bad tail is positive:
 * <ul>
 *   <li>{@code not_chest_xray}: mean distance of the cxr-cnn feature to its {@link #K} nearest real images
 *       (for a real image: leaving out itself and every image of the same patient);</li>
 *   <li>{@code layout}: the same distance for the standardised 16 x 16 thumbnail ({@link BuiltinMeasures#layout});</li>
 *   <li>{@code relevance}: for each finding the description asks for, the logit of the CNN's probability against the
 *       same logit on the real images that have that finding (only findings with at least {@link #MIN_POSITIVES}
 *       real images); the worst requested finding counts;</li>
 *   <li>the {@link ImageQuality} measures.</li>
 * </ul>
 * An image's statistic is the largest z over the tests. The rejection threshold is the real images' statistic at
 * nearest rank ceil((1 - r) n), so at most a share r (the chosen false-rejection rate) of the real images lies above
 * it; the high-quality threshold is the real images' median statistic. The not-a-chest-X-ray threshold, which
 * names the verdict of a rejected image, is the same quantile of the larger of the two distance z-scores; a rejected
 * image is also named not a radiograph when its layout z alone exceeds the real images' {@value #NAMING_QUANTILE}
 * quantile: this only decides between {@code low} and {@code not-relevant} for an image already rejected, and a
 * degraded radiograph (blurred, noisy, low contrast) keeps a radiograph's standardised coarse layout (the CNN's
 * features, by contrast, move with noise and tiling), so a rejected image whose layout is farther from the real
 * images than 90% of them is named not a radiograph.
 */
final class BuiltinCalibration {
    static final int K = 5;
    static final int MIN_POSITIVES = 10;
    static final double NAMING_QUANTILE = 0.90;
    static final int NOT_CXR = 0;
    static final int LAYOUT = 1;
    static final int RELEVANCE = 2;
    static final int FIRST_QUALITY = 3;

    static String[] testNames() {
        String[] n = new String[FIRST_QUALITY + ImageQuality.NAMES.length];
        n[NOT_CXR] = "not_chest_xray";
        n[LAYOUT] = "layout";
        n[RELEVANCE] = "relevance";
        System.arraycopy(ImageQuality.NAMES, 0, n, FIRST_QUALITY, ImageQuality.NAMES.length);
        return n;
    }

    /** A robust location/scale with the sign of the bad tail. */
    record Stat(double median, double scale, int badTail) {
        double z(double x) {
            return badTail * (x - median) / scale;
        }

        static Stat of(double[] xs, int badTail) {
            double med = BuiltinCalibration.median(xs);
            double[] dev = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                dev[i] = Math.abs(xs[i] - med);
            }
            double m = Arrays.stream(xs).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / Math.max(1, xs.length - 1));
            // the larger of the two: equal for normal data, and a heavy or zero-inflated tail (clipped pixels) does
            // not turn ordinary real images into outliers
            double scale = Math.max(1.4826 * BuiltinCalibration.median(dev), sd);
            if (!(scale > 0)) {
                scale = 1e-9 * Math.max(1, Math.abs(med));
            }
            return new Stat(med, scale, badTail);
        }

        CalibrationInfo.Stat info() {
            return new CalibrationInfo.Stat(median, scale, badTail > 0 ? "high" : "low");
        }
    }

    final float[][] reference;
    final float[][] layoutReference;
    final Stat knn;
    final Stat layout;
    final Stat[] quality;
    final Stat[] relevance;
    final int[] positives;
    final double reject;
    final double notChestXray;
    /** The layout z above which a rejected image is named not a radiograph ({@link #NAMING_QUANTILE} of the real). */
    double layoutNaming = Double.POSITIVE_INFINITY;
    final double high;
    final double falseRejection;
    final double[] realStatistic;
    final int[] realFiring;
    final double greyMean;
    final double greySd;

    private BuiltinCalibration(float[][] reference, float[][] layoutReference, Stat knn, Stat layout, Stat[] quality, Stat[] relevance, int[] positives,
                               double reject, double high, double falseRejection, double[] realStatistic, int[] realFiring,
                               double greyMean, double greySd, double notChestXray) {
        this.reference = reference;
        this.layoutReference = layoutReference;
        this.knn = knn;
        this.layout = layout;
        this.quality = quality;
        this.relevance = relevance;
        this.positives = positives;
        this.reject = reject;
        this.high = high;
        this.falseRejection = falseRejection;
        this.realStatistic = realStatistic;
        this.realFiring = realFiring;
        this.greyMean = greyMean;
        this.greySd = greySd;
        this.notChestXray = notChestXray;
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static BuiltinCalibration fit(List<BuiltinMeasures> real, List<List<ChexpertLabel>> requested, String[] patients,
                                  double falseRejection, double greyMean, double greySd) {
        int n = real.size();
        if (n < 2 * K) {
            throw new org.cxrbench.common.BadInputException("--calibrate has " + n + " images; give at least " + (2 * K)
                    + " real images (a few hundred make stable thresholds)");
        }
        float[][] ref = new float[n][];
        float[][] layRef = new float[n][];
        for (int i = 0; i < n; i++) {
            ref[i] = real.get(i).feature();
            layRef[i] = real.get(i).layout();
        }
        double[] loo = new double[n];
        double[] looLayout = new double[n];
        leaveOutKnn(ref, layRef, patients, loo, looLayout);
        Stat knn = Stat.of(Arrays.stream(loo).filter(Double::isFinite).toArray(), +1);
        Stat layout = Stat.of(Arrays.stream(looLayout).filter(Double::isFinite).toArray(), +1);
        Stat[] quality = new Stat[ImageQuality.NAMES.length];
        for (int t = 0; t < quality.length; t++) {
            final int tt = t;
            quality[t] = Stat.of(real.stream().mapToDouble(m -> m.quality()[tt]).toArray(), ImageQuality.BAD_TAIL[t]);
        }
        int[] pos = new int[ChexpertLabel.COUNT];
        Stat[] rel = labelStats(real, requested, pos);
        BuiltinCalibration partial = new BuiltinCalibration(ref, layRef, knn, layout, quality, rel, pos, Double.NaN, Double.NaN,
                falseRejection, null, null, greyMean, greySd, Double.NaN);
        double[] stat = new double[n];
        int[] firing = new int[testNames().length];
        double[][] zs = new double[n][];
        for (int i = 0; i < n; i++) {
            zs[i] = partial.z(real.get(i), requested.get(i), loo[i], looLayout[i]);
            stat[i] = max(zs[i]);
        }
        double reject = nearestRank(stat, 1 - falseRejection);
        double[] cxr = new double[n];
        for (int i = 0; i < n; i++) {
            cxr[i] = Math.max(zs[i][NOT_CXR], zs[i][LAYOUT]);
        }
        double notCxr = nearestRank(cxr, 1 - falseRejection);
        double[] lay = new double[n];
        for (int i = 0; i < n; i++) {
            lay[i] = zs[i][LAYOUT];
        }
        for (double[] z : zs) {
            for (int t = 0; t < z.length; t++) {
                if (z[t] > reject) {
                    firing[t]++;
                }
            }
        }
        BuiltinCalibration c = new BuiltinCalibration(ref, layRef, knn, layout, quality, rel, pos, reject, median(stat),
                falseRejection, stat, firing, greyMean, greySd, notCxr);
        c.layoutNaming = nearestRank(lay, NAMING_QUANTILE);
        return c;
    }

    /**
     * Per label, the spread of the logit of the judge's probability over the real images that request it (null with
     * fewer than {@link #MIN_POSITIVES}); {@code pos} gets each label's count.
     */
    private static Stat[] labelStats(List<BuiltinMeasures> real, List<List<ChexpertLabel>> requested, int[] pos) {
        Stat[] rel = new Stat[ChexpertLabel.COUNT];
        for (ChexpertLabel l : ChexpertLabel.values()) {
            List<Double> xs = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                if (requested.get(i).contains(l)) {
                    xs.add(logit(real.get(i).probabilities()[l.ordinal()]));
                }
            }
            pos[l.ordinal()] = xs.size();
            if (xs.size() >= MIN_POSITIVES) {
                rel[l.ordinal()] = Stat.of(xs.stream().mapToDouble(Double::doubleValue).toArray(), -1);
            }
        }
        return rel;
    }

    /** Each real image's k-NN distance to the others (leaving out its own patient's images), content and layout. */
    private static void leaveOutKnn(float[][] ref, float[][] layRef, String[] patients, double[] loo, double[] looLayout) {
        int n = ref.length;
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            boolean[] skip = new boolean[n];
            skip[i] = true;
            if (patients != null && !patients[i].isEmpty()) {
                for (int j = 0; j < n; j++) {
                    skip[j] |= patients[i].equals(patients[j]);
                }
            }
            loo[i] = BuiltinMeasures.knn(ref[i], ref, K, skip);
            looLayout[i] = BuiltinMeasures.knn(layRef[i], layRef, K, skip);
        });
    }

    /** The ceil(p n)-th smallest value (1-based): at most a share 1 - p of the values lie above it. */
    static double nearestRank(double[] xs, double p) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(1, (int) Math.ceil(p * sorted.length)) - 1];
    }

    static double max(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The z of every test (order of {@link #testNames()}); relevance is -inf when no requested finding is calibrated. */
    double[] z(BuiltinMeasures m, List<ChexpertLabel> requested, double knnDistance, double layoutDistance) {
        double[] z = new double[testNames().length];
        z[NOT_CXR] = knn.z(knnDistance);
        z[LAYOUT] = layout.z(layoutDistance);
        double r = Double.NEGATIVE_INFINITY;
        for (ChexpertLabel l : requested) {
            Stat s = relevance[l.ordinal()];
            if (s != null) {
                r = Math.max(r, s.z(logit(m.probabilities()[l.ordinal()])));
            }
        }
        z[RELEVANCE] = r;
        for (int t = 0; t < quality.length; t++) {
            z[FIRST_QUALITY + t] = quality[t].z(m.quality()[t]);
        }
        return z;
    }

    double[] z(BuiltinMeasures m, List<ChexpertLabel> requested) {
        return z(m, requested, BuiltinMeasures.knn(m.feature(), reference, K, null),
                BuiltinMeasures.knn(m.layout(), layoutReference, K, null));
    }

    /** The calibration as summary.json records it. */
    CalibrationInfo info() {
        Map<String, CalibrationInfo.Test> tests = new LinkedHashMap<>();
        tests.put("not_chest_xray", new CalibrationInfo.Test("mean distance of the cxr-cnn feature to its " + K
                + " nearest real images", null, realFiring[NOT_CXR], knn.info()));
        tests.put("layout", new CalibrationInfo.Test("mean distance of the standardised 16 x 16 thumbnail to its " + K
                + " nearest real images", null, realFiring[LAYOUT], layout.info()));
        Map<String, CalibrationInfo.LabelStat> rel = new LinkedHashMap<>();
        for (ChexpertLabel l : ChexpertLabel.values()) {
            Stat s = relevance[l.ordinal()];
            rel.put(l.key(), new CalibrationInfo.LabelStat(positives[l.ordinal()], s == null
                    ? CalibrationInfo.StatOrReason.none("not calibrated (fewer than " + MIN_POSITIVES + " real positives)")
                    : CalibrationInfo.StatOrReason.of(s.info())));
        }
        tests.put("relevance", new CalibrationInfo.Test("logit of the cxr-cnn probability of each requested finding", rel,
                realFiring[RELEVANCE], null));
        for (int t = 0; t < quality.length; t++) {
            tests.put(ImageQuality.NAMES[t], new CalibrationInfo.Test(null, null, realFiring[FIRST_QUALITY + t],
                    quality[t].info()));
        }
        return new CalibrationInfo(reference.length, falseRejection, reject, high, notChestXray, layoutNaming,
                Arrays.stream(realStatistic).filter(s -> s > reject).count(), greyMean, greySd,
                "largest robust z over the tests, z = (x - median) / (1.4826 MAD), bad tail positive", tests);
    }
}
