package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** ./cxrbench utility through the real command line: contract JSON, scores CSV, exit codes and one-line errors. */
class UtilityCommandTest {
    @TempDir Path dir;

    /** n rows of 6 features; cardiomegaly and pleural effusion shift features 0 and 1; every 7th effusion uncertain. */
    Path set(String name, int n, String patientPrefix, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * 6];
        List<ManifestRecord> recs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean card = r.nextDouble() < 0.3;
            boolean eff = r.nextDouble() < 0.4;
            for (int j = 0; j < 6; j++) {
                a[i * 6 + j] = r.nextGaussian() + (j == 0 && card ? 1.5 : 0) + (j == 1 && eff ? 1.5 : 0);
            }
            byte[] y = Labels.allBlank().toArray();
            y[ChexpertLabel.CARDIOMEGALY.ordinal()] = card ? Labels.POSITIVE : Labels.NEGATIVE;
            y[ChexpertLabel.PLEURAL_EFFUSION.ordinal()] = i % 7 == 0 ? Labels.UNCERTAIN : eff ? Labels.POSITIVE : Labels.NEGATIVE;
            recs.add(ManifestRecord.builder(name + i, name + i + ".png").patient(patientPrefix.isEmpty() ? "" : patientPrefix + (i / 2))
                    .labels(Labels.of(y)).build());
        }
        FeatureFiles.writeNpy(dir.resolve(name + ".npy"), new Features(n, 6, a));
        new Manifest(recs, dir).write(dir.resolve(name + "-labels.csv"));
        return dir.resolve(name + ".npy");
    }

    String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("utility", "--train", dir.resolve("train.npy").toString(), "--train-labels",
                dir.resolve("train-labels.csv").toString(), "--test", dir.resolve("test.npy").toString(), "--test-labels",
                dir.resolve("test-labels.csv").toString(), "--synthetic", dir.resolve("syn.npy").toString(),
                "--synthetic-labels", dir.resolve("syn-labels.csv").toString(), "--threads", "1", "-q"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void writesTheContractJsonAndAScoresCsvThatStatsReproduces() throws Exception {
        set("train", 200, "p", 1);
        set("test", 150, "q", 2);
        set("syn", 300, "", 3);
        Path json = dir.resolve("out/u.json");
        Path csv = dir.resolve("out/u.csv");
        CliTest.Run r = CliTest.run(args("--seeds", "3", "--real-fraction", "0.5", "--synthetic-ratios", "0.5,1",
                "--bootstrap", "50", "--json", json.toString(), "--scores", csv.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(json.toFile());
        // the utility results follow the same schema as every results file
        assertThat(org.cxrbench.common.ResultsModelTest.schema().validate(j)).as("schema/results.schema.json").isEmpty();
        List<String> conds = new ArrayList<>();
        j.get("conditions").fieldNames().forEachRemaining(conds::add);
        assertThat(conds).containsExactly("real", "synthetic", "mixed", "augmented_0.5", "augmented_1");
        JsonNode f1 = j.at("/conditions/real/metrics/f1_macro");
        assertThat(f1.get("per_seed")).hasSize(3);
        assertThat(f1.get("direction").asText()).isEqualTo("higher");
        assertThat(f1.get("family").asText()).isEqualTo("utility");
        double mean = 0;
        for (JsonNode v : f1.get("per_seed")) {
            mean += v.asDouble() / 3;
        }
        assertThat(f1.get("value").asDouble()).isCloseTo(mean, within(1e-12));
        assertThat(j.at("/conditions/real/metrics/auroc_cardiomegaly/value").asDouble()).isGreaterThan(0.7);
        // 150 test images of 75 patients (2 each): the bootstrap resamples patients
        JsonNode auc = j.at("/conditions/real/metrics/auroc_macro");
        assertThat(auc.get("seed0_bootstrap_unit").asText()).isEqualTo("patient (75 test patients)");
        assertThat(auc.get("seed0_bootstrap_ci95").get(0).asDouble()).isLessThanOrEqualTo(auc.get("seed0_value").asDouble());
        assertThat(auc.get("seed0_bootstrap_ci95").get(1).asDouble()).isGreaterThanOrEqualTo(auc.get("seed0_value").asDouble());
        assertThat(auc.get("seed0_value").asDouble()).isEqualTo(auc.get("per_seed").get(0).asDouble());
        assertThat(j.at("/labels/scored").toString()).isEqualTo("[\"cardiomegaly\",\"pleural_effusion\"]");
        assertThat(j.at("/conditions/real/training/0/n_real").asInt()).isEqualTo(100);
        assertThat(j.at("/conditions/augmented_1/training/0/n_synthetic").asInt()).isEqualTo(100);
        assertThat(j.get("metrics").size()).isPositive();
        assertThat(j.get("metrics").elements().next().get("condition").asText()).isEqualTo(j.at("/best_condition/name").asText());
        assertThat(j.get("family_size").asInt()).isEqualTo(4 * 3);
        assertThat(j.get("correction").asText()).isEqualTo("bonferroni");
        assertThat(j.get("comparisons")).hasSize(12);
        assertThat(j.at("/provenance/inputs/train").asText()).startsWith("sha256:");
        // the scores CSV: 5 conditions x 3 seeds x (3 + 2 x 2 labels) metrics, and ./cxrbench stats gives the same table
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("condition,seed,metric,value");
        assertThat(lines).hasSize(1 + 5 * 3 * 7);
        Path csv3 = dir.resolve("headline.csv");
        List<String> headline = new ArrayList<>(List.of(lines.get(0)));
        lines.stream().filter(l -> l.matches(".*,(f1_macro|f1_micro|auroc_macro),.*")).forEach(headline::add);
        Files.write(csv3, headline);
        Path sj = dir.resolve("stats.json");
        CliTest.Run s = CliTest.run("stats", "--scores", csv3.toString(), "--baseline", "real", "--json", sj.toString());
        assertThat(s.code()).as(s.err()).isZero();
        JsonNode st = Json.MAPPER.readTree(sj.toFile());
        for (int i = 0; i < 12; i++) {
            assertThat(st.at("/comparisons/" + i + "/p_adjusted").asDouble())
                    .isEqualTo(j.at("/comparisons/" + i + "/p_adjusted").asDouble());
        }
    }

    @Test
    void f1ThresholdsTunedOnAValidationSplitAndTheJsonSaysSo() throws Exception {
        set("train", 200, "p", 1);
        set("test", 150, "q", 2);
        set("syn", 300, "", 3);
        Path json = dir.resolve("t.json");
        Path ck = dir.resolve("ck");
        CliTest.Run r = CliTest.run(args("--seeds", "2", "--conditions", "real,augmented", "--synthetic-ratios", "1",
                "--f1-thresholds", "tuned", "--checkpoints", ck.toString(), "--json", json.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(json.toFile());
        assertThat(org.cxrbench.common.ResultsModelTest.schema().validate(j)).isEmpty();
        assertThat(j.at("/settings/f1_threshold").asText()).startsWith("tuned");
        assertThat(j.at("/provenance/settings/f1_thresholds").asText()).isEqualTo("tuned");
        JsonNode t = j.at("/conditions/real/training/0");
        // 15% of the 100 training patients (2 rows each): 15 patients, 30 rows
        assertThat(t.get("validation_rows").asInt()).isEqualTo(30);
        assertThat(t.at("/f1_thresholds/cardiomegaly").isNumber()).isTrue();
        assertThat(j.at("/conditions/real/metrics/f1_cardiomegaly/value").isNumber()).isTrue();
        // resume: a run killed after three of its four (condition, seed) results (one entry removed) finishes the
        // missing one and gives the same JSON blocks
        try (var files = java.nio.file.Files.list(ck)) {
            List<Path> entries = files.sorted().toList();
            assertThat(entries).hasSize(4);
            java.nio.file.Files.delete(entries.get(2));
        }
        CliTest.Run again = CliTest.run(args("--seeds", "2", "--conditions", "real,augmented", "--synthetic-ratios", "1",
                "--f1-thresholds", "tuned", "--checkpoints", ck.toString(), "--json", dir.resolve("t2.json").toString()));
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode j2 = Json.MAPPER.readTree(dir.resolve("t2.json").toFile());
        assertThat(j2.get("conditions")).isEqualTo(j.get("conditions"));
        assertThat(j2.get("comparisons")).isEqualTo(j.get("comparisons"));
        // the default stays 0.5 and says so
        CliTest.Run d = CliTest.run(args("--seeds", "2", "--conditions", "real", "--json", dir.resolve("d.json").toString()));
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(Json.MAPPER.readTree(dir.resolve("d.json").toFile()).at("/settings/f1_threshold").asText())
                .startsWith("probability >= 0.5");
        CliTest.Run bad = CliTest.run(args("--f1-thresholds", "0.3", "--json", dir.resolve("b.json").toString()));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--f1-thresholds 0.3");
    }

    @Test
    void badRequestsExitTwoWithOneLineBeforeAnyWork() {
        set("train", 60, "p", 1);
        set("test", 40, "q", 2);
        set("syn", 60, "", 3);
        Path json = dir.resolve("u.json");
        String[][] cases = {
            {"--task", "segment"},
            {"--model", "cnn"},
            {"--conditions", "real,bogus"},
            {"--conditions", "synthetic"},
            {"--real-fraction", "0"},
            {"--synthetic-ratios", "-1"},
            {"--probe-c", "0"},
            {"--seeds", "0"},
            {"--correction", "sidak"},
        };
        for (String[] c : cases) {
            List<String> a = new ArrayList<>(List.of(c));
            a.addAll(List.of("--json", json.toString()));
            CliTest.Run r = CliTest.run(args(a.toArray(String[]::new)));
            assertThat(r.code()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        }
        assertThat(json).doesNotExist();
        // feature file without its labels
        CliTest.Run r = CliTest.run("utility", "--train", dir.resolve("train.npy").toString(), "--test",
                dir.resolve("test.npy").toString(), "--conditions", "real", "--json", json.toString(), "-q");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--train-labels");
        // a patient in both training and test sets
        set("test", 40, "p", 2);
        r = CliTest.run(args("--json", json.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("patient p0").contains("both");
        assertThat(json).doesNotExist();
    }
}
