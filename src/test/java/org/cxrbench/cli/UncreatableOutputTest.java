package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: an output under a folder that cannot be created ({@code --json /proc/x/y.json}) failed with exit 1 after
 * the work; permission bits pass it (root passes every access check), so every output is checked by creating a file
 * where it would go, before any work: exit 2 naming the option.
 */
class UncreatableOutputTest {
    @TempDir Path dir;

    @Test
    void everyOutputIsCheckedCreatableBeforeAnyWork() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path real = CliTest.features(dir.resolve("r.npy"), 60, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 50, 4, 0.5, 2);
        String[][] commands = {
                {"fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--metrics", "fid", "--json", "/proc/x/y.json"},
                {"privacy", "--train", real.toString(), "--synthetic", syn.toString(), "--json", "/proc/x/y.json"},
                {"filter", "--input", dir.toString(), "--judge", "labels-file", "--labels", real.toString(), "--out", "/proc/x/f"},
                {"reproduce", "baselines/chexgenbench-fidelity.yaml", "--results", real.toString(), "--out", "/proc/x/r.html"},
        };
        for (String[] c : commands) {
            InputChecksTest.Run r = InputChecksTest.run(c);
            assertThat(r.code()).as(String.join(" ", c) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains("/proc/x").contains("cannot be created");
        }
    }
}
