package org.cxrbench.encode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;

/**
 * Decodes and encodes a manifest's images on a thread pool. Each image is encoded independently and written to
 * its own row, so the features are bit-identical for any thread count. Progress goes to the log.
 */
public final class ImageEncoding {
    private ImageEncoding() {}

    public static Features encode(Manifest m, Encoder encoder, int threads, PrintStream log, String role) {
        int n = m.size();
        int d = encoder.dimension();
        double[] out = new double[n * d];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "cxrbench-encode");
            t.setDaemon(true);
            return t;
        });
        try {
            int chunk = 64;
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < n; s += chunk) {
                final int start = s;
                final int end = Math.min(n, s + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = start; i < end; i++) {
                        double[] v = encoder.encode(ImageDecoder.decode(m.imagePath(i)));
                        System.arraycopy(v, 0, out, i * d, d);
                    }
                }));
            }
            long t0 = System.nanoTime();
            long lastReport = t0;
            int done = 0;
            for (Future<?> f : futures) {
                f.get();
                done = Math.min(n, done + chunk);
                long now = System.nanoTime();
                if (now - lastReport > 2_000_000_000L && done < n) {
                    double rate = done / ((now - t0) / 1e9);
                    log.printf("encoding %s: %d/%d images, %.0f img/s, ETA %.0f s%n", role, done, n, rate, (n - done) / rate);
                    lastReport = now;
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while encoding " + role);
        } finally {
            pool.shutdownNow();
        }
        return new Features(n, d, out);
    }
}
