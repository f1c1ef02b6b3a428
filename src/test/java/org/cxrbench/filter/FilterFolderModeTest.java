package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: filter output folders were made with mode 0700 (createTempDirectory), so others in a lab could not read
 * them; the folder now follows the umask like every other output: its mode is that of a folder made the plain way.
 */
class FilterFolderModeTest {
    @TempDir Path dir;

    @Test
    void thePartialFolderFollowsTheUmask() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain")));
        assumeTrue(plain.contains(PosixFilePermission.OTHERS_READ), "the umask lets others read (e.g. 022)");
        Path partial = FilterWriter.partialDir(dir, "out");
        assertThat(partial.getFileName().toString()).startsWith(".out.partial-");
        assertThat(Files.getPosixFilePermissions(partial)).isEqualTo(plain);
    }
}
