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
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one DJL training loop of the project (the cxr-cnn encoder, the utility CNN classifier and the U-Net): a DJL
 * {@link Trainer} over a block with the {@link MaskedBceLoss} and Adam at a fixed learning rate
 * ({@link CheckpointedAdam}: DJL's update, with a state this project owns and checkpoints). Each step: zero the
 * gradients, forward in training mode, masked loss, backward, one optimizer update of every parameter
 * ({@link Trainer#step()}). The engine's random seed is set before the block is initialised (under a lock: the
 * generator is process-wide), PyTorch runs one thread ({@link CxrCnn#configureEngine()}), and batches are filled by the
 * caller in a seeded order, so the same seed and data give bit-identical weights.
 */
public final class NetTrainer implements AutoCloseable {
    /** Fills one batch: inputs (batch x input elements), targets and mask (batch x output elements). */
    public interface BatchSource {
        void fill(int[] rows, float[] x, float[] y, float[] mask);
    }

    private final Model model;
    private final DefaultTrainingConfig config;
    private final CheckpointedAdam optimizer;
    private final Shape input;
    private final Shape output;
    private Trainer trainer;

    /**
     * @param input  one example's input shape (e.g. 1 x 64 x 64)
     * @param output one example's output shape (e.g. 14, or 3 x 64 x 64)
     */
    public NetTrainer(String name, Block block, Shape input, Shape output, double learningRate, long seed) {
        this(name, block, input, output, CheckpointedAdam.fixed((float) learningRate), seed);
    }

    /** A trainer with a given optimizer (tests compare DJL's Adam with {@link CheckpointedAdam}). */
    NetTrainer(String name, Block block, Shape input, Shape output, Optimizer optimizer, long seed) {
        CxrCnn.configureEngine();
        ComputeDevice device = Encoders.device(); // the run's --device
        String problem = device.torchProblem();
        if (problem != null) {
            throw new org.cxrbench.common.BadInputException("--device " + device + ": " + name + ": " + problem
                    + "; use --device cpu");
        }
        this.optimizer = optimizer instanceof CheckpointedAdam a ? a : null;
        this.config = new DefaultTrainingConfig(new MaskedBceLoss()).optOptimizer(optimizer);
        this.input = input;
        this.output = output;
        // PyTorch's default generator is process-wide (DJL's Engine.setRandomSeed is torch.manual_seed): the seeding
        // and the draws it governs (parameter initialisation) happen under one lock, so trainers built at the same
        // time in other threads cannot take draws from this sequence. Training draws nothing from the engine
        // (batches and augmentation come from the callers' seeded Java generators).
        synchronized (ENGINE_RANDOM) {
            Engine.getInstance().setRandomSeed((int) seed);
            this.model = Model.newInstance(name, device.djl());
            model.setBlock(block);
            this.trainer = model.newTrainer(config);
            trainer.initialize(batchShape(input, 1));
        }
    }

    /** Guards the engine's process-wide random generator (see the constructor). */
    private static final Object ENGINE_RANDOM = new Object();

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

    /**
     * Fills the batches of one epoch as {@link #epoch} does, without training: replays the random draws a batch
     * source makes (augmentation), for resuming from an epoch checkpoint.
     */
    public void replayEpoch(int[] order, int batch, BatchSource source) {
        int[] rows = new int[batch];
        float[] x = new float[(int) (batch * input.size())];
        float[] y = new float[(int) (batch * output.size())];
        float[] m = new float[(int) (batch * output.size())];
        for (int b0 = 0; b0 + batch <= order.length; b0 += batch) {
            System.arraycopy(order, b0, rows, 0, batch);
            source.fill(rows, x, y, m);
        }
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

    /**
     * The whole training state between two steps: the parameters ({@link #parameters()}) and Adam's state (per
     * parameter first and second moments, update counts, held by {@link CheckpointedAdam}), for an epoch
     * checkpoint; {@link #restore} gives back a trainer whose next steps are bit-identical to this one's.
     */
    public byte[] state() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] p = parameters();
            out.writeInt(p.length);
            out.write(p);
            adam().write(parameterIds(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores what {@link #state()} wrote (same block): loads the parameters, then builds a new DJL trainer on
     * them (a fresh parameter store, which sees the loaded arrays) with the optimizer's state read back.
     */
    public void restore(byte[] state) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state))) {
            byte[] p = new byte[in.readInt()];
            in.readFully(p);
            load(p);
            // loading replaces the parameters' arrays: the new ones must collect gradients again
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> q : model.getBlock().getParameters()) {
                if (q.getValue().requiresGradient()) {
                    q.getValue().getArray().setRequiresGradient(true);
                }
            }
            trainer.close();
            trainer = model.newTrainer(config); // the block is initialised already: no new draws
            adam().read(parameterIds(), in, model.getNDManager(), model.getNDManager().getDevice());
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore the training state: " + e.getMessage(), e);
        }
    }

    private CheckpointedAdam adam() {
        if (optimizer == null) {
            throw new IllegalStateException("training state: only CheckpointedAdam's state can be saved");
        }
        return optimizer;
    }

    /** The optimizer keys its state by parameter id (new ids in every model): the block's ids in parameter order. */
    private java.util.List<String> parameterIds() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
            ids.add(p.getValue().getId());
        }
        return ids;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
