package org.cxrbench.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.encode.Encoders;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.cxrbench.stats.ClassificationScores;
import org.cxrbench.stats.Score;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The utility CNN on small phantom sets (32 px pixel rows): same seed, same numbers; the validation split keeps
 * patients whole; a killed run resumes from its finished (condition, seed) results with the same scores; and it
 * learns: cardiomegaly (the phantom's enlarged heart, a large visible change) is ranked better than chance on unseen
 * patients (expected direction: AUROC above 0.5, asserted above 0.6 for 2 seeds' mean).
 */
class CnnClassifierTest {
    static LabelledSet real;
    static LabelledSet test;
    static final String[] KEYS = java.util.Arrays.stream(ChexpertLabel.values()).map(ChexpertLabel::key).toArray(String[]::new);
    static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());
    static final CnnClassifier.Options FAST = new CnnClassifier.Options(5, 32, 0.003, 3, 0.15, 10);

    static LabelledSet set(String name, List<Study> studies) {
        Features f = Encoders.encodeAll(Encoders.get("pixels32"), studies.stream().map(s -> Renderer.render(s, 64).image()).toList());
        byte[][] y = studies.stream().map(s -> PhantomDatasets.labels(s.findings()).toArray()).toArray(byte[][]::new);
        return new LabelledSet(name, f, y, studies.stream().map(Study::patientId).toArray(String[]::new));
    }

    @BeforeAll
    static void world() {
        real = set("real", World.cohort("t", 0, 100, 2, 64));
        test = set("test", World.cohort("e", 1, 60, 2, 64));
    }

    static ProbeExperiment.Outcome run(int seeds, Path checkpoints, PrintStream log) {
        List<Condition> conds = Condition.expand(List.of("real"), List.of(), 0.5, List.of());
        return CnnExperiment.run(real, List.of(), test, KEYS, new CnnExperiment.Settings(conds, 1.0, seeds, FAST,
                ClassificationScores.Options.defaults(), 0, checkpoints, "k"), log);
    }

    @Test
    void sameSeedSameNumbersAndLearnsCardiomegaly(@TempDir Path dir) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProbeExperiment.Outcome a = run(2, dir, new PrintStream(log, true));
        assertThat(log.toString()).contains("cnn: epoch 1/5, loss").contains("ETA");
        double card = a.scores().stream().filter(s -> s.metric().equals("auroc_cardiomegaly"))
                .mapToDouble(Score::value).average().orElseThrow();
        assertThat(card).isGreaterThan(0.6);
        // resume: every (condition, seed) is read back, nothing is trained, the scores are the same bits
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        ProbeExperiment.Outcome b = run(2, dir, new PrintStream(log2, true));
        assertThat(log2.toString()).doesNotContain("cnn: epoch").contains("read back");
        assertThat(b.scores()).isEqualTo(a.scores());
        // a fresh run (no checkpoints) of seed 0 trains again and gives the same numbers as the first run's seed 0
        ProbeExperiment.Outcome c = run(1, null, QUIET);
        assertThat(c.scores()).isEqualTo(a.scores().stream().filter(s -> s.seed() == 0).toList());
        // another seed gives another model
        assertThat(a.scores().stream().filter(s -> s.seed() == 1 && s.metric().equals("auroc_macro")).findFirst().orElseThrow().value())
                .isNotEqualTo(c.scores().stream().filter(s -> s.metric().equals("auroc_macro")).findFirst().orElseThrow().value());
    }

    @Test
    void validationSplitKeepsPatientsWhole() {
        String[] groups = new String[200];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = "p" + (i / 3);
        }
        int[][] s = CnnClassifier.validationSplit(groups, 0.15, new SplittableRandom(7));
        Set<String> tr = new HashSet<>();
        Set<String> va = new HashSet<>();
        for (int i : s[0]) {
            tr.add(groups[i]);
        }
        for (int i : s[1]) {
            va.add(groups[i]);
        }
        assertThat(s[0].length + s[1].length).isEqualTo(200);
        assertThat(va).hasSize((int) Math.round(0.15 * 67)).doesNotContainAnyElementsOf(tr);
        // one patient only: nothing to hold out
        assertThat(CnnClassifier.validationSplit(new String[] {"a", "a"}, 0.15, new SplittableRandom(1))[1]).isEmpty();
    }

    @Test
    void augmentationWithoutRotationIsIdentityOrExactMirror() {
        int n = 8;
        float[] img = new float[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        float[] out = new float[n * n];
        List<Boolean> flips = new ArrayList<>();
        // rotation range 0: flip only, x -> n-1-x exactly, or identity (bilinear at integer coordinates)
        SplittableRandom g = new SplittableRandom(11);
        for (int k = 0; k < 10; k++) {
            long seed = g.nextLong();
            boolean flip = new SplittableRandom(seed).nextBoolean(); // apply's first draw is the flip
            flips.add(flip);
            Augment.apply(img, 0, n, out, 0, 0, new SplittableRandom(seed));
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    assertThat(out[y * n + x]).isEqualTo(img[y * n + (flip ? n - 1 - x : x)]);
                }
            }
        }
        assertThat(flips).contains(true, false);
    }
}
