package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: feature files made elsewhere (RadDino on a GPU, in Python) declare their encoder with
 * {@code --features-encoder NAME} or a provenance sidecar; provenance records it, so {@code reproduce} compares the
 * feature-space cells; {@code --encoder} with feature files is an error (it was silently ignored, even naming a model
 * file that does not exist).
 */
class FeaturesEncoderTest {
    @TempDir Path dir;

    @Test
    void declaredEncoderIsRecordedAndReproduceComparesFeatureSpaceCells() throws Exception {
        Path real = CliTest.features(dir.resolve("r.npy"), 80, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 80, 4, 0.3, 2);
        Path json = dir.resolve("f.json");
        // --encoder with feature files: exit 2 naming the fix, before any work
        InputChecksTest.Run bad = InputChecksTest.run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(),
                "--encoder", dir.resolve("raddino.onnx").toString(), "--preset", "raddino", "--json", json.toString());
        assertThat(bad.code()).as(bad.err()).isEqualTo(2);
        assertThat(bad.err()).contains("feature file").contains("--features-encoder");
        assertThat(json).doesNotExist();
        // declared: recorded in provenance
        InputChecksTest.Run ok = InputChecksTest.run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(),
                "--features-encoder", "raddino", "--metrics", "fid,precision,recall,density,coverage", "--kid-subsets", "5",
                "--kid-subset-size", "20", "--json", json.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode r = Json.MAPPER.readTree(json.toFile());
        assertThat(r.path("provenance").path("settings").path("encoder").asText()).isEqualTo("raddino");
        // reproduce: the feature-space cells are compared (before: encoder 'none', every cell "not comparable")
        Path html = dir.resolve("rep.html");
        InputChecksTest.Run rep = InputChecksTest.run("reproduce", "baselines/chexgenbench-fidelity.yaml", "--results",
                json.toString(), "--out", html.toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        String md = Files.readString(dir.resolve("rep.md"));
        assertThat(md).doesNotContain("different encoder").doesNotContain("do not record their encoder");
    }

    @Test
    void aSidecarDeclaresTooAndMustAgreeWithTheFlag() throws Exception {
        Path real = CliTest.features(dir.resolve("r.npy"), 60, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 60, 4, 0.3, 2);
        for (Path p : new Path[] {real, syn}) {
            Files.writeString(p.resolveSibling(p.getFileName() + ".provenance.json"),
                    "{\"provenance\": {\"settings\": {\"encoder\": \"inception-v3-fid\"}}}");
        }
        Path json = dir.resolve("f.json");
        InputChecksTest.Run ok = InputChecksTest.run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(),
                "--metrics", "fid", "--json", json.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Json.MAPPER.readTree(json.toFile()).path("provenance").path("settings").path("encoder").asText())
                .isEqualTo("inception-v3-fid");
        InputChecksTest.Run clash = InputChecksTest.run("privacy", "--train", real.toString(), "--synthetic", syn.toString(),
                "--features-encoder", "raddino", "--json", dir.resolve("p.json").toString());
        assertThat(clash.code()).as(clash.err()).isEqualTo(2);
        assertThat(clash.err()).contains("inception-v3-fid").contains("raddino");
    }

    /** The config form: {@code features_encoder:} declares the config's feature files; results record it. */
    @Test
    void aConfigDeclaresItsFeatureFilesEncoder() throws Exception {
        Path real = CliTest.features(dir.resolve("r.npy"), 60, 4, 0, 1);
        Path hold = CliTest.features(dir.resolve("h.npy"), 60, 4, 0, 3);
        Path syn = CliTest.features(dir.resolve("s.npy"), 60, 4, 0.3, 2);
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "seed: 0\nfeatures_encoder: raddino\nreal:\n  train: " + real + "\n  holdout: " + hold
                + "\ngenerators:\n  - {name: g, path: " + syn + "}\nmetrics:\n  fidelity:\n    metrics: [fid]\n"
                + "  privacy:\n    metrics: [dcr_median]\n");
        InputChecksTest.Run run = InputChecksTest.run("run", cfg.toString(), "--out", dir.resolve("out").toString(),
                "--cache", dir.resolve("cache").toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode r = Json.MAPPER.readTree(dir.resolve("out/results.json").toFile());
        assertThat(r.path("provenance").path("settings").path("encoder").asText()).isEqualTo("raddino");
    }
}
