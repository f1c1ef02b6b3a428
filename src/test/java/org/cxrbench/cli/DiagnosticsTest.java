package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.data.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Diagnoses that name the real cause (issue 11, item 6): a mistyped option is reported as unknown (not as the
 * required option it left unset), a manifest without a path column is called that (not "... is not a number"),
 * and skipped non-image files and converted colour images are counted in one warning line each.
 */
class DiagnosticsTest {
    @TempDir Path dir;

    /** Runs a command; returns {exit code, picocli's error output + stderr}. */
    static Object[] run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
            int code = cl.execute(args);
            return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aMistypedOptionIsNamedAsUnknownWithASuggestion() throws Exception {
        Path f = dir.resolve("f.csv");
        Files.writeString(f, "1,2\n3,4\n5,6\n");
        Object[] r = run("fidelity", "--real", f.toString(), "--synth", f.toString());
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[1]).contains("Unknown option").contains("'--synth'").contains("--synthetic")
                .doesNotContain("Missing required option");
        // a required option that is simply missing is still reported as missing
        Object[] missing = run("fidelity", "--real", f.toString());
        assertThat((String) missing[1]).contains("Missing required option").contains("--synthetic");
    }

    @Test
    void aManifestWithoutAPathColumnIsDiagnosedAsSuch() throws Exception {
        Path m = dir.resolve("m.csv");
        Files.writeString(m, "Image Index,Finding Labels,Patient ID\n00000007_000.png,Cardiomegaly,7\n");
        Object[] r = run("privacy", "--train", m.toString(), "--synthetic", m.toString(), "-q");
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[1]).contains("m.csv").contains("no 'path' column").contains("cxrbench manifest")
                .doesNotContain("is not a number");
    }

    @Test
    void skippedFilesAndColourImagesAreCountedInOneWarningEach() throws Exception {
        Path in = dir.resolve("in");
        Fixtures.grey8(in.resolve("a.png"), 16, 16, 0);
        Fixtures.grey8(in.resolve("b.png"), 16, 16, 9);
        BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                rgb.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | 40);
            }
        }
        Fixtures.write(rgb, in.resolve("c.png"));
        Fixtures.text(in.resolve("notes.txt"), "not an image");
        Fixtures.text(in.resolve("scan.dcm"), "not read either");
        Fixtures.text(in.resolve("labels.csv"), "filename\na.png\n"); // tables beside images are expected
        Object[] r = run("encode", "--input", in.toString(), "--encoder", "pixels8", "--out",
                dir.resolve("f.npy").toString(), "--no-cache");
        assertThat(r[0]).as((String) r[1]).isEqualTo(0);
        String err = (String) r[1];
        assertThat(err).contains("skipped 2 files that are not PNG/JPEG images (e.g. notes.txt)");
        assertThat(err).contains("1 RGB image with unequal channels converted to grey");
        assertThat(err.lines().filter(l -> l.startsWith("warning:")).count()).isEqualTo(2);
    }
}
