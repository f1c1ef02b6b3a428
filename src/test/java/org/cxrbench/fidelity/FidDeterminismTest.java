package org.cxrbench.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.common.Progress;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Workers;
import org.junit.jupiter.api.Test;

/** FID bits are the same at any worker count, run after run, and with two computations at once. */
class FidDeterminismTest {

    static Features set(long seed, int n, int d, double shift) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        double[] mix = new double[d];
        for (int j = 0; j < d; j++) {
            mix[j] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                v[i * d + j] = shift + r.nextGaussian() + 0.5 * common * mix[j];
            }
        }
        return new Features(n, d, v);
    }

    static long fidBits(Features a, Features b, int threads) {
        try (Workers w = Workers.of(threads, Progress.QUIET)) {
            return w.get(() -> Double.doubleToRawLongBits(
                    Fid.compute(GaussianStats.of(a), GaussianStats.of(b), Fid.Route.SYMMETRIC).value()));
        }
    }

    @Test
    void fullRankSameBitsAtAnyThreadCountAndConcurrently() throws Exception {
        check(set(1, 300, 256, 0), set(2, 300, 256, 0.1));
    }

    @Test
    void rankDeficientSameBitsAtAnyThreadCountAndConcurrently() throws Exception {
        check(set(3, 120, 256, 0), set(4, 130, 256, 0.1));
    }

    static long jackknifeBits(Features a, Features b, int threads) {
        try (Workers w = Workers.of(threads, Progress.QUIET)) {
            return w.get(() -> {
                Bootstrap bs = Bootstrap.fid(a, b, 20, 7, 1.0, Fid.Route.SYMMETRIC);
                FidInfinity.Result fi = FidInfinity.compute(GaussianStats.of(a), b, 8, 40, 7, Fid.Route.SYMMETRIC);
                return java.util.Arrays.hashCode(new double[] {bs.se(), bs.basic()[0], bs.basic()[1], fi.value()})
                        * 31L + java.util.Arrays.hashCode(fi.fids());
            });
        }
    }

    @Test
    void jackknifeAndFidInfSameBitsConcurrently() throws Exception {
        Features a = set(5, 120, 256, 0);
        Features b = set(6, 120, 256, 0.1);
        long expected = jackknifeBits(a, b, 1);
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> f = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                int t = 1 + i % 3;
                f.add(ex.submit(() -> jackknifeBits(a, b, t)));
            }
            for (Future<Long> x : f) {
                assertEquals(expected, (long) x.get());
            }
        } finally {
            ex.shutdownNow();
        }
    }

    static void check(Features a, Features b) throws Exception {
        long expected = fidBits(a, b, 1);
        for (int rep = 0; rep < 5; rep++) {
            for (int t = 1; t <= 3; t++) {
                assertEquals(expected, fidBits(a, b, t), "threads " + t + " rep " + rep);
            }
        }
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> f = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int t = 1 + i % 3;
                f.add(ex.submit(() -> fidBits(a, b, t)));
            }
            for (Future<Long> x : f) {
                assertEquals(expected, (long) x.get());
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
