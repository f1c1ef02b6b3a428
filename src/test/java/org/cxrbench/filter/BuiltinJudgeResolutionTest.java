package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.Shared;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.NihReader;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.data.Resize;
import org.cxrbench.validate.Flaw;
import org.cxrbench.validate.NonRadiographs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The builtin judge on real NIH ChestX-ray14 radiographs (../shared; skipped when absent), split into
 * patient-disjoint halves (calibration, holdout) and given at 64, 128, 256 and 512 px (area-downsampled from the
 * 256 px sample; 512 px is Lanczos-upsampled, so it has no detail a 512 px scan would add). Measured: false rejection
 * of the holdout for every (calibration, judged) resolution pair, with its 95% Wilson interval, which must cover the
 * configured 2%; the share removed of blurred, noisy and low-contrast holdout images at strengths 1..4; and the share
 * of procedurally drawn non-radiographs called not relevant, on the families the judge was tuned with and on two
 * families drawn after tuning ({@link NonRadiographs#HELD_OUT}). We acknowledge the NIH Clinical Center
 * (https://nihcc.app.box.com/v/ChestXray-NIHCC); Wang et al., ChestX-ray8, CVPR 2017.
 */
class BuiltinJudgeResolutionTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final int[] SIZES = {64, 128, 256, 512};
    static final double RATE = 0.02;
    static List<GreyImage> calibration;
    static List<GreyImage> holdout;
    static List<List<ChexpertLabel>> calibrationAsks;
    static List<List<ChexpertLabel>> holdoutAsks;

    @BeforeAll
    static void load() {
        Path nih = Shared.require("data/nih-cxr14/nih621_256");
        Manifest s = PatientSplits.split(NihReader.read(nih, false).manifest(), PatientSplits.halves("train", "holdout"), 0);
        calibration = new ArrayList<>();
        holdout = new ArrayList<>();
        calibrationAsks = new ArrayList<>();
        holdoutAsks = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            boolean cal = s.get(i).split().equals("train");
            (cal ? calibration : holdout).add(ImageDecoder.decode(s.imagePath(i)));
            (cal ? calibrationAsks : holdoutAsks).add(BuiltinJudge.requested(s.get(i)));
        }
    }

    static List<GreyImage> at(List<GreyImage> in, int size) {
        List<GreyImage> out = new ArrayList<>();
        for (GreyImage g : in) {
            out.add(Resize.resize(g, size, size, size < g.width() ? Resize.Filter.AREA : Resize.Filter.LANCZOS3));
        }
        return out;
    }

    static boolean removed(Judgement j) {
        return j.verdict() == Verdict.LOW || j.verdict() == Verdict.NOT_RELEVANT;
    }

    /** 95% Wilson score interval of k/n. */
    /** The normal quantile of a two-sided interval at 1 - 0.05 / (calibration x judged resolutions). */
    static final double FAMILY_Z = new org.apache.commons.math3.distribution.NormalDistribution()
            .inverseCumulativeProbability(1 - 0.05 / (2.0 * SIZES.length * SIZES.length));

    static double[] wilson(int k, int n) {
        return wilson(k, n, 1.959963984540054);
    }

    /** Wilson's score interval at the normal quantile {@code z}. */
    static double[] wilson(int k, int n, double z) {
        double p = (double) k / n;
        double den = 1 + z * z / n;
        double c = (p + z * z / (2.0 * n)) / den;
        double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new double[] {c - h, c + h};
    }

    @Test
    void falseRejectionHoldsAtEveryCalibrationAndJudgedResolution() {
        List<List<GreyImage>> judged = new ArrayList<>();
        for (int size : SIZES) {
            judged.add(at(holdout, size));
        }
        for (int c : SIZES) {
            BuiltinJudge judge = BuiltinJudge.calibrate(at(calibration, c), calibrationAsks, null, RATE, 2, QUIET);
            for (int r = 0; r < SIZES.length; r++) {
                int k = 0;
                for (int i = 0; i < holdout.size(); i++) {
                    k += removed(judge.judge(judged.get(r).get(i), holdoutAsks.get(i))) ? 1 : 0;
                }
                // one family: every (calibration, judged) pair's interval must cover the rate, so each is at
                // 1 - 0.05/pairs (Bonferroni); sixteen separate 95% intervals would all cover only ~44% of the time
                double[] ci = wilson(k, holdout.size(), FAMILY_Z);
                System.err.printf(Locale.ROOT, "calibrated at %d px, judging %d px: removed %d of %d (%.1f%%, family-wise 95%% CI %.1f-%.1f%%)%n",
                        c, SIZES[r], k, holdout.size(), 100.0 * k / holdout.size(), 100 * ci[0], 100 * ci[1]);
                assertThat(ci[0]).as("false rejection, calibrated at %d px, judging %d px", c, SIZES[r]).isLessThanOrEqualTo(RATE);
                assertThat(ci[1]).as("false rejection, calibrated at %d px, judging %d px", c, SIZES[r]).isGreaterThanOrEqualTo(RATE);
            }
        }
    }

    @Test
    void removesMoreOfBlurNoiseAndLowContrastAsTheyStrengthen() {
        BuiltinJudge judge = BuiltinJudge.calibrate(calibration, calibrationAsks, null, RATE, 2, QUIET);
        for (Flaw f : List.of(Flaw.BLUR, Flaw.NOISE, Flaw.CONTRAST)) {
            double[] share = new double[Flaw.STRENGTHS + 1];
            for (int s = 1; s <= Flaw.STRENGTHS; s++) {
                int k = 0;
                for (int i = 0; i < holdout.size(); i++) {
                    k += removed(judge.judge(f.applyTo(holdout.get(i), s, i), holdoutAsks.get(i))) ? 1 : 0;
                }
                share[s] = (double) k / holdout.size();
            }
            System.err.printf(Locale.ROOT, "%s: removed share at strengths 1..4: %.3f %.3f %.3f %.3f%n", f.key, share[1],
                    share[2], share[3], share[4]);
            for (int s = 2; s <= Flaw.STRENGTHS; s++) {
                // never falls by more than binomial noise (2 sd of a share near the 2% floor at n = 210)
                assertThat(share[s]).as("%s strength %d vs %d", f.key, s, s - 1).isGreaterThanOrEqualTo(share[s - 1] - 0.02);
            }
            assertThat(share[Flaw.STRENGTHS]).as("%s at its strongest", f.key).isGreaterThanOrEqualTo(0.3);
        }
    }

    @Test
    void callsNonRadiographsNotRelevantIncludingFamiliesItWasNotTunedOn() {
        BuiltinJudge judge = BuiltinJudge.calibrate(calibration, calibrationAsks, null, RATE, 2, QUIET);
        int perFamily = 30;
        int tunedHits = 0;
        int tunedN = 0;
        for (String fam : NonRadiographs.FAMILIES) {
            int k = notRelevant(judge, fam, perFamily);
            tunedHits += k;
            tunedN += perFamily;
        }
        int heldHits = 0;
        int heldN = 0;
        for (String fam : NonRadiographs.HELD_OUT) {
            heldHits += notRelevant(judge, fam, perFamily);
            heldN += perFamily;
        }
        System.err.printf(Locale.ROOT, "not relevant: tuned families %d/%d, held-out families %d/%d%n", tunedHits, tunedN,
                heldHits, heldN);
        assertThat((double) tunedHits / tunedN).isGreaterThanOrEqualTo(0.95);
        assertThat((double) heldHits / heldN).isGreaterThanOrEqualTo(0.95);
    }

    static int notRelevant(BuiltinJudge judge, String fam, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            int size = SIZES[i % SIZES.length];
            Judgement j = judge.judge(NonRadiographs.make(fam, size, 5, i), List.of());
            k += j.verdict() == Verdict.NOT_RELEVANT ? 1 : 0;
        }
        System.err.printf(Locale.ROOT, "  %s: %d/%d not relevant%n", fam, k, n);
        return k;
    }
}
