package org.cxrbench.encode;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;

/**
 * A user's ONNX model run by ONNX Runtime (CPU), with a {@link Preset} for its preprocessing. Each image is one
 * session call (batch of one; the thread pool runs images in parallel, one intra-op thread each), so features never
 * depend on the batch size or thread count. The model file's hash is part of the fingerprint (cache key).
 */
public final class OnnxEncoder implements Encoder, AutoCloseable {
    public static final int VERSION = 1;
    private final Path model;
    private final Preset preset;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final int dim;
    private final String modelHash;
    private final ComputeDevice device;
    private int batch = 1;

    public OnnxEncoder(Path model, Preset preset) {
        this(model, preset, ComputeDevice.CPU);
    }

    /** A model on {@code device}: on a GPU through ONNX Runtime's CUDA execution provider. */
    public OnnxEncoder(Path model, Preset preset, ComputeDevice device) {
        this.model = model;
        this.preset = preset;
        this.device = device;
        if (!Files.isRegularFile(model)) {
            throw BadInputException.of(model, "model file not found", "check --encoder");
        }
        this.modelHash = Hashing.ofFile(model);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            if (!device.isCpu()) {
                String problem = device.onnxProblem();
                if (problem != null) {
                    throw BadInputException.of(model, "--device " + device + ": " + problem, "use --device cpu");
                }
                o.addCUDA(device.index());
            }
            this.session = env.createSession(model.toString(), o);
        } catch (OrtException e) {
            throw BadInputException.of(model, "not a loadable ONNX model (" + firstLine(e.getMessage()) + ")",
                    "export the model with torch.onnx.export (see the README)");
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw BadInputException.of(model, "has " + inputs.size() + " inputs; cxrbench feeds one image tensor",
                        "export a model with a single [N, C, H, W] input");
            }
            this.inputName = inputs.keySet().iterator().next();
            long[] in = ((TensorInfo) inputs.get(inputName).getInfo()).getShape();
            // a dynamic batch axis takes the device's batch; a fixed one (N = 1) one image per call
            this.batch = in.length > 0 && in[0] > 0 ? 1 : device.batchSize();
            if (in.length != 4 || (in[1] > 0 && in[1] != preset.channels()) || (in[2] > 0 && in[2] != preset.size())
                    || (in[3] > 0 && in[3] != preset.size())) {
                throw BadInputException.of(model, "input shape " + java.util.Arrays.toString(in) + " does not match preset "
                        + preset.name() + " ([N, " + preset.channels() + ", " + preset.size() + ", " + preset.size() + "])",
                        "choose the preset the model was exported for");
            }
            this.outputName = session.getOutputNames().iterator().next();
            long[] out = ((TensorInfo) session.getOutputInfo().get(outputName).getInfo()).getShape();
            // run once on a blank image to learn the feature dimension and check the output rank
            this.dim = run(new GreyImage(preset.size(), preset.size(), new float[preset.size() * preset.size()], 8)).length;
            if (preset.output().equals("cls") && out.length != 3 && out.length != 2) {
                throw BadInputException.of(model, "output shape " + java.util.Arrays.toString(out) + " is neither [N, tokens, dim] "
                        + "nor [N, dim], which preset " + preset.name() + " needs", "export the model's last hidden state or embedding");
            }
        } catch (OrtException e) {
            throw BadInputException.of(model, "cannot run (" + firstLine(e.getMessage()) + ")", "check the model and preset");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }

    @Override
    public String name() {
        return "onnx:" + model.getFileName();
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public String fingerprint() {
        return "onnx;model=" + modelHash + ";" + preset.fingerprint() + ";output=" + outputName + ";v" + VERSION
                + device.fingerprintNote();
    }

    @Override
    public double[] encode(GreyImage image) {
        try {
            float[] f = run(image);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public int batchSize() {
        return batch;
    }

    /** Calls of {@code n} images where the model's batch axis is dynamic (tests of the GPU path on the CPU). */
    OnnxEncoder withBatch(int n) {
        if (batch > 1 || device.isCpu()) {
            long[] in = inputShape();
            batch = in.length > 0 && in[0] > 0 ? 1 : n;
        }
        return this;
    }

    private long[] inputShape() {
        try {
            return ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One model call for all the images (on a GPU): the batch tensor, then each image's rows of the output. */
    @Override
    public double[][] encodeBatch(java.util.List<GreyImage> images) {
        if (images.size() <= 1 || batch <= 1) {
            return Encoder.super.encodeBatch(images);
        }
        int n = images.size();
        int per = preset.channels() * preset.size() * preset.size();
        float[] t = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(preset.tensor(images.get(i)), 0, t, i * per, per);
        }
        long[] shape = {n, preset.channels(), preset.size(), preset.size()};
        try (OnnxTensor x = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(t), shape);
             OrtSession.Result r = session.run(Map.of(inputName, x))) {
            OnnxTensor y = (OnnxTensor) r.get(0);
            long[] s = y.getInfo().getShape().clone();
            float[] all = new float[(int) y.getInfo().getNumElements()];
            y.getFloatBuffer().get(all);
            int each = all.length / n;
            s[0] = 1;
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                float[] f = Preset.select(preset, java.util.Arrays.copyOfRange(all, i * each, (i + 1) * each), s);
                out[i] = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    out[i][j] = f[j];
                }
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model + ": " + firstLine(e.getMessage()), e);
        }
    }

    private float[] run(GreyImage image) throws OrtException {
        float[] t = preset.tensor(image);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, preset.channels(), preset.size(), preset.size()};
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(t), shape);
             OrtSession.Result r = session.run(Map.of(inputName, x))) {
            OnnxTensor y = (OnnxTensor) r.get(0);
            long[] s = y.getInfo().getShape();
            float[] all = new float[(int) y.getInfo().getNumElements()];
            y.getFloatBuffer().get(all);
            return Preset.select(preset, all, s);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing a session that failed is not an error for the user
        }
    }
}
