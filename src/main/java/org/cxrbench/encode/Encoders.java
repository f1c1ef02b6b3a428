package org.cxrbench.encode;

import java.util.List;
import java.util.Locale;
import org.cxrbench.common.BadInputException;
import org.cxrbench.linalg.Workers;

/** The validated registry of encoders a user can name with {@code --encoder}. */
public final class Encoders {
    private Encoders() {}

    /** The default when a command encodes images and no --encoder is given. */
    public static final String DEFAULT = "cxr-cnn";

    public static final List<String> BUILT_IN = List.of("cxr-cnn", "radiomics", "pixels16", "pixels32", "pixels64");

    /** Encodes in-memory images in order, one row each (no cache, one thread): for tests, demos and benchmarks. */
    public static org.cxrbench.linalg.Features encodeAll(Encoder e, List<org.cxrbench.data.GreyImage> images) {
        int d = e.dimension();
        double[] out = new double[images.size() * d];
        for (int i = 0; i < images.size(); i++) {
            double[] v = e.encode(images.get(i));
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) v[j];
            }
        }
        return new org.cxrbench.linalg.Features(images.size(), d, out);
    }

    /** The {@code --encoder} / {@code --preset} pair as one encoder name. */
    public static String spec(String encoder, String preset) {
        if (preset == null) {
            return encoder;
        }
        String e = encoder == null ? "" : encoder.toLowerCase(Locale.ROOT);
        if (!e.endsWith(".onnx") && !e.endsWith(".pt") && !e.endsWith(".pth") && !e.endsWith(".torchscript")) {
            throw new BadInputException("--preset " + preset + " applies to model files only (--encoder model.onnx or model.pt)");
        }
        return encoder + "@" + preset;
    }

    /** A model encoder loaded once per run: the run's resource, closed when the run ends (see {@link Workers}). */
    private static <T extends Encoder> T loaded(String key, java.util.function.Supplier<T> make) {
        return Workers.current().resource("encoder " + key, make);
    }

    /** The device the current run's models run on ({@code --device}; the CPU outside a run). */
    public static ComputeDevice device() {
        return Workers.current().setting(ComputeDevice.class, ComputeDevice.CPU);
    }

    /**
     * An encoder by registry name ({@code pixelsN}) or an ONNX model as {@code path/model.onnx@preset}. Models
     * ({@code cxr-cnn}, ONNX, TorchScript) are loaded once per run, on the run's {@link #device()}, and reused by
     * all its stages; the run closes them when it ends (outside a run they live as long as the process).
     */
    public static Encoder get(String name) {
        ComputeDevice dev = device();
        String on = dev.isCpu() ? "" : " on " + dev;
        int at = name.lastIndexOf('@');
        if (at > 0) {
            String path = name.substring(0, at);
            String lower = path.toLowerCase(Locale.ROOT);
            Preset p = Preset.named(name.substring(at + 1));
            String key = java.nio.file.Path.of(path).toAbsolutePath() + "@" + p.name() + on;
            if (lower.endsWith(".onnx")) {
                return loaded(key, () -> new OnnxEncoder(java.nio.file.Path.of(path), p, dev));
            }
            if (lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".torchscript")) {
                return loaded(key, () -> new TorchScriptEncoder(java.nio.file.Path.of(path), p, dev));
            }
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cxr-cnn")) {
            return loaded("cxr-cnn" + on, () -> new CxrCnnEncoder(dev));
        }
        if (n.equals("radiomics")) {
            return new RadiomicsEncoder(128);
        }
        if (n.startsWith("radiomics") && n.substring(9).matches("\\d+")) {
            int size = Integer.parseInt(n.substring(9));
            if (size >= 16 && size <= 512) {
                return new RadiomicsEncoder(size);
            }
        }
        if (n.startsWith("pixels")) {
            try {
                int size = Integer.parseInt(n.substring(6));
                if (size >= 2 && size <= 256) {
                    return new PixelEncoder(size);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error
            }
        }
        if (n.endsWith(".onnx")) {
            throw new BadInputException("--encoder " + name + ": an ONNX model needs a preset: give --preset "
                    + String.join("|", Preset.NAMES) + " (in a config: encoder: " + name + "@PRESET)");
        }
        if (n.endsWith(".pt") || n.endsWith(".pth")) {
            throw new BadInputException("--encoder " + name + ": a TorchScript model needs a preset: give --preset "
                    + String.join("|", Preset.NAMES) + " (in a config: encoder: " + name + "@PRESET)");
        }
        throw new BadInputException("unknown --encoder '" + name + "'; built-in encoders: " + String.join(", ", BUILT_IN)
                + " (pixelsN for N in 2..256)");
    }
}
