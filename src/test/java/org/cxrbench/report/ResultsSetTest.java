package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against hand-written fixtures in the three layouts; expected values are the fixtures' own numbers. */
class ResultsSetTest {
    static Path fixture(String name) {
        return Path.of("src/test/resources/report", name);
    }

    @Test
    void readsTheMultiGeneratorSchema() {
        ResultsSet s = ResultsSet.read(fixture("multi.json"));
        assertThat(s.generators()).extracting(NamedResult::name)
                .containsExactly("faithful", "blurry", "memorizer", "small-n");
        NamedResult f = s.generators().get(0);
        MetricResult fid = f.metric("fid");
        assertThat(fid.value()).isEqualTo(2.55);
        assertThat(fid.ci95()).containsExactly(2.31, 2.90);
        assertThat(fid.metric().direction()).isEqualTo(org.cxrbench.common.Direction.LOWER);
        assertThat(fid.nReal()).isEqualTo(300L);
        assertThat(f.metric("kid").std()).isEqualTo(0.0004);
        assertThat(f.metric("fid_per_label").perLabel().get("pneumothorax"))
                .isEqualTo(new MetricResult.LabelValue(88.0, 12L, 9L, false));
        assertThat(f.metric("f1_macro").metric().family().json()).isEqualTo("utility");
        assertThat(f.utility().comparisons()).hasSize(2);
        assertThat(f.utility().comparisons().get(0).pAdjusted()).isEqualTo(0.036);
        assertThat(f.utility().correction()).isEqualTo("bonferroni");
        assertThat(f.filter().perVerdict()).containsEntry("not-relevant", 5L).containsEntry("high", 200L);
        assertThat(f.filter().perVerdictAndLabel().get("low")).containsEntry("edema", 15L);
        assertThat(s.noiseFloor().method()).startsWith("real vs real: 300 holdout images");
        assertThat(s.noiseFloor().metrics().get("fid").ci95()).containsExactly(2.41, 3.02);
        assertThat(s.encoder()).startsWith("cxr-cnn;weights=sha256:5fe5");
        assertThat(s.notes()).isEmpty();
        assertThat(s.generators().get(2).dcrHistogram().counts()).startsWith(90L, 0L, 0L, 5L);
        assertThat(s.generators().get(2).dcrHistogram().binWidth()).isEqualTo(0.4);
    }

    @Test
    void aSinglePairFileIsOneGeneratorNamedAfterTheFileAndDirectionsFallBackToTheCards() {
        ResultsSet s = ResultsSet.read(fixture("single_fidelity.json"));
        assertThat(s.generators()).hasSize(1);
        NamedResult g = s.generators().get(0);
        assertThat(g.name()).isEqualTo("single_fidelity");
        assertThat(g.metric("fid").metric().direction()).isEqualTo(org.cxrbench.common.Direction.LOWER);   // metrics/fid.md: lower is better
        assertThat(g.metric("recall").metric().direction()).isEqualTo(org.cxrbench.common.Direction.HIGHER); // metrics/prdc.md: higher is better
        assertThat(g.metric("kid").std()).isEqualTo(0.0003);
        assertThat(s.noiseFloor()).isNull();
        assertThat(s.encoder()).isEqualTo("raddino");
    }

    @Test
    void readsTheDemosPreSchemaRunsLayout() {
        ResultsSet s = ResultsSet.read(fixture("demo_runs.json"));
        assertThat(s.generators()).extracting(NamedResult::name).containsExactly("faithful", "memorizer");
        assertThat(s.noiseFloor().metrics().get("fid").value()).isEqualTo(2.69);
        assertThat(s.noiseFloor().method()).contains("holdout");
        NamedResult m = s.generators().get(1);
        assertThat(m.metric("memorized_fraction").value()).isEqualTo(0.3);
        assertThat(m.metric("memorized_fraction").metric().family().json()).isEqualTo("privacy");
        assertThat(m.metric("reid_score").metric().direction()).isEqualTo(org.cxrbench.common.Direction.LOWER);
        MetricResult pl = s.generators().get(0).metric("fid_per_label");
        assertThat(pl.perLabel().get("Cardiomegaly")).isEqualTo(new MetricResult.LabelValue(20.5, 80L, 75L, true));
        assertThat(pl.perLabel().get("Edema")).isEqualTo(new MetricResult.LabelValue(null, 1L, 1L, false));
        assertThat(s.notes()).anyMatch(n -> n.contains("pre-schema"));
    }

    @Test
    void badFilesAreOneLineErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"metrics\": {\"fid\": ");
        assertThatThrownBy(() -> ResultsSet.read(broken)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(broken + ": not valid JSON");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"metrics\": {}, \"provenance\": {}}");
        assertThatThrownBy(() -> ResultsSet.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no \"generators\" and no \"metrics\"");
        Path dir2 = dir.resolve("baddir.json");
        Files.writeString(dir2, "{\"metrics\": {\"fid\": {\"value\": 1, \"direction\": \"down\"}}}");
        assertThatThrownBy(() -> ResultsSet.read(dir2)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("metrics.fid.direction is 'down'");
        assertThatThrownBy(() -> ResultsSet.read(dir.resolve("missing.json"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such results file");
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, "{\"schema_version\": 2, \"metrics\": {\"fid\": 1}}");
        assertThatThrownBy(() -> ResultsSet.read(v2)).hasMessageContaining("schema_version 2 is not supported");
    }

    @Test
    void anUndeclaredMetricIsLeftOutWithANoteAndTheRestReadTyped(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("old.json");
        Files.writeString(f, "{\"metrics\": {\"fid\": {\"value\": 3.5, \"n_real\": 10, \"n_synthetic\": 12},"
                + " \"fid_v0\": 1, \"kid\": 0.002}, \"provenance\": {}}");
        ResultsSet s = ResultsSet.read(f);
        NamedResult g = s.generators().get(0);
        assertThat(g.name()).isEqualTo("old");
        assertThat(g.metrics()).containsOnlyKeys("fid", "kid");
        assertThat(g.metric("fid").nSynthetic()).isEqualTo(12L);
        assertThat(g.metric("kid").value()).isEqualTo(0.002); // a bare number is the value
        assertThat(s.notes()).containsExactly("left out metrics.fid_v0 (not a metric this cxrbench declares)");
    }
}
