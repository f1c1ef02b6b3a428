package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.cxrbench.data.GreyImage;
import org.junit.jupiter.api.Test;

/** Each radiomics family against a hand computation on a tiny image (the arithmetic is written out in comments). */
class RadiomicsTest {
    static final double EPS = 1e-12;

    static Radiomics.Levels levels(int w, int h, int... l) {
        int ng = 0;
        for (int v : l) {
            ng = Math.max(ng, v);
        }
        return new Radiomics.Levels(w, h, l, ng);
    }

    static double f(double[] values, List<String> names, String name) {
        return values[names.indexOf(name)];
    }

    @Test
    void fixedBinWidthAndBinNumber() {
        Radiomics.Levels a = Radiomics.fixedBinWidth(new double[] {0, 24.9, 25, 50}, 2, 2, 25);
        assertThat(a.level()).containsExactly(1, 1, 2, 3);
        Radiomics.Levels b = Radiomics.fixedBinNumber(new double[] {-1, 0, 0.5, 1}, 2, 2, 4);
        // (x - min)/(max - min) = 0, .5, .75, 1 -> floor(4 t) + 1 = 1, 3, 4, 5 -> max clipped to 4
        assertThat(b.level()).containsExactly(1, 3, 4, 4);
    }

    @Test
    void firstOrderOnOneTwoThreeFour() {
        double[] x = {1, 2, 3, 4};
        double[] v = Radiomics.firstOrder(x, levels(2, 2, 1, 2, 3, 4));
        List<String> n = Radiomics.FIRST_ORDER;
        assertThat(f(v, n, "Energy")).isCloseTo(30, within(EPS));            // 1+4+9+16
        assertThat(f(v, n, "Mean")).isCloseTo(2.5, within(EPS));
        assertThat(f(v, n, "Variance")).isCloseTo(1.25, within(EPS));        // (2.25+.25+.25+2.25)/4
        assertThat(f(v, n, "Skewness")).isCloseTo(0, within(EPS));
        assertThat(f(v, n, "Kurtosis")).isCloseTo(1.64, within(EPS));        // ((5.0625+.0625)*2/4)/1.25^2
        assertThat(f(v, n, "RootMeanSquared")).isCloseTo(Math.sqrt(7.5), within(EPS));
        assertThat(f(v, n, "10Percentile")).isCloseTo(1.3, within(EPS));     // 1 + 0.3 (1)
        assertThat(f(v, n, "90Percentile")).isCloseTo(3.7, within(EPS));
        assertThat(f(v, n, "InterquartileRange")).isCloseTo(1.5, within(EPS)); // 3.25 - 1.75
        assertThat(f(v, n, "MeanAbsoluteDeviation")).isCloseTo(1, within(EPS));
        assertThat(f(v, n, "RobustMeanAbsoluteDeviation")).isCloseTo(0.5, within(EPS)); // {2,3} in [1.3,3.7]
        assertThat(f(v, n, "Entropy")).isCloseTo(2, within(EPS));            // 4 equiprobable bins
        assertThat(f(v, n, "Uniformity")).isCloseTo(0.25, within(EPS));
        assertThat(f(v, n, "Range")).isCloseTo(3, within(EPS));
    }

