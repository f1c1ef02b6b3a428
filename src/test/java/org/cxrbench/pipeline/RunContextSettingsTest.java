package org.cxrbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.ImageHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 5: --skip-bad and --rehash were process-wide switches. They are now settings of a run (its context):
 * two runs in one JVM, one after the other or at the same time, never see each other's settings.
 */
class RunContextSettingsTest {
    @TempDir Path dir;

    Path folder() {
        Path in = dir.resolve("imgs");
        for (int i = 0; i < 5; i++) {
            Fixtures.grey8(in.resolve("ok" + i + ".png"), 32, 32, 10 * i);
        }
        Fixtures.text(in.resolve("bad-text.png"), "not an image");
        return in;
    }

    @Test
    void twoRunsWithDifferentSettingsDoNotLeakIntoEachOther() throws Exception {
        Path in = folder();
        try (RunContext skipping = RunContext.quiet(null, 2).withSkipBad(true).withHashMode(ImageHashes.Mode.REHASH);
             RunContext strict = RunContext.quiet(null, 2)) {
            assertThat(skipping.skipBad()).isTrue();
            assertThat(strict.skipBad()).isFalse();
            // code deep in a run (the data layer) reads the hash mode of the run it works for, not of the process
            assertThat(skipping.get(ImageHashes::mode)).isEqualTo(ImageHashes.Mode.REHASH);
            assertThat(strict.get(ImageHashes::mode)).isEqualTo(ImageHashes.Mode.CACHED);
            assertThat(ImageHashes.mode()).isEqualTo(ImageHashes.Mode.CACHED); // outside any run

            Inputs.Loaded kept = Inputs.load(skipping, in, null, "synthetic", "pixels16");
            assertThat(kept.features().n()).isEqualTo(5);
            assertThat(kept.skipped()).hasSize(1);
            assertThatThrownBy(() -> Inputs.load(strict, in, null, "synthetic", "pixels16"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("bad-text.png");
            // and at the same time, on two threads
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(
                    () -> Inputs.load(skipping, in, null, "synthetic", "pixels16").features().n());
            CompletableFuture<Throwable> b = CompletableFuture.supplyAsync(() -> {
                try {
                    Inputs.load(strict, in, null, "synthetic", "pixels16");
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(a.get()).isEqualTo(5);
            assertThat(b.get()).isInstanceOf(BadInputException.class);
        }
        // a new run starts without either setting
        try (RunContext next = RunContext.quiet(null, 2)) {
            assertThat(next.skipBad()).isFalse();
            assertThat(next.hashMode()).isEqualTo(ImageHashes.Mode.CACHED);
        }
    }

    @Test
    void aRunAtItsOwnThreadCountTakesTheSettingsOfTheCommandsRun() {
        try (RunContext command = RunContext.quiet(null, 2).withSkipBad(true).withHashMode(ImageHashes.Mode.REHASH);
             RunContext config = RunContext.quiet(null, 1).withSettingsOf(command)) {
            assertThat(config.skipBad()).isTrue();
            assertThat(config.hashMode()).isEqualTo(ImageHashes.Mode.REHASH);
            assertThat(config.get(ImageHashes::mode)).isEqualTo(ImageHashes.Mode.REHASH);
        }
    }
}
