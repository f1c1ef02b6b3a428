package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.Json;
import org.cxrbench.data.Fixtures;
import org.cxrbench.encode.FeatureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: a corrupt-image error named only the first bad file. Now one error names every bad image (exit 2,
 * nothing written), and --skip-bad leaves them out, names them and counts them in the output's provenance.
 */
class BadImagesTest {
    @TempDir Path dir;

    Path folder() {
        Path in = dir.resolve("imgs");
        for (int i = 0; i < 5; i++) {
            Fixtures.grey8(in.resolve("ok" + i + ".png"), 32, 32, 10 * i);
        }
        Fixtures.truncate(Fixtures.grey8(in.resolve("bad-truncated.png"), 32, 32, 3), 60);
        Fixtures.text(in.resolve("bad-text.png"), "not an image");
        return in;
    }

    @Test
    void everyBadImageIsNamedInOneErrorAndNothingIsWritten() {
        Path in = folder();
        Path out = dir.resolve("f.npy");
        InputChecksTest.Run r = InputChecksTest.run("encode", "--input", in.toString(), "--encoder", "pixels16", "--out",
                out.toString(), "--no-cache");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("2 of 7 input images cannot be decoded").contains("bad-text.png")
                .contains("bad-truncated.png").contains("--skip-bad");
        assertThat(out).doesNotExist();
    }

    @Test
    void skipBadLeavesThemOutAndCountsThemInProvenance() throws Exception {
        Path in = folder();
        Path out = dir.resolve("f.npy");
        InputChecksTest.Run r = InputChecksTest.run("encode", "--input", in.toString(), "--encoder", "pixels16", "--out",
                out.toString(), "--no-cache", "--skip-bad");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(FeatureFiles.read(out).n()).isEqualTo(5);
        JsonNode prov = Json.MAPPER.readTree(Files.readString(out.resolveSibling("f.npy.provenance.json")));
        String skipped = prov.path("provenance").path("settings").path("skipped_bad_images:input").asText();
        assertThat(skipped).startsWith("2: ").contains("bad-text.png").contains("bad-truncated.png");
        // the flag does not stick to the next command of the same JVM
        InputChecksTest.Run again = InputChecksTest.run("encode", "--input", in.toString(), "--encoder", "pixels16",
                "--out", dir.resolve("g.npy").toString(), "--no-cache");
        assertThat(again.code()).isEqualTo(2);
    }
}
