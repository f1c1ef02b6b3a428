package org.cxrbench.encode;

import ai.djl.Device;
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
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Optimizer optimizer;

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
        this.optimizer = opt;
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
     * parameter first and second moments, update counts), for an epoch checkpoint; {@link #restore} gives back a
     * trainer whose next steps are bit-identical to this one's. DJL keeps Adam's state private, so it is read and
     * written through reflection ({@link OptimizerState}), and the trainer's parameter store, which caches the arrays
     * it first saw, is emptied so that it picks up the loaded ones.
     */
    public byte[] state() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] p = parameters();
            out.writeInt(p.length);
            out.write(p);
            OptimizerState.write(optimizer, parameterIds(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores what {@link #state()} wrote (same block, same optimizer kind). */
    public void restore(byte[] state) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
            byte[] p = new byte[in.readInt()];
            in.readFully(p);
            load(p);
            // loading replaces the parameters' arrays: the new ones must collect gradients again
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> q : model.getBlock().getParameters()) {
                if (q.getValue().requiresGradient()) {
                    q.getValue().getArray().setRequiresGradient(true);
                }
            }
            // the trainer's parameter store caches the arrays it saw first: forget them so it uses the loaded ones
            Object store = OptimizerState.get(Trainer.class, "parameterStore", trainer);
            ((Map<?, ?>) OptimizerState.get(ai.djl.training.ParameterStore.class, "parameterMap", store)).clear();
            OptimizerState.read(optimizer, parameterIds(), in, model.getNDManager());
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore the training state: " + e.getMessage(), e);
        }
    }

    /** DJL keys the optimizer's state by parameter id (new ids in every model): the block's ids in parameter order. */
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

    /**
     * Reads and writes the state of DJL's {@link Adam} (0.36: the private maps {@code means} and {@code variances} of
     * parameter id -> device -> array, and {@link Optimizer}'s {@code updateCounts} and {@code numUpdate}), which DJL
     * offers no API for. Parameter ids are new in every model, so entries are written under the parameter's index in
     * the block's parameter order, arrays as shape plus float32 values; a restored optimizer makes bit-identical
     * updates. Only single-device Adam is supported (the project trains on one CPU device).
     */
    static final class OptimizerState {
        private OptimizerState() {}

        static void write(Optimizer opt, java.util.List<String> ids, DataOutputStream out) throws IOException {
            Adam adam = adam(opt);
            @SuppressWarnings("unchecked")
            Map<String, Integer> counts = (Map<String, Integer>) get(Optimizer.class, "updateCounts", adam);
            out.writeInt((Integer) get(Optimizer.class, "numUpdate", adam));
            Map<Integer, Integer> sorted = new TreeMap<>();
            counts.forEach((id, c) -> sorted.put(index(ids, id), c));
            out.writeInt(sorted.size());
            for (Map.Entry<Integer, Integer> e : sorted.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue());
            }
            for (String field : new String[] {"means", "variances"}) {
                @SuppressWarnings("unchecked")
                Map<String, Map<Device, NDArray>> m = (Map<String, Map<Device, NDArray>>) get(Adam.class, field, adam);
                Map<Integer, Map<Device, NDArray>> s = new TreeMap<>();
                m.forEach((id, v) -> s.put(index(ids, id), v));
                out.writeInt(s.size());
                for (Map.Entry<Integer, Map<Device, NDArray>> e : s.entrySet()) {
                    if (e.getValue().size() != 1) {
                        throw new IllegalStateException("Adam state on " + e.getValue().size() + " devices: one expected");
                    }
                    NDArray a = e.getValue().values().iterator().next();
                    out.writeInt(e.getKey());
                    long[] shape = a.getShape().getShape();
                    out.writeInt(shape.length);
                    for (long d : shape) {
                        out.writeLong(d);
                    }
                    float[] v = a.toFloatArray();
                    out.writeInt(v.length);
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
        }

        static void read(Optimizer opt, java.util.List<String> ids, DataInputStream in, NDManager manager) throws IOException {
            Adam adam = adam(opt);
            int numUpdate = in.readInt();
            @SuppressWarnings("unchecked")
            Map<String, Integer> counts = (Map<String, Integer>) get(Optimizer.class, "updateCounts", adam);
            counts.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                counts.put(ids.get(in.readInt()), in.readInt());
            }
            set(Optimizer.class, "numUpdate", adam, numUpdate);
            for (String field : new String[] {"means", "variances"}) {
                @SuppressWarnings("unchecked")
                Map<String, Map<Device, NDArray>> m = (Map<String, Map<Device, NDArray>>) get(Adam.class, field, adam);
                for (Map<Device, NDArray> old : m.values()) {
                    old.values().forEach(NDArray::close);
                }
                m.clear();
                int k = in.readInt();
                for (int i = 0; i < k; i++) {
                    String name = ids.get(in.readInt());
                    long[] shape = new long[in.readInt()];
                    for (int d = 0; d < shape.length; d++) {
                        shape[d] = in.readLong();
                    }
                    float[] v = new float[in.readInt()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                    NDArray a = manager.create(v, new Shape(shape));
                    a.detach();
                    Map<Device, NDArray> byDevice = new ConcurrentHashMap<>();
                    byDevice.put(a.getDevice(), a);
                    m.put(name, byDevice);
                }
            }
        }

        private static int index(java.util.List<String> ids, String id) {
            int i = ids.indexOf(id);
            if (i < 0) {
                throw new IllegalStateException("optimizer state of a parameter the block does not have");
            }
            return i;
        }

        private static Adam adam(Optimizer opt) {
            if (!(opt instanceof Adam a)) {
                throw new IllegalStateException("training state: only Adam's state can be saved, not " + opt.getClass().getName());
            }
            return a;
        }

        static Object get(Class<?> c, String name, Object o) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("DJL's " + c.getSimpleName() + " has no field '" + name + "' (DJL version changed?)", e);
            }
        }

        private static void set(Class<?> c, String name, Object o, Object v) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(o, v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("DJL's " + c.getSimpleName() + " has no field '" + name + "' (DJL version changed?)", e);
            }
        }
    }
}
