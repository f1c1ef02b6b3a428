package org.cxrbench.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cxrbench.cli.Main;
import org.cxrbench.common.BadInputException;
import org.cxrbench.run.DemoJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config validation: every error names the key's path and what is allowed; every shipped config fits the schema. */
class ConfigReaderTest {
    @TempDir Path dir;

    static final String BASE = "real:\n  train: {phantom: {patients: 10, size: 64}}\n  holdout: {phantom: {patients: 10, size: 64, seed: 1}}\n";

    RunConfig parse(String yaml) {
        return ConfigReader.parse(ConfigReader.tree(yaml, "c.yaml"), dir, "c.yaml", "sha256:x");
    }

    String error(String yaml) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(() -> parse(yaml), BadInputException.class).getMessage();
    }

    static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/config.schema.json")));
    }

    static JsonNode yaml(Path p) throws Exception {
        return ConfigReader.YAML.readTree(p.toFile());
    }

    @Test
    void parsesSimulatorsPathsAndDefaults() throws Exception {
        Files.createDirectories(dir.resolve("syn"));
        RunConfig c = parse(BASE + "generators:\n  - memorizer(0.3)\n  - {name: mine, path: syn}\n  - {name: fx, simulator: faithful}\n");
        assertThat(c.generators()).extracting(RunConfig.Generator::name).containsExactly("memorizer(0.3)", "mine", "fx");
        assertThat(c.generators().get(1).data().path()).isEqualTo(dir.resolve("syn")); // relative to the config's folder
        assertThat(c.fidelity().k()).isEqualTo(5);
        assertThat(c.holdout().phantom().seed()).isEqualTo(1);
        assertThat(c.engine()).isEqualTo("local");
    }

    @Test
    void aPhantomHoldoutCanTakeTheTrainingCohortsLabelsWhenItHasItsShape() {
        String gens = "generators: [faithful]\n";
        RunConfig c = parse(BASE.replace("seed: 1}", "seed: 1, labels: train}") + gens);
        assertThat(c.holdout().phantom().labelsOf()).isEqualTo(c.train().phantom());
        assertThat(parse(BASE.replace("seed: 1}", "seed: 1, labels: own}") + gens).holdout().phantom().labelsOf()).isNull();
        assertThat(parse(BASE + gens).holdout().phantom().labelsOf()).isNull();
        assertThat(error(BASE.replace("seed: 1}", "seed: 1, labels: test}") + gens)).contains("real.holdout.phantom.labels")
                .contains("own, train");
        assertThat(error(BASE.replace("patients: 10, size: 64, seed: 1}", "patients: 12, size: 64, seed: 1, labels: train}")
                + gens)).contains("real.holdout.phantom.labels").contains("same patients");
        assertThat(error(BASE.replace("patients: 10, size: 64}", "patients: 10, size: 64, labels: train}") + gens))
                .contains("real.train.phantom.labels").contains("its own");
    }

    @Test
    void unknownKeysAndBadValuesNameTheKeyPathAndTheAllowedValues() {
        String gens = "generators: [faithful]\n";
        assertThat(error(BASE + "generators:\n  - faithful\n  - {name: x, simulator: noisy, k: 3}\n"))
                .contains("generators[1].k").contains("unknown key").contains("allowed keys here: name, simulator, path");
        assertThat(error(BASE + gens + "metrics:\n  fidelity: {fid_route: fast}\n"))
                .contains("metrics.fidelity.fid_route").contains("symmetric, eigvals, pytorch-fid");
        assertThat(error(BASE + gens + "metrics:\n  fidelity: {k: 0}\n")).contains("metrics.fidelity.k").contains("1..1000");
        assertThat(error(BASE + gens + "metrics:\n  privacy: {metrics: [dcr_median, fid]}\n"))
                .contains("metrics.privacy.metrics[1]").contains("'fid' is not allowed").contains("reid_score");
        assertThat(error(BASE + "generators: [memoriser(0.3)]\n")).contains("generators[0]")
                .contains("'memoriser(0.3)' is not a valid simulator").contains("memorizer");
        assertThat(error(BASE + gens + "engine: cloud\n")).contains("engine").contains("local, spark");
        assertThat(error(BASE + gens + "seeds: 3\n")).contains("seeds: unknown key").contains("seed, threads");
        assertThat(error(BASE + gens + "utility: {model: svm}\n")).contains("utility.model").contains("probe, cnn, unet");
        assertThat(error(BASE + gens + "filter: {remove: [bad]}\n")).contains("filter.remove[0]").contains("not-relevant");
        assertThat(error("real: {train: missing.csv}\n" + gens)).contains("real.train").contains("not found");
        assertThat(error(BASE + "generators: [faithful, faithful]\n")).contains("used twice");
        assertThat(error(BASE + gens + "metrics:\n  fidelity: {metrics: [fid, frd]}\n")).contains("radiomics");
        assertThat(error("generators: [faithful]\n")).contains("real: missing");
        assertThat(error(BASE + "generators: [faithful]\nthreads: many\n")).contains("threads").contains("whole number");
        // a comma-separated list is split before the schema checks each name
        assertThat(error(BASE + gens + "metrics:\n  privacy: {metrics: 'dcr_median, fid'}\n"))
                .contains("metrics.privacy.metrics[1]").contains("'fid' is not allowed");
        assertThat(parse(BASE + gens + "metrics:\n  privacy: {metrics: 'dcr_median, dcr_p5'}\n").privacy().metrics())
                .containsExactly("dcr_median", "dcr_p5");
        assertThat(error(BASE + gens + "metrics:\n  fidelity: {metrics: [fid, fid]}\n")).contains("metrics.fidelity.metrics")
                .contains("'fid' is listed twice");
        assertThat(error(BASE + gens + "filter: {remove: []}\n")).contains("filter.remove: empty list").contains("not-relevant");
        assertThat(error(BASE + gens + "metrics:\n  privacy: {reid_threshold: 1.5}\n")).contains("metrics.privacy.reid_threshold")
                .contains("1.5 is out of range").contains("[0.0, 1.0]");
        assertThat(error(BASE + gens + "filter: {unfiltered: maybe}\n")).contains("filter.unfiltered")
                .contains("expected true or false").contains("true, false");
        assertThat(error(BASE + gens + "metrics: [fid]\n")).contains("metrics: expected a mapping");
        assertThat(error(BASE + "generators:\n  - {name: 'a b', path: x}\n")).contains("generators[0].name")
                .contains("not a valid name").contains("letters, digits");
    }

    @Test
    void theUtilityBlockIsBoundAfterTheSchemaCheckAndItsBadValuesNameTheKeyPath() {
        String gens = "generators: [faithful]\n";
        assertThat(error(BASE + gens + "utility: {real_fraction: 2}\n")).contains("utility.real_fraction").contains("2 is out of range")
                .contains("[1.0E-6, 1.0]");
        assertThat(error(BASE + gens + "utility: {seeds: 2.5}\n")).contains("utility.seeds").contains("whole number in 1..1000");
        assertThat(error(BASE + gens + "utility: {correction: bonf}\n")).contains("utility.correction").contains("'bonf' is not allowed")
                .contains("bonferroni, holm");
        assertThat(error(BASE + gens + "utility: {conditions: 'real, best'}\n")).contains("utility.conditions[1]")
                .contains("'best' is not allowed").contains("real, synthetic, mixed, augmented");
        assertThat(error(BASE + gens + "utility: {synthetic_ratios: 1}\n")).contains("utility.synthetic_ratios").contains("expected a list");
        RunConfig.Utility u = parse(BASE + gens
                + "utility: {conditions: 'real, mixed', synthetic_ratios: [0.5, 1], seeds: 3, test: welch}\n").utility();
        assertThat(u.conditions()).containsExactly("real", "mixed");
        assertThat(u.syntheticRatios()).containsExactly(0.5, 1.0);
        assertThat(u.seeds()).isEqualTo(3);
        assertThat(u.testKind()).isEqualTo("welch");
        assertThat(u.realFraction()).isNull(); // left out: the utility stage's default
        assertThat(u.testIsHoldout()).isFalse();
        assertThat(parse(BASE.replace("\n  holdout:", "\n  test: holdout\n  holdout:") + gens + "utility: {}\n").utility()
                .testIsHoldout()).isTrue();
    }

    @Test
    void theRulesAcrossKeysAreTheReadersAndSayWhichKeysClash() throws Exception {
        Files.createDirectories(dir.resolve("syn"));
        JsonSchema s = schema();
        String[] clashes = {
            BASE + "generators:\n  - {name: x, simulator: noisy, path: syn}\n",
            BASE + "generators:\n  - {simulator: noisy, split: train}\n",
            BASE + "generators:\n  - {path: syn}\n",
            "real:\n  train: {phantom: {patients: 10}, path: syn}\ngenerators: [faithful]\n",
            "real:\n  train: {split: a}\ngenerators: [faithful]\n",
        };
        for (String yaml : clashes) {
            // the schema says these are wrong, and the reader says why in words (not the schema's fallback message)
            assertThat(s.validate(ConfigReader.YAML.readTree(yaml))).as(yaml).isNotEmpty();
            assertThat(error(yaml)).as(yaml).doesNotContain("does not fit the schema").matches("c\\.yaml: (generators|real)\\S*: .*");
        }
    }

    @Test
    void theSchemasSimulatorPatternNamesEverySimulator() {
        String pattern = ConfigSchema.DOCUMENT.path("$defs").path("simulator").path("pattern").asText();
        assertThat(pattern).isEqualTo("^(" + String.join("|", org.cxrbench.phantom.Generators.NAMES) + ")(\\(.+\\))?$");
        // the keys whose names may be one comma-separated text are exactly the schema's text-or-list keys
        assertThat(ConfigSchema.NAME_LISTS).allSatisfy(k -> {
            JsonNode n = ConfigSchema.DOCUMENT;
            for (String part : k.split("\\.")) {
                n = n.path("properties").path(part);
            }
            assertThat(n.path("then").path("description").asText()).as(k).isEqualTo("comma-separated list");
        });
    }

    @Test
    void theCommandExitsTwoWithOneLineBeforeAnyWork() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, BASE + "generators: [faithful]\nmetrics: {fidelity: {kid_subsets: -1}}\n");
        Path out = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "run", cfg.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString().trim().lines().count()).isEqualTo(1);
        assertThat(err.toString()).contains("metrics.fidelity.kid_subsets");
        assertThat(out).doesNotExist();
        // blocks this build cannot run yet are refused before any work too
        Files.writeString(cfg, BASE + "generators: [faithful]\nutility: {model: cnn}\n");
        err.reset();
        assertThat(run(err, "run", cfg.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not wired into run");
        assertThat(out).doesNotExist();
    }

    static int run(ByteArrayOutputStream err, String... args) {
        PrintStream o = System.out;
        PrintStream e = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream()));
            System.setErr(new PrintStream(err));
            var cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(err, true));
            return cl.execute(args);
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test
    void everyShippedConfigValidatesAgainstTheSchemaAndTheDemoIsEmbeddedVerbatim() throws Exception {
        JsonSchema s = schema();
        List<Path> configs;
        try (Stream<Path> f = Files.list(Path.of("configs"))) {
            configs = f.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(configs).extracting(p -> p.getFileName().toString())
                .contains("demo.yaml", "nih-folder.yaml", "synthchex-mimic.yaml");
        for (Path p : configs) {
            assertThat(s.validate(yaml(p))).as(p.toString()).isEmpty();
        }
        assertThat(DemoJob.configText()).isEqualTo(Files.readString(Path.of("configs/demo.yaml")));
        // the schema can fail: the same mistakes the reader refuses
        assertThat(s.validate(ConfigReader.YAML.readTree(BASE + "generators: [faithful]\nseeds: 1\n"))).isNotEmpty();
        assertThat(s.validate(ConfigReader.YAML.readTree(BASE + "generators: [memoriser]\n"))).isNotEmpty();
        assertThat(s.validate(ConfigReader.YAML.readTree(BASE + "generators: [faithful]\nmetrics: {fidelity: {k: 0}}\n")))
                .isNotEmpty();
        // and the reader accepts the runnable ones (the synthchex-mimic example needs MIMIC files absent here)
        RunConfig demo = ConfigReader.read(Path.of("configs/demo.yaml"));
        assertThat(demo.generators()).extracting(RunConfig.Generator::name).containsExactlyElementsOf(DemoJob.GENERATORS);
    }
}
