package org.cxrbench.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epoch checkpoints of the utility CNN: a training stopped after epoch 2 of 4 (its checkpoint left behind, as a
 * killed run leaves it) and resumed gives bit-identical test probabilities and the same loss histories and best
 * epoch as an uninterrupted 4-epoch training (augmentation draws and shuffles of the done epochs are replayed).
 */
class CnnResumeTest {
    @TempDir Path dir;

    @Test
    void resumedCnnTrainingIsBitIdentical() {
        LabelledSet train = CnnClassifierTest.set("real", World.cohort("t", 0, 30, 2, 64));
        LabelledSet test = CnnClassifierTest.set("test", World.cohort("e", 1, 10, 2, 64));
        TrainingRows rows = TrainingRows.of(new TrainingRows.Block(train.features(), range(train.n()), train.labels(), "real"));
        String[] groups = train.patients();
        CnnClassifier.Options four = new CnnClassifier.Options(4, 16, 0.003, 10, 0.15, 10);
        double[][] whole;
        Object wholeLoss;
        try (CnnClassifier.Fitted f = CnnClassifier.fit(rows, groups, 14, four, 3, CnnClassifierTest.QUIET)) {
            whole = f.predict(test.features());
            wholeLoss = f.description().validationLoss();
        }
        EpochCheckpoint ck = new EpochCheckpoint(dir.resolve("c.epoch"), "k");
        try (CnnClassifier.Fitted f = CnnClassifier.fit(rows, groups, 14, new CnnClassifier.Options(2, 16, 0.003, 10, 0.15, 10),
                3, ck, CnnClassifierTest.QUIET)) {
            assertThat(f.predict(test.features())).isNotEqualTo(whole);
        }
        assertThat(ck.read().epoch()).isEqualTo(2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (CnnClassifier.Fitted f = CnnClassifier.fit(rows, groups, 14, four, 3, ck, new PrintStream(log, true))) {
            assertThat(f.predict(test.features())).isEqualTo(whole);
            assertThat(f.description().validationLoss()).isEqualTo(wholeLoss);
        }
        assertThat(log.toString()).contains("resumed after epoch 2").contains("epoch 3/4,").doesNotContain("epoch 1/4,");
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
