package org.cxrbench.encode;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * Where models run ({@code --device cpu|cuda[:i]}, {@code device:} in configs): the CPU (default), or CUDA GPU i
 * through ONNX Runtime's CUDA execution provider (needs the {@code onnxruntime_gpu} build: {@code mvn -Pgpu}) and
 * DJL's PyTorch on the GPU (needs a CUDA libtorch: {@code PYTORCH_LIBRARY_PATH}). On the CPU one image is encoded
 * at a time per worker (the features' bits do not depend on the batch); on a GPU {@link #batchSize()} images per
 * call. Features computed on a GPU agree with the CPU's to float round-off, not bit for bit, so a GPU encoder's
 * fingerprint names the device (its features are cached apart).
 */
public record ComputeDevice(String kind, int index) {
    public static final ComputeDevice CPU = new ComputeDevice("cpu", 0);

    /** Images per model call on a GPU: large enough to keep it busy at 64-518 px, small enough for 8 GB. */
    static final int GPU_BATCH = 32;

    public ComputeDevice {
        if (!kind.equals("cpu") && !kind.equals("cuda")) {
            throw new IllegalArgumentException(kind);
        }
    }

    /** {@code cpu}, {@code cuda} (GPU 0) or {@code cuda:i}; anything else is a one-line error naming the option. */
    public static ComputeDevice parse(String option, String text) {
        String t = text == null ? "cpu" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda")) {
            return new ComputeDevice("cuda", 0);
        }
        if (t.matches("cuda:\\d{1,3}")) {
            return new ComputeDevice("cuda", Integer.parseInt(t.substring(5)));
        }
        throw new BadInputException(option + " " + text + ": give cpu, cuda or cuda:N (N the GPU's index)");
    }

    public boolean isCpu() {
        return kind.equals("cpu");
    }

    /** Images per model call: 1 on the CPU, {@link #GPU_BATCH} on a GPU. */
    public int batchSize() {
        return isCpu() ? 1 : GPU_BATCH;
    }

    /** DJL's device. */
    public ai.djl.Device djl() {
        return isCpu() ? ai.djl.Device.cpu() : ai.djl.Device.gpu(index);
    }

    /** For fingerprints: empty on the CPU (fingerprints as before), {@code ;device=cuda} on a GPU. */
    public String fingerprintNote() {
        return isCpu() ? "" : ";device=cuda";
    }

    @Override
    public String toString() {
        return isCpu() ? "cpu" : "cuda:" + index;
    }

    /**
     * Checks, before any work, that this device can run a model here: a GPU needs ONNX Runtime's CUDA execution
     * provider or a PyTorch that sees GPU {@code index}. Throws a one-line bad-input error (exit 2) otherwise.
     */
    public void requireAvailable(String option) {
        if (isCpu()) {
            return;
        }
        boolean ort = onnxCuda();
        int gpus = torchGpus();
        if (!ort && gpus <= index) {
            throw new BadInputException(option + " " + this + ": no CUDA device here (ONNX Runtime has no CUDA execution "
                    + "provider, " + (gpus < 0 ? "PyTorch did not start" : "PyTorch sees " + gpus + " GPU" + (gpus == 1 ? "" : "s"))
                    + "); use --device cpu, or on a GPU machine build with 'mvn -Pgpu' and set PYTORCH_LIBRARY_PATH to a CUDA libtorch");
        }
    }

    /** A model of ONNX Runtime on this device: its problem, or null when it can run there. */
    String onnxProblem() {
        return isCpu() || onnxCuda() ? null
                : "this build's ONNX Runtime has no CUDA execution provider (build with 'mvn -Pgpu' on a CUDA 12 machine)";
    }

    /** A PyTorch model on this device: its problem, or null when it can run there. */
    String torchProblem() {
        if (isCpu()) {
            return null;
        }
        int gpus = torchGpus();
        return gpus > index ? null : "PyTorch sees " + Math.max(gpus, 0) + " GPU" + (gpus == 1 ? "" : "s")
                + " (a CPU libtorch; set PYTORCH_LIBRARY_PATH to a CUDA libtorch 2.7.1)";
    }

    /** Whether any model runtime here can use a CUDA GPU (ONNX Runtime's provider, or PyTorch sees one). */
    public static boolean cudaPresent() {
        return onnxCuda() || torchGpus() > 0;
    }

    static boolean onnxCuda() {
        try {
            return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    static int torchGpus() {
        try {
            CxrCnn.configureEngine();
            return ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return -1;
        }
    }
}
