package org.cxrbench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;
import scala.Tuple2;

/** Executor side of Spark encoding: one encoder per JVM and encoder spec; each task writes its own cache shards. */
final class EncodeTasks {
    private EncodeTasks() {}

    /** Encoders loaded in this executor JVM (an ONNX session or a DJL model is loaded once, not per task). */
    private static final ConcurrentHashMap<String, Encoder> LOADED = new ConcurrentHashMap<>();

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
     * Encodes one group and writes it as shards of at most {@link ImageEncoding#FLUSH_IMAGES} images, the same float32
     * rows the local encoding stores (each image its own forward pass, rounded to float). Returns the count.
     */
    static long encodeGroup(List<Tuple2<String, String>> group, String spec, String fingerprint, int d, String root) {
        Encoder enc = LOADED.computeIfAbsent(spec, Encoders::get);
        if (!enc.fingerprint().equals(fingerprint)) {
            throw new IllegalStateException("the executor's encoder '" + spec + "' has fingerprint " + enc.fingerprint()
                    + " but the driver's has " + fingerprint + ": give executors the same model file");
        }
        long n = 0;
        for (int c0 = 0; c0 < group.size(); c0 += ImageEncoding.FLUSH_IMAGES) {
            List<Tuple2<String, String>> chunk = group.subList(c0, Math.min(group.size(), c0 + ImageEncoding.FLUSH_IMAGES));
            List<String> keys = new ArrayList<>(chunk.size());
            double[] data = new double[chunk.size() * d];
            for (int i = 0; i < chunk.size(); i++) {
                double[] v = enc.encode(decode(chunk.get(i)._2()));
                if (v.length != d) {
                    throw new IllegalStateException(spec + " returned " + v.length + " values, expected " + d);
                }
                for (int j = 0; j < d; j++) {
                    data[i * d + j] = (float) v[j];
                }
                keys.add(chunk.get(i)._1());
            }
            writeShard(Path.of(root), fingerprint, d, keys, new Features(keys.size(), d, data), shardId(fingerprint, keys));
            n += chunk.size();
        }
        return n;
    }

    /** Tests: called after each file of a shard is in place ("npy", then "keys"); may throw to fail the task. */
    static volatile BiConsumer<String, Path> afterShardFile = (what, file) -> {};

    /**
     * A shard's id from its encoder and its keys in order: a task retried after a failure (or run twice by
     * speculation) writes the same names again, so it replaces its earlier files instead of adding a second shard
     * with the same images. Different tasks never share keys (groups are disjoint by content hash).
     */
    static String shardId(String fingerprint, List<String> keys) {
        return "shard-" + Hashing.ofString(fingerprint + "\n" + String.join("\n", keys)).substring(7, 39);
    }

    /**
     * One complete shard of the feature cache, written by this task alone: the .npy then the .keys each to a
     * temporary name and renamed (FeatureCache's layout: a shard is complete once its .keys exists), so tasks on any
     * number of hosts never share a file and take no lock (file locks are not reliable across hosts on network file
     * systems), and a reader never sees half a file. The folder name is FeatureCache's: the fingerprint's hash, hex
     * digits 1-16. {@code id} is {@link #shardId}: a retried task overwrites (rename over) what its failed attempt
     * left, a .npy without .keys included.
     */
    static void writeShard(Path root, String fingerprint, int d, List<String> keys, Features rows, String id) {
        Path dir = root.resolve(Hashing.ofString(fingerprint).substring(7, 23));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache folder " + dir + ": " + e.getMessage(), e);
        }
        Path meta = dir.resolve("encoder.json");
        if (!Files.exists(meta)) {
            AtomicFiles.writeString(meta, Json.toString(Map.of("fingerprint", fingerprint, "dimension", d)) + "\n");
        }
        Path npy = dir.resolve(id + ".npy");
        FeatureFiles.writeNpy(npy, rows);
        afterShardFile.accept("npy", npy);
        Path keyFile = dir.resolve(id + ".keys");
        AtomicFiles.writeString(keyFile, String.join("\n", keys) + "\n");
        afterShardFile.accept("keys", keyFile);
    }

    /** An image by path: a local file, or a URI (hdfs://, s3a://, ...) read through Hadoop's FileSystem API. */
    static GreyImage decode(String path) {
        int scheme = path.indexOf("://");
        if (scheme < 0 || path.startsWith("file:")) {
            return ImageDecoder.decode(scheme < 0 ? Path.of(path) : Path.of(java.net.URI.create(path)));
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("cxrbench-image-", "-" + name);
            org.apache.hadoop.fs.FileSystem fs = SetStore.fileSystem(path);
            try (var in = fs.open(new org.apache.hadoop.fs.Path(path))) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ImageDecoder.decode(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover temporary file
                }
            }
        }
    }
}
