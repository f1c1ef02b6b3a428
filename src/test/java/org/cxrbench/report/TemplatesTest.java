package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The templates escape as Html.esc does and print no line for a line that holds only a section tag. */
class TemplatesTest {
    @Test
    void valuesAreEscapedLikeTheRestOfTheReportAndSectionLinesPrintNothing() {
        CompareHtml.UtilityTest t = new CompareHtml.UtilityTest("mixed <1:1>", "auc \"macro\" & 'x'=`y`", "+0.01", "–",
                "0.2", "0.4", "no");
        String html = Templates.render("utility", new CompareHtml.UtilitySection(List.of(
                new CompareHtml.UtilityGenerator("g&h", List.of(t), "holm", null, null))));
        assertThat(html).startsWith("<h2>Utility</h2>\n<h3>g&amp;h</h3>")
                .contains("<td class=\"name\">mixed &lt;1:1&gt;</td>")
                .contains("<td class=\"name\">auc &quot;macro&quot; &amp; 'x'=`y`</td>") // ' = ` as Html.esc leaves them
                .endsWith("correction: holm.</p>");
        String withFigure = Templates.render("utility", new CompareHtml.UtilitySection(List.of(
                new CompareHtml.UtilityGenerator("g", List.of(t), "holm", "6", "<div class=\"figs\"></div>\n"))));
        assertThat(withFigure).endsWith("over a family of 6 tests.</p><div class=\"figs\"></div>\n");
    }
}
