package org.cxrbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;

/**
 * The run the launcher records the core's class-data-sharing archive from ({@code java -XX:ArchiveClassesAtExit},
 * once per build; target/cxrbench.jsa): {@code fidelity --metrics fid,kid} and {@code privacy --metrics
 * dcr_median,nndr_median} on two tiny float32 .npy files in a temporary folder, so that the command line, the
 * feature files, OpenBLAS's loader, the metrics and the results' JSON start from the archive in later runs
 * (bench/blas/README.md has the measured start-up saving). Not a test; its output is discarded by the launcher.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("cxrbench-cds");
        try {
            Path a = dir.resolve("a.npy");
            Path b = dir.resolve("b.npy");
            FeatureFiles.writeNpy(a, random(64, 16, 1));
            FeatureFiles.writeNpy(b, random(48, 16, 2));
            Path json = dir.resolve("out.json");
            Main.execute("fidelity", "--real", a.toString(), "--synthetic", b.toString(), "--metrics", "fid,kid",
                    "--threads", "2", "-q", "--no-cache", "--json", json.toString());
            Main.execute("privacy", "--train", a.toString(), "--synthetic", b.toString(), "--metrics",
                    "dcr_median,nndr_median", "--threads", "2", "-q", "--no-cache", "--json", json.toString());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    static Features random(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Features(n, d, v);
    }
}
