package org.cxrbench.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writes of the same arrays give the same .npz bytes (fixed entry times), and they read back unchanged. */
class NpzBytesTest {
    @TempDir Path dir;

    @Test
    void sameArraysGiveSameBytes() throws Exception {
        Map<String, FeatureFiles.NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("mu", new FeatureFiles.NpyArray(new long[] {3}, new double[] {1, 2.5, -3}));
        arrays.put("sigma", new FeatureFiles.NpyArray(new long[] {2, 2}, new double[] {1, 0.5, 0.5, 2}));
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        FeatureFiles.writeNpz(a, arrays);
        // the entry time is checked too: two writes within the same 2 s DOS-time step would match even with the clock
        FeatureFiles.writeNpz(b, arrays);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(a.toFile())) {
            assertEquals(java.time.LocalDateTime.of(1980, 1, 1, 0, 0), z.getEntry("mu.npy").getTimeLocal());
        }
        assertArrayEquals(new double[] {1, 0.5, 0.5, 2}, FeatureFiles.readNpz(a).get("sigma").data());
    }
}
