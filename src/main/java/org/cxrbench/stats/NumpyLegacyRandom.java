package org.cxrbench.stats;

/**
 * numpy's legacy {@code np.random.RandomState(seed)} (MT19937 seeded by init_genrand), enough of it to reproduce
 * {@code choice(n, m, replace=False)} = {@code permutation(n)[:m]}, whose shuffle draws
 * {@code j = random_interval(i)} for i = n-1 .. 1 (masked rejection sampling on 32-bit outputs).
 * Used to replicate torch-fidelity's KID subsets ({@code RandomState(2020)}).
 */
public final class NumpyLegacyRandom {
    private final int[] mt = new int[624];
    private int mti;

    public NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32-1], got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < 624; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = 624;
    }

    /** The next 32-bit output of MT19937, as an unsigned value. */
    public long nextUint32() {
        if (mti >= 624) {
            for (int k = 0; k < 624; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
                mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    /** numpy's random_interval(max): uniform on [0, max] by masked rejection (max below 2^32). */
    public long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }

    /** {@code choice(n, m, replace=False)}: the first m entries of a legacy permutation of 0..n-1. */
    public int[] choiceWithoutReplacement(int n, int m) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, m);
    }
}
