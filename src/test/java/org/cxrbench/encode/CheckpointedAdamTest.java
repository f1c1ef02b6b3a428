package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckpointedAdam} makes DJL's Adam updates bit for bit (same fused engine kernel, same step count and
 * bias-corrected learning rate), directly on arrays and through a training loop, and its saved state resumes
 * training bit-identically.
 */
class CheckpointedAdamTest {
    @Test
    void updatesAreDjlAdamsBits() {
        CxrCnn.configureEngine();
        Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.003f)).build();
        CheckpointedAdam own = CheckpointedAdam.fixed(0.003f);
        Random r = new Random(5);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w0 = gaussian(r, 40);
            float[] v0 = gaussian(r, 7);
            NDArray wDjl = m.create(w0, new Shape(8, 5));
            NDArray wOwn = m.create(w0, new Shape(8, 5));
            NDArray vDjl = m.create(v0);
            NDArray vOwn = m.create(v0);
            for (int step = 0; step < 6; step++) {
                NDArray g = m.create(gaussian(r, 40), new Shape(8, 5));
                djl.update("w", wDjl, g);
                own.update("w", wOwn, g);
                if (step % 2 == 0) { // a parameter updated less often: its t is the optimizer's largest count
                    NDArray h = m.create(gaussian(r, 7));
                    djl.update("v", vDjl, h);
                    own.update("v", vOwn, h);
                }
            }
            assertThat(wOwn.toFloatArray()).containsExactly(wDjl.toFloatArray());
            assertThat(vOwn.toFloatArray()).containsExactly(vDjl.toFloatArray());
            assertThat(wOwn.toFloatArray()).isNotEqualTo(w0);
            assertThat(own.steps()).isEqualTo(6);
        }
    }

    @Test
    void trainingWithItGivesTheWeightsOfDjlsAdamAndResumesBitIdentically() {
        float[][] batch = batch(new Random(9));
        byte[] withDjl;
        try (NetTrainer t = trainer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())) {
            steps(t, batch, 4);
            withDjl = t.parameters();
        }
        byte[] straight;
        byte[] midway;
        try (NetTrainer t = trainer(CheckpointedAdam.fixed(0.01f))) {
            steps(t, batch, 2);
            midway = t.state();
            steps(t, batch, 2);
            straight = t.parameters();
        }
        assertThat(straight).isEqualTo(withDjl);
        // a new trainer (new parameter ids, other seed) restored from the checkpoint continues on the same bits
        try (NetTrainer resumed = trainer(CheckpointedAdam.fixed(0.01f), 99)) {
            resumed.restore(midway);
            steps(resumed, batch, 2);
            assertThat(resumed.parameters()).isEqualTo(straight);
        }
    }

    private static NetTrainer trainer(Optimizer opt) {
        return trainer(opt, 3);
    }

    private static NetTrainer trainer(Optimizer opt, long seed) {
        SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(6).build())
                .add(ai.djl.nn.Activation.reluBlock()).add(Linear.builder().setUnits(3).build());
        return new NetTrainer("adam-test", b, new Shape(10), new Shape(3), opt, seed);
    }

    private static void steps(NetTrainer t, float[][] batch, int n) {
        for (int i = 0; i < n; i++) {
            t.step(batch[0], batch[1], batch[2], 8);
        }
    }

    private static float[][] batch(Random r) {
        float[] x = gaussian(r, 80);
        float[] y = new float[24];
        float[] mask = new float[24];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextBoolean() ? 1 : 0;
            mask[i] = 1;
        }
        return new float[][] {x, y, mask};
    }

    private static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
