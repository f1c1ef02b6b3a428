package org.cxrbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skip-bad encode stage's {@code .bad.json} sidecar, written from typed rows: the text main wrote from maps
 * (expected below: main's output at b42541d for the same rows), so a resumed run reads a sidecar written by an older
 * build, and the rows read back are the rows written.
 */
class BadImageStoreTest {
    @TempDir Path dir;

    @Test
    void sidecarTextIsMainsAndReadsBack() throws Exception {
        List<ImageEncoding.BadImage> bad = List.of(
                new ImageEncoding.BadImage(3, Path.of("/data/x/3.png"), "not a PNG or JPEG (\"bad\" header)"),
                new ImageEncoding.BadImage(10, Path.of("rel/a b.jpg"), "truncated"));
        Path npy = dir.resolve("encode-x.npy");
        BadImageStage.STORE.write(npy, new BadImageStage.Decoded(new Features(2, 2, new float[] {1, 2, 3, 4}), bad));
        assertThat(Files.readString(BadImageStage.sidecar(npy))).isEqualTo("""
                [ {
                  "row" : 3,
                  "file" : "/data/x/3.png",
                  "reason" : "not a PNG or JPEG (\\"bad\\" header)"
                }, {
                  "row" : 10,
                  "file" : "rel/a b.jpg",
                  "reason" : "truncated"
                } ]
                """);
        BadImageStage.Decoded back = BadImageStage.STORE.read(npy);
        assertThat(back.bad()).isEqualTo(bad);
        assertThat(back.features().n()).isEqualTo(2);
    }
}
