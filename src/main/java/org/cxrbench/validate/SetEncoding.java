package org.cxrbench.validate;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Features;

/**
 * Encodes in-memory images through the feature cache: an image's key is the sha256 of its size and float32 pixels
 * (prefixed {@code pixels:}, so it never collides with a file's hash), so a flawed image made again from the same
 * seed is read from the cache, not encoded again. Rows are rounded to float32 like every cached feature, so the
 * features are the same with or without the cache and for any thread count.
 */
final class SetEncoding {
    private SetEncoding() {}

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

    /** Features of the images in order; cache may be null. Returns the number newly encoded in {@code encoded[0]}. */
    static Features encode(Encoder e, List<GreyImage> images, String[] keys, FeatureCache cache, int[] encoded) {
        int n = images.size();
        int d = e.dimension();
        float[] out = new float[n * d];
        boolean[] have = new boolean[n];
        if (cache != null) {
            Map<String, float[]> got = cache.load(e.fingerprint(), d, new HashSet<>(List.of(keys)));
            for (int i = 0; i < n; i++) {
                float[] row = got.get(keys[i]);
                if (row != null) {
                    System.arraycopy(row, 0, out, i * d, d);
                    have[i] = true;
                }
            }
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!have[i]) {
                todo.add(i);
            }
        }
        todo.parallelStream().forEach(i -> {
            double[] v = e.encode(images.get(i));
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) v[j];
            }
        });
        if (cache != null && !todo.isEmpty()) {
            List<String> ks = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            java.util.Set<String> seen = new HashSet<>();
            for (int i : todo) {
                if (!seen.add(keys[i])) {
                    continue;
                }
                float[] row = java.util.Arrays.copyOfRange(out, i * d, (i + 1) * d);
                ks.add(keys[i]);
                rows.add(row);
            }
            cache.store(e.fingerprint(), d, ks, rows);
        }
        if (encoded != null) {
            encoded[0] = todo.size();
        }
        return new Features(n, d, out);
    }
}
