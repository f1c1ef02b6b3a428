package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cxrbench.common.Progress;
import org.cxrbench.data.GreyImage;
import org.cxrbench.linalg.Workers;
import org.junit.jupiter.api.Test;

/** Model encoders are loaded once per run, reused within it, and closed when the run ends. */
class EncoderLifecycleTest {
    @Test
    void aRunReusesItsEncoderAndClosesItAtTheEnd() {
        GreyImage img = new GreyImage(64, 64, new float[64 * 64], 8);
        Encoder first;
        double[] before;
        try (Workers run = Workers.of(1, Progress.QUIET)) {
            first = run.get(() -> Encoders.get("cxr-cnn"));
            assertThat(run.get(() -> Encoders.get("cxr-cnn"))).isSameAs(first);
            assertThat(run.resourceKeys()).containsExactly("encoder cxr-cnn");
            before = first.encode(img);
        }
        // closed with its run: the native memory is gone and the encoder refuses work
        assertThatThrownBy(() -> first.encode(img)).isInstanceOf(RuntimeException.class);
        try (Workers next = Workers.of(1, Progress.QUIET)) {
            Encoder second = next.get(() -> Encoders.get("cxr-cnn"));
            assertThat(second).isNotSameAs(first);
            assertThat(second.encode(img)).containsExactly(before);
        }
    }

    @Test
    void encodersWithoutNativeStateNeedNoRun() {
        try (Encoder e = Encoders.get("pixels8")) {
            assertThat(e.dimension()).isEqualTo(64);
        }
    }
}
