package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provenance's written form is a typed record ({@link Provenance.Written}); its text is the one main wrote from a
 * map before (the expected strings below are main's output at b42541d for the same provenances): the contract's keys
 * in order, {@code seed} only when there is a "seed" seed, inputs, seeds and settings in key order, nulls written.
 */
class ProvenanceWrittenTest {
    @TempDir Path dir;

    static Provenance withSeed() {
        return new Provenance("0.1.0", "abc", "cxrbench run c.yaml",
                Map.of("synthetic:b", "sha256:2", "real", "sha256:1", "a", "sha256:0"), Map.of("seed", 7L), "17.0.1", 4,
                Map.of("k", "5", "encoder", "pixels16", "b", "x"));
    }

    static Provenance withoutSeed() {
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("kid", 3L);
        seeds.put("bootstrap", 9L);
        return new Provenance("0.1.0", null, "c", Map.of(), seeds, "17", 1, Map.of("only", "1"));
    }

    static final String WITH_SEED = """
            {
              "cxrbench" : "0.1.0",
              "commit" : "abc",
              "command" : "cxrbench run c.yaml",
              "inputs" : {
                "a" : "sha256:0",
                "real" : "sha256:1",
                "synthetic:b" : "sha256:2"
              },
              "seed" : 7,
              "seeds" : {
                "seed" : 7
              },
              "java" : "17.0.1",
              "threads" : 4,
              "settings" : {
                "b" : "x",
                "encoder" : "pixels16",
                "k" : "5"
              }
            }""";

    static final String WITHOUT_SEED = """
            {
              "cxrbench" : "0.1.0",
              "commit" : null,
              "command" : "c",
              "inputs" : { },
              "seeds" : {
                "bootstrap" : 9,
                "kid" : 3
              },
              "java" : "17",
              "threads" : 1,
              "settings" : {
                "only" : "1"
              }
            }""";

    @Test
    void writtenTextIsMainsAndReadsBack() {
        assertThat(Json.toString(withSeed())).isEqualTo(WITH_SEED);
        assertThat(Json.toString(withoutSeed())).isEqualTo(WITHOUT_SEED);
        assertThat(Json.toString(withSeed().written())).isEqualTo(WITH_SEED);
        Provenance back = Provenance.fromJson(Json.MAPPER.valueToTree(withSeed()));
        assertThat(Json.toString(back)).isEqualTo(WITH_SEED);
    }

    @Test
    void sidecarEmbedsTheSameObject() throws Exception {
        Path csv = dir.resolve("x.csv");
        Json.writeSidecar(csv, withSeed());
        assertThat(Files.readString(dir.resolve("x.csv.provenance.json")))
                .isEqualTo("{\n  \"provenance\" : " + WITH_SEED.replace("\n", "\n  ") + "\n}\n");
    }
}
