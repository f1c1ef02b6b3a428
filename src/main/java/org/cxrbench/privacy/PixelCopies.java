package org.cxrbench.privacy;

import org.cxrbench.pipeline.RunContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.PixelSpace;
import org.cxrbench.common.PrivacySummary;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.encode.PixelEncoder;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Percentiles;

/**
 * Privacy in pixel space: images downscaled to 32 x 32, nearest-neighbour distances divided by sqrt(pixels), and the
 * synthetic images whose decoded pixels equal a training image's exactly.
 */
final class PixelCopies {
    private PixelCopies() {}

    static PixelSpace pixelSpace(Manifest train, Manifest syn, Manifest hold, PrivacyMetrics.Options options,
                                          RunContext ctx) {
        PixelEncoder enc = new PixelEncoder(32);
        Features ft = ImageEncoding.encode(train, enc, ctx.threads(), ctx.log(), "train (pixels)", ctx.cache());
        Features fs = ImageEncoding.encode(syn, enc, ctx.threads(), ctx.log(), "synthetic (pixels)", ctx.cache());
        Features fh = hold == null ? null
                : ImageEncoding.encode(hold, enc, ctx.threads(), ctx.log(), "holdout (pixels)", ctx.cache());
        PrivacyMetrics.Result p = PrivacyMetrics.compute(ft, fs, fh, options);
        double norm = Math.sqrt(enc.dimension());
        double[] d = Arrays.stream(p.dcr()).map(x -> x / norm).toArray();
        PrivacySummary.Holdout h = p.stats().holdout();
        return new PixelSpace("images centre-cropped and area-resized to 32 x 32, grey values in [0,1]; distances "
                + "divided by sqrt(1024) (per-pixel RMS difference, CheXGenBench's normalisation)",
                Arrays.stream(d).min().getAsDouble(), Percentiles.linear(d, 0.05), Percentiles.linear(d, 0.5),
                h == null ? null : h.memorized(), identicalCopies(train, ft, syn, fs));
    }

    /**
     * Synthetic images whose decoded pixels equal some training image's exactly. Identical pixels give identical
     * pixel features ({@code ft}, {@code fs}: the same deterministic encoder), so only synthetic images whose feature
     * row equals a training row are decoded again and compared in full; the rest cannot be copies.
     */
    static long identicalCopies(Manifest train, Features ft, Manifest syn, Features fs) {
        Map<Integer, List<Integer>> trainByRow = new HashMap<>();
        for (int t = 0; t < ft.n(); t++) {
            trainByRow.computeIfAbsent(rowHash(ft, t), k -> new ArrayList<>()).add(t);
        }
        Map<Integer, String> trainPixels = new HashMap<>();
        long c = 0;
        for (int i = 0; i < fs.n(); i++) {
            List<Integer> candidates = trainByRow.getOrDefault(rowHash(fs, i), List.of());
            String h = null;
            for (int t : candidates) {
                if (!sameRow(ft, t, fs, i)) {
                    continue;
                }
                if (h == null) {
                    h = pixelHash(ImageDecoder.decode(syn.imagePath(i)));
                }
                if (h.equals(trainPixels.computeIfAbsent(t, k -> pixelHash(ImageDecoder.decode(train.imagePath(k)))))) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }

    private static int rowHash(Features f, int i) {
        int h = 1;
        for (int j = 0; j < f.d(); j++) {
            h = 31 * h + Double.hashCode(f.get(i, j));
        }
        return h;
    }

    private static boolean sameRow(Features a, int i, Features b, int j) {
        for (int k = 0; k < a.d(); k++) {
            if (Double.doubleToLongBits(a.get(i, k)) != Double.doubleToLongBits(b.get(j, k))) {
                return false;
            }
        }
        return true;
    }

    static String pixelHash(GreyImage g) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 4 * g.pixels().length);
        b.putInt(g.width()).putInt(g.height());
        for (float f : g.pixels()) {
            b.putFloat(f);
        }
        return Hashing.ofBytes(b.array());
    }
}
