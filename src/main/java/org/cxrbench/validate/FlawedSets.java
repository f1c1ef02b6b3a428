package org.cxrbench.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;

/**
 * Makes the flawed "generators" from the real holdout, in memory: one set of the holdout's size per (flaw,
 * strength), row i derived from holdout image i (pixel flaws) or replaced as the set-level flaw says. Every random
 * choice is drawn from a {@link SplittableRandom} seeded by (seed, flaw, strength, row), so the pixels do not depend
 * on the thread count or order.
 */
final class FlawedSets {
    /** A flawed set: the images and, per image, the findings its description asks for. */
    record FlawedSet(Flaw flaw, int strength, List<GreyImage> images, List<List<ChexpertLabel>> requested) {}

    /** One half of the real images: decoded images, requested findings and patient ids, in manifest order. */
    record RealHalf(List<GreyImage> images, List<List<ChexpertLabel>> requested, String[] patients) {
        int size() {
            return images.size();
        }
    }

    private final RealHalf train;
    private final RealHalf holdout;
    private final long seed;

    FlawedSets(RealHalf train, RealHalf holdout, long seed) {
        this.train = train;
        this.holdout = holdout;
        this.seed = seed;
    }

    RealHalf train() {
        return train;
    }

    RealHalf holdout() {
        return holdout;
    }

    private SplittableRandom rnd(Flaw f, int strength, int row) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + (long) f.stream * 1_000_003L
                + strength * 65_537L + row);
    }

    FlawedSet make(Flaw f, int strength) {
        int n = holdout.size();
        if (strength == 0) {
            return new FlawedSet(f, 0, holdout.images(), holdout.requested());
        }
        double p = f.level(strength);
        GreyImage[] out = new GreyImage[n];
        List<List<ChexpertLabel>> req = new ArrayList<>(holdout.requested());
        switch (f) {
            case MEMORIZE -> replaceShare(f, strength, p, out, (i, r) -> perturbed(train.images().get(r.nextInt(train.size())), r));
            case OFF_TOPIC -> replaceShare(f, strength, p, out, (i, r) -> {
                GreyImage h = holdout.images().get(i);
                return NonRadiographs.any(h.width(), seed + strength, i);
            });
            case MODE_COLLAPSE -> collapse(f, strength, p, out, req);
            case LABEL_SHUFFLE -> {
                System.arraycopy(holdout.images().toArray(new GreyImage[0]), 0, out, 0, n);
                shuffleLabels(f, strength, p, req);
            }
            default -> IntStream.range(0, n).parallel().forEach(i -> out[i] = pixelFlaw(f, p, holdout.images().get(i),
                    rnd(f, strength, i)));
        }
        return new FlawedSet(f, strength, Arrays.asList(out), req);
    }

    static GreyImage pixelFlaw(Flaw f, double p, GreyImage img, SplittableRandom r) {
        return switch (f) {
            case BLUR -> ImageFlaws.blur(img, p);
            case NOISE -> ImageFlaws.noise(img, p, 0, r);
            case POISSON -> ImageFlaws.noise(img, 0, 1 / (p * p), r);
            case CONTRAST -> ImageFlaws.contrast(img, p);
            case GAMMA -> ImageFlaws.gamma(img, p);
            case JPEG -> ImageFlaws.jpeg(img, (int) p);
            case RESAMPLE -> ImageFlaws.resample(img, (int) p);
            case SHIFT -> ImageFlaws.shift(img, sign(r) * p, sign(r) * p / 100, sign(r) * p / 100);
            case TEXT -> ImageFlaws.text(img, (int) p, 0.06, r);
            default -> throw new IllegalArgumentException(f + " is not a pixel flaw");
        };
    }

    private static double sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }

    /** A light perturbation that keeps an image a near copy: Gaussian noise sd 0.005 and a 2% brightness change. */
    static GreyImage perturbed(GreyImage img, SplittableRandom r) {
        GreyImage noisy = ImageFlaws.noise(img, 0.005, 0, r);
        float gain = (float) (1 + 0.02 * (2 * r.nextDouble() - 1));
        float[] p = noisy.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] = ImageFlaws.clamp(p[i] * gain);
        }
        return noisy;
    }

    interface Replacement {
        GreyImage make(int row, SplittableRandom rnd);
    }

    /** Rows of a seeded random share p are replaced, the others are holdout images unchanged. */
    private void replaceShare(Flaw f, int strength, double p, GreyImage[] out, Replacement how) {
        int n = out.length;
        int[] order = permutation(n, rnd(f, strength, -1));
        int k = (int) Math.round(p * n);
        boolean[] replaced = new boolean[n];
        for (int j = 0; j < k; j++) {
            replaced[order[j]] = true;
        }
        IntStream.range(0, n).parallel().forEach(i -> out[i] = replaced[i] ? how.make(i, rnd(f, strength, i))
                : holdout.images().get(i));
    }

    /** Images drawn (in turn, after a seeded shuffle) from a share p of the holdout's patients, lightly perturbed. */
    private void collapse(Flaw f, int strength, double p, GreyImage[] out, List<List<ChexpertLabel>> req) {
        Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
        for (int i = 0; i < holdout.size(); i++) {
            byPatient.computeIfAbsent(holdout.patients()[i], k -> new ArrayList<>()).add(i);
        }
        List<String> patients = new ArrayList<>(byPatient.keySet());
        int[] order = permutation(patients.size(), rnd(f, strength, -1));
        int keep = Math.max(1, (int) Math.round(p * patients.size()));
        List<Integer> pool = new ArrayList<>();
        for (int j = 0; j < keep; j++) {
            pool.addAll(byPatient.get(patients.get(order[j])));
        }
        int[] source = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            source[i] = pool.get(i % pool.size());
            req.set(i, holdout.requested().get(source[i]));
        }
        IntStream.range(0, out.length).parallel().forEach(i -> out[i] = i < pool.size()
                ? holdout.images().get(source[i]) : perturbed(holdout.images().get(source[i]), rnd(f, strength, i)));
    }

    /** A share p of the rows (seeded) have their requested findings permuted among themselves. */
    private void shuffleLabels(Flaw f, int strength, double p, List<List<ChexpertLabel>> req) {
        int n = req.size();
        SplittableRandom r = rnd(f, strength, -1);
        int[] order = permutation(n, r);
        int k = (int) Math.round(p * n);
        int[] rows = Arrays.copyOf(order, k);
        int[] perm = permutation(k, r);
        List<List<ChexpertLabel>> before = new ArrayList<>(req);
        for (int j = 0; j < k; j++) {
            req.set(rows[j], before.get(rows[perm[j]]));
        }
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    static int[] permutation(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
