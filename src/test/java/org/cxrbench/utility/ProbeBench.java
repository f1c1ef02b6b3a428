package org.cxrbench.utility;

import java.nio.file.Path;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;

/**
 * Speed of the probe beside scikit-learn's (bench/probe/sklearn_ref.py writes the data and times scikit-learn;
 * bench/probe/run.py alternates the two): {@code java -cp ... org.cxrbench.utility.ProbeBench DIR THREADS [FITS]}
 * fits one seed FITS times (default 2: the second without the JIT's warm-up) in one JVM; with FITS = 1 the whole
 * process is comparable with scikit-learn's, which fits once. A benchmark, not a test.
 */
public final class ProbeBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int fits = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Features x = FeatureFiles.read(dir.resolve("x.npy"));
        Features yf = FeatureFiles.read(dir.resolve("y.npy"));
        byte[][] y = new byte[yf.n()][yf.d()];
        for (int i = 0; i < yf.n(); i++) {
            for (int l = 0; l < yf.d(); l++) {
                y[i][l] = (byte) yf.get(i, l);
            }
        }
        int[] all = java.util.stream.IntStream.range(0, x.n()).toArray();
        TrainingRows rows = TrainingRows.of(new TrainingRows.Block(x, all, y, "real"));
        for (int rep = 0; rep < fits; rep++) {
            long t0 = System.nanoTime();
            LinearProbe.Model m = LinearProbe.fit(rows, LinearProbe.Options.defaults(1.0), threads);
            StringBuilder it = new StringBuilder();
            for (LinearProbe.LabelFit f : m.labels()) {
                it.append(f.iterations()).append(' ');
            }
            System.out.printf("cxrbench probe (%d threads, run %d): %.1f s for one seed, %d labels, iterations %s%n", threads,
                    rep + 1, (System.nanoTime() - t0) / 1e9, m.labels().size(), it);
        }
    }
}
