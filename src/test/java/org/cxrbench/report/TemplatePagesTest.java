package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page whose markup moved into templates is byte for byte the page the StringBuilder code wrote on the same
 * inputs (the expected files, images' data left out: {@link ExpectedOutput}); values with {@code < > & "} are escaped.
 */
class TemplatePagesTest {
    @TempDir Path dir;

    @Test
    void reproducedTablesAreThePagesWrittenBeforeTheTemplates() {
        for (String[] r : ReportPages.REPRODUCED) {
            String stem = "reproduce-" + ReportPages.stem(r[0]) + "-" + r[1];
            assertThat(ExpectedOutput.masked(ReportPages.reproduce(ReportPages.FIXTURES.resolve(r[0]), r[1])))
                    .as(stem).isEqualTo(ExpectedOutput.read(stem + ".html"));
            ReproductionView v = ReportPages.reproduction(ReportPages.FIXTURES.resolve(r[0]), r[1]);
            assertThat(ReproduceRender.markdown(v)).as(stem).isEqualTo(ExpectedOutput.read(stem + ".md"));
            assertThat(ReproduceRender.latex(v)).as(stem).isEqualTo(ExpectedOutput.read(stem + ".tex"));
        }
    }

    /** A name with the characters each format must escape: HTML's, a Markdown cell's "|", LaTeX's specials. */
    @Test
    void markdownAndLatexEscapeForTheirFormat() throws Exception {
        Path results = dir.resolve("g.json");
        Files.writeString(results, Files.readString(ReportPages.FIXTURES.resolve("raddino_sana.json"))
                .replace("\"sana-rerun\"", "\"sana|<&>_%$\""));
        ReproductionView v = ReproductionView.of(PublishedTable.read(Path.of("baselines", "chexgenbench-fidelity.yaml")),
                ResultsSet.read(results), Map.of("sana|<&>_%$", "Sana 0.6B"), null);
        assertThat(ReproduceRender.html(v)).contains("(sana|&lt;&amp;&gt;_%$)");
        assertThat(ReproduceRender.markdown(v)).contains("| sana\\|<&>_%$ |");
        assertThat(ReproduceRender.latex(v)).contains(" & sana|$<$\\&$>$\\_\\%\\$ & ");
    }

    @Test
    void nightlyVerdictsAreThePagesWrittenBeforeTheTemplates() {
        for (String r : ReportPages.JUDGED) {
            String name = "regress-" + ReportPages.stem(r) + ".html";
            assertThat(ExpectedOutput.masked(ReportPages.regress(ReportPages.FIXTURES.resolve(r), r))).as(name)
                    .isEqualTo(ExpectedOutput.read(name));
        }
    }

    /** The comparison page holds the frame, figures, provenance, metric headers and the per-label tables. */
    @Test
    void comparisonsWithPerLabelTablesAreThePagesWrittenBeforeTheTemplates() {
        for (String r : ReportPages.COMPARED) {
            String name = "compare-" + ReportPages.stem(r) + ".html";
            assertThat(ExpectedOutput.masked(ReportPages.compare(ReportPages.FIXTURES.resolve(r)))).as(name)
                    .isEqualTo(ExpectedOutput.read(name));
        }
    }

    @Test
    void runSectionsAreThePagesWrittenBeforeTheTemplatesAndEscapeNames() throws Exception {
        String html = ReportPages.runSections(dir, "gen <a> & \"b\"", "enc <x>");
        assertThat(ExpectedOutput.masked(html)).isEqualTo(ExpectedOutput.read("run-sections.html"));
        assertThat(html).contains("<h3>gen &lt;a&gt; &amp; &quot;b&quot;</h3>", "<code>enc &lt;x&gt;</code>",
                "(a note &amp; more)", "filter: <span class=\"badge\">low &lt;b&gt;</span>").doesNotContain("<a>", "<x>");
    }

    @Test
    void reproduceAndRegressEscapePathsAndNames() throws Exception {
        Path results = dir.resolve("a&b<c>.json");
        Files.copy(ReportPages.FIXTURES.resolve("raddino_sana.json"), results);
        assertThat(ReportPages.reproduce(results, "chexgenbench-fidelity")).contains("a&amp;b&lt;c&gt;.json</code>")
                .doesNotContain("<c>");
        assertThat(ReportPages.regress(results, results.toString())).contains("a&amp;b&lt;c&gt;.json</code>")
                .doesNotContain("<c>");
    }

    @Test
    void perLabelTablesEscapeLabelsAndGenerators() throws Exception {
        Path results = dir.resolve("labels.json");
        Files.writeString(results, Files.readString(ReportPages.FIXTURES.resolve("multi.json"))
                .replace("\"cardiomegaly\"", "\"Cardio<megaly> & \\\"x\\\"\""));
        StringBuilder b = new StringBuilder();
        PerLabelTable.render(b, ComparisonView.of(List.of(ResultsSet.read(results))));
        assertThat(b.toString()).contains("<th>Cardio&lt;megaly&gt; &amp; &quot;x&quot;</th>").doesNotContain("<megaly>");
    }

    @Test
    void theFrameEscapesTheTitleAndTheFiguresTheirCaptions() {
        StringBuilder b = new StringBuilder();
        Html.open(b, "a <b> & \"c\"");
        Html.figures(b, List.of(new Figure("t<1>", "c&2", "data:image/png;base64,AA==")));
        Html.provenance(b, "p<", null);
        assertThat(b.toString()).contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>", "<h1>a &lt;b&gt; &amp; &quot;c&quot;</h1>\n",
                "alt=\"t&lt;1&gt;\"", "<b>t&lt;1&gt;.</b> c&amp;2</figcaption>", "<summary>p&lt;</summary><pre>(none)</pre>");
    }
}
