package org.cxrbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Pages rendered by the code before the report markup moved into templates ({@code src/test/resources/report/expected},
 * written by {@link ReportPages#main} compiled against that code), with their images' data left out.
 */
final class ExpectedOutput {
    private ExpectedOutput() {}

    static final Path DIR = Path.of("src/test/resources/report/expected");

    private static final Pattern DATA_URL = Pattern.compile("data:image/(png|svg\\+xml);base64,[A-Za-z0-9+/=]+");

    static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page with each image's data left out ("data:image/png;base64,…"): charts are drawn with the machine's fonts
     * and XChart gives their SVG clip paths random ids, and they are not what the templates make.
     */
    static String masked(String html) {
        String page = DATA_URL.matcher(html).replaceAll("data:image/$1;base64,…");
        return CARDS.matcher(page).replaceAll("$1\n" + CARDS_LEFT_OUT + "\n$2");
    }

    /**
     * The metric cards between "Metric definitions" and "Provenance" (or the page's end): the text of metrics/*.md rendered by
     * {@link MetricCards} (tested apart), which changes whenever a card does, and is not what the templates make.
     */
    private static final Pattern CARDS = Pattern.compile(
            "(<h2(?: id=\"definitions\")?>Metric definitions</h2>).*?(<h2>Provenance</h2>|</body>)", Pattern.DOTALL);
    static final String CARDS_LEFT_OUT = "<!-- metric cards left out (metrics/*.md; MetricCards) -->";
}
