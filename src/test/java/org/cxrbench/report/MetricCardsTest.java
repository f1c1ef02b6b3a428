package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The cards' Markdown goes through CommonMark (GitHub tables) with the report's heading levels and table classes. */
class MetricCardsTest {
    @Test
    void headingsSitBelowTheReportsSectionsAndTablesScrollAndWrap() {
        String html = MetricCards.toHtml("# FID\n\n- **Formula**: `a|b` and *other*\n  continued\n\n"
                + "| case | value |\n| --- | --- |\n| x `p\\|q` | 1 |\n\n## Notes\n\nshows <positive labels> & more\n");
        assertThat(html).contains("<h3>FID</h3>").contains("<h4>Notes</h4>")
                .contains("<li><strong>Formula</strong>: <code>a|b</code> and <em>other</em> continued</li>")
                .contains("<div class=\"scroll\"><table>").contains("<th class=\"name\">case</th>")
                .contains("<td class=\"name\" style=\"white-space:normal\">x <code>p|q</code></td>")
                .contains("</table></div>")
                .contains("shows &lt;positive labels&gt; &amp; more");
    }

    @Test
    void everyShippedCardRendersItsTablesAsTables() throws Exception {
        List<Path> cards;
        try (Stream<Path> s = Files.list(Path.of("metrics"))) {
            cards = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(cards).isNotEmpty();
        for (Path p : cards) {
            String html = MetricCards.toHtml(Files.readString(p));
            // a table row left as text means a malformed table (e.g. an unescaped | inside a code span)
            assertThat(html).as(p.toString()).doesNotContain("| ---").doesNotContain("|---");
            assertThat(html).as(p.toString()).startsWith("<h3>");
        }
    }
}
