package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs pdflatex on a document when it is installed (tests skip the compile step otherwise). */
final class LatexCheck {
    private LatexCheck() {}

    static boolean pdflatexAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "pdflatex"))) {
                return true;
            }
        }
        return false;
    }

    static void assertCompiles(Path dir, String tex) throws Exception {
        Files.writeString(dir.resolve("t.tex"), tex);
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(dir.resolve("t.pdf")).isNotEmptyFile();
    }
}
