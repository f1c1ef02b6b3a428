package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature store through Hadoop's file:// file system: what a task reads is what the driver staged, bit for bit. */
class SetStoreTest {
    static Features values(int n, int d, boolean floats, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            double v = r.nextGaussian();
            a[i] = floats ? (float) v : v;
        }
        return new Features(n, d, a);
    }

    @Test
    void rowRangesAcrossFileBoundariesReadBackExactlyAsFloat32OrFloat64(@TempDir Path dir) throws Exception {
        long dflt = SetStore.fileBytes;
        SetStore.fileBytes = 4L * 7 * 10; // 10 float32 rows (5 float64 rows) of d = 7 per file
        try (SetStore store = new SetStore(dir.toUri().toString(), false)) {
            for (boolean floats : new boolean[] {true, false}) {
                Features x = values(53, 7, floats, floats ? 1 : 2);
                SetRef ref = store.stage(x);
                assertThat(ref.float32()).isEqualTo(floats);
                assertThat(store.stage(new Features(53, 7, x.toDoubleArray()))).isSameAs(ref); // by content
                try (var files = Files.list(Path.of(java.net.URI.create(ref.uri())))) {
                    assertThat(files.count()).isEqualTo(floats ? 6 : 11);
                }
                assertThat(SetReader.rows(ref, 0, 53).toDoubleArray()).containsExactly(x.toDoubleArray());
                for (int[] range : new int[][] {{0, 1}, {9, 11}, {3, 47}, {50, 53}, {20, 20}}) {
                    assertThat(SetReader.block(ref.block(0, range[0], range[1])).toDoubleArray())
                            .containsExactly(x.rows(range[0], range[1]).toDoubleArray());
                }
            }
            Path session = Path.of(java.net.URI.create(store.session()));
            assertThat(session).isDirectory();
            store.close();
            assertThat(session).doesNotExist(); // the session's folder goes with the engine
        } finally {
            SetStore.fileBytes = dflt;
        }
    }

    @Test
    void contentIdsDifferForAOneBitChangeAndForTheShape() {
        Features x = values(40, 8, true, 3);
        double[] y = x.toDoubleArray();
        y[123] = Math.nextUp(y[123]);
        assertThat(SetStore.contentId(x)).isNotEqualTo(SetStore.contentId(new Features(40, 8, y)));
        assertThat(SetStore.contentId(x)).isNotEqualTo(SetStore.contentId(new Features(80, 4, x.toDoubleArray())));
        assertThat(SetStore.contentId(x)).isEqualTo(SetStore.contentId(new Features(40, 8, x.toDoubleArray())));
    }

    /** On file:// a file is written to a temporary name and renamed; a write that fails leaves nothing behind. */
    @Test
    void aMatrixStagedAgainIsFoundByIdentityAndHashedAgainWhenASampledRowChanged() {
        int n = 1000;
        int d = 3;
        float[] values = new float[n * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Features x = new Features(n, d, values);
        try (SetStore store = new SetStore(null, true)) {
            SetRef first = store.stage(x);
            assertThat(first.id()).isEqualTo(SetStore.contentId(x));
            assertThat(store.stage(x)).isSameAs(first);
            // row 1 is not among the 64 sampled rows (0, 15, 31, ...): the id remembered for this object is used, not
            // a new hash of every value (the documented limit: the values of a staged matrix are not to change)
            values[d] = -1;
            assertThat(store.stage(x)).isSameAs(first);
            // row 0 is sampled: the change is seen, the matrix hashed and staged again under its new content id
            values[0] = -1;
            SetRef changed = store.stage(x);
            assertThat(changed.id()).isNotEqualTo(first.id()).isEqualTo(SetStore.contentId(x));
            // another object with the same values: hashed (by content), the same descriptor
            assertThat(store.stage(new Features(n, d, values.clone()))).isSameAs(changed);
        }
    }

    @Test
    void theSampleHashSeesTheShapeAndEverySampledRow() {
        Features x = values(200, 4, true, 5);
        double[] y = x.toDoubleArray();
        long base = SetStore.sampleHash(x);
        assertThat(SetStore.sampleHash(new Features(200, 4, y.clone()))).isEqualTo(base);
        assertThat(SetStore.sampleHash(new Features(100, 8, y.clone()))).isNotEqualTo(base);
        for (int sampled : new int[] {0, 9, 199}) { // the first, the fourth of 64 spread over 200 (3 * 199 / 63), the last
            double[] z = y.clone();
            z[sampled * 4 + 2] = Math.nextUp(z[sampled * 4 + 2]);
            assertThat(SetStore.sampleHash(new Features(200, 4, z))).as("row %d", sampled).isNotEqualTo(base);
        }
    }

    @Test
    void aFailedWriteLeavesNoFileAndASuccessfulOneOnlyItsFinalName(@TempDir Path dir) throws Exception {
        String folder = dir.toUri().toString();
        org.apache.hadoop.fs.FileSystem fs = SetStore.fileSystem(folder);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(folder + "part-00000.f32");
        assertThat(fs.hasPathCapability(target, org.apache.hadoop.fs.CommonPathCapabilities.ABORTABLE_STREAM))
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SetStore.writeWhole(fs, target, out -> {
            out.write(new byte[1000]);
            throw new java.io.IOException("injected");
        })).hasMessage("injected");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        SetStore.writeWhole(fs, target, out -> out.write(new byte[] {1, 2, 3}));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("part-00000.f32");
        }
        assertThat(Files.readAllBytes(dir.resolve("part-00000.f32"))).containsExactly(1, 2, 3);
    }
}
