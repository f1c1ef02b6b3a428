package org.cxrbench.encode;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;

/**
 * A user's TorchScript model ({@code torch.jit.trace}/{@code script} saved as .pt) run by DJL's PyTorch engine
 * (CPU native library from Maven Central, offline, one intra-op thread), with a {@link Preset} for preprocessing.
 * One image per forward pass, as for ONNX, so batch size and thread count never change the features.
 */
public final class TorchScriptEncoder implements Encoder, AutoCloseable {
    public static final int VERSION = 1;
    private final Path file;
    private final Preset preset;
    private final Model model;
    private final ThreadLocal<Predictor<NDList, NDList>> predictor;
    private final java.util.List<Predictor<NDList, NDList>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String hash;
    private final int dim;
    private final ComputeDevice device;

    public TorchScriptEncoder(Path file, Preset preset) {
        this(file, preset, ComputeDevice.CPU);
    }

    /** A model on {@code device} (a GPU needs a CUDA libtorch). */
    public TorchScriptEncoder(Path file, Preset preset, ComputeDevice device) {
        this.file = file;
        this.preset = preset;
        this.device = device;
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "model file not found", "check --encoder");
        }
        this.hash = Hashing.ofFile(file);
        CxrCnn.configureEngine();
        String problem = device.torchProblem();
        if (problem != null) {
            throw BadInputException.of(file, "--device " + device + ": " + problem, "use --device cpu");
        }
        this.model = Model.newInstance(file.getFileName().toString(), device.djl(), "PyTorch");
        try {
            model.load(file.toAbsolutePath().getParent(), file.getFileName().toString());
        } catch (Exception e) {
            model.close();
            throw BadInputException.of(file, "not a loadable TorchScript model (" + firstLine(e.getMessage()) + ")",
                    "save it with torch.jit.trace(model, example).save(path)");
        }
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator());
            all.add(p);
            return p;
        });
        try {
            this.dim = encode(new GreyImage(preset.size(), preset.size(), new float[preset.size() * preset.size()], 8)).length;
        } catch (RuntimeException e) {
            close();
            throw BadInputException.of(file, "does not run on a [1, " + preset.channels() + ", " + preset.size() + ", "
                    + preset.size() + "] input (" + firstLine(e.getMessage()) + ")", "choose the preset the model was traced for");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }

    @Override
    public String name() {
        return "torchscript:" + file.getFileName();
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public String fingerprint() {
        return "torchscript;model=" + hash + ";" + preset.fingerprint() + ";v" + VERSION + TorchNnpack.fingerprintNote()
                + device.fingerprintNote();
    }

    @Override
    public double[] encode(GreyImage image) {
        float[] t = preset.tensor(image);
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(t, new Shape(1, preset.channels(), preset.size(), preset.size()));
            NDList out = predictor.get().predict(new NDList(x));
            NDArray y = out.get(0);
            float[] all = y.toFloatArray();
            long[] s = y.getShape().getShape();
            float[] f = Preset.select(preset, all, s);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            out.close();
            return d;
        } catch (ai.djl.translate.TranslateException e) {
            throw new IllegalStateException("TorchScript model " + file + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        for (Predictor<NDList, NDList> p : all) {
            p.close();
        }
        model.close();
    }
}
