package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cxrbench.common.Json;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Labels;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./cxrbench utility --model cnn through the command line on pixel rows (16 x 16 images as feature files): the
 * contract JSON with the CNN's settings and per-label AUROC, a resumed run (--checkpoints) with the same scores CSV,
 * and exit 2 before any work for a bad CNN option.
 */
class UtilityCnnCommandTest {
    @TempDir Path dir;

    /** n 16 x 16 images of noise; cardiomegaly brightens the central 6 x 6 block. */
    Path set(String name, int n, String patients, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * 256];
        List<ManifestRecord> recs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean card = r.nextDouble() < 0.4;
            for (int j = 0; j < 256; j++) {
                int x = j % 16;
                int y = j / 16;
                boolean centre = x >= 5 && x < 11 && y >= 5 && y < 11;
                a[i * 256 + j] = 0.4 + 0.1 * r.nextGaussian() + (card && centre ? 0.3 : 0);
            }
            byte[] lab = Labels.allBlank().toArray();
            lab[ChexpertLabel.CARDIOMEGALY.ordinal()] = card ? Labels.POSITIVE : Labels.NEGATIVE;
            recs.add(ManifestRecord.builder(name + i, name + i + ".png").patient(patients + (i / 2)).labels(Labels.of(lab)).build());
        }
        FeatureFiles.writeNpy(dir.resolve(name + ".npy"), new Features(n, 256, a));
        new Manifest(recs, dir).write(dir.resolve(name + "-labels.csv"));
        return dir.resolve(name + ".npy");
    }

    String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("utility", "--model", "cnn", "--conditions", "real", "--seeds", "1",
                "--train", dir.resolve("train.npy").toString(), "--train-labels", dir.resolve("train-labels.csv").toString(),
                "--test", dir.resolve("test.npy").toString(), "--test-labels", dir.resolve("test-labels.csv").toString(),
                "--cnn-epochs", "3", "--threads", "1", "-q"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void trainsTheCnnWritesTheContractJsonAndResumes() throws Exception {
        set("train", 80, "p", 1);
        set("test", 60, "q", 2);
        Path ck = dir.resolve("ck");
        CliTest.Run r = CliTest.run(args("--cnn-size", "16", "--json", dir.resolve("a.json").toString(), "--scores", dir.resolve("a.csv").toString(),
                "--checkpoints", ck.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(dir.resolve("a.json").toFile());
        assertThat(j.at("/settings/model").asText()).startsWith("cnn: small ResNet");
        // a bright central block is easy to see: AUROC well above chance (0.5)
        assertThat(j.at("/conditions/real/metrics/auroc_cardiomegaly/value").asDouble()).isGreaterThan(0.7);
        assertThat(j.at("/conditions/real/metrics/auroc_cardiomegaly/direction").asText()).isEqualTo("higher");
        CliTest.Run again = CliTest.run(args("--cnn-size", "16", "--json", dir.resolve("b.json").toString(), "--scores", dir.resolve("b.csv").toString(),
                "--checkpoints", ck.toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readString(dir.resolve("b.csv"))).isEqualTo(Files.readString(dir.resolve("a.csv")));
    }

    @Test
    void tunedF1ThresholdsComeFromTheCnnsValidationSplit() throws Exception {
        set("train", 80, "p", 1);
        set("test", 60, "q", 2);
        CliTest.Run r = CliTest.run(args("--cnn-size", "16", "--f1-thresholds", "tuned", "--json", dir.resolve("t.json").toString()));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(dir.resolve("t.json").toFile());
        assertThat(j.at("/settings/f1_threshold").asText()).startsWith("tuned");
        JsonNode t = j.at("/conditions/real/training/0/cnn/f1_thresholds/cardiomegaly");
        assertThat(t.isNumber()).as(t.toString()).isTrue();
        assertThat(t.asDouble()).isBetween(0.0, 1.0);
        assertThat(j.at("/conditions/real/metrics/f1_cardiomegaly/value").isNumber()).isTrue();
    }

    @Test
    void badCnnOptionExits2BeforeWork() {
        set("train", 10, "p", 1);
        set("test", 10, "q", 2);
        CliTest.Run r = CliTest.run(args("--cnn-size", "10", "--json", dir.resolve("c.json").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--cnn-size 10");
        assertThat(dir.resolve("c.json")).doesNotExist();
    }
}
