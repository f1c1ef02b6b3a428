package org.cxrbench.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.common.Progress;
import org.cxrbench.linalg.Workers;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;

/**
 * Side-by-side timings of the local engine, Spark local[2] and a loopback standalone cluster (2 workers x 1 core),
 * in one run: {@code knn N M D K} (N queries x M references x D dims) and {@code encode N [SPEC]} (N 256 px PNGs,
 * default the built-in encoder; SPEC e.g. {@code /abs/model.onnx@inception-v3-fid}). Run from spark/: java [Spark's JVM options] -cp "target/test-classes:target/classes:target/lib/*"
 * org.cxrbench.spark.SparkBench knn 10000 20000 2048 2 (see spark/README.md). Results are checked equal too.
 */
public final class SparkBench {
    static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    public static void main(String[] args) throws Exception {
        String what = args[0];
        boolean standalone = !"false".equals(System.getProperty("standalone"));
        Path tmp = Files.createTempDirectory("cxrbench-sparkbench");
        if (what.equals("privacy")) {
            privacy(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
        } else if (what.equals("knn")) {
            knn(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), standalone, tmp);
        } else {
            encode(Integer.parseInt(args[1]), args.length > 2 ? args[2] : "cxr-cnn", standalone, tmp);
        }
        System.exit(0);
    }

