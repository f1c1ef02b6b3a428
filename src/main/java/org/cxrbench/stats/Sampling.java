package org.cxrbench.stats;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded sampling with fixed draw sequences (Fisher–Yates), so a seed always gives the same indices. */
public final class Sampling {
    private Sampling() {}

    /** m distinct indices of 0..n-1: a partial Fisher–Yates, j = i + rnd.nextInt(n - i) for i < m. */
    public static int[] withoutReplacement(SplittableRandom rnd, int n, int m) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("cannot draw " + m + " of " + n + " without replacement");
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, m);
    }

    /**
     * A subset at a smaller N: m of 0..n-1 drawn without replacement from {@code new SplittableRandom(seed)}, in
     * ascending order (the noise floor's and the generator's draws at equal N).
     */
    public static int[] sortedDraw(long seed, int n, int m) {
        int[] r = withoutReplacement(new SplittableRandom(seed), n, m);
        java.util.Arrays.sort(r);
        return r;
    }

    /** In-place shuffle: for i = n-1 .. 1, swap i with rnd.nextInt(i + 1). */
    public static void shuffle(SplittableRandom rnd, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** In-place shuffle of a list, same draw sequence as {@link #shuffle(SplittableRandom, int[])}. */
    public static <T> void shuffle(SplittableRandom rnd, List<T> a) {
        for (int i = a.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = a.get(i);
            a.set(i, a.get(j));
            a.set(j, t);
        }
    }
}
