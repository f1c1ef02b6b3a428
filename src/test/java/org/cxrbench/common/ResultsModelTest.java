package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cxrbench.cli.Main;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry, the typed results model, its JSON form and the schema that lives in the repo agree. */
public class ResultsModelTest {
    @TempDir Path dir;

    static Features gaussian(int n, int d, long seed, double shift) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() + shift;
        }
        return new Features(n, d, x);
    }

    public static JsonSchema schema() throws Exception {
        JsonSchemaFactory f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        return f.getSchema(Files.readString(Path.of("schema/results.schema.json")));
    }

    static int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream()));
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            return Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** 120 real, {@code synthetic} shifted and {@code holdout} real-like Gaussian rows (d = 6) as .npy files. */
    Path[] threeSets(int synthetic, int holdout) {
        Path[] p = {dir.resolve("real.npy"), dir.resolve("syn.npy"), dir.resolve("hold.npy")};
        FeatureFiles.writeNpy(p[0], gaussian(120, 6, 1, 0));
        FeatureFiles.writeNpy(p[1], gaussian(synthetic, 6, 2, 0.3));
        FeatureFiles.writeNpy(p[2], gaussian(holdout, 6, 3, 0));
        return p;
    }

    @Test
    void fidelityAndPrivacyResultsValidateAndRoundTrip() throws Exception {
        Path[] f3 = threeSets(100, 80);
        Path real = f3[0];
        Path syn = f3[1];
        Path hold = f3[2];
        Path fj = dir.resolve("f.json");
        Path pj = dir.resolve("p.json");
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--holdout", hold.toString(),
                "--kid-subset-size", "50", "--kid-subsets", "10", "--bootstrap", "5", "--json", fj.toString())).isZero();
        assertThat(run("privacy", "--train", real.toString(), "--synthetic", syn.toString(), "--holdout", hold.toString(),
                "--json", pj.toString())).isZero();
        JsonSchema schema = schema();
        for (Path p : List.of(fj, pj)) {
            JsonNode node = Json.MAPPER.readTree(p.toFile());
            Set<ValidationMessage> errors = schema.validate(node);
            assertThat(errors).as(p + " against schema/results.schema.json").isEmpty();
            node.path("metrics").fields().forEachRemaining(e -> assertThat(e.getValue().path("direction").asText())
                    .as(e.getKey()).isEqualTo(Metrics.get(e.getKey()).direction().json()));
            // round trip: read into the typed model and write again gives the same JSON
            Evaluation ev = ResultsJson.read(p);
            JsonNode again = Json.MAPPER.valueToTree(ResultsJson.toJson(ev));
            assertThat(Json.MAPPER.writeValueAsString(again)).isEqualTo(Json.MAPPER.writeValueAsString(node));
        }
        Evaluation f = ResultsJson.read(fj);
        assertThat(f.metrics().get("fid").ci95()).hasSize(2);
        assertThat(f.metrics().get("kid").std()).isNotNull();
        assertThat(f.noiseFloor().metrics()).containsKey("fid");
        // 100 synthetic rows against an 80-row holdout: the synthetic set is compared at N = 80 too (issue 20.2)
        assertThat(f.noiseFloor().metrics().get("fid").nSynthetic()).isEqualTo(80L);
        assertThat(f.noiseFloor().generatorAtN().get("fid").nSynthetic()).isEqualTo(80L);
        assertThat(f.noiseFloor().generatorAtN().get("fid").ci95()).hasSize(2); // the same bootstrap
        assertThat(f.provenance().inputs()).containsKeys("real", "synthetic", "holdout");
        Evaluation pr = ResultsJson.read(pj);
        assertThat(pr.metrics().keySet()).containsAll(List.of("dcr_median", "memorized_fraction", "identifiability"));
        assertThat(pr.metrics().get("dcr_median").count("n_train")).isEqualTo(120L);
    }

    /** A holdout larger than the synthetic set is drawn down to the synthetic set's N (seeded, without replacement). */
    @Test
    void aLargerHoldoutIsDrawnAtTheSyntheticSetsN() throws Exception {
        Path[] f3 = threeSets(60, 90);
        Path real = f3[0];
        Path syn = f3[1];
        Path hold = f3[2];
        Path fj = dir.resolve("f.json");
        assertThat(run("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--holdout", hold.toString(),
                "--kid-subset-size", "50", "--kid-subsets", "10", "--json", fj.toString())).isZero();
        Evaluation f = ResultsJson.read(fj);
        for (String k : List.of("fid", "kid", "precision", "coverage")) {
            assertThat(f.noiseFloor().metrics().get(k).nSynthetic()).as(k).isEqualTo(60L);
        }
        assertThat(f.noiseFloor().generatorAtN()).isEmpty();
        assertThat(f.noiseFloor().method()).contains("60 of the 90 holdout images");
    }

    @Test
    void perLabelValuesAreTypedAndSerialisedAsLabelMaps() {
        MetricResult m = new MetricResult("fid_per_label", Double.NaN, null, null, Map.of("n_real", 10L),
                Map.of("cardiomegaly", new MetricResult.LabelValue(3.5, 60, 55, true),
                        "edema", new MetricResult.LabelValue(null, 1, 4, false)), List.of(), MetricParams.NONE,
                MetricDetails.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Object> j = Json.MAPPER.convertValue(m.toJson(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) j.get("value");
        assertThat(value).containsEntry("cardiomegaly", 3.5).containsEntry("edema", null);
        assertThat(j.get("direction")).isEqualTo("lower");
        JsonNode node = Json.MAPPER.valueToTree(j);
        MetricResult back = ResultsJson.readMetric("fid_per_label", node);
        assertThat(back.perLabel()).isEqualTo(m.perLabel());
    }

    @Test
    void registryDeclaresEachContractKeyOnceWithItsFamilyAndDirection() {
        // the contract's keys (CONTRACT.md, "Metric keys")
        List<String> fidelity = List.of("fid", "kid", "precision", "recall", "density", "coverage", "fid_per_label");
        List<String> privacy = List.of("dcr_min", "dcr_median", "dcr_p5", "exact_copies", "memorized",
                "memorized_fraction", "nndr_median", "identifiability", "holdout_closer_share", "holdout_score", "reid_score");
        assertThat(Metrics.ids(Family.FIDELITY)).containsAll(fidelity);
        assertThat(Metrics.ids(Family.PRIVACY)).containsExactlyElementsOf(privacy);
        assertThat(Metrics.find("f1_cardiomegaly").family()).isEqualTo(Family.UTILITY);
        assertThat(Metrics.find("dice_lungs").direction()).isEqualTo(Direction.HIGHER);
        assertThat(Metrics.get("fid").direction()).isEqualTo(Direction.LOWER);
        assertThat(Metrics.get("memorized_fraction").direction()).isEqualTo(Direction.LOWER);
        for (Metric m : Metrics.all()) {
            assertThat(Path.of(m.card())).as(m.id() + "'s card").exists();
        }
        assertThatThrownBy(() -> Metrics.parse("fid,dcr_min", Family.FIDELITY)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'dcr_min'").hasMessageContaining("privacy metric");
        // every fidelity id the registry declares has a function (or is per label)
        assertThat(org.cxrbench.fidelity.FidelityMetrics.ALL).isEqualTo(Metrics.ids(Family.FIDELITY));
    }

    @Test
    void anotherSchemaVersionIsRefusedInOneLine() throws Exception {
        Path p = dir.resolve("old.json");
        Files.writeString(p, "{\"metrics\": {}, \"provenance\": {}}");
        assertThatThrownBy(() -> ResultsJson.read(p)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("schema_version");
    }
}
