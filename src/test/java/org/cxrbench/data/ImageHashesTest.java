package org.cxrbench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.common.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image hashes remembered by (path, size, modification time), checked against hashing every file afresh. */
class ImageHashesTest {
    static final FileTime PAST = FileTime.fromMillis(1_700_000_000_000L);

    static Path file(Path dir, String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, PAST); // settled: older than the two-second window
        return p;
    }

    static List<String> direct(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            out.add(Hashing.ofFile(p));
        }
        return out;
    }

    @Test
    void manyFilesHashedInParallelKeepTheirOrderAndAreRememberedForTheNextRun(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            files.add(file(dir, "img" + i + ".png", "image " + i + " " + "x".repeat(i)));
        }
        Path memory = dir.resolve("hashes.tsv");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(ImageHashes.of(files, ImageHashes.Mode.CACHED, memory, quiet)).isEqualTo(direct(files));
        assertThat(Files.readAllLines(memory)).hasSize(200);
        assertThat(ImageHashes.of(files, ImageHashes.Mode.CACHED, memory, quiet)).isEqualTo(direct(files));
        assertThat(Files.readAllLines(memory)).hasSize(200); // nothing new to remember
    }

    @Test
    void aFileWhoseSizeOrTimeChangedIsHashedAgain(@TempDir Path dir) throws Exception {
        Path a = file(dir, "a.png", "first");
        Path b = file(dir, "b.png", "second");
        Path memory = dir.resolve("hashes.tsv");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        ImageHashes.of(List.of(a, b), ImageHashes.Mode.CACHED, memory, quiet);
        Files.writeString(a, "first, longer"); // new size (and time)
        Files.writeString(b, "SECOND");
        Files.setLastModifiedTime(b, FileTime.fromMillis(PAST.toMillis() + 5000)); // same size, new time
        assertThat(ImageHashes.of(List.of(a, b), ImageHashes.Mode.CACHED, memory, quiet))
                .containsExactly(Hashing.ofString("first, longer"), Hashing.ofString("SECOND"));
    }

    @Test
    void rehashCatchesAChangeThatKeptSizeAndTime(@TempDir Path dir) throws Exception {
        Path a = file(dir, "a.png", "content A");
        Path memory = dir.resolve("hashes.tsv");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        String before = ImageHashes.of(List.of(a), ImageHashes.Mode.CACHED, memory, quiet).get(0);
        Files.writeString(a, "content B"); // same size
        Files.setLastModifiedTime(a, PAST); // same time
        // the remembered hash is trusted: the file is not read (what makes a rerun cheap) ...
        assertThat(ImageHashes.of(List.of(a), ImageHashes.Mode.CACHED, memory, quiet)).containsExactly(before);
        // ... and --rehash reads it, says so, and corrects the memory
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThat(ImageHashes.of(List.of(a), ImageHashes.Mode.REHASH, memory, new PrintStream(log)))
                .containsExactly(Hashing.ofString("content B"));
        assertThat(log.toString()).contains("--rehash: 1 image(s) changed content without a change of size or "
                + "modification time").contains(a.toAbsolutePath().toString());
        assertThat(ImageHashes.of(List.of(a), ImageHashes.Mode.CACHED, memory, quiet))
                .containsExactly(Hashing.ofString("content B"));
    }

    @Test
    void aFileModifiedJustNowIsNotRemembered(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("fresh.png");
        Files.writeString(fresh, "just written");
        Path memory = dir.resolve("hashes.tsv");
        ImageHashes.of(List.of(fresh), ImageHashes.Mode.CACHED, memory, new PrintStream(new ByteArrayOutputStream()));
        assertThat(memory).doesNotExist();
    }

    @Test
    void aSecondLoadReadsOnlyWhatWasAppendedAndALookupFindsAPathsLastLine(@TempDir Path dir) throws Exception {
        Path memory = dir.resolve("hashes.tsv");
        String h1 = "sha256:" + "1".repeat(64);
        String h2 = "sha256:" + "2".repeat(64);
        Files.writeString(memory, "5\t7\t" + h1 + "\t/x/a.npy\n5\t7\t" + h1 + "\t/x/b.npy\n");
        assertThat(ImageHashes.load(memory)).containsOnlyKeys("/x/a.npy", "/x/b.npy");
        // another process appends a newer line for a.npy and half a line (still being written)
        Files.writeString(memory, "6\t8\t" + h2 + "\t/x/a.npy\n9\t9\tsha", java.nio.file.StandardOpenOption.APPEND);
        assertThat(ImageHashes.load(memory).get("/x/a.npy").sha256()).isEqualTo(h2);
        assertThat(ImageHashes.load(memory)).hasSize(2);
        Files.writeString(memory, "256:" + "3".repeat(64) + "\t/x/c.npy\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(ImageHashes.load(memory).get("/x/c.npy").sha256()).isEqualTo("sha256:" + "3".repeat(64));
        // the few-files lookup gives the same last entries
        assertThat(ImageHashes.lookup(memory, List.of(Path.of("/x/a.npy"), Path.of("/x/c.npy"), Path.of("/x/none"))))
                .isEqualTo(java.util.Map.of("/x/a.npy", ImageHashes.load(memory).get("/x/a.npy"),
                        "/x/c.npy", ImageHashes.load(memory).get("/x/c.npy")));
        // a compaction replaces the file (a new inode): the next load reads it whole
        Path fresh = dir.resolve("fresh.tsv");
        Files.writeString(fresh, "5\t7\t" + h1 + "\t/x/d.npy\n");
        Files.move(fresh, memory, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(ImageHashes.load(memory)).containsOnlyKeys("/x/d.npy");
    }
}
