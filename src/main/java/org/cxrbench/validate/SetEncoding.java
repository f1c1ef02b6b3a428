package org.cxrbench.validate;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Features;

/**
 * Encodes in-memory images with one encoder, each distinct image once per run: an image's key is the sha256 of its
 * size and float32 pixels (prefixed {@code pixels:}, so it never collides with a file's hash); a key seen before in
 * this run (a holdout image that a set-level flaw keeps, a repeated image) is taken from memory, one stored by an
 * earlier run from the feature cache, and only the rest are encoded, in parallel on the current workers. Rows are
 * rounded to float32 like every cached feature, so the features are the same with or without the cache and for any
 * thread count.
 */
final class SetEncoding {
    private final Encoder encoder;
    private final FeatureCache cache;
    private final Map<String, float[]> seen = new ConcurrentHashMap<>();

    /** Where the rows of one {@link #encode} call came from. */
    record Counts(int encoded, int fromCache, int fromMemory) {}

    SetEncoding(Encoder encoder, FeatureCache cache) {
        this.encoder = encoder;
        this.cache = cache;
    }

    Encoder encoder() {
        return encoder;
    }

    static String key(GreyImage img) {
        MessageDigest md = Hashing.sha256();
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * img.pixels().length);
        b.putInt(img.width()).putInt(img.height());
        for (float v : img.pixels()) {
            b.putFloat(v);
        }
        md.update(b.array());
        return "pixels:" + Hashing.hex(md.digest());
    }

    /** The keys of every image (computed in parallel, deterministic). */
    static String[] keys(List<GreyImage> images) {
        String[] k = new String[images.size()];
        IntStream.range(0, k.length).parallel().forEach(i -> k[i] = key(images.get(i)));
        return k;
    }

    /** Features of the images in order (keys[i] the key of image i); {@code counts[0]} says where they came from. */
    Features encode(List<GreyImage> images, String[] keys, Counts[] counts) {
        int n = images.size();
        int d = encoder.dimension();
        // the first row of each distinct key not yet in memory
        Map<String, Integer> missing = new LinkedHashMap<>();
        int fromMemory = 0;
        for (int i = 0; i < n; i++) {
            if (seen.containsKey(keys[i])) {
                fromMemory++;
            } else if (missing.putIfAbsent(keys[i], i) != null) {
                fromMemory++;
            }
        }
        int fromCache = 0;
        if (cache != null && !missing.isEmpty()) {
            Map<String, float[]> got = cache.load(encoder.fingerprint(), d, new HashSet<>(missing.keySet()));
            for (Map.Entry<String, float[]> g : got.entrySet()) {
                if (missing.remove(g.getKey()) != null) {
                    seen.put(g.getKey(), g.getValue());
                    fromCache++;
                }
            }
        }
        List<Integer> todo = new ArrayList<>(missing.values());
        float[][] rows = new float[todo.size()][];
        IntStream.range(0, todo.size()).parallel().forEach(t -> {
            double[] v = encoder.encode(images.get(todo.get(t)));
            float[] row = new float[d];
            for (int j = 0; j < d; j++) {
                row[j] = (float) v[j];
            }
            rows[t] = row;
        });
        List<String> ks = new ArrayList<>();
        for (int t = 0; t < todo.size(); t++) {
            ks.add(keys[todo.get(t)]);
            seen.put(keys[todo.get(t)], rows[t]);
        }
        if (cache != null && !ks.isEmpty()) {
            cache.store(encoder.fingerprint(), d, ks, List.of(rows));
        }
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(seen.get(keys[i]), 0, out, i * d, d);
        }
        if (counts != null) {
            counts[0] = new Counts(todo.size(), fromCache, fromMemory);
        }
        return new Features(n, d, out);
    }
}
