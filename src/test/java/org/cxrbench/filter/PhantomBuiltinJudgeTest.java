package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.Json;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builtin judge on the phantom world, against its generators' ground truth: calibrated on 200 real phantom
 * images (100 patients), judged on 80 outputs of each simulated generator prompted with a patient-disjoint cohort's
 * findings. The goals are the issue's: not-relevant recall >= 0.95 on off-topic images, >= 0.95 of faithful images
 * kept, blurry / noisy / low-contrast mostly low (and two artefacts the generators do not make: a
 * patch grid and over-exposure); the label-ignorant catch rate is measured (about 0.6 when written).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhantomBuiltinJudgeTest {
    static final int SIZE = 128;
    @TempDir static Path dir;
    BuiltinJudge judge;
    List<Study> prompts;
    Manifest real;

    @BeforeAll
    void calibrate() {
        real = PhantomDatasets.writeStudies(World.cohort("train-", 0, 100, 2, SIZE), SIZE, dir.resolve("train"), "train")
                .withImageHashes();
        judge = BuiltinJudge.calibrate(real, 0.02, 2, System.err);
        prompts = World.cohort("prompt-", 5, 80, 1, SIZE);
    }

    private Map<Verdict, Integer> verdicts(String generator) {
        return verdicts(generator, java.util.function.UnaryOperator.identity());
    }

    /** Verdicts on a generator's outputs after an artefact is applied to each image. */
    private Map<Verdict, Integer> verdicts(String generator, java.util.function.UnaryOperator<org.cxrbench.data.GreyImage> artefact) {
        List<Generators.Output> outs = Generators.generate(generator, prompts, SIZE, 3).stream()
                .map(o -> new Generators.Output(artefact.apply(o.image()), o.requested(), o.rendered(), o.copy(),
                        o.copiedTrainIndex(), o.offTopic(), o.conditionMask())).toList();
        Map<Verdict, Integer> c = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            c.put(v, 0);
        }
        for (Generators.Output o : outs) {
            BuiltinMeasures m = judge.measure(o.image());
            List<org.cxrbench.data.ChexpertLabel> req = BuiltinMeasures.requested(
                    org.cxrbench.data.ManifestRecord.builder("x", "x.png").labels(PhantomDatasets.labels(o.requested().findings())).build());
            c.merge(judge.decide(judge.z(m, req)).verdict(), 1, Integer::sum);
        }
        System.err.printf(Locale.ROOT, "%-18s %s%n", generator, c);
        return c;
    }

    private static double share(Map<Verdict, Integer> c, Verdict... vs) {
        int n = c.values().stream().mapToInt(Integer::intValue).sum();
        int k = 0;
        for (Verdict v : vs) {
            k += c.get(v);
        }
        return (double) k / n;
    }

    @Test
    void meetsTheGoalsOnThePhantomWorld() {
        Map<String, Double> measured = new LinkedHashMap<>();
        Map<Verdict, Integer> off = verdicts("off-topic(1.0)");
        measured.put("off-topic not-relevant recall", share(off, Verdict.NOT_RELEVANT));
        Map<Verdict, Integer> faithful = verdicts("faithful");
        measured.put("faithful kept", share(faithful, Verdict.HIGH, Verdict.MEDIUM));
        for (String g : List.of("blurry(1.5)", "noisy(0.12)", "low-contrast(0.4)")) {
            measured.put(g + " low", share(verdicts(g), Verdict.LOW));
        }
        // artefacts the generators do not make: a patch grid (16 px tiles whose brightness is offset by +-0.04,
        // as a patch-based decoder's seams) and over-exposure (grey levels x 1.6, clipped at white)
        measured.put("tiled low", share(verdicts("faithful", img -> {
            float[] p = img.pixels().clone();
            for (int y = 0; y < img.height(); y++) {
                for (int x = 0; x < img.width(); x++) {
                    p[y * img.width() + x] += ((x / 16 + y / 16) % 2 == 0 ? 0.04f : -0.04f);
                }
            }
            return new org.cxrbench.data.GreyImage(img.width(), img.height(), p, img.bitDepth());
        }), Verdict.LOW));
        measured.put("over-exposed low", share(verdicts("faithful", img -> {
            float[] p = img.pixels().clone();
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.min(1f, p[i] * 1.6f);
            }
            return new org.cxrbench.data.GreyImage(img.width(), img.height(), p, img.bitDepth());
        }), Verdict.LOW));
        Map<Verdict, Integer> ignorant = verdicts("label-ignorant");
        measured.put("label-ignorant not-relevant", share(ignorant, Verdict.NOT_RELEVANT));
        System.err.println("phantom builtin judge: " + measured);
        assertThat(measured.get("off-topic not-relevant recall")).isGreaterThanOrEqualTo(0.95);
        assertThat(measured.get("faithful kept")).isGreaterThanOrEqualTo(0.95);
        assertThat(measured.get("blurry(1.5) low")).isGreaterThanOrEqualTo(0.9);
        assertThat(measured.get("noisy(0.12) low")).isGreaterThanOrEqualTo(0.9);
        assertThat(measured.get("low-contrast(0.4) low")).isGreaterThanOrEqualTo(0.9);
        assertThat(measured.get("tiled low")).isGreaterThanOrEqualTo(0.9);
        assertThat(measured.get("over-exposed low")).isGreaterThanOrEqualTo(0.9);
        // random findings instead of the requested ones: caught about 6 times in 10 when written; some random
        // draws match the request (both "no finding", say), and the CNN's probabilities overlap for subtle findings
        assertThat(measured.get("label-ignorant not-relevant")).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void calibrationRejectsAtMostTheChosenShareOfRealImages() {
        CalibrationInfo cal = ((JudgeInfo.Builtin) judge.info()).calibration();
        assertThat(cal.realRejected()).isLessThanOrEqualTo((long) Math.floor(0.02 * real.size()));
        assertThat(cal.rejectThreshold()).isGreaterThan(cal.highThreshold());
    }

    @Test
    void filterJobWithTheBuiltinJudge() throws Exception {
        PhantomDatasets.writeStudies(World.cohort("small-", 7, 40, 2, SIZE), SIZE, dir.resolve("small"), "train");
        List<Generators.Output> outs = Generators.generate("off-topic(0.3)", prompts.subList(0, 40), SIZE, 9);
        Manifest synth = PhantomDatasets.writeOutputs(outs, dir.resolve("synth"), "off-topic");
        Path out = dir.resolve("filtered");
        FilterJob.Request req = new FilterJob.Request(dir.resolve("synth").resolve("manifest.csv"), out, "builtin",
                dir.resolve("small").resolve("manifest.csv"), null, FilterWriter.Images.NONE, null,
                dir.resolve("verdicts"), "test", 2);
        FilterJob.Result r = FilterJob.run(req, System.err);
        int offTopic = (int) outs.stream().filter(o -> o.offTopic() != null).count();
        assertThat(r.counts().get("not-relevant")).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * offTopic));
        Manifest kept = Manifest.read(r.keptManifest());
        assertThat(kept.records()).noneMatch(x -> x.otherFindings().stream().anyMatch(f -> f.startsWith("off-topic")));
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/judge/calibration/reject_threshold").asDouble()).isPositive();
        assertThat(s.at("/judge/calibration/false_rejection_target").asDouble()).isEqualTo(0.02);
        assertThat(s.at("/judge/calibration/tests/sharpness/stat/median").isNumber()).isTrue();
        assertThat(s.at("/per_pathology").size()).isPositive();
        // the verdicts were cached: a run into another folder judges nothing again and gives the same verdicts
        FilterJob.Result again = FilterJob.run(new FilterJob.Request(req.input(), dir.resolve("filtered2"), "builtin",
                req.calibrate(), null, FilterWriter.Images.NONE, null, dir.resolve("verdicts"), "test", 1), System.err);
        assertThat(again.counts()).isEqualTo(r.counts());
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("filtered2").resolve("judgements.csv")))
                .isEqualTo(java.nio.file.Files.readAllLines(out.resolve("judgements.csv")));
        // and a fresh judge with one thread gives the same verdicts as the cached ones (determinism)
        FilterJob.Result fresh = FilterJob.run(new FilterJob.Request(req.input(), dir.resolve("filtered3"), "builtin",
                req.calibrate(), null, FilterWriter.Images.NONE, null, null, "test", 1), System.err);
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("filtered3").resolve("judgements.csv")))
                .isEqualTo(java.nio.file.Files.readAllLines(out.resolve("judgements.csv")));
        assertThat(ImageDecoder.decode(kept.imagePath(0)).width()).isEqualTo(SIZE);
        assertThat(fresh.kept()).isEqualTo(r.kept());
    }
}