    @Test
    void glcmOnACheckerboard() {
        // 4x4 checkerboard of levels 1, 2: horizontal and vertical neighbours always differ, diagonal ones never
        int[] l = new int[16];
        for (int i = 0; i < 16; i++) {
            l[i] = ((i % 4) + (i / 4)) % 2 + 1;
        }
        Radiomics.Levels lv = levels(4, 4, l);
        double[][] p0 = Glcm.matrix(lv, 1, 0);
        assertThat(p0[0][1]).isCloseTo(0.5, within(EPS));
        assertThat(p0[0][0]).isZero();
        double[] v = Glcm.of(lv);
        List<String> n = Glcm.NAMES;
        // 0°, 90°: 12 pairs, all (1,2) -> p(1,2) = p(2,1) = 1/2: contrast 1, correlation (2 - 2.25)/.25 = -1,
        //   IDM 1/2, energy 1/2, entropy 1, joint average 3/2, sum average 3
        // 45°: 9 pairs, all of equal levels: 5 of level 1, 4 of level 2 -> p(1,1) = 5/9, p(2,2) = 4/9; 135°: 4 and 5,
        //   so p(1,1) = 4/9, p(2,2) = 5/9. Both: contrast 0, correlation +1, IDM 1, energy 41/81,
        //   entropy -(5/9 log2 5/9 + 4/9 log2 4/9), max probability 5/9; joint average 13/9 and 14/9, sum average
        //   26/9 and 28/9, which average with the 0° and 90° values to exactly 3/2 and 3 (features are averaged over
        //   the four directions)
        double diagEntropy = -(5 / 9.0 * Math.log(5 / 9.0) + 4 / 9.0 * Math.log(4 / 9.0)) / Math.log(2);
        assertThat(f(v, n, "Contrast")).isCloseTo(0.5, within(EPS));
        assertThat(f(v, n, "Correlation")).isCloseTo(0, within(EPS));
        assertThat(f(v, n, "Idm")).isCloseTo(0.75, within(EPS));
        assertThat(f(v, n, "JointEnergy")).isCloseTo((0.5 + 41 / 81.0) / 2, within(EPS));
        assertThat(f(v, n, "JointEntropy")).isCloseTo((1 + diagEntropy) / 2, within(EPS));
        assertThat(f(v, n, "MaximumProbability")).isCloseTo((0.5 + 5 / 9.0) / 2, within(EPS));
        assertThat(f(v, n, "JointAverage")).isCloseTo((1.5 + 1.5 + 13 / 9.0 + 14 / 9.0) / 4, within(EPS));
        assertThat(f(v, n, "SumAverage")).isCloseTo((3 + 3 + 26 / 9.0 + 28 / 9.0) / 4, within(EPS));
        assertThat(f(v, n, "DifferenceAverage")).isCloseTo(0.5, within(EPS));
        assertThat(f(v, n, "InverseVariance")).isCloseTo(0.5, within(EPS));  // p_{x-y}(1)/1 = 1 in two directions
    }

    // rows [1 1 2] [2 2 2] [1 2 1]
    static final Radiomics.Levels SMALL = levels(3, 3, 1, 1, 2, 2, 2, 2, 1, 2, 1);

    @Test
    void runLengthsAlongRows() {
        double[][] r = Glrlm.matrix(SMALL, 1, 0);
        // runs: row 0: (1, length 2), (2, 1); row 1: (2, 3); row 2: (1, 1), (2, 1), (1, 1)
        assertThat(r[0][0]).isEqualTo(2);
        assertThat(r[0][1]).isEqualTo(1);
        assertThat(r[1][0]).isEqualTo(2);
        assertThat(r[1][2]).isEqualTo(1);
        double runs = 6;
        double sre = (2 / 1.0 + 1 / 4.0 + 2 / 1.0 + 1 / 9.0) / runs;
        double lre = (2 + 4 + 2 + 9) / runs;
        // the column direction: col 0: 1,2,1 -> three runs of 1; col 1: 1,2,2 -> (1,1),(2,2); col 2: 2,2,1 -> (2,2),(1,1)
        double[][] c = Glrlm.matrix(SMALL, 0, 1);
        assertThat(c[0][0]).isEqualTo(4);
        assertThat(c[1][0]).isEqualTo(1);
        assertThat(c[1][1]).isEqualTo(2);
        assertThat(sre).isCloseTo(0.7268518518518519, within(EPS));
        assertThat(lre).isCloseTo(17 / 6.0, within(EPS));
    }

