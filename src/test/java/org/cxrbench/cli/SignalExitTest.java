package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a running cxrbench ends it within seconds with 143 (128 + 15, the JVM's code for a TERM), and leaves
 * no output and no temp file. Before the fix `privacy` on large features hung forever after a TERM: OpenBLAS's
 * exit-time destructor joined a pool thread that had missed its wake-up (issue 11, item 1).
 */
class SignalExitTest {
    @TempDir Path dir;

    /** Longest accepted time from TERM to exit; generous for a shared 2-core machine (the hang was unbounded). */
    static final long EXIT_SECONDS = 20;

    static Process start(Path workDir, String mainClass, String... args) throws Exception {
        return startWith(workDir, null, mainClass, args);
    }

    /** Starts a child JVM; {@code toolOptions}, when given, is its JAVA_TOOL_OPTIONS (as CI machines often set). */
    static Process startWith(Path workDir, String toolOptions, String mainClass, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        if (toolOptions != null) {
            pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        return pb.start();
    }

    /**
     * The child's next line of output, past the JVM's "Picked up JAVA_TOOL_OPTIONS: ..." (and _JAVA_OPTIONS,
     * JDK_JAVA_OPTIONS) banners, which the JVM prints first whenever those variables are set.
     */
    static String nextLine(BufferedReader r) throws java.io.IOException {
        String line;
        do {
            line = r.readLine();
        } while (line != null && line.startsWith("Picked up ") && line.contains("OPTIONS"));
        return line;
    }

    /** Sends TERM and returns the exit code, failing if the process is still alive after {@link #EXIT_SECONDS}. */
    static int terminate(Process p) throws Exception {
        p.destroy(); // SIGTERM on Unix
        boolean ended = p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ended).as("exited within " + EXIT_SECONDS + " s of SIGTERM").isTrue();
        return p.exitValue();
    }

    static Features random(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return new Features(n, d, a);
    }

    @Test
    void privacyStoppedByTermExitsPromptlyWith143AndWritesNothing() throws Exception {
        // 16,000 x 1,024 against 8,000 x 1,024: a minute or more of nearest-neighbour products on 2 cores, so the
        // process is inside OpenBLAS calls on several threads when the TERM arrives (before the fix this hung
        // every time the TERM came during the products)
        FeatureFiles.writeNpy(dir.resolve("train.npy"), random(16_000, 1024, 1));
        FeatureFiles.writeNpy(dir.resolve("syn.npy"), random(8_000, 1024, 2));
        Process p = start(dir, "org.cxrbench.cli.Main", "privacy", "--train", "train.npy", "--synthetic", "syn.npy",
                "--json", "p.json", "--threads", "2");
        // the inputs are read once the "synthetic: ..." line is out; the products start right after
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = nextLine(r);
        } while (line != null && !line.startsWith("synthetic:"));
        assertThat(line).as("the child read its inputs").isNotNull();
        Thread.sleep(3000);
        assertThat(p.isAlive()).as("still working when the TERM is sent").isTrue();
        assertThat(terminate(p)).isEqualTo(143);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("train.npy", "syn.npy");
        }
    }

    /** With JAVA_TOOL_OPTIONS set (as in CI), the JVM's banner comes first; the child's own output follows it. */
    @Test
    void aTempFileBeingWrittenIsRemovedWhenTheProcessIsStopped() throws Exception {
        Process p = startWith(dir, "-Dcxrbench.test=1", SlowAtomicWrite.class.getName(), dir.resolve("out.bin").toString());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(nextLine(r)).isEqualTo("writing");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).toList()).as("the temp file exists while writing")
                        .anySatisfy(n -> assertThat(n).startsWith(".out.bin.").endsWith(".tmp"));
            }
            assertThat(terminate(p)).isEqualTo(143);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    /** Child process: starts an atomic write, says so, and never finishes it. */
    public static final class SlowAtomicWrite {
        public static void main(String[] args) {
            org.cxrbench.common.AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1 << 16]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
