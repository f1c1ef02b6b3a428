package org.cxrbench.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.encode.NetTrainer;
import org.cxrbench.phantom.World;
import org.cxrbench.stats.SegmentationScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epoch checkpoints of the U-Net: a training stopped after epoch 2 of 4 (its checkpoint left behind, as a killed run
 * leaves it) and resumed from that file gives bit-identical predictions, hence the same Dice, as an uninterrupted
 * 4-epoch training with the same seed; a checkpoint with another key is ignored. Progress (epoch, loss, ETA) goes to
 * the log.
 */
class SegmenterResumeTest {
    static final int SIZE = 16;
    @TempDir Path dir;

    static float[] predictions(NetTrainer net, Segmenter.Data test) {
        float[] x = new float[test.images().size() * SIZE * SIZE];
        for (int i = 0; i < test.images().size(); i++) {
            System.arraycopy(test.images().get(i), 0, x, i * SIZE * SIZE, SIZE * SIZE);
        }
        return net.predict(x, test.images().size());
    }

    static double maxDiff(float[] a, float[] b) {
        double m = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    @Test
    void resumedTrainingIsBitIdenticalToAnUninterruptedOne() {
        Segmenter.Data train = SegmenterValidityTest.real(World.cohort("s", 0, 5, 2, SIZE), SIZE);
        Segmenter.Data test = SegmenterValidityTest.real(World.cohort("u", 1, 4, 2, SIZE), SIZE);
        Segmenter.Options four = new Segmenter.Options(4, 4, 0.003);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        float[] whole;
        double wholeDice;
        try (NetTrainer net = Segmenter.fit(train, 1, four, 7, new PrintStream(log, true))) {
            whole = predictions(net, test);
            wholeDice = Segmenter.score(net, test, SegmenterValidityTest.STRUCTURES,
                    SegmentationScores.EmptyPolicy.IGNORE_EMPTY).metrics().get("dice_lungs_heart");
        }
        assertThat(log.toString()).contains("unet: epoch 4/4, loss").contains("ETA");
        EpochCheckpoint ck = new EpochCheckpoint(dir.resolve("a.epoch"), "k1");
        try (NetTrainer killed = Segmenter.fit(train, 1, new Segmenter.Options(2, 4, 0.003), 7, ck,
                SegmenterValidityTest.QUIET)) {
            assertThat(maxDiff(predictions(killed, test), whole)).as("2 vs 4 epochs").isPositive();
        }
        assertThat(ck.read().epoch()).isEqualTo(2);
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        try (NetTrainer resumed = Segmenter.fit(train, 1, four, 7, ck, new PrintStream(log2, true))) {
            assertThat(maxDiff(predictions(resumed, test), whole)).as("resumed vs uninterrupted").isZero();
            assertThat(Segmenter.score(resumed, test, SegmenterValidityTest.STRUCTURES,
                    SegmentationScores.EmptyPolicy.IGNORE_EMPTY).metrics().get("dice_lungs_heart")).isEqualTo(wholeDice);
        }
        assertThat(log2.toString()).contains("resumed after epoch 2/4").doesNotContain("epoch 1/4,").contains("epoch 3/4,");
        assertThat(ck.read().epoch()).isEqualTo(4);
        // another run's checkpoint (another key) is not used: training starts from epoch 1
        ByteArrayOutputStream log3 = new ByteArrayOutputStream();
        try (NetTrainer other = Segmenter.fit(train, 1, four, 7, new EpochCheckpoint(dir.resolve("a.epoch"), "k2"),
                new PrintStream(log3, true))) {
            assertThat(maxDiff(predictions(other, test), whole)).as("fresh start vs uninterrupted").isZero();
        }
        assertThat(log3.toString()).contains("epoch 1/4,").doesNotContain("resumed");
        assertThat(List.of(wholeDice)).allMatch(d -> d > 0 && d <= 1);
    }
}
