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

/** Data flows one way (DEVELOPERS.md): each package may use only the packages below it. */
class ArchitectureTest {
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("common", Set.of()),
            Map.entry("linalg", Set.of("common")),
            Map.entry("stats", Set.of("common")),
            Map.entry("data", Set.of("common")),
            Map.entry("phantom", Set.of("common", "data")),
            Map.entry("encode", Set.of("common", "data", "linalg")),
            Map.entry("fidelity", Set.of("common", "linalg", "stats")),
            Map.entry("privacy", Set.of("common", "linalg", "stats")),
            Map.entry("filter", Set.of("common", "data", "encode", "linalg", "stats")),
            Map.entry("utility", Set.of("common", "data", "linalg", "stats", "encode")),
            Map.entry("report", Set.of("common", "data", "linalg", "stats", "fidelity", "privacy", "filter", "utility")),
            Map.entry("pipeline", Set.of("common", "data", "phantom", "encode", "linalg", "stats", "fidelity",
                    "privacy", "report", "filter", "utility")),
            Map.entry("cli", Set.of("common", "data", "encode", "fidelity", "privacy", "filter", "utility", "pipeline")));

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
