package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four renderings of the multi.json fixture: what a reader must find in each. */
class CompareOutputsTest {
    static final ComparisonView VIEW = ComparisonViewTest.view();

    @Test
    void htmlIsSelfContainedWithChartsCardsAndProvenance() {
        String html = CompareHtml.render(VIEW);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http://").doesNotContain("<script");
        Matcher m = Pattern.compile("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            String svg = new String(Base64.getDecoder().decode(m.group(1)), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(svg).contains("<svg").contains("</svg>");
            images++;
        }
        // fidelity-privacy, FID, KID, precision-recall, density-coverage, DCR histograms, utility (faithful), filter
        // verdicts, filter removals per pathology (faithful's per-label counts; low + not-relevant = its 30 removed)
        assertThat(images).isEqualTo(9);
        assertThat(html).contains("<a href=\"#card-fid\"").contains("id=\"card-fid\"").contains("id=\"card-prdc\"")
                .contains("id=\"card-privacy\"").contains("id=\"card-per_label\"");
        assertThat(html).contains("<details><summary>provenance of multi.json</summary><pre>");
        assertThat(html).contains("⚠ <b>memorizer</b>: 30% of its images are memorised copies");
        assertThat(html).contains("How the noise floor was made.</b></p><ul><li>real vs real: 300 holdout images");
        assertThat(html).contains("features: <b>cxr-cnn;weights=");
        assertThat(html).contains("heat grey");   // the unreliable pneumothorax cells
        assertThat(html).contains("Features (encoder): <code>cxr-cnn;weights=sha256:5fe5");
        assertThat(html).contains("yes *");       // the significant utility comparison
        assertThat(html).contains("≈ real");
    }

    @Test
    void markdownHasArrowsBestAndFloorMarks() {
        String md = ComparisonTables.markdown(VIEW);
        assertThat(md).contains("| generator | N real / synthetic | FID ↓ | KID ↓ | precision ↑");
        assertThat(md).contains("| memorizer ⚠ | 300 / 300 | **1.9 [1.7, 2.2]** ≈† |");
        assertThat(md).contains("| faithful | 300 / 300 | 2.55 [2.31, 2.90] ≈ |");
        assertThat(md).contains("| small-n | 300 / 100 | 2.1 [1.6, 2.9] N≠ |");
    }

    @Test
    void csvIsTheTablesawTableWithCiColumns() {
        String csv = ComparisonTables.csv(ComparisonTables.table(VIEW));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("generator,row,n_real,n_synthetic,fid,fid_ci95_low,fid_ci95_high,fid_vs_floor,fid_best,kid,kid_std,");
        assertThat(lines).hasSize(1 + 5); // 4 generators + 1 floor
        assertThat(lines.get(1)).startsWith("faithful,generator,300,300,2.55,2.31,2.9,within,,");
        assertThat(lines.get(3)).startsWith("memorizer,generator,300,300,1.9,1.7,2.2,better_than_floor,best,");
    }

    @Test
    void latexUsesBooktabsAndCompilesWhenPdflatexIsInstalled(@TempDir Path dir) throws Exception {
        String tex = LatexTable.document(VIEW, "Test table.");
        assertThat(tex).contains("\\usepackage{booktabs}").contains("\\toprule").contains("\\midrule")
                .contains("\\bottomrule").contains("\\textbf{1.9}").contains("FID $\\downarrow$");
        assertThat(LatexTable.esc("a_b & 50% #1 {x} ∞")).isEqualTo("a\\_b \\& 50\\% \\#1 \\{x\\} $\\infty$");
        // the compile is checked where TeX is installed (Debian: texlive-latex-recommended), reported skipped elsewhere
        org.junit.jupiter.api.Assumptions.assumeTrue(LatexCheck.pdflatexAvailable(), "pdflatex is not installed");
        LatexCheck.assertCompiles(dir, tex);
        // generator names with parentheses, hyphens and a filter fixture's eight rows
        Path d2 = Files.createDirectories(dir.resolve("filtered"));
        LatexCheck.assertCompiles(d2, LatexTable.document(ComparisonView.of(List.of(
                ResultsSet.read(ResultsSetTest.fixture("filtered.json")))), "Filtered run (fixture)."));
    }

    @Test
    void aFidelityOnlyFileSaysPrivacyIsMissing() {
        ComparisonView v = ComparisonView.of(List.of(ResultsSet.read(ResultsSetTest.fixture("single_fidelity.json"))));
        String html = CompareHtml.render(v);
        assertThat(html).contains("These results carry no privacy metric").contains(">not measured<");
    }

    @Test
    void theJobWritesAllFourFilesAtomically(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cmp.html");
        org.cxrbench.run.CompareJob.run(new org.cxrbench.run.CompareJob.Request(
                List.of(ResultsSetTest.fixture("multi.json"), ResultsSetTest.fixture("demo_runs.json")), out),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("cmp.csv", "cmp.csv.provenance.json", "cmp.html", "cmp.md", "cmp.tex");
        }
    }
}
