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
        return DATA_URL.matcher(html).replaceAll("data:image/$1;base64,…");
    }
}
