package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cxrbench.cli.Main;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's fixtures are in the core's schema (schema/results.schema.json), and the reader reads what today's
 * fidelity and privacy commands write, value for value.
 */
class SchemaFixturesTest {
    static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/results.schema.json")));
    }

    @Test
    void schemaFormFixturesValidate() throws Exception {
        JsonSchema s = schema();
        for (String f : List.of("multi.json", "raddino_sana.json")) {
            JsonNode n = org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture(f).toFile());
            assertThat(s.validate(n)).as(f).isEmpty();
        }
    }

    static Features gaussian(int n, int d, long seed, double shift) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() + shift;
        }
        return new Features(n, d, x);
    }

    @Test
    void readsWhatTheFidelityAndPrivacyCommandsWrite(@TempDir Path dir) throws Exception {
        Path real = dir.resolve("real.npy");
        Path syn = dir.resolve("syn.npy");
        Path hold = dir.resolve("hold.npy");
        FeatureFiles.writeNpy(real, gaussian(120, 6, 1, 0));
        FeatureFiles.writeNpy(syn, gaussian(100, 6, 2, 0.3));
        FeatureFiles.writeNpy(hold, gaussian(80, 6, 3, 0));
        Path fj = dir.resolve("fid.json");
        Path pj = dir.resolve("priv.json");
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            assertThat(Main.execute("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--kid-subset-size",
                    "50", "--kid-subsets", "10", "--bootstrap", "5", "--json", fj.toString(), "-q")).isZero();
            assertThat(Main.execute("privacy", "--train", real.toString(), "--synthetic", syn.toString(), "--holdout",
                    hold.toString(), "--json", pj.toString(), "-q")).isZero();
        } finally {
            System.setOut(out);
        }
        JsonNode raw = org.cxrbench.common.Json.MAPPER.readTree(fj.toFile());
        ResultsSet f = ResultsSet.read(fj);
        MetricResult fid = f.generators().get(0).metric("fid");
        assertThat(fid.value()).isEqualTo(raw.path("metrics").path("fid").path("value").asDouble());
        assertThat(fid.ci95()).isNotNull();
        assertThat(fid.metric().direction()).isEqualTo(org.cxrbench.common.Direction.LOWER);
        assertThat(fid.nReal()).isEqualTo(120L);
        assertThat(fid.nSynthetic()).isEqualTo(100L);
        ResultsSet p = ResultsSet.read(pj);
        assertThat(p.generators().get(0).metric("dcr_median").metric().direction()).isEqualTo(org.cxrbench.common.Direction.HIGHER);
        assertThat(p.generators().get(0).metric("memorized_fraction").metric().family().json()).isEqualTo("privacy");
        // both side by side: one view with fidelity and privacy of two single-pair files
        ComparisonView v = ComparisonView.of(List.of(f, p));
        assertThat(v.rows()).hasSize(2);
        assertThat(CompareHtml.render(v)).contains("FID").contains("DCR median");
    }
}
