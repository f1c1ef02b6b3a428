package org.cxrbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** report.html is byte for byte the page written before the template (charts' data left out), values escaped. */
class ValidateReportTest {
    @Test
    void thePageIsThePageWrittenBeforeTheTemplate() throws IOException {
        assertThat(ValidatePages.masked(ValidateReport.html(ValidatePages.outcome(true))))
                .isEqualTo(Files.readString(ValidatePages.EXPECTED.resolve("validate-filtered.html")));
        assertThat(ValidatePages.masked(ValidateReport.html(ValidatePages.outcome(false))))
                .isEqualTo(Files.readString(ValidatePages.EXPECTED.resolve("validate-no-judge.html")));
    }

    @Test
    void encoderNamesJudgeAndCommandAreEscaped() {
        String html = ValidateReport.html(ValidatePages.outcome(true));
        assertThat(html).contains("<h3>enc &lt;b&gt; &amp; &quot;q&quot;</h3>", "Quality filter (judge &lt;x&gt;,",
                "--out &quot;a&lt;b&gt;&amp;c&quot;</pre>").doesNotContain("<b> &", "<x>");
        assertThat(html).endsWith("</body></html>\n").hasLineCount(1);
    }
}
