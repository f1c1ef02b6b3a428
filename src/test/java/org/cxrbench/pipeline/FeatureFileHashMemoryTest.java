package org.cxrbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.cxrbench.common.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature file's content hash (its identity in provenance and in the statistics cache) is remembered by (path,
 * size, modification time) like an image's, so a rerun does not read the whole file to hash it (issue 22.6); with
 * {@code --rehash} (here -Dcxrbench.rehash) it is read again and a wrong memory corrected.
 */
class FeatureFileHashMemoryTest {
    @TempDir Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("cxrbench.hashCache");
        System.clearProperty("cxrbench.rehash");
    }

    @Test
    void aFeatureFilesHashIsRememberedAndRehashCorrectsIt() throws Exception {
        Path features = dir.resolve("real.csv");
        Files.writeString(features, "1,2,3\n4,5,6\n7,8,9\n");
        Files.setLastModifiedTime(features, FileTime.fromMillis(1_700_000_000_000L)); // settled
        Path memory = dir.resolve("hashes.tsv");
        System.setProperty("cxrbench.hashCache", memory.toString());
        String truth = Hashing.ofFile(features);

        assertThat(Inputs.resolve(features, null, "--real").hash()).isEqualTo(truth);
        List<String> lines = Files.readAllLines(memory);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(truth).endsWith(features.toAbsolutePath().normalize().toString());

        // the second resolve takes the remembered hash: a planted wrong one shows it did not read the file
        String planted = "sha256:" + "0".repeat(64);
        Files.writeString(memory, lines.get(0).replace(truth, planted) + "\n");
        assertThat(Inputs.resolve(features, null, "--real").hash()).isEqualTo(planted);

        System.setProperty("cxrbench.rehash", "true");
        assertThat(Inputs.resolve(features, null, "--real").hash()).isEqualTo(truth);
        System.clearProperty("cxrbench.rehash");
        assertThat(Inputs.resolve(features, null, "--real").hash()).isEqualTo(truth); // corrected in the memory
    }
}
