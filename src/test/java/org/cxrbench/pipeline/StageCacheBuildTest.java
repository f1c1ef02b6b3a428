package org.cxrbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cxrbench.common.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored stage output is reused only by the build that stored it: a resume with the same build gives the same
 * bits, and an output stored by another build (or by one that recorded no build) is computed again, so a cache left
 * by an older cxrbench never stands in for this build's numbers.
 */
class StageCacheBuildTest {
    @TempDir Path dir;

    private final AtomicInteger runs = new AtomicInteger();

    private Stage<Void> stage() {
        return Stage.of("probe", "x", Map.of("k", 1), Map.of("in", "sha256:0"), StageCache.MARKER, (c, key) -> {
            runs.incrementAndGet();
            return null;
        });
    }

    private String run() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunContext ctx = new RunContext(null, 1, new PrintStream(log, true, StandardCharsets.UTF_8), System.out);
        new StageCache(dir, ctx).run(stage());
        return log.toString(StandardCharsets.UTF_8);
    }

    private Path buildRecord() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".done.build")).findFirst().orElseThrow();
        }
    }

    @Test
    void theSameBuildReusesAndAnotherBuildRecomputes() throws Exception {
        run();
        assertThat(runs).hasValue(1);
        assertThat(Files.readString(buildRecord()).strip()).isEqualTo(Version.build());
        assertThat(run()).contains("cached");
        assertThat(runs).hasValue(1);

        Files.writeString(buildRecord(), "cxrbench 0.0.1 commit 0123abcd code sha256:feed\n");
        assertThat(run()).contains("warning: stored stages of", "computed by cxrbench 0.0.1 commit 0123abcd",
                "computed again");
        assertThat(runs).hasValue(2);
        assertThat(Files.readString(buildRecord()).strip()).isEqualTo(Version.build());

        Files.delete(buildRecord());
        assertThat(run()).contains("an unrecorded build", "computed again");
        assertThat(runs).hasValue(3);
        assertThat(run()).contains("cached");
        assertThat(runs).hasValue(3);
    }
}
