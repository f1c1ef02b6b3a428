package org.cxrbench.encode;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam (Kingma and Ba, 2015) as a subclass of DJL's public {@link Optimizer}, whose state (first and second moments
 * per parameter, update counts) this class owns, so that it can be saved and restored for an epoch checkpoint
 * without reaching into DJL's private fields.
 *
 * <p>Each update is DJL 0.36's {@code Adam.update} step for step: the step count t follows
 * {@code Optimizer.updateCount} (a parameter's own count, t the largest count so far), the bias correction is folded
 * into the learning rate as {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)} computed in double and rounded to float,
 * and the update itself is the engine's fused kernel ({@code NDArrayEx.adamUpdate}, the same call with the same
 * arguments, lazy update on, AdamW off). The same inputs give the same bits as DJL's {@code Adam}
 * ({@code CheckpointedAdamTest}).
 */
public final class CheckpointedAdam extends Optimizer {
    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private int numUpdate;

    private CheckpointedAdam(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
    }

    /** Adam at a fixed learning rate with DJL's defaults (beta1 0.9, beta2 0.999, epsilon 1e-8). */
    public static CheckpointedAdam fixed(float learningRate) {
        Builder b = new Builder();
        b.learningRate = Tracker.fixed(learningRate);
        return new CheckpointedAdam(b);
    }

    /** The step count t of this update: as DJL's {@code Optimizer.updateCount} (begin count 0). */
    private synchronized int step(String parameterId) {
        int count = counts.merge(parameterId, 1, Integer::sum);
        numUpdate = Math.max(numUpdate, count);
        return numUpdate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = step(parameterId);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float lr = learningRate.getNewValue(parameterId, t);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        float weightDecay = getWeightDecay();
        if (Float.isNaN(corrected) || Float.isNaN(weightDecay) || Float.isInfinite(corrected)
                || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("learning rate or weight decay is nan or infinite");
        }
        NDList inputs = new NDList(weight, grad,
                withDefaultState(means, parameterId, weight.getDevice(), k -> weight.zerosLike()),
                withDefaultState(variances, parameterId, weight.getDevice(), k -> weight.zerosLike()));
        weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), lr, corrected, weightDecay, rescaleGrad,
                clipGrad, beta1, beta2, epsilon, true, false);
    }

    /**
     * Writes the state: the step count, each parameter's count, then its first and second moments (shape and
     * float32 values), each under the parameter's index in {@code ids} (parameter ids are new in every model).
     * The layout is the one NetTrainer's checkpoints have used since their first version.
     */
    public synchronized void write(List<String> ids, DataOutputStream out) throws IOException {
        out.writeInt(numUpdate);
        Map<Integer, Integer> sorted = new TreeMap<>();
        counts.forEach((id, c) -> sorted.put(index(ids, id), c));
        out.writeInt(sorted.size());
        for (Map.Entry<Integer, Integer> e : sorted.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue());
        }
        for (Map<String, Map<Device, NDArray>> moments : List.of(means, variances)) {
            Map<Integer, Map<Device, NDArray>> s = new TreeMap<>();
            moments.forEach((id, v) -> s.put(index(ids, id), v));
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

    /** Replaces the state with what {@link #write} wrote, for the parameters {@code ids} (same order). */
    public synchronized void read(List<String> ids, DataInputStream in, NDManager manager, Device device)
            throws IOException {
        numUpdate = in.readInt();
        counts.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            counts.put(ids.get(in.readInt()), in.readInt());
        }
        for (Map<String, Map<Device, NDArray>> moments : List.of(means, variances)) {
            for (Map<Device, NDArray> old : moments.values()) {
                old.values().forEach(NDArray::close);
            }
            moments.clear();
            int k = in.readInt();
            for (int i = 0; i < k; i++) {
                String id = ids.get(in.readInt());
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                float[] v = new float[in.readInt()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                NDArray a = manager.create(v, new Shape(shape)).toDevice(device, false);
                a.detach();
                Map<Device, NDArray> byDevice = new ConcurrentHashMap<>();
                byDevice.put(a.getDevice(), a);
                moments.put(id, byDevice);
            }
        }
    }

    /** The largest update count so far (DJL's t). */
    public synchronized int steps() {
        return numUpdate;
    }

    private static int index(List<String> ids, String id) {
        int i = ids.indexOf(id);
        if (i < 0) {
            throw new IllegalStateException("optimizer state of a parameter the block does not have");
        }
        return i;
    }

    /** DJL's builder base (rescale 1, no clipping, no weight decay, begin count 0). */
    static final class Builder extends OptimizerBuilder<Builder> {
        private ParameterTracker learningRate = Tracker.fixed(0.001f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        @Override
        protected Builder self() {
            return this;
        }
    }
}
