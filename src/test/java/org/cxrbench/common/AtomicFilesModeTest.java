package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 ("respect the umask"): every output file is written through {@link AtomicFiles}; its mode must follow the
 * process's umask as a file made the plain way does (0666 less the umask), not a fixed rw-r--r-- (which made files
 * world-readable under a private umask 077, and not group-writable under a lab's 002). The umask is the process's,
 * so each case runs a child JVM started under it by /bin/sh.
 */
class AtomicFilesModeTest {
    @TempDir Path dir;

    /** Child JVM: writes args[0] through AtomicFiles and a plain file args[1] beside it. */
    public static void main(String[] args) throws Exception {
        AtomicFiles.writeString(Path.of(args[0]), "atomic\n");
        Files.writeString(Path.of(args[1]), "plain\n");
    }

    @ParameterizedTest(name = "umask {0} -> {1}")
    @CsvSource({"077, rw-------", "002, rw-rw-r--", "022, rw-r--r--"})
    void anOutputFileFollowsTheUmask(String umask, String expected) throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "/bin/sh to set the child's umask");
        Path atomic = dir.resolve(umask + "-atomic.json");
        Path plain = dir.resolve(umask + "-plain.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" -Xmx256m -cp \"$1\" "
                + AtomicFilesModeTest.class.getName() + " \"$2\" \"$3\"", java, System.getProperty("java.class.path"),
                atomic.toString(), plain.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain))).isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic))).isEqualTo(expected);
        try (var s = Files.list(dir)) {
            assertThat(s.map(f -> f.getFileName().toString())).as("no temp file left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
