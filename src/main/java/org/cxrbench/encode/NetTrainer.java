package org.cxrbench.encode;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one DJL training loop of the project (the cxr-cnn encoder, the utility CNN classifier and the U-Net): a DJL
 * {@link Trainer} over a block with the {@link MaskedBceLoss} and Adam at a fixed learning rate. Each step: zero the
 * gradients, forward in training mode, masked loss, backward, one optimizer update of every parameter
 * ({@link Trainer#step()}). The engine's random seed is set before the block is initialised, PyTorch runs one thread
 * ({@link CxrCnn#configureEngine()}), and batches are filled by the caller in a seeded order, so the same seed and data
 * give bit-identical weights.
 */
public final class NetTrainer implements AutoCloseable {
    /** Fills one batch: inputs (batch x input elements), targets and mask (batch x output elements). */
    public interface BatchSource {
        void fill(int[] rows, float[] x, float[] y, float[] mask);
    }

    private final Model model;
    private final Trainer trainer;
    private final Shape input;
    private final Shape output;

    /**
     * @param input  one example's input shape (e.g. 1 x 64 x 64)
     * @param output one example's output shape (e.g. 14, or 3 x 64 x 64)
     */
    public NetTrainer(String name, Block block, Shape input, Shape output, double learningRate, long seed) {
        CxrCnn.configureEngine();
        Engine.getInstance().setRandomSeed((int) seed);
        this.model = Model.newInstance(name);
        model.setBlock(block);
        Optimizer opt = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
        this.trainer = model.newTrainer(new DefaultTrainingConfig(new MaskedBceLoss()).optOptimizer(opt));
        this.input = input;
        this.output = output;
        trainer.initialize(batchShape(input, 1));
    }

    static Shape batchShape(Shape one, int batch) {
        long[] d = new long[one.dimension() + 1];
        d[0] = batch;
        System.arraycopy(one.getShape(), 0, d, 1, one.dimension());
        return new Shape(d);
    }

    public NDManager manager() {
        return model.getNDManager();
    }

    /** One optimizer step on one batch; returns the batch's masked loss. */
    public float step(float[] x, float[] y, float[] mask, int batch) {
        float loss;
        try (NDManager bm = model.getNDManager().newSubManager()) {
            NDArray xs = bm.create(x, batchShape(input, batch));
            NDArray ys = bm.create(y, batchShape(output, batch));
            NDArray ms = bm.create(mask, batchShape(output, batch));
            try (GradientCollector gc = trainer.newGradientCollector()) {
                gc.zeroGradients();
                NDList z = trainer.forward(new NDList(xs));
                NDArray l = trainer.getLoss().evaluate(new NDList(ys, ms), z);
                gc.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
        }
        return loss;
    }

    /**
     * One epoch over {@code order} in full batches (a last partial batch is dropped, so every step sees the same
     * batch size); returns the mean batch loss.
     */
    public double epoch(int[] order, int batch, BatchSource source) {
        long in = input.size();
        long out = output.size();
        double sum = 0;
        int batches = 0;
        int[] rows = new int[batch];
        for (int b0 = 0; b0 + batch <= order.length; b0 += batch) {
            System.arraycopy(order, b0, rows, 0, batch);
            float[] x = new float[(int) (batch * in)];
            float[] y = new float[(int) (batch * out)];
            float[] m = new float[(int) (batch * out)];
            source.fill(rows, x, y, m);
            sum += step(x, y, m, batch);
            batches++;
        }
        return sum / Math.max(1, batches);
    }

    /** Outputs (logits) for inputs in inference mode, {@code count} examples per forward pass. */
    public float[] predict(float[] x, int count) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray xs = m.create(x, batchShape(input, count));
            return trainer.evaluate(new NDList(xs)).singletonOrThrow().toFloatArray();
        }
    }

    /** The parameters in DJL's format (what {@code Block.loadParameters} reads). */
    public byte[] parameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            model.getBlock().saveParameters(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores parameters written by {@link #parameters()} (early stopping's best epoch). */
    public void load(byte[] params) {
        try {
            model.getBlock().loadParameters(model.getNDManager(), new java.io.DataInputStream(new java.io.ByteArrayInputStream(params)));
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore parameters: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
