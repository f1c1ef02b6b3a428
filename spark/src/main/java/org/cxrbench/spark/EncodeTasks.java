package org.cxrbench.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Blas;
import scala.Tuple2;

/** Executor side of Spark encoding: one encoder per JVM and encoder spec, features stored in the cache by content. */
final class EncodeTasks {
    private EncodeTasks() {}

    /** Encoders loaded in this executor JVM (an ONNX session or a DJL model is loaded once, not per task). */
    private static final ConcurrentHashMap<String, Encoder> LOADED = new ConcurrentHashMap<>();

    private static final Object STORE = new Object();

    /** Fewest images per task (tests lower it to get many concurrent tasks from a few images). */
    static volatile int minImagesPerTask = 64;

    static int groupCount(int images, int slots) {
        // several tasks per slot so a lost executor costs little, but at least minImagesPerTask images per task
        int per = Math.max(1, minImagesPerTask);
        return Math.max(1, Math.min(4 * Math.max(1, slots), (images + per - 1) / per));
    }

    /** (sha256, path) pairs grouped by their content hash (the same image always lands in the same group). */
    static List<List<Tuple2<String, String>>> groupByHash(List<Tuple2<String, String>> todo, int groups) {
        List<List<Tuple2<String, String>>> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            out.add(new ArrayList<>());
        }
        for (Tuple2<String, String> t : todo) {
            String hex = t._1().substring(t._1().indexOf(':') + 1); // "sha256:<hex>"
            int g = (int) (Long.parseLong(hex.substring(0, 8), 16) % groups);
            out.get(g).add(t);
        }
        out.removeIf(List::isEmpty);
        return out;
    }

    /**
     * Encodes one group and stores it in shards of at most {@link ImageEncoding.FLUSH_IMAGES} images, the same float32
     * rows the local encoding stores (each image its own forward pass, rounded to float). Returns the count.
     */
    static long encodeGroup(List<Tuple2<String, String>> group, String spec, String fingerprint, int d, String root) {
        Blas.setThreads(1);
        Encoder enc = LOADED.computeIfAbsent(spec, Encoders::get);
        if (!enc.fingerprint().equals(fingerprint)) {
            throw new IllegalStateException("the executor's encoder '" + spec + "' has fingerprint " + enc.fingerprint()
                    + " but the driver's has " + fingerprint + ": give executors the same model file");
        }
        FeatureCache cache = new FeatureCache(Path.of(root));
        long n = 0;
        for (int c0 = 0; c0 < group.size(); c0 += ImageEncoding.FLUSH_IMAGES) {
            List<Tuple2<String, String>> chunk = group.subList(c0, Math.min(group.size(), c0 + ImageEncoding.FLUSH_IMAGES));
            List<String> keys = new ArrayList<>(chunk.size());
            List<float[]> rows = new ArrayList<>(chunk.size());
            for (Tuple2<String, String> t : chunk) {
                double[] v = enc.encode(ImageDecoder.decode(Path.of(t._2())));
                if (v.length != d) {
                    throw new IllegalStateException(spec + " returned " + v.length + " values, expected " + d);
                }
                float[] row = new float[d];
                for (int j = 0; j < d; j++) {
                    row[j] = (float) v[j];
                }
                keys.add(t._1());
                rows.add(row);
            }
            // the cache's file lock is per JVM: tasks sharing an executor JVM (local[N], multi-core executors) take
            // turns here, executors in other JVMs are kept apart by the file lock itself
            synchronized (STORE) {
                cache.store(fingerprint, d, keys, rows);
            }
            n += chunk.size();
        }
        return n;
    }
}
