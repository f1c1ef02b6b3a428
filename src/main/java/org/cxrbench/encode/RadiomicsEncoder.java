package org.cxrbench.encode;

import java.util.ArrayList;
import java.util.List;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/**
 * Built-in radiomics encoder (no weights): the image is centre-cropped to a square and area-resized to
 * {@code size} px, grey values scaled to 0..255, then
 * <ul>
 *   <li>original image, fixed bin width 25 (pyradiomics' default): first order (17), GLCM (18), GLRLM (8),
 *       GLSZM (8), NGTDM (5);</li>
 *   <li>Laplacian of Gaussian, sigma 1, 2, 3 px (scale-normalised), and one level of the Haar wavelet (LL, LH, HL,
 *       HH, decimated), each discretised to 32 fixed bins: first order and GLCM.</li>
 * </ul>
 * Feature names follow pyradiomics ({@code original_glcm_Contrast}); {@link #featureNames()} lists them in order.
 * Differences from pyradiomics, by design: 2-D only, whole-image mask, Haar instead of coif1 and decimated instead
 * of the stationary transform, grey levels 1..Ng including absent ones.
 */
public final class RadiomicsEncoder implements Encoder {
    public static final int VERSION = 2;
    public static final double BIN_WIDTH = 25;
    public static final int FILTERED_BINS = 32;
    static final double[] SIGMAS = {1, 2, 3};
    static final String[] WAVELET = {"LL", "LH", "HL", "HH"};

    private final int size;
    private final List<String> names;

    public RadiomicsEncoder(int size) {
        if (size < 16 || size > 512) {
            throw new IllegalArgumentException("radiomics size " + size + " outside 16..512");
        }
        this.size = size;
        List<String> n = new ArrayList<>();
        add(n, "original", true);
        for (double s : SIGMAS) {
            add(n, "log-sigma-" + (int) s + "-0-mm-2D", false);
        }
        for (String b : WAVELET) {
            add(n, "wavelet-haar-" + b, false);
        }
        this.names = List.copyOf(n);
    }

    private static void add(List<String> n, String image, boolean allFamilies) {
        Radiomics.FIRST_ORDER.forEach(f -> n.add(image + "_firstorder_" + f));
        Glcm.NAMES.forEach(f -> n.add(image + "_glcm_" + f));
        if (allFamilies) {
            Glrlm.NAMES.forEach(f -> n.add(image + "_glrlm_" + f));
            Glszm.NAMES.forEach(f -> n.add(image + "_glszm_" + f));
            Ngtdm.NAMES.forEach(f -> n.add(image + "_ngtdm_" + f));
        }
    }

    @Override
    public String name() {
        return "radiomics";
    }

    @Override
    public int dimension() {
        return names.size();
    }

    public List<String> featureNames() {
        return names;
    }

    @Override
    public String fingerprint() {
        return "radiomics;size=" + size + ";square=crop;resize=area;scale=0-255;binwidth=" + BIN_WIDTH + ";filtered-bins="
                + FILTERED_BINS + ";log=1,2,3;wavelet=haar1;v" + VERSION;
    }

    @Override
    public double[] encode(GreyImage image) {
        GreyImage g = Resize.toSquare(image, size, Resize.Square.CROP, Resize.Filter.AREA);
        double[] x = new double[size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.pixels()[i] * 255.0;
        }
        double[] out = new double[names.size()];
        int k = 0;
        Radiomics.Levels lv = Radiomics.fixedBinWidth(x, size, size, BIN_WIDTH);
        k = put(out, k, Radiomics.firstOrder(x, lv));
        k = put(out, k, Glcm.of(lv));
        k = put(out, k, Glrlm.of(lv));
        k = put(out, k, Glszm.of(lv));
        k = put(out, k, Ngtdm.of(lv));
        for (double s : SIGMAS) {
            double[] f = Radiomics.log(x, size, size, s);
            Radiomics.Levels fl = Radiomics.fixedBinNumber(f, size, size, FILTERED_BINS);
            k = put(out, k, Radiomics.firstOrder(f, fl));
            k = put(out, k, Glcm.of(fl));
        }
        double[][] bands = Radiomics.haar(x, size, size);
        for (double[] b : bands) {
            Radiomics.Levels fl = Radiomics.fixedBinNumber(b, size / 2, size / 2, FILTERED_BINS);
            k = put(out, k, Radiomics.firstOrder(b, fl));
            k = put(out, k, Glcm.of(fl));
        }
        if (k != out.length) {
            throw new IllegalStateException("radiomics wrote " + k + " of " + out.length + " features");
        }
        return out;
    }

    private static int put(double[] out, int k, double[] f) {
        System.arraycopy(f, 0, out, k, f.length);
        return k + f.length;
    }
}
