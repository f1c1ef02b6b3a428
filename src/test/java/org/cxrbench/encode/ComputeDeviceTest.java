package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Progress;
import org.cxrbench.data.GreyImage;
import org.cxrbench.linalg.Workers;
import org.junit.jupiter.api.Test;

/**
 * --device: parsing, the run's device reaching every model, a one-line error for CUDA on a machine without it,
 * and the batched calls a GPU gets (checked here on the CPU against one image per call).
 */
class ComputeDeviceTest {
    static boolean noGpu() {
        return !ComputeDevice.onnxCuda() && ComputeDevice.torchGpus() <= 0;
    }

    @Test
    void parsesCpuCudaAndCudaN() {
        assertThat(ComputeDevice.parse("--device", null)).isEqualTo(ComputeDevice.CPU);
        assertThat(ComputeDevice.parse("--device", "CPU")).isEqualTo(ComputeDevice.CPU);
        assertThat(ComputeDevice.parse("--device", "cuda")).hasToString("cuda:0");
        assertThat(ComputeDevice.parse("--device", "cuda:2").index()).isEqualTo(2);
        assertThat(ComputeDevice.CPU.batchSize()).isEqualTo(1);
        assertThat(ComputeDevice.parse("--device", "cuda").batchSize()).isEqualTo(ComputeDevice.GPU_BATCH);
        assertThatThrownBy(() -> ComputeDevice.parse("--device", "gpu")).isInstanceOf(BadInputException.class)
                .hasMessage("--device gpu: give cpu, cuda or cuda:N (N the GPU's index)");
        ComputeDevice.CPU.requireAvailable("--device"); // always
    }

    @Test
    void cudaWithoutAGpuIsAOneLineErrorAndEveryModelRefusesIt() throws Exception {
        assumeFalse(!noGpu(), "this machine has a CUDA device");
        ComputeDevice cuda = ComputeDevice.parse("--device", "cuda");
        assertThatThrownBy(() -> cuda.requireAvailable("--device")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--device cuda:0: no CUDA device here (ONNX Runtime has no CUDA execution provider, PyTorch sees 0 GPUs)")
                .hasMessageNotContaining("\n");
        try (Workers run = Workers.of(1, Progress.QUIET)) {
            run.set(ComputeDevice.class, cuda);
            assertThatThrownBy(() -> run.get(() -> Encoders.get("cxr-cnn"))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("cxr-cnn").hasMessageContaining("PyTorch sees 0 GPUs");
            Path onnx = Path.of(ComputeDeviceTest.class.getResource("/onnx/tokens224.onnx").toURI());
            assertThatThrownBy(() -> run.get(() -> Encoders.get(onnx + "@dinov2"))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("no CUDA execution provider");
        }
    }

    @Test
    void theRunsDeviceSelectsTheModelAndTheCpuKeepsItsFingerprints() {
        String cpuPrint;
        try (CxrCnnEncoder plain = new CxrCnnEncoder()) {
            cpuPrint = plain.fingerprint();
        }
        try (Workers run = Workers.of(1, Progress.QUIET)) {
            run.set(ComputeDevice.class, ComputeDevice.CPU);
            Encoder e = run.get(() -> Encoders.get("cxr-cnn"));
            assertThat(e.fingerprint()).isEqualTo(cpuPrint).doesNotContain("device");
            assertThat(e.batchSize()).isEqualTo(1);
            assertThat(run.get(Encoders::device)).isEqualTo(ComputeDevice.CPU);
        }
        assertThat(Encoders.device()).isEqualTo(ComputeDevice.CPU);
        assertThat(new ComputeDevice("cuda", 0).fingerprintNote()).isEqualTo(";device=cuda");
    }

    @Test
    void aBatchedForwardPassGivesEachImagesFeatures() throws Exception {
        List<GreyImage> imgs = images(5, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            CxrCnn.Net net = CxrCnn.load(m);
            int per = CxrCnn.INPUT * CxrCnn.INPUT;
            float[] in = new float[imgs.size() * per];
            for (int i = 0; i < imgs.size(); i++) {
                System.arraycopy(CxrCnn.input(imgs.get(i)), 0, in, i * per, per);
            }
            float[] batched = CxrCnn.forwardTrunk(net, m, in, imgs.size()).toFloatArray();
            for (int i = 0; i < imgs.size(); i++) {
                float[] one = CxrCnn.forwardTrunk(net, m, CxrCnn.input(imgs.get(i))).toFloatArray();
                for (int j = 0; j < one.length; j++) {
                    // batched convolutions may sum in another order: float round-off, not a different image
                    assertThat(batched[i * one.length + j]).isCloseTo(one[j], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(one[j]))));
                }
            }
        }
        Path onnx = Path.of(ComputeDeviceTest.class.getResource("/onnx/tokens224.onnx").toURI());
        try (OnnxEncoder enc = new OnnxEncoder(onnx, Preset.named("dinov2")).withBatch(3)) {
            List<GreyImage> big = images(4, 224);
            double[][] b = enc.encodeBatch(big);
            for (int i = 0; i < big.size(); i++) {
                double[] one = enc.encode(big.get(i));
                assertThat(b[i]).hasSize(one.length);
                for (int j = 0; j < one.length; j++) {
                    assertThat(b[i][j]).isCloseTo(one[j], org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(one[j]))));
                }
            }
        }
    }

    private static List<GreyImage> images(int n, int size) {
        Random r = new Random(4);
        List<GreyImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] px = new float[size * size];
            for (int k = 0; k < px.length; k++) {
                px[k] = r.nextFloat();
            }
            out.add(new GreyImage(size, size, px, 8));
        }
        return out;
    }
}
