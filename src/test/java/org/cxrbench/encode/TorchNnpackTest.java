package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cxrbench.data.GreyImage;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's NNPACK is switched off, so libtorch does not log "Could not initialize NNPACK! Reason: Unsupported
 * hardware." on every convolution (issue 11, item 2: four lines per image before). The log goes to the native
 * stderr, which only a child process's output shows.
 */
class TorchNnpackTest {
    @Test
    void theBuiltInEncoderRunsWithNnpackOff() {
        try (CxrCnnEncoder enc = new CxrCnnEncoder()) {
            assertThat(enc.dimension()).isEqualTo(CxrCnn.FEATURES);
            assertThat(TorchNnpack.enabled()).as("at::globalContext().userEnabledNNPACK()").isFalse();
        }
    }

    @Test
    void aSwitchThatCannotBeReachedIsSaidAndFingerprinted() {
        // this machine's libtorch has the symbols: NNPACK is off and fingerprints are unchanged
        try (CxrCnnEncoder enc = new CxrCnnEncoder()) {
            assertThat(TorchNnpack.switchedOff()).isTrue();
            assertThat(TorchNnpack.fingerprintNote()).isEmpty();
            assertThat(enc.fingerprint()).doesNotContain("nnpack");
        }
        // another build without them, or no libtorch found: a reason, never silence
        String missing = TorchNnpack.switchOff(TorchNnpack.torchCpu(), "_ZN2at13globalContextEv", "_ZN2at7NoSuchSymbolEb");
        assertThat(missing).startsWith("this libtorch build has no symbol").contains("NoSuchSymbol");
        assertThat(TorchNnpack.switchOff(null, "a", "b")).isEqualTo("libtorch_cpu not found through /proc/self/maps");
        assertThat(TorchNnpack.warning(missing)).startsWith("PyTorch's NNPACK could not be switched off (this libtorch")
                .contains("fingerprint");
    }

    @Test
    void encodingImagesPrintsNoNnpackWarning() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), EncodeTwo.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("encoded 2").doesNotContain("NNPACK");
    }

    /** Child process: two images through the built-in CNN. */
    public static final class EncodeTwo {
        public static void main(String[] args) {
            try (CxrCnnEncoder enc = new CxrCnnEncoder()) {
                int s = CxrCnn.INPUT;
                float[] px = new float[s * s];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (i % 7) / 7f;
                }
                enc.encode(new GreyImage(s, s, px, 8));
                enc.encode(new GreyImage(s, s, px.clone(), 8));
                System.out.println("encoded 2");
            }
        }
    }
}
