package org.cxrbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way (README.md, "Layout"): each package may use only the packages below it. From the bottom up:
 * <ol>
 *   <li>{@code common}, {@code linalg}; then {@code stats}, {@code data}; then {@code phantom}, {@code encode};</li>
 *   <li>{@code pipeline}: the generic stage graph (stage, key, executor over the content-addressed cache), config
 *       reading, the run context, engines, and the data and encode stages every family consumes. It knows no
 *       metric family;</li>
 *   <li>the families {@code fidelity}, {@code privacy}, {@code filter}, {@code utility}: each owns its metric
 *       kernels and the stages and command jobs that run them, on top of {@code pipeline}. They never use each
 *       other, nor {@code report};</li>
 *   <li>{@code report}: reads results and renders them (never computes a metric, never runs a stage);
 *       {@code validate} (controlled flaws measured with the fidelity, privacy and filter families) beside it,
 *       neither using the other;</li>
 *   <li>{@code run}: the declared config-run graph (data -> filter -> encode -> {fidelity, privacy, floor} ->
 *       utility -> report) and the commands that span families (demo, compare, regress, reproduce, bench,
 *       phantom gallery): the only package besides {@code cli} that sees every family and {@code report};</li>
 *   <li>{@code cli}: picocli commands, which build requests, call a family's job or {@code run}, and render.</li>
 * </ol>
 */
class ArchitectureTest {
    static final Set<String> FAMILY_BASE = Set.of("common", "data", "encode", "linalg", "stats", "pipeline");

    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("common", Set.of()),
            Map.entry("linalg", Set.of("common")),
            Map.entry("stats", Set.of("common")),
            Map.entry("data", Set.of("common")),
            Map.entry("phantom", Set.of("common", "data")),
            Map.entry("encode", Set.of("common", "data", "linalg", "phantom", "stats")),
            Map.entry("pipeline", Set.of("common", "data", "encode", "linalg", "phantom")),
            Map.entry("fidelity", FAMILY_BASE),
            Map.entry("privacy", FAMILY_BASE),
            Map.entry("filter", FAMILY_BASE),
            Map.entry("utility", FAMILY_BASE),
            Map.entry("report", Set.of("common", "data", "linalg", "stats", "fidelity", "privacy", "filter", "utility")),
            Map.entry("validate", Set.of("common", "data", "encode", "linalg", "stats", "pipeline", "fidelity",
                    "privacy", "filter")),
            Map.entry("run", Set.of("common", "data", "phantom", "encode", "linalg", "stats", "pipeline", "fidelity",
                    "privacy", "filter", "utility", "report", "validate")),
            Map.entry("cli", Set.of("common", "data", "phantom", "encode", "linalg", "stats", "pipeline", "fidelity",
                    "privacy", "filter", "utility", "report", "run", "validate")));

    static final Pattern REF = Pattern.compile("org\\.cxrbench\\.([a-z]+)\\.");

    @Test
    void lowerLayersNeverUseHigherOnes() throws IOException {
        Path root = Path.of("src/main/java/org/cxrbench");
        assertThat(root).isDirectory();
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            Set<String> used = new TreeSet<>();
            try (Stream<Path> files = Files.walk(root.resolve(e.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = REF.matcher(Files.readString(f));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            used.remove(e.getKey());
            assertThat(used).as("packages used by " + e.getKey()).isSubsetOf(e.getValue());
        }
        try (Stream<Path> dirs = Files.list(root)) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList())
                    .as("every package has a layer").allMatch(ALLOWED::containsKey);
        }
        for (String pkg : ALLOWED.keySet()) {
            assertThat(root.resolve(pkg).resolve("package-info.java")).as(pkg + " package-info").exists();
        }
    }
}
