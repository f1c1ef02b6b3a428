package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cxrbench.data.Fixtures;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The contract's exit codes, one-line errors and output keys, through the real command line. */
class CliTest {
    @TempDir Path dir;

    record Run(int code, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }

    static Path features(Path file, int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian() + shift;
        }
        FeatureFiles.writeNpy(file, new Features(n, d, a));
        return file;
    }

    @Test
    void fidelityWritesTheContractJson() throws Exception {
        Path real = features(dir.resolve("r.npy"), 300, 8, 0, 1);
        Path syn = features(dir.resolve("s.npy"), 200, 8, 0.5, 2);
        Path json = dir.resolve("out/f.json");
        Run r = run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--kid-subset-size", "100",
                "--kid-subsets", "10", "--json", json.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        for (String k : new String[] {"fid", "kid", "precision", "recall", "density", "coverage"}) {
            assertThat(j.get("metrics").get(k).get("value").isNumber()).as(k).isTrue();
        }
        assertThat(j.get("metrics").get("fid").get("n_real").asInt()).isEqualTo(300);
        assertThat(j.get("metrics").get("kid").get("std").isNumber()).isTrue();
        // the mean shift of 0.5 in 8 dimensions gives a mean term near 8 * 0.25 = 2
        assertThat(j.get("metrics").get("fid").get("value").asDouble()).isBetween(1.5, 3.5);
        JsonNode p = j.get("provenance");
        assertThat(p.get("cxrbench").asText()).isNotEmpty();
        assertThat(p.get("inputs").get("real").asText()).startsWith("sha256:");
        assertThat(p.get("seed").asLong()).isZero();
        assertThat(p.get("threads").asInt()).isEqualTo(1);
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreadCount() throws Exception {
        Path real = features(dir.resolve("r.npy"), 400, 16, 0, 3);
        Path syn = features(dir.resolve("s.npy"), 300, 16, 0.2, 4);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--kid-subset-size", "50",
                "--kid-subsets", "5", "--json", a.toString(), "--threads", "1").code()).isZero();
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--kid-subset-size", "50",
                "--kid-subsets", "5", "--json", b.toString(), "--threads", "2").code()).isZero();
        ObjectMapper om = new ObjectMapper();
        assertThat(om.readTree(a.toFile()).get("metrics")).isEqualTo(om.readTree(b.toFile()).get("metrics"));
    }

    @Test
    void badFeatureFilesExitTwoWithOneLineAndWriteNothing() throws Exception {
        Path real = features(dir.resolve("r.npy"), 50, 8, 0, 1);
        Path other = features(dir.resolve("d4.npy"), 50, 4, 0, 1);
        Path one = features(dir.resolve("one.npy"), 1, 8, 0, 1);
        Path nan = Fixtures.text(dir.resolve("nan.csv"), "a,b\n1,2\n3,NaN\n");
        Path ragged = Fixtures.text(dir.resolve("ragged.csv"), "1,2\n3\n");
        Path trunc = dir.resolve("trunc.npy");
        Files.copy(real, trunc);
        Fixtures.truncate(trunc, (int) Files.size(real) - 7);
        Path json = dir.resolve("never.json");
        String[][] cases = {
            {other.toString(), "dimensions"}, {one.toString(), "at least 2 rows"}, {nan.toString(), "NaN"},
            {ragged.toString(), "ragged.csv:2"}, {trunc.toString(), "truncated"},
            {dir.resolve("missing.npy").toString(), "not found"}};
        for (String[] c : cases) {
            Run r = run("fidelity", "--real", real.toString(), "--synthetic", c[0], "--json", json.toString(), "--k", "3");
            assertThat(r.code()).as(c[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(c[1]);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(Files.exists(json)).isFalse();
        }
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count()).isZero();
        }
    }

    /** Writes mu and sigma of a feature set as an uncompressed .npz, as numpy.savez does. */
    static void npz(Path file, double[] mu, double[] sigma, int d) throws Exception {
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            z.putNextEntry(new java.util.zip.ZipEntry("mu.npy"));
            z.write(npy64(mu, "(" + d + ",)"));
            z.putNextEntry(new java.util.zip.ZipEntry("sigma.npy"));
            z.write(npy64(sigma, "(" + d + ", " + d + ")"));
        }
    }

    static byte[] npy64(double[] v, String shape) {
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        h = h + " ".repeat((64 - (10 + h.length() + 1) % 64) % 64) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length() + 8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes()).put((byte) 1).put((byte) 0).putShort((short) h.length()).put(h.getBytes());
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @Test
    void fidFromSavedStatisticsEqualsFidFromFeatures() throws Exception {
        Path real = features(dir.resolve("r.npy"), 300, 6, 0, 1);
        Path syn = features(dir.resolve("s.npy"), 200, 6, 0.3, 2);
        var rs = org.cxrbench.fidelity.GaussianStats.of(FeatureFiles.read(real));
        npz(dir.resolve("r.npz"), rs.mean(), rs.cov(), 6);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--metrics", "fid",
                "--json", a.toString()).code()).isZero();
        Run r = run("fidelity", "--real", dir.resolve("r.npz").toString(), "--synthetic", syn.toString(), "--json", b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper om = new ObjectMapper();
        double fa = om.readTree(a.toFile()).get("metrics").get("fid").get("value").asDouble();
        double fb = om.readTree(b.toFile()).get("metrics").get("fid").get("value").asDouble();
        assertThat(fb).isCloseTo(fa, org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, fa)));
        assertThat(run("fidelity", "--real", dir.resolve("r.npz").toString(), "--synthetic", syn.toString(),
                "--metrics", "fid,kid").code()).isEqualTo(2);
        // cxrbench's own saved statistics round-trip to the same FID
        Path saved = dir.resolve("saved.npz");
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--metrics", "fid",
                "--save-real-stats", saved.toString()).code()).isZero();
        Path c = dir.resolve("c.json");
        assertThat(run("fidelity", "--real", saved.toString(), "--synthetic", syn.toString(), "--json", c.toString()).code()).isZero();
        assertThat(om.readTree(c.toFile()).get("metrics").get("fid").get("value").asDouble()).isEqualTo(fa);
    }

    @Test
    void privacyWritesContractKeysAndPerSampleCsv() throws Exception {
        Path train = features(dir.resolve("t.npy"), 200, 8, 0, 1);
        Path hold = features(dir.resolve("h.npy"), 100, 8, 0, 2);
        Path syn = features(dir.resolve("s.npy"), 50, 8, 0, 3);
        Path json = dir.resolve("p.json");
        Path csv = dir.resolve("p.csv");
        Run r = run("privacy", "--train", train.toString(), "--synthetic", syn.toString(), "--holdout", hold.toString(),
                "--json", json.toString(), "--per-sample", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(json.toFile()).get("metrics");
        for (String k : new String[] {"dcr_min", "dcr_median", "dcr_p5", "exact_copies", "memorized", "memorized_fraction",
                "nndr_median", "identifiability", "holdout_closer_share", "holdout_score"}) {
            assertThat(m.get(k).get("value").isNumber()).as(k).isTrue();
        }
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("synthetic_index,nn_train_index,dcr,nndr,memorized");
        assertThat(lines).hasSize(51);
    }

    @Test
    void privacyBadInputExitsTwo() throws Exception {
        Path train = features(dir.resolve("t.npy"), 20, 8, 0, 1);
        Path other = features(dir.resolve("o.npy"), 20, 4, 0, 1);
        Path nan = Fixtures.text(dir.resolve("nan.csv"), "1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,NaN\n");
        Path json = dir.resolve("p.json");
        for (Path bad : List.of(other, nan)) {
            Run r = run("privacy", "--train", train.toString(), "--synthetic", bad.toString(), "--json", json.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
            assertThat(Files.exists(json)).isFalse();
        }
    }

    @Test
    void compareWithSubsamplesLargeSetsDeterministically() throws Exception {
        // sets above the permutation test's cap (1,000 synthetic, 2,000 real rows) are subsampled, seeded
        Path real = features(dir.resolve("r.npy"), 2100, 4, 0, 1);
        Path a = features(dir.resolve("a.npy"), 1100, 4, 0, 2);
        Path b = features(dir.resolve("b.npy"), 1050, 4, 0.4, 3);
        Path j1 = dir.resolve("1.json");
        Path j2 = dir.resolve("2.json");
        for (Path j : new Path[] {j1, j2}) {
            Run r = run("fidelity", "--real", real.toString(), "--synthetic", a.toString(), "--compare-with", b.toString(),
                    "--metrics", "fid", "--permutations", "20", "--json", j.toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        ObjectMapper om = new ObjectMapper();
        JsonNode kd = om.readTree(j1.toFile()).get("kid_difference");
        assertThat(kd.get("n_synthetic").asInt()).isEqualTo(1000);
        assertThat(kd.get("n_compare_with").asInt()).isEqualTo(1000);
        assertThat(kd.get("n_real").asInt()).isEqualTo(2000);
        assertThat(kd.get("value").asDouble()).isNegative(); // --synthetic matches the real distribution, b is shifted
        assertThat(om.readTree(j2.toFile()).get("kid_difference")).isEqualTo(kd);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("fidelity", "--real", "x.npy").code()).isEqualTo(2);
        assertThat(run("no-such-command").code()).isEqualTo(2);
        assertThat(run("fidelity", "--real", "a", "--synthetic", "b", "--metrics", "fid,bogus").code()).isEqualTo(2);
    }

    @Test
    void manifestCommandBadRowExitsTwoAndLeavesNoFile() {
        Fixtures.grey8(dir.resolve("n/00000001_000.png"), 8, 8, 0);
        Fixtures.text(dir.resolve("n/Data_Entry_2017.csv"), "Image Index,Finding Labels,Follow-up #,Patient ID\n"
                + "00000001_000.png,Cardiomegaly,0\n");
        Path out = dir.resolve("m.csv");
        Run r = run("manifest", "--format", "nih", "--input", dir.resolve("n").toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Data_Entry_2017.csv:2").contains("expected 4 fields, found 3");
        assertThat(Files.exists(out)).isFalse();
        Fixtures.text(dir.resolve("n/Data_Entry_2017.csv"), "Image Index,Finding Labels,Follow-up #,Patient ID\n"
                + "00000001_000.png,Cardiomegaly,0,1\n");
        Run ok = run("manifest", "--format", "nih", "--input", dir.resolve("n").toString(), "--out", out.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.exists(out)).isTrue();
        assertThat(Files.exists(dir.resolve("m.csv.provenance.json"))).isTrue();
    }

    /**
     * manifest --format siim: SIIM's train-rle.csv (relative column-major runs) read into the unified manifest with a
     * mask PNG per image in OUT.masks/. Image a "3 2 10 1" on an 8 x 6 original: flat indices 3, 4 and 15, i.e. (row 3,
     * col 0), (4, 0), (3, 2) (index k is row k % 6, column k / 6), so three mask pixels; image b "-1": an empty mask.
     */
    @Test
    void manifestReadsASegmentationSetWithItsMasks() throws Exception {
        Fixtures.grey8(dir.resolve("siim/img/a.png"), 8, 6, 10);
        Fixtures.grey8(dir.resolve("siim/img/b.png"), 8, 6, 10);
        Fixtures.text(dir.resolve("siim/train-rle.csv"), "ImageId, EncodedPixels\na, 3 2 10 1\nb, -1\n");
        Path out = dir.resolve("seg.csv");
        Run r = run("manifest", "--format", "siim", "--input", dir.resolve("siim/train-rle.csv").toString(), "--images",
                dir.resolve("siim/img").toString(), "--mask-size", "8x6", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        org.cxrbench.data.Manifest m = org.cxrbench.data.Manifest.read(out);
        assertThat(m.size()).isEqualTo(2);
        float[] a = org.cxrbench.data.ImageDecoder.decode(m.resolve(m.get(0).masks().get("pneumothorax"))).pixels();
        double on = 0;
        for (float v : a) {
            on += v > 0 ? 1 : 0;
        }
        assertThat(on).isEqualTo(3);
        assertThat(m.resolve(m.get(0).masks().get("pneumothorax"))).startsWith(dir.resolve("seg.csv.masks"));
        Run bad = run("manifest", "--format", "siim", "--input", dir.resolve("siim/train-rle.csv").toString(), "--mask-size",
                "8by6", "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--mask-size 8by6");
    }

    @Test
    void imageFolderInputsAreEncodedWithTheBuiltInEncoder() throws Exception {
        for (int i = 0; i < 12; i++) {
            Fixtures.grey8(dir.resolve("real/r" + i + ".png"), 32, 32, i * 3);
            Fixtures.grey8(dir.resolve("syn/s" + i + ".png"), 32, 32, 100 + i * 5);
        }
        Path json = dir.resolve("f.json");
        Run r = run("fidelity", "--real", dir.resolve("real").toString(), "--synthetic", dir.resolve("syn").toString(),
                "--encoder", "pixels4", "--k", "3", "--kid-subset-size", "10", "--kid-subsets", "3", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("metrics").get("fid").get("details").get("d").asInt()).isEqualTo(16);
        assertThat(j.get("provenance").get("settings").get("encoder").asText()).startsWith("pixels;size=4");
    }
}
