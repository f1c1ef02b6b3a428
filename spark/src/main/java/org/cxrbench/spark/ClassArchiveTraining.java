package org.cxrbench.spark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Random;
import org.cxrbench.linalg.Features;

/**
 * The run the launcher records a class-data-sharing archive from ({@code java -XX:ArchiveClassesAtExit}, once per
 * build of spark/): a tiny nearest-neighbour and moments job on {@code local[1]} and one question to a master that is
 * not there, so the classes of the Spark context, its tasks and its RPC are in the archive. Runs with the archive
 * then start those classes from it: on this 2-core machine at load ~20, a master without workers failed in
 * 12.7-14.0 s instead of 18.2-19.3 s (see spark/README.md). Not a test; prints nothing.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {}

    public static void main(String[] args) throws Exception {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Random r = new Random(0);
        double[] a = new double[64 * 8];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        Features x = new Features(64, 8, a);
        try (SparkEngine e = new SparkEngine("local[1]", none)) {
            e.nearest(x.rows(0, 16), x, 2);
            e.moments(x);
        }
        // the RPC classes of the master check (nothing listens on port 1: the question fails at once)
        MasterState.ask("127.0.0.1", 1, 500, 0, 1024);
        MasterCheck.aliveWorkers("127.0.0.1", 1);
    }
}
