package org.cxrbench.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.encode.CxrCnnClassifier;

/**
 * What the builtin judge measures on one image: the cxr-cnn feature and label probabilities, and the
 * {@link ImageQuality} measurements; and which findings the image was asked to show.
 */
record BuiltinMeasures(float[] feature, float[] layout, float[] probabilities, double[] quality) {
    /** Side of the layout thumbnail. */
    static final int LAYOUT = 16;

    static GreyImage small(GreyImage img) {
        return org.cxrbench.data.Resize.toSquare(img, ImageQuality.SIZE, org.cxrbench.data.Resize.Square.CROP,
                org.cxrbench.data.Resize.Filter.AREA);
    }

    /** The measures, the CNN seeing the image standardised to the given grey-level mean and standard deviation. */
    static BuiltinMeasures of(CxrCnnClassifier cnn, GreyImage img, double mean, double sd) {
        GreyImage small = small(img);
        CxrCnnClassifier.Output o = cnn.run(standardised(small, mean, sd));
        return new BuiltinMeasures(o.feature(), layout(small), o.probabilities(), ImageQuality.measure(img));
    }

    /**
     * Quantiles of the grey-level profile appended to the layout: 0 (off). With 32 it changed no NIH verdict and moved
     * noisy and tiled phantom radiographs from low to not relevant, so it is off; the code stays for that measurement.
     */
    static final int QUANTILES = 0;

    /**
     * The coarse layout: the image area-resized to {@link #LAYOUT} x {@link #LAYOUT} and standardised to mean 0 and
     * standard deviation 1 (contrast, exposure, blur and pixel noise barely change it; a skull, a photo or a page of
     * text has another layout than a chest radiograph), followed (when {@link #QUANTILES} is above 0) by the shape of
     * its grey-level histogram: the
     * {@link #QUANTILES} quantiles at (k + 1/2) / {@value #QUANTILES} of the analysis-resolution image standardised
     * the same way, weighted by sqrt(256 / {@value #QUANTILES}) so that both parts weigh alike in the distance (a
     * fundus photograph's black surround and bright disc, a page's white paper, a flat or bimodal picture have
     * another histogram shape than a radiograph). Both parts are taken at a fixed analysis resolution, so they do not
     * depend on the image size.
     */
    static float[] layout(GreyImage small) {
        GreyImage t = org.cxrbench.data.Resize.toSquare(small, LAYOUT, org.cxrbench.data.Resize.Square.CROP,
                org.cxrbench.data.Resize.Filter.AREA);
        double[] mo = moments(t);
        int cells = t.pixels().length;
        float[] out = new float[cells + QUANTILES];
        for (int i = 0; i < cells; i++) {
            out[i] = (float) ((t.pixels()[i] - mo[0]) / Math.max(mo[1], 1e-6));
        }
        double[] ms = moments(small);
        double[] sorted = new double[small.pixels().length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (small.pixels()[i] - ms[0]) / Math.max(ms[1], 1e-6);
        }
        java.util.Arrays.sort(sorted);
        double w = QUANTILES == 0 ? 0 : Math.sqrt((double) cells / QUANTILES);
        for (int k = 0; k < QUANTILES; k++) {
            out[cells + k] = (float) (w * ImageQuality.quantile(sorted, (k + 0.5) / QUANTILES));
        }
        return out;
    }

    /** {mean, standard deviation} of the grey levels. */
    static double[] moments(GreyImage img) {
        float[] p = img.pixels();
        double mean = 0;
        for (float v : p) {
            mean += v;
        }
        mean /= p.length;
        double var = 0;
        for (float v : p) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(var / p.length)};
    }

    /**
     * The image with its grey levels linearly mapped to the given mean and standard deviation (the real images'
     * medians): the CNN then judges structure (is it a chest X-ray, does it show the finding) independently of
     * exposure and contrast, which the quality tests judge. A flat image's noise is amplified into a pattern that is
     * far from every radiograph.
     */
    static GreyImage standardised(GreyImage img, double targetMean, double targetSd) {
        float[] p = img.pixels();
        double[] mo = moments(img);
        double gain = targetSd / Math.max(mo[1], 1e-6);
        float[] q = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = (float) (targetMean + (p[i] - mo[0]) * gain);
        }
        return new GreyImage(img.width(), img.height(), q, img.bitDepth());
    }

    /**
     * The findings an image's description asks for: its positive labels; when all its labels are blank, the
     * CheXpert observations its prompt names ("No Finding" also as "normal"), unless negated ("no effusion").
     */
    static List<ChexpertLabel> requested(ManifestRecord r) {
        List<ChexpertLabel> out = new ArrayList<>();
        boolean anyLabel = false;
        for (ChexpertLabel l : ChexpertLabel.values()) {
            byte v = r.labels().get(l);
            if (v != org.cxrbench.data.Labels.BLANK) {
                anyLabel = true;
            }
            if (r.labels().isPositive(l)) {
                out.add(l);
            }
        }
        if (anyLabel || r.prompt().isBlank()) {
            return out;
        }
        String p = " " + r.prompt().toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").replaceAll("\\s+", " ") + " ";
        for (ChexpertLabel l : ChexpertLabel.values()) {
            String name = l.displayName().toLowerCase(Locale.ROOT);
            int at = p.indexOf(" " + name + " ");
            if (l == ChexpertLabel.NO_FINDING && at < 0) {
                at = p.indexOf(" normal ");
            }
            if (at < 0) {
                continue;
            }
            String before = p.substring(Math.max(0, at - 12), at);
            if (l != ChexpertLabel.NO_FINDING && before.matches(".*\\b(no|without|not)\\s*(\\w+\\s*)?$")) {
                continue;
            }
            out.add(l);
        }
        return out;
    }

    /** Squared Euclidean distance between two features. */
    static double distance2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Mean Euclidean distance to the k nearest rows of ref, skipping rows where skip[j] is true (skip may be null). */
    static double knn(float[] q, float[][] ref, int k, boolean[] skip) {
        double[] best = new double[k];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int j = 0; j < ref.length; j++) {
            if (skip != null && skip[j]) {
                continue;
            }
            double d = distance2(q, ref[j]);
            if (d < best[k - 1]) {
                int t = k - 1;
                while (t > 0 && best[t - 1] > d) {
                    best[t] = best[t - 1];
                    t--;
                }
                best[t] = d;
            }
        }
        double s = 0;
        int c = 0;
        for (double b : best) {
            if (Double.isFinite(b)) {
                s += Math.sqrt(b);
                c++;
            }
        }
        return c == 0 ? Double.POSITIVE_INFINITY : s / c;
    }
}
