package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: the README's nightly CI example wrote {@code out/nightly} inside the repository and {@code out/} was not
 * ignored, so every night left untracked files in the clone. Every folder the example writes (its {@code --out},
 * {@code --history} and {@code --report} paths) must lie under a top-level folder that .gitignore ignores.
 */
class ReadmeNightlyExampleTest {
    @Test
    void everyPathTheNightlyExampleWritesIsIgnoredByGit() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("## Nightly regression in CI");
        assertThat(at).as("the README's nightly section").isNotNegative();
        String block = readme.substring(at, readme.indexOf("```", readme.indexOf("```yaml", at) + 7));
        List<String> ignored = Files.readAllLines(Path.of(".gitignore"));
        Matcher m = Pattern.compile("--(?:out|history|report) (\\S+)").matcher(block);
        List<String> written = new ArrayList<>();
        while (m.find()) {
            written.add(m.group(1));
        }
        assertThat(written).as("paths the example writes").isNotEmpty();
        for (String p : written) {
            String top = p.split("/")[0];
            assertThat(ignored).as(p + " is under an ignored folder").contains("/" + top + "/");
        }
    }
}
