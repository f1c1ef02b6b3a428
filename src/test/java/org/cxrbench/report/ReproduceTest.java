package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cxrbench.common.BadInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baselines/*.yaml against the published README, and verdicts of reproduce on raddino_sana.json (hand-checked). */
class ReproduceTest {
    static Path table(String name) {
        return Path.of("baselines", name);
    }

    @Test
    void everyBaselineTableParses() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("baselines"))) {
            List<Path> yamls = s.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yamls).hasSize(5);
            for (Path p : yamls) {
                PublishedTable t = PublishedTable.read(p);
                assertThat(t.citation()).isNotBlank();
                assertThat(t.rows()).isNotEmpty();
            }
        }
        assertThat(PublishedTable.read(table("chexgenbench-fidelity.yaml")).rows()).hasSize(11);
        assertThat(PublishedTable.read(table("chexgenbench-privacy.yaml")).rows()).hasSize(11);
    }

    /** The transcription: every number of the README's fidelity table is the YAML's (skips without ../shared). */
    @Test
    void theFidelityTableMatchesThePublishedReadme() throws IOException {
        Path readme = Path.of(System.getProperty("cxrbench.shared", "../shared"), "published", "README.md");
        Assumptions.assumeTrue(Files.exists(readme), "../shared/published is not present");
        PublishedTable t = PublishedTable.read(table("chexgenbench-fidelity.yaml"));
        Pattern row = Pattern.compile("^\\| ([^|]+?) \\| ((?:[0-9.]+ \\| ){6}[0-9.]+) \\|$");
        int matched = 0;
        for (String line : Files.readAllLines(readme)) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String model = m.group(1);
            PublishedTable.Row r = t.rows().stream().filter(x -> x.model().equals(model)).findFirst().orElseThrow();
            String[] nums = m.group(2).split(" \\| ");
            for (int i = 0; i < nums.length; i++) {
                assertThat(r.values().get(t.columns().get(i).key())).as(model + " " + t.columns().get(i).name())
                        .isEqualTo(Double.parseDouble(nums[i]));
            }
            matched++;
        }
        assertThat(matched).isEqualTo(11);
    }

    @Test
    void verdictsWithinTheStatedTolerance() {
        PublishedTable t = PublishedTable.read(table("chexgenbench-fidelity.yaml"));
        ResultsSet r = ResultsSet.read(ResultsSetTest.fixture("raddino_sana.json"));
        ReproductionView v = ReproductionView.of(t, r, Map.of("sana-rerun", "Sana 0.6B"), null);
        assertThat(v.encoderDiffers()).isFalse();
        ReproductionView.Pair sana = v.pairs().stream().filter(p -> p.generator() != null).findFirst().orElseThrow();
        assertThat(sana.row().model()).isEqualTo("Sana 0.6B");
        Map<String, ReproductionView.Cell> c = new java.util.HashMap<>();
        sana.cells().forEach(x -> c.put(x.column().key(), x));
        // FID 55.0 vs 54.225: |0.775| <= 5% of 54.225 = 2.711
        assertThat(c.get("fid").verdict()).isEqualTo(ReproductionView.Verdict.REPRODUCED);
        assertThat(c.get("fid").allowed()).isCloseTo(2.71125, org.assertj.core.data.Offset.offset(1e-9));
        // recall 0.50 vs 0.614: |0.114| > 0.0307
        assertThat(c.get("recall").verdict()).isEqualTo(ReproductionView.Verdict.DIFFERS);
        assertThat(c.get("image_text_alignment").verdict()).isEqualTo(ReproductionView.Verdict.NOT_IN_RESULTS);
        assertThat(v.settings()).anyMatch(s -> s.setting().equals("encoder") && s.status() == ReproductionView.Status.SAME);
        assertThat(v.settings()).anyMatch(s -> s.setting().equals("k") && s.status() == ReproductionView.Status.SAME);
        // rounding floor: a published 0.016 cannot be matched closer than 0.0005
        assertThat(ReproductionView.allowed(Tolerance.parse("abs:0"), 0.016, null)).isEqualTo(0.0005);

        PublishedTable pl = PublishedTable.read(table("chexgenbench-per-pathology-fid.yaml"));
        ReproductionView pv = ReproductionView.of(pl, r, Map.of("sana-rerun", "Sana 0.6B"), null);
        Map<String, ReproductionView.Cell> pc = new java.util.HashMap<>();
        pv.pairs().get(0).cells().forEach(x -> pc.put(x.column().name(), x));
        assertThat(pc.get("Cardiomegaly").yours()).isEqualTo(54.0); // 54.0 vs 54.68: within 2.734
        assertThat(pc.get("Cardiomegaly").verdict()).isEqualTo(ReproductionView.Verdict.REPRODUCED);
        assertThat(pc.get("Pleural Effusion").yours()).isEqualTo(60.0); // label names match across spaces/underscores
        assertThat(pc.get("Pleural Effusion").verdict()).isEqualTo(ReproductionView.Verdict.DIFFERS);
    }

    @Test
    void aDifferentEncoderIsSaidAndNotCompared(@TempDir Path dir) throws Exception {
        PublishedTable t = PublishedTable.read(table("chexgenbench-fidelity.yaml"));
        ResultsSet r = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        ReproductionView v = ReproductionView.of(t, r, Map.of("faithful", "Sana 0.6B"), null);
        assertThat(v.encoderDiffers()).isTrue();
        ReproductionView.Pair p = v.pairs().stream().filter(x -> x.generator() != null).findFirst().orElseThrow();
        assertThat(p.cells()).allMatch(c -> c.verdict() == ReproductionView.Verdict.NOT_COMPARABLE);
        String html = ReproduceRender.html(v);
        assertThat(html).contains("different encoder").contains("not comparable (encoder)").contains("DIFFERENT");
        assertThat(html).contains("Dutt et al.");
        if (LatexCheck.pdflatexAvailable()) {
            LatexCheck.assertCompiles(dir, ReproduceRender.latex(v));
        }
        assertThat(ReproduceRender.markdown(v)).contains("| Sana 0.6B | faithful |");
    }

    @Test
    void badTablesAndMatchesAreOneLineErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "table: x\ncitation: y\nsettings: {}\ncolumns: []\nrows: []\ncolour: red\n");
        assertThatThrownBy(() -> PublishedTable.read(bad)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key 'colour' (allowed: citation, columns, rows, settings, source, table, title, "
                        + "tolerance, url)");
        PublishedTable t = PublishedTable.read(table("chexgenbench-fidelity.yaml"));
        ResultsSet r = ResultsSet.read(ResultsSetTest.fixture("raddino_sana.json"));
        assertThatThrownBy(() -> ReproductionView.of(t, r, Map.of("sana-rerun", "Sana"), null))
                .hasMessageContaining("no row 'Sana'");
    }
}
