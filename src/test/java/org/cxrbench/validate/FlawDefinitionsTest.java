package org.cxrbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cxrbench.Shared;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.junit.jupiter.api.Test;

/**
 * Each pixel flaw does what its name says, measured on real NIH radiographs (../shared, 64 px; skipped without it):
 * Gaussian noise adds the same spread at every grey level, Poisson noise a spread that grows with the grey level
 * (variance v / photons), contrast shrinks the spread about the mean without moving the mean (an affine map), gamma
 * darkens the mid-greys by v^gamma and keeps the order of the pixels. We acknowledge the NIH Clinical Center
 * (https://nihcc.app.box.com/v/ChestXray-NIHCC); Wang et al., ChestX-ray8, CVPR 2017.
 */
class FlawDefinitionsTest {
    static final double[] DARK = {0.2, 0.4};
    static final double[] BRIGHT = {0.6, 0.8};

    static List<GreyImage> nih(int count) throws Exception {
        Path dir = Shared.require("data/nih-cxr14/nih1000_64");
        List<GreyImage> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".png")).sorted().limit(count).toList()) {
                out.add(ImageDecoder.decode(p));
            }
        }
        return out;
    }

    /** Mean grey of the original and variance of the flaw's change, over pixels whose original grey is in the bin. */
    static double[] residual(List<GreyImage> orig, Flaw f, int strength, double[] bin) {
        double sv = 0;
        double sr = 0;
        double srr = 0;
        long n = 0;
        for (int i = 0; i < orig.size(); i++) {
            float[] a = orig.get(i).pixels();
            float[] b = f.applyTo(orig.get(i), strength, 1000 + i).pixels();
            for (int k = 0; k < a.length; k++) {
                if (a[k] >= bin[0] && a[k] < bin[1]) {
                    double r = b[k] - a[k];
                    sv += a[k];
                    sr += r;
                    srr += r * r;
                    n++;
                }
            }
        }
        double mr = sr / n;
        return new double[] {sv / n, srr / n - mr * mr, mr, n};
    }

    @Test
    void gaussianNoiseIsTheSameAtEveryGreyAndPoissonNoiseGrowsWithIt() throws Exception {
        List<GreyImage> imgs = nih(20);
        // strength 3: sd 0.05 (Gaussian), sd 0.05 at white = 400 photons (Poisson); neither clips in these bins
        double[] gd = residual(imgs, Flaw.NOISE, 3, DARK);
        double[] gb = residual(imgs, Flaw.NOISE, 3, BRIGHT);
        assertThat(gd[3]).as("dark pixels").isGreaterThan(5000);
        assertThat(gb[3]).as("bright pixels").isGreaterThan(5000);
        assertThat(Math.sqrt(gd[1])).isCloseTo(0.05, within(0.0025));
        assertThat(Math.sqrt(gb[1])).isCloseTo(0.05, within(0.0025));
        assertThat(gb[1] / gd[1]).as("Gaussian: variance ratio bright/dark").isCloseTo(1, within(0.1));
        double[] pd = residual(imgs, Flaw.POISSON, 3, DARK);
        double[] pb = residual(imgs, Flaw.POISSON, 3, BRIGHT);
        double photons = 1 / (0.05 * 0.05);
        // Poisson: variance v / photons (+ 1/12 count^2 of rounding), so the ratio follows the mean grey
        assertThat(pd[1] * photons / pd[0]).as("Poisson variance / (v / photons), dark").isCloseTo(1, within(0.1));
        assertThat(pb[1] * photons / pb[0]).as("Poisson variance / (v / photons), bright").isCloseTo(1, within(0.1));
        assertThat(pb[1] / pd[1]).as("Poisson: variance ratio bright/dark").isGreaterThan(1.5);
        for (double[] r : List.of(gd, gb, pd, pb)) {
            assertThat(r[2]).as("no bias").isCloseTo(0, within(0.003));
        }
    }

    @Test
    void contrastShrinksTheSpreadAboutTheMeanAndGammaDarkensTheMidGreys() throws Exception {
        List<GreyImage> imgs = nih(20);
        for (GreyImage img : imgs) {
            double mean = ValidateUnitsTest.mean(img.pixels());
            double sd = ValidateUnitsTest.sd(img.pixels());
            double prevSd = sd;
            double prevMean = mean;
            for (int s = 1; s <= Flaw.STRENGTHS; s++) {
                double factor = Flaw.CONTRAST.level(s);
                float[] c = Flaw.CONTRAST.applyTo(img, s, 0).pixels();
                assertThat(ValidateUnitsTest.mean(c)).as("contrast keeps the mean").isCloseTo(mean, within(1e-5));
                assertThat(ValidateUnitsTest.sd(c) / sd).as("contrast scales the sd").isCloseTo(factor, within(1e-4));
                assertThat(ValidateUnitsTest.sd(c)).isLessThan(prevSd);
                prevSd = ValidateUnitsTest.sd(c);
                double g = Flaw.GAMMA.level(s);
                float[] a = img.pixels();
                float[] d = Flaw.GAMMA.applyTo(img, s, 0).pixels();
                double m = ValidateUnitsTest.mean(d);
                assertThat(m).as("gamma %s darkens", g).isLessThan(prevMean);
                prevMean = m;
                for (int k = 0; k < a.length; k++) {
                    if (a[k] > 0.05 && a[k] < 0.95) {
                        assertThat(Math.log(d[k]) / Math.log(a[k])).isCloseTo(g, within(1e-4));
                    }
                }
                assertThat(order(d, a)).as("gamma keeps the order of the pixels").isTrue();
            }
        }
    }

    /** Whether b's order never contradicts a's (a monotone map). */
    static boolean order(float[] b, float[] a) {
        Integer[] idx = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Float.compare(a[x], a[y]));
        for (int i = 1; i < idx.length; i++) {
            if (b[idx[i]] < b[idx[i - 1]]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void gammaKeepsBlackAndWhiteAndContrastIsAffine() {
        float[] p = {0f, 0.25f, 0.5f, 0.75f, 1f, 0.5f, 0.5f, 0.5f, 0.5f};
        GreyImage img = new GreyImage(3, 3, p, 8);
        float[] g = Flaw.GAMMA.applyTo(img, 4, 0).pixels();
        assertThat(g[0]).isEqualTo(0f);
        assertThat(g[4]).isEqualTo(1f);
        assertThat(g[2]).isCloseTo((float) Math.pow(0.5, 3), within(1e-6f));
        float[] c = Flaw.CONTRAST.applyTo(img, 4, 0).pixels();
        double mean = ValidateUnitsTest.mean(p);
        for (int k = 0; k < p.length; k++) {
            assertThat((double) c[k]).isCloseTo(mean + 0.2 * (p[k] - mean), within(1e-6));
        }
    }
}