    static Features random(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.abs(r.nextGaussian()); // ReLU-like, float32 values as encoders give
        }
        return new Features(n, d, a);
    }

    static void knn(int n, int m, int d, int k, boolean standalone, Path tmp) throws Exception {
        Features q = random(n, d, 1);
        Features ref = random(m, d, 2);
        // the local engine on 2 workers, as a command run with --threads 2 (outside a pool it would be 1 thread)
        Workers two = Workers.of(2, Progress.QUIET);
        two.get(() -> Knn.searchFast(q.rows(0, 200), ref.rows(0, 2000), k)); // warm-up
        long t0 = System.nanoTime();
        Knn.Result local = two.get(() -> Knn.searchFast(q, ref, k));
        double tLocal = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "knn %dx%dx%d k=%d local engine: %.2f s%n", n, m, d, k, tLocal);
        try (SparkEngine spark = new SparkEngine("local[2]", System.err)) {
            spark.nearest(q.rows(0, 200), ref.rows(0, 2000), k); // warm-up job
            t0 = System.nanoTime();
            Knn.Result s = spark.nearest(q, ref, k);
            double t = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "knn spark local[2]: %.2f s (%.2fx local), identical=%b%n", t, t / tLocal,
                    same(s, local));
        }
        if (standalone) {
            System.setProperty("cxrbench.spark.executorMemory", "2g");
            try (LoopbackCluster c = new LoopbackCluster(tmp, 2, 1, "2500m"); SparkEngine spark = c.engine(System.err)) {
                spark.nearest(q.rows(0, 200), ref.rows(0, 2000), k);
                t0 = System.nanoTime();
                Knn.Result s = spark.nearest(q, ref, k);
                double t = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "knn standalone 2 workers x 1 core (loopback): %.2f s (%.2fx local), "
                        + "identical=%b%n", t, t / tLocal, same(s, local));
            }
        }
    }

    /**
     * {@code privacy N M D ROUNDS}: all privacy metrics of N synthetic rows against M training rows (and M/5 holdout
     * rows), local engine and Spark local[2] alternated ROUNDS times in one JVM (the load changes less between
     * neighbours than between processes), each time and the result's equality printed.
     */
    static void privacy(int n, int m, int d, int rounds) {
        Features train = random(m, d, 11);
        Features syn = random(n, d, 12);
        Features hold = random(Math.max(1, m / 5), d, 13);
        org.cxrbench.privacy.PrivacyMetrics.Options opts = org.cxrbench.privacy.PrivacyMetrics.Options.defaults();
        try (SparkEngine spark = new SparkEngine("local[2]", System.err)) {
            // the local engine on 2 workers, as a command run with --threads 2 (outside a pool it would be 1 thread)
            Workers two = Workers.of(2, Progress.QUIET);
            for (int r = 1; r <= rounds; r++) {
                String load0 = load();
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                var local = two.get(() -> org.cxrbench.privacy.PrivacyMetrics.compute(train, syn, hold, opts));
                double tLocal = (System.nanoTime() - t0) / 1e9;
                double cLocal = (cpuNanos() - c0) / 1e9;
                c0 = cpuNanos();
                t0 = System.nanoTime();
                var onSpark = org.cxrbench.privacy.PrivacyMetrics.compute(
                        new org.cxrbench.privacy.PrivacyMetrics.Reference(train, hold, spark), syn, opts, null);
                double tSpark = (System.nanoTime() - t0) / 1e9;
                double cSpark = (cpuNanos() - c0) / 1e9;
                // the process's CPU seconds too: on a shared machine they vary less with the others' load than wall time
                System.out.printf(Locale.ROOT, "privacy %dx%dx%d round %d: local %.2f s, spark local[2] %.2f s "
                        + "(%.2fx), identical=%b, load %s -> %s; CPU local %.2f s, spark %.2f s (%.2fx)%n", n, m, d, r,
                        tLocal, tSpark, tSpark / tLocal, java.util.Arrays.equals(local.dcr(), onSpark.dcr())
                                && local.stats().equals(onSpark.stats()), load0, load(), cLocal, cSpark, cSpark / cLocal);
            }
        }
    }

    /** CPU time of this process, every thread (the JVM's own included), in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static boolean same(Knn.Result a, Knn.Result b) {
        return java.util.Arrays.equals(a.indices(), b.indices()) && java.util.Arrays.equals(a.distances(), b.distances());
    }

    static void encode(int n, String spec, boolean standalone, Path tmp) throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            float[] px = new float[256 * 256];
            double f = 0.01 + 0.002 * r.nextDouble();
            for (int j = 0; j < px.length; j++) {
                px[j] = (float) Math.max(0, Math.min(1, 0.5 + 0.3 * Math.sin(j * f) + 0.05 * r.nextGaussian()));
            }
            ImageWriter.png8(new GreyImage(256, 256, px, 8), images.resolve(String.format("img%05d.png", i)));
        }
        Manifest m = FolderReader.read(images, null);
        Encoder enc = Encoders.get(spec);
        ImageEncoding.encode(new Manifest(m.records().subList(0, 20), m.baseDir()), enc, 2, QUIET, "warm-up");
        long t0 = System.nanoTime();
        Features local = ImageEncoding.encode(m, enc, 2, QUIET, "bench", new FeatureCache(tmp.resolve("cache-local")));
        double tLocal = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "encode %d images " + spec + ", local engine (2 threads, into a fresh cache): %.2f s "
                + "(%.0f images/s)%n", n, tLocal, n / tLocal);
        try (SparkEngine spark = new SparkEngine("local[2]", System.err)) {
            FeatureCache cache = new FeatureCache(tmp.resolve("cache-spark"));
            t0 = System.nanoTime();
            spark.encodeIntoCache(m, spec, cache, 2, QUIET);
            double t = (System.nanoTime() - t0) / 1e9;
            Features back = ImageEncoding.encode(m, enc, 2, QUIET, "check", cache);
            System.out.printf(Locale.ROOT, "encode spark local[2] (into a fresh cache): %.2f s (%.2fx local), "
                    + "identical=%b%n", t, t / tLocal, java.util.Arrays.equals(back.toDoubleArray(), local.toDoubleArray()));
        }
        if (standalone) {
            System.setProperty("cxrbench.spark.executorMemory", "1500m");
            try (LoopbackCluster c = new LoopbackCluster(tmp, 2, 1, "2g"); SparkEngine spark = c.engine(System.err)) {
                FeatureCache cache = new FeatureCache(tmp.resolve("cache-standalone"));
                t0 = System.nanoTime();
                spark.encodeIntoCache(m, spec, cache, 2, QUIET);
                double t = (System.nanoTime() - t0) / 1e9;
                Features back = ImageEncoding.encode(m, enc, 2, QUIET, "check", cache);
                System.out.printf(Locale.ROOT, "encode standalone 2 workers x 1 core (loopback): %.2f s (%.2fx local), "
                        + "identical=%b%n", t, t / tLocal, java.util.Arrays.equals(back.toDoubleArray(), local.toDoubleArray()));
            }
        }
    }
}
