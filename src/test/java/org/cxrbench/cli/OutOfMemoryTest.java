package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full heap is one line that says how much to give through CXRBENCH_JAVA_OPTS, not a stack trace. */
class OutOfMemoryTest {
    static final long GB = 1L << 30;

    @Test
    void theAdviceDoublesTheHeapWithinTheMachine() {
        assertThat(OutOfMemory.message(3 * GB, 24 * GB)).startsWith("error: out of memory: the Java heap (3.0 GB)")
                .contains("CXRBENCH_JAVA_OPTS=-Xmx6g").contains("this machine has 24 GB");
        assertThat(OutOfMemory.message(15 * GB, 24 * GB)).contains("-Xmx21g"); // 90% of 24 GB, not 30
        assertThat(OutOfMemory.message(22 * GB, 24 * GB)).contains("this machine has 24 GB; run on a machine with "
                + "more memory").doesNotContain("CXRBENCH_JAVA_OPTS");
        assertThat(OutOfMemory.isCause(new RuntimeException(new java.util.concurrent.ExecutionException(
                new OutOfMemoryError("Java heap space"))))).isTrue();
        assertThat(OutOfMemory.isCause(new RuntimeException("x"))).isFalse();
    }

    @Test
    void aPrivacyRunThatFillsTheHeapEndsWithOneLine(@TempDir Path dir) throws Exception {
        Path big = bigFeatures(dir);
        assertOneLine("privacy", "-q", "--train", big.toString(), "--synthetic", big.toString());
    }

    /** Fidelity fills the heap elsewhere (covariances, KID and CMMD kernels on the run's worker threads). */
    @Test
    void aFidelityRunThatFillsTheHeapEndsWithOneLine(@TempDir Path dir) throws Exception {
        Path big = bigFeatures(dir);
        assertOneLine("fidelity", "-q", "--threads", "2", "--no-cache", "--real", big.toString(), "--synthetic",
                big.toString(), "--metrics", "fid,kid,cmmd");
    }

    static Path bigFeatures(Path dir) throws Exception {
        Path big = dir.resolve("big.npy");
        FeatureFiles.writeNpy(big, new Features(6000, 1024, new double[6000 * 1024])); // 49 MB as doubles
        return big;
    }

    static void assertOneLine(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx40m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> lines = err.lines().filter(l -> !l.startsWith("Picked up ")).toList(); // JAVA_TOOL_OPTIONS
        assertThat(p.exitValue()).isEqualTo(Main.FAILURE);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: out of memory: the Java heap").contains("CXRBENCH_JAVA_OPTS=-Xmx1g");
    }
}
