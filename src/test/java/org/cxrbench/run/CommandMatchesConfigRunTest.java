package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.cli.Main;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.config.ConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One code path for fidelity: {@code ./cxrbench fidelity} and a config run given the same feature files and settings
 * give the same numbers (values, bootstrap CIs, KID's std, the parameters used), the real-vs-real noise floor
 * included (its bootstrap CIs and FID-inf too), and a generator smaller than the holdout gets a floor at its own N.
 */
class CommandMatchesConfigRunTest {
    @TempDir Path dir;

    static Path features(Path file, int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian() + shift;
        }
        FeatureFiles.writeNpy(file, new Features(n, d, a));
        return file;
    }

    static final String METRICS = "fid,kid,precision,recall,density,coverage,fid_inf";

    @Test
    void fidelityCommandAndConfigRunGiveTheSameNumbersFloorIncluded() throws Exception {
        Path real = features(dir.resolve("r.npy"), 300, 6, 0, 1);
        Path hold = features(dir.resolve("h.npy"), 160, 6, 0, 2);
        Path syn = features(dir.resolve("s.npy"), 160, 6, 0.4, 3);
        Path small = features(dir.resolve("small.npy"), 120, 6, 0.4, 4);
        Path json = dir.resolve("cmd.json");
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new ByteArrayOutputStream(), true));
        cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        assertThat(cl.execute("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--holdout",
                hold.toString(), "--metrics", METRICS, "--k", "3", "--kid-subsets", "10", "--kid-subset-size", "500",
                "--bootstrap", "20", "--seed", "7", "--json", json.toString(), "--threads", "2", "--no-cache")).isZero();
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "seed: 7\nreal:\n  train: r.npy\n  holdout: h.npy\ngenerators:\n  - {name: g, path: s.npy}\n"
                + "  - {name: small, path: small.npy}\nmetrics:\n  fidelity: {metrics: [" + METRICS + "], k: 3,"
                + " kid_subsets: 10, kid_subset_size: 500, bootstrap: 20}\n  privacy: {metrics: [dcr_median]}\n");
        ConfigRun.Outcome o = ConfigRun.run(ConfigReader.read(cfg), dir.resolve("out"), "test", RunContext.quiet(null, 2));
        JsonNode cmd = Json.MAPPER.readTree(json.toFile());
        JsonNode run = Json.MAPPER.readTree(o.results().toFile());
        for (String k : METRICS.split(",")) {
            JsonNode a = cmd.path("metrics").path(k);
            JsonNode b = run.path("generators").path("g").path("metrics").path(k);
            assertThat(b.path("value").asDouble()).as(k).isEqualTo(a.path("value").asDouble());
            assertThat(b.path("ci95")).as(k + " CI").isEqualTo(a.path("ci95"));
            assertThat(b.path("std")).as(k + " std").isEqualTo(a.path("std"));
            assertThat(b.path("params")).as(k + " params").isEqualTo(a.path("params"));
            JsonNode fa = cmd.path("noise_floor").path("metrics").path(k);
            JsonNode fb = run.path("noise_floor").path("metrics").path(k);
            assertThat(fa.path("value").isNumber()).as("floor " + k).isTrue();
            assertThat(fb.path("value").asDouble()).as("floor " + k).isEqualTo(fa.path("value").asDouble());
            assertThat(fb.path("ci95")).as("floor " + k + " CI").isEqualTo(fa.path("ci95"));
        }
        assertThat(cmd.path("noise_floor").path("metrics").path("fid").path("ci95").isArray()).isTrue();
        // equal N: the 120-row generator is read against a floor of 120 holdout rows, the 160-row one against the run's
        JsonNode own = run.path("generators").path("small").path("noise_floor");
        assertThat(own.path("metrics").path("fid").path("n_synthetic").asInt()).isEqualTo(120);
        assertThat(own.path("metrics").path("fid").path("ci95").isArray()).isTrue();
        assertThat(own.path("method").asText()).contains("120 of the 160");
        assertThat(run.path("generators").path("g").has("noise_floor")).isFalse();
    }
}