    @Test
    void sizeZonesAreEightConnected() {
        // level 2: (2,0),(0,1),(1,1),(2,1),(1,2) form one zone of 5; level 1: {(0,0),(1,0)}, {(0,2)}, {(2,2)}
        double[] v = Glszm.of(SMALL);
        List<String> n = Glszm.NAMES;
        assertThat(Glszm.zones(SMALL)).hasSize(4);
        assertThat(f(v, n, "SmallAreaEmphasis")).isCloseTo((1 / 4.0 + 1 + 1 + 1 / 25.0) / 4, within(EPS));
        assertThat(f(v, n, "LargeAreaEmphasis")).isCloseTo((4 + 1 + 1 + 25) / 4.0, within(EPS));
        assertThat(f(v, n, "GrayLevelNonUniformity")).isCloseTo((9 + 1) / 4.0, within(EPS));
        assertThat(f(v, n, "SizeZoneNonUniformity")).isCloseTo((1 + 4 + 1) / 4.0, within(EPS));
        assertThat(f(v, n, "ZonePercentage")).isCloseTo(4 / 9.0, within(EPS));
        assertThat(f(v, n, "LowGrayLevelZoneEmphasis")).isCloseTo((3 + 0.25) / 4, within(EPS));
        assertThat(f(v, n, "HighGrayLevelZoneEmphasis")).isCloseTo((3 + 4) / 4.0, within(EPS));
    }

    @Test
    void ngtdmOnATwoByTwo() {
        // [[1,2],[2,1]]: every pixel has 3 neighbours; s1 = s2 = 2 * 2/3, p1 = p2 = 1/2, Nvp = 4
        double[] v = Ngtdm.of(levels(2, 2, 1, 2, 2, 1));
        List<String> n = Ngtdm.NAMES;
        assertThat(f(v, n, "Coarseness")).isCloseTo(0.75, within(EPS));      // 1 / (4/3)
        assertThat(f(v, n, "Contrast")).isCloseTo(1 / 6.0, within(EPS));    // (1/2)(.25+.25) * (8/3)/4
        assertThat(f(v, n, "Busyness")).isCloseTo(4 / 3.0, within(EPS));    // (4/3) / (|.5-1| * 2)
        assertThat(f(v, n, "Complexity")).isCloseTo(2 / 3.0, within(EPS));  // (1/4) * 2 * (4/3)
        assertThat(f(v, n, "Strength")).isCloseTo(0.75, within(EPS));       // 2 / (8/3)
    }

    @Test
    void filtersOnConstantAndRampImages() {
        double[] c = new double[64];
        java.util.Arrays.fill(c, 7);
        for (double v : Radiomics.log(c, 8, 8, 1.5)) {
            assertThat(v).isCloseTo(0, within(1e-9));
        }
        double[][] hw = Radiomics.haar(c, 8, 8);
        assertThat(hw[0][5]).isCloseTo(14, within(EPS));
        assertThat(hw[3][5]).isCloseTo(0, within(EPS));
        // a horizontal ramp x: the Haar band differencing horizontal neighbours sees (x - (x+1))/2 * 2 = -1
        double[] ramp = new double[64];
        for (int i = 0; i < 64; i++) {
            ramp[i] = i % 8;
        }
        assertThat(Radiomics.haar(ramp, 8, 8)[1][0]).isCloseTo(-1, within(EPS));
        assertThat(Radiomics.haar(ramp, 8, 8)[2][0]).isCloseTo(0, within(EPS));
    }

    @Test
    void encoderIsDeterministicNamedAndFinite() {
        RadiomicsEncoder e = new RadiomicsEncoder(64);
        float[] p = new float[80 * 70];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.4 + 0.2 * Math.sin(i / 13.0) + 0.05 * r.nextGaussian());
        }
        GreyImage g = new GreyImage(80, 70, p, 8);
        double[] a = e.encode(g);
        assertThat(a).hasSize(e.dimension()).hasSize(e.featureNames().size());
        assertThat(a).containsExactly(e.encode(g));
        for (double v : a) {
            assertThat(Double.isFinite(v)).isTrue();
        }
        assertThat(e.featureNames()).contains("original_glcm_Contrast", "log-sigma-2-0-mm-2D_firstorder_Mean",
                "wavelet-haar-HH_glcm_JointEntropy");
        assertThat(e.featureNames()).doesNotHaveDuplicates();
    }
}
