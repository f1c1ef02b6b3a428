package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.data.PhantomImages;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command and the other top-level commands, end to end through the command line (small sizes). */
class CommandsSmokeTest {
    @TempDir Path dir;

    static int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new ByteArrayOutputStream(), true));
        cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        return cl.execute(args);
    }

    /**
     * The one demo run of the suite. Its --out is relative to the working directory, as users type it (the README's
     * {@code --out reports/demo}): outputs must land there and the manifests it writes must still resolve.
     */
    @Test
    void demoWritesReportAndResultsWithTheContractKeys() throws Exception {
        Path out = RelativePathsTest.scratch("demo");
        assertThat(out.isAbsolute()).isFalse();
        assertThat(run("demo", "--out", out.toString(), "--patients", "12", "--size", "64", "-q", "--threads", "2")).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains("noise floor").contains("Privacy");
        JsonNode j = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        for (String k : new String[] {"fid", "kid", "precision", "recall", "density", "coverage", "dcr_median", "memorized"}) {
            assertThat(j.get("generators").get("faithful").get("metrics").has(k)).as(k).isTrue();
        }
        assertThat(j.get("noise_floor").get("metrics").has("fid")).isTrue();
        assertThat(j.get("provenance").get("seed").asLong()).isZero();
        assertThat(j.get("generators")).hasSize(8);
        // every generator's set is hashed, not only the real one
        j.get("generators").forEach(g -> assertThat(g.get("inputs").get("synthetic").asText()).startsWith("sha256:"));
        assertThat(j.get("provenance").get("inputs").has("real_holdout")).isTrue();
        assertThat(Files.exists(out.resolve("data/train/manifest.csv"))).isTrue();
        org.cxrbench.data.Manifest m = org.cxrbench.data.Manifest.read(out.resolve("data/train/manifest.csv"));
        assertThat(Files.isRegularFile(m.imagePath(0))).as(m.imagePath(0).toString()).isTrue();
    }

    @Test
    void encodeCacheAndGalleryCommands() throws Exception {
        Path demo = dir.resolve("demo");
        PhantomImages.trainAndHoldout(demo, 10, 64); // the images a 10-patient demo writes, without its metrics
        Path cache = dir.resolve("cache");
        Path npy = dir.resolve("f.npy");
        assertThat(run("encode", "--input", demo.resolve("data/train/manifest.csv").toString(), "--encoder", "radiomics",
                "--out", npy.toString(), "--cache", cache.toString(), "-q")).isZero();
        Features f = FeatureFiles.read(npy);
        assertThat(f.n()).isEqualTo(20);
        assertThat(Files.readAllLines(dir.resolve("f.npy.features.txt"))).hasSize(f.d());
        assertThat(Files.exists(dir.resolve("f.npy.provenance.json"))).isTrue();
        assertThat(run("cache", "ls", "--cache", cache.toString())).isZero();
        assertThat(run("cache", "gc", "--cache", cache.toString())).isZero();
        assertThat(run("encode", "--input", demo.toString(), "--out", dir.resolve("x.txt").toString())).isEqualTo(2);
        assertThat(run("encode", "--input", npy.toString(), "--out", dir.resolve("y.npy").toString())).isEqualTo(2);
        // feature files of the same dimension (256) made by different encoders are refused, naming both encoders
        Path pix = dir.resolve("p.npy");
        Path cnn = dir.resolve("c.npy");
        assertThat(run("encode", "--input", demo.resolve("data/train/manifest.csv").toString(), "--encoder", "pixels16",
                "--out", pix.toString(), "--cache", cache.toString(), "-q")).isZero();
        assertThat(run("encode", "--input", demo.resolve("data/holdout/manifest.csv").toString(), "--encoder", "cxr-cnn",
                "--out", cnn.toString(), "--cache", cache.toString(), "-q")).isZero();
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("privacy", "--train", pix.toString(), "--synthetic", cnn.toString(), "-q")).isEqualTo(2);
        assertThat(err.toString()).contains("encoded with 'cxr-cnn").contains("pixels;size=16");
        Path gallery = dir.resolve("gallery");
        assertThat(run("phantom", "gallery", "--out", gallery.toString(), "--size", "64", "-q")).isZero();
        assertThat(Files.exists(gallery.resolve("findings.png"))).isTrue();
        assertThat(run("phantom", "gallery", "--out", gallery.toString(), "--size", "20")).isEqualTo(2);
    }
}
