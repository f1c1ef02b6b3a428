package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store and image paths by URI: {@code file://} and a URI that only Hadoop's FileSystem API can open (a
 * LocalFileSystem under the test scheme {@code lfs://}, {@link LocalUriFileSystem}) give back what was written, bit
 * for bit. {@code hdfs://} and {@code s3a://} are exercised end to end in {@link HdfsStoreTest} and
 * {@link S3aStoreTest}; Hadoop URIs with characters that need escaping are not.
 */
class HadoopPathsTest {
    @Test
    void theFeatureStoreWritesAndReadsThroughFileAndHadoopUris(@TempDir Path dir) throws Exception {
        Features x = SetStoreTest.values(37, 5, true, 4);
        for (String root : new String[] {dir.resolve("file").toUri().toString(),
                LocalUriFileSystem.SCHEME + "://" + dir.resolve("lfs").toAbsolutePath()}) {
            try (SetStore store = new SetStore(root, false)) {
                SetRef ref = store.stage(x);
                assertThat(ref.uri()).startsWith(root.substring(0, root.indexOf(':')));
                assertThat(SetReader.rows(ref, 0, 37).toDoubleArray()).as(root).containsExactly(x.toDoubleArray());
                assertThat(SetReader.block(ref.block(0, 11, 30)).toDoubleArray()).containsExactly(x.rows(11, 30).toDoubleArray());
            }
        }
        assertThat(dir.resolve("lfs")).isDirectory(); // written on the local disk through the lfs:// file system
    }

    @Test
    void imagesAreReadByPathFileUriAndHadoopUri(@TempDir Path dir) {
        Random r = new Random(5);
        float[] px = new float[32 * 24];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        Path png = dir.resolve("a.png");
        ImageWriter.png8(new GreyImage(32, 24, px, 8), png);
        GreyImage plain = EncodeTasks.decode(png.toString());
        assertThat(EncodeTasks.decode(png.toUri().toString()).pixels()).containsExactly(plain.pixels());
        GreyImage viaHadoop = EncodeTasks.decode(LocalUriFileSystem.SCHEME + "://" + png.toAbsolutePath());
        assertThat(viaHadoop.width()).isEqualTo(32);
        assertThat(viaHadoop.pixels()).containsExactly(plain.pixels());
    }
}
