package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a new user hit (issue 11): results on stdout, outcomes independent of the cache, FRD only on radiomics
 * features, skipped metrics said, output locations checked before the work, manifest splits as inputs.
 */
class InputChecksTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        PrintStream sysOut = System.out;
        try {
            System.setOut(new PrintStream(out, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(sysOut);
        }
    }

    @Test
    void resultsGoToStdoutAndLogsToStderr() {
        Path real = CliTest.features(dir.resolve("r.npy"), 60, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 50, 4, 0.5, 2);
        Run r = run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--kid-subset-size", "20",
                "--kid-subsets", "5", "--metrics", "fid,kid");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fid").contains("kid").contains("lower");
        assertThat(r.out()).doesNotContain("fidelity:").doesNotContain("encoding"); // logs stay on stderr
        Run p = run("privacy", "--train", real.toString(), "--synthetic", syn.toString(), "--metrics", "dcr_median");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("dcr_median").doesNotContain("identifiability");
    }

    @Test
    void aMissingImageFailsWhateverTheCacheHolds() throws Exception {
        Manifest m = PhantomDatasets.writeStudies(World.cohort("p", 1, 6, 2, 64), 64, dir.resolve("set"), "");
        Path manifest = dir.resolve("set/manifest.csv");
        Path cache = dir.resolve("cache");
        Path other = CliTest.features(dir.resolve("o.npy"), 12, 16, 0, 3);
        // first run fills the cache
        Run ok = run("encode", "--input", manifest.toString(), "--encoder", "pixels4", "--out", dir.resolve("a.npy").toString(),
                "--cache", cache.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        Files.delete(m.imagePath(3));
        for (String cacheArg : List.of("--cache=" + cache, "--no-cache")) {
            Run r = run("fidelity", "--real", manifest.toString(), "--synthetic", other.toString(), "--encoder", "pixels4",
                    "--metrics", "fid", cacheArg);
            assertThat(r.code()).as(cacheArg + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("row 4").contains("not found");
        }
    }

    @Test
    void frdRefusesFeaturesThatAreNotRadiomics() {
        Path real = CliTest.features(dir.resolve("r.npy"), 40, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 40, 4, 0.5, 2);
        Run r = run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--metrics", "frd");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("radiomics").hasLineCount(1);
    }

    @Test
    void frdOnImagesIsComputedOnRadiomicsFeatures() throws Exception {
        PhantomDatasets.writeStudies(World.cohort("a", 1, 8, 2, 64), 64, dir.resolve("a"), "");
        PhantomDatasets.writeStudies(World.cohort("b", 2, 8, 2, 64), 64, dir.resolve("b"), "");
        Path json = dir.resolve("frd.json");
        Run r = run("fidelity", "--real", dir.resolve("a/manifest.csv").toString(), "--synthetic",
                dir.resolve("b/manifest.csv").toString(), "--metrics", "fid,frd", "--encoder", "pixels8", "--no-cache",
                "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.at("/provenance/settings/frd_encoder").asText()).startsWith("radiomics");
        assertThat(j.at("/provenance/settings/encoder").asText()).startsWith("pixels");
        assertThat(j.at("/metrics/frd/details/features_used").asInt()).isGreaterThan(100);
    }

    @Test
    void savedStatisticsSayWhichMetricsWereSkipped() throws Exception {
        Path real = CliTest.features(dir.resolve("r.npy"), 40, 3, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 40, 3, 0.2, 2);
        Path npz = dir.resolve("real.npz");
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--metrics", "fid",
                "--save-real-stats", npz.toString()).code()).isZero();
        Run r = run("fidelity", "--real", npz.toString(), "--synthetic", syn.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("computed fid only").contains("kid"); // the warning is part of the results
    }

    @Test
    void outputLocationsAreCheckedBeforeTheWork() throws Exception {
        Path real = CliTest.features(dir.resolve("r.npy"), 40, 3, 0, 1);
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Run r = run("fidelity", "--real", real.toString(), "--synthetic", real.toString(),
                "--json", file.resolve("f.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--json");
        assertThat(r.out()).isEmpty(); // nothing was computed
        Run p = run("privacy", "--train", real.toString(), "--synthetic", real.toString(), "--json", dir.toString());
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("is a folder");
    }

    @Test
    void aManifestSplitIsAnInput() throws Exception {
        Manifest m = PhantomDatasets.writeStudies(World.cohort("p", 1, 10, 2, 64), 64, dir.resolve("set"), "");
        Path split = dir.resolve("split.csv");
        Run s = run("split", "--input", dir.resolve("set/manifest.csv").toString(), "--fractions", "train=0.5,holdout=0.5",
                "--seed", "0", "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        long holdout = Manifest.read(split).records().stream().map(ManifestRecord::split).filter("holdout"::equals).count();
        Path json = dir.resolve("p.json");
        Run r = run("privacy", "--train", split.toString(), "--train-split", "train", "--synthetic", split + "#holdout",
                "--encoder", "pixels4", "--no-cache", "--metrics", "dcr_median", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.at("/metrics/dcr_median/n_synthetic").asLong()).isEqualTo(holdout);
        assertThat(j.at("/metrics/dcr_median/n_train").asLong()).isEqualTo(m.size() - holdout);
        Run bad = run("privacy", "--train", split.toString(), "--train-split", "nope", "--synthetic", split.toString(),
                "--encoder", "pixels4", "--no-cache");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("split 'nope'").contains("holdout").contains("train");
    }
}
