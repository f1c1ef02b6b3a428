package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: an interrupted command exited silently. Now SIGTERM (as Ctrl-C's SIGINT) ends it with one line saying
 * what was kept: nothing, or the finished files and their folders. A child JVM installs the notice as Main does,
 * finishes a file or not, and is stopped while it sleeps.
 */
class InterruptNoticeTest {
    @TempDir Path dir;

    /** Child: the notice installed, one file finished when an argument names it, then a long sleep. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            InterruptNotice.install();
            if (args.length > 0) {
                org.cxrbench.common.AtomicFiles.writeString(Path.of(args[0]), "done\n");
            }
            System.out.println("working");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    static String stopAndReadRest(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(SignalExitTest.nextLine(r)).isEqualTo("working");
        // SIGTERM through the handle: Process.destroy would also close the pipe the line comes through
        p.toHandle().destroy();
        assertThat(p.waitFor(SignalExitTest.EXIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        StringBuilder rest = new StringBuilder();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            rest.append(line).append('\n');
        }
        return rest.toString();
    }

    @Test
    void aTermWithNothingFinishedSaysNothingWasWritten() throws Exception {
        Process p = SignalExitTest.start(dir, Child.class.getName());
        assertThat(stopAndReadRest(p)).isEqualTo("cxrbench: interrupted; nothing written\n");
    }

    @Test
    void aTermAfterAFinishedFileNamesIt() throws Exception {
        Path kept = dir.resolve("stage.json");
        Process p = SignalExitTest.start(dir, Child.class.getName(), kept.toString());
        assertThat(stopAndReadRest(p)).startsWith("cxrbench: interrupted; kept 1 finished file: " + kept.toAbsolutePath());
    }

    @Test
    void manyFilesAreCountedPerFolder() {
        List<Path> w = List.of(Path.of("/o/.stages/a"), Path.of("/o/.stages/b"), Path.of("/c/f/x.npy"),
                Path.of("/d/1"), Path.of("/e/2"));
        assertThat(InterruptNotice.message(w)).startsWith("cxrbench: interrupted; kept 5 finished files in /o/.stages (2), "
                + "/c/f (1), /d (1), and 1 more folders");
    }

    @Test
    void thousandsOfFilesAreKeptAsCountsPerFolderAndASampleWithTheSameLine() {
        org.cxrbench.common.WrittenFiles w = new org.cxrbench.common.WrittenFiles();
        for (int i = 0; i < 7000; i++) {
            w.add(Path.of(i % 10 == 0 ? "/o/.stages" : "/cache/features", "f" + i));
        }
        w.add(Path.of("/o/results.json"));
        org.cxrbench.common.WrittenFiles.Snapshot s = w.snapshot();
        assertThat(s.total()).isEqualTo(7001);
        assertThat(s.sample()).hasSize(org.cxrbench.common.WrittenFiles.SAMPLE); // not 7,001 paths
        assertThat(s.perFolder()).containsExactly(java.util.Map.entry(Path.of("/o/.stages"), 700L),
                java.util.Map.entry(Path.of("/cache/features"), 6300L), java.util.Map.entry(Path.of("/o"), 1L));
        assertThat(InterruptNotice.message(s)).isEqualTo("cxrbench: interrupted; kept 7001 finished files in "
                + "/o/.stages (700), /cache/features (6300), /o (1) (a rerun of the same command reuses what it can)");
    }
}
