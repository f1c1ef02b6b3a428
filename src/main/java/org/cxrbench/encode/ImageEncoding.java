package org.cxrbench.encode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;

/**
 * Decodes and encodes a manifest's images on a thread pool, through the feature cache when one is given. Each image
 * is encoded independently into its own row and rounded to float32 (the precision of the cache and of
 * {@code encode}'s .npy), so features are bit-identical for any thread count, batch size, and with or without the
 * cache. New features are stored in a shard every {@link #FLUSH_IMAGES} images or {@link #FLUSH_SECONDS} seconds,
 * whichever comes first, so a killed run keeps what it finished and resumes where it stopped.
 */
public final class ImageEncoding {
    private ImageEncoding() {}

    /** Images encoded concurrently in one step (then the step's results are counted towards a flush). */
    static final int STEP = 64;

    /** A shard is written at least every this many newly encoded images... */
    public static final int FLUSH_IMAGES = 256;

    /** ...and at least every this many seconds. */
    public static final int FLUSH_SECONDS = 30;

    public static Features encode(Manifest m, Encoder encoder, int threads, PrintStream log, String role) {
        return encode(m, encoder, threads, log, role, null);
    }

    public static Features encode(Manifest m, Encoder encoder, int threads, PrintStream log, String role,
                                  FeatureCache cache) {
        Encoded e = encodeAll(m, encoder, threads, log, role, cache, false);
        return e.features();
    }

    /** An image that could not be decoded: its manifest row (0-based), file and the decoder's reason. */
    public record BadImage(int row, java.nio.file.Path file, String reason) {}

    /** Features of every row, and the rows whose image could not be decoded (their features are zeros). */
    public record Encoded(Features features, List<BadImage> bad) {}

    /** Bad images named in the error at most; the rest are counted. */
    public static final int BAD_NAMED = 10;

    /**
     * Encodes every image, going on past the ones that cannot be decoded so that all of them are known at once.
     * With {@code keepBad} false, any bad image is one error naming them all (up to {@link #BAD_NAMED}; the shards
     * this call wrote are removed, the cache left as it was); with {@code keepBad} true they come back in
     * {@link Encoded#bad()} (never cached) for the caller to drop.
     */
    public static Encoded encodeAll(Manifest m, Encoder encoder, int threads, PrintStream log, String role,
                                    FeatureCache cache, boolean keepBad) {
        int n = m.size();
        int d = encoder.dimension();
        float[] out = new float[n * d];
        boolean[] have = new boolean[n];
        if (cache != null) {
            m = m.withImageHashes();
            fromCache(m, encoder, cache, out, have, log, role);
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!have[i]) {
                todo.add(i);
            }
        }
        if (todo.isEmpty()) {
            return new Encoded(new Features(n, d, out), List.of());
        }
        Batch job = new Batch(m, encoder, out);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "cxrbench-encode");
            t.setDaemon(true);
            return t;
        });
        // shards written by this call: kept when the process is killed (resume), removed when the run fails on bad
        // input, so a bad image leaves the cache as it was
        List<String> written = new ArrayList<>();
        boolean ok = false;
        try {
            encodeInSteps(job, todo, pool, threads, cache, written, log, role);
            if (!job.bad.isEmpty() && !keepBad) {
                throw badImages(job.bad, n, role);
            }
            ok = true;
            if (job.colour.get() > 0) {
                log.printf("warning: %s: %d RGB image%s with unequal channels converted to grey (ITU-R BT.601 luma)%n",
                        role, job.colour.get(), job.colour.get() == 1 ? "" : "s");
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
            if (!ok && cache != null && !written.isEmpty()) {
                cache.remove(encoder.fingerprint(), written);
            }
        }
        List<BadImage> sorted = new ArrayList<>(job.bad);
        sorted.sort(java.util.Comparator.comparingInt(BadImage::row));
        return new Encoded(new Features(n, d, out), List.copyOf(sorted));
    }

    /** Copies the cached rows into {@code out} and marks them in {@code have}. */
    private static void fromCache(Manifest m, Encoder encoder, FeatureCache cache, float[] out, boolean[] have,
                                  PrintStream log, String role) {
        int n = m.size();
        int d = encoder.dimension();
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < n; i++) {
            wanted.add(m.get(i).sha256());
        }
        Map<String, FeatureCache.Hit> cached = cache.locate(encoder.fingerprint(), d, wanted);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            FeatureCache.Hit hit = cached.get(m.get(i).sha256());
            if (hit != null) {
                hit.shard().row(hit.row(), out, i * d);
                have[i] = true;
                hits++;
            }
        }
        if (hits > 0) {
            log.printf("%s: %d of %d images' features from the cache (%s)%n", role, hits, n, cache.root());
        }
    }

    /**
     * Encodes the rows {@code todo} in steps of {@link #STEP} images on the pool, storing finished rows as cache
     * shards (ids added to {@code written}) and printing progress every 2 s.
     */
    private static void encodeInSteps(Batch job, List<Integer> todo, ExecutorService pool, int threads,
                                      FeatureCache cache, List<String> written, PrintStream log, String role)
            throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        long lastReport = t0;
        long lastFlush = t0;
        List<Integer> pending = new ArrayList<>();
        for (int c0 = 0; c0 < todo.size(); c0 += STEP) {
            List<Integer> chunk = todo.subList(c0, Math.min(todo.size(), c0 + STEP));
            List<Future<?>> futures = new ArrayList<>();
            int per = Math.max(1, (chunk.size() + 4 * threads - 1) / (4 * threads));
            for (int s = 0; s < chunk.size(); s += per) {
                List<Integer> part = chunk.subList(s, Math.min(chunk.size(), s + per));
                futures.add(pool.submit(() -> job.encodePart(part)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            chunk.stream().filter(i -> !job.badRows.contains(i)).forEach(pending::add);
            int done = Math.min(todo.size(), c0 + STEP);
            long now = System.nanoTime();
            if (cache != null && (pending.size() >= FLUSH_IMAGES || done == todo.size()
                    || now - lastFlush >= FLUSH_SECONDS * 1_000_000_000L)) {
                String id = flush(cache, job.encoder, job.d, job.man, job.out, pending);
                if (id != null) {
                    written.add(id);
                }
                pending.clear();
                lastFlush = now;
            }
            if (done < todo.size() && now - lastReport > 2_000_000_000L) {
                double rate = done / ((now - t0) / 1e9);
                log.printf("encoding %s: %d/%d images, %.0f img/s, ETA %.0f s%n", role, done, todo.size(), rate,
                        (todo.size() - done) / rate);
                lastReport = now;
            }
        }
    }

    /** One encodeAll call's shared state: the workers write their rows into {@code out} and note bad images. */
    private static final class Batch {
        final Manifest man;
        final Encoder encoder;
        final int d;
        final float[] out;
        final java.util.Queue<BadImage> bad = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final Set<Integer> badRows = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger colour = new java.util.concurrent.atomic.AtomicInteger();

        Batch(Manifest man, Encoder encoder, float[] out) {
            this.man = man;
            this.encoder = encoder;
            this.d = encoder.dimension();
            this.out = out;
        }

        /** Decodes and encodes the rows {@code part}, the encoder's batch at a time (1 on the CPU, as the bits require). */
        void encodePart(List<Integer> part) {
            int b = Math.max(1, encoder.batchSize());
            for (int p0 = 0; p0 < part.size(); p0 += b) {
                List<Integer> rows = new ArrayList<>(part.subList(p0, Math.min(part.size(), p0 + b)));
                List<org.cxrbench.data.GreyImage> imgs = decode(rows);
                if (rows.isEmpty()) {
                    continue;
                }
                double[][] vs = b == 1 ? new double[][] {encoder.encode(imgs.get(0))} : encoder.encodeBatch(imgs);
                for (int r = 0; r < rows.size(); r++) {
                    double[] v = vs[r];
                    int i = rows.get(r);
                    if (v.length != d) {
                        throw new IllegalStateException(encoder.name() + " returned " + v.length + " values, expected " + d);
                    }
                    for (int j = 0; j < d; j++) {
                        out[i * d + j] = (float) v[j];
                    }
                }
            }
        }

        /** The rows' images; a row whose image cannot be decoded is removed from {@code rows} and noted as bad. */
        private List<org.cxrbench.data.GreyImage> decode(List<Integer> rows) {
            List<org.cxrbench.data.GreyImage> imgs = new ArrayList<>(rows.size());
            for (java.util.Iterator<Integer> it = rows.iterator(); it.hasNext();) {
                int i = it.next();
                ImageDecoder.Decoded img;
                try {
                    img = ImageDecoder.decodeDetailed(man.imagePath(i));
                } catch (BadInputException e) {
                    // go on: every bad image is named at the end, not only the first
                    String why = e.getMessage();
                    int fix = why.lastIndexOf("; ");
                    bad.add(new BadImage(i, man.imagePath(i), fix > 0 ? why.substring(0, fix) : why));
                    badRows.add(i);
                    it.remove();
                    continue;
                }
                if (img.colour()) {
                    colour.incrementAndGet();
                }
                imgs.add(img.image());
            }
            return imgs;
        }
    }

    /** One error naming every bad image (up to {@link #BAD_NAMED}, in row order) and the fix. */
    static BadInputException badImages(java.util.Collection<BadImage> bad, int n, String role) {
        List<BadImage> sorted = new ArrayList<>(bad);
        sorted.sort(java.util.Comparator.comparingInt(BadImage::row));
        StringBuilder b = new StringBuilder(sorted.size() + " of " + n + " " + role + " images cannot be decoded: ");
        for (int k = 0; k < Math.min(BAD_NAMED, sorted.size()); k++) {
            BadImage x = sorted.get(k);
            b.append(k == 0 ? "" : "; ").append("row ").append(x.row() + 1).append(" ").append(x.reason());
        }
        if (sorted.size() > BAD_NAMED) {
            b.append("; and ").append(sorted.size() - BAD_NAMED).append(" more");
        }
        return new BadInputException(b.append(". Re-export or remove them (or, for a command's image input, pass ")
                .append("--skip-bad to leave them out, counted in the results)").toString());
    }

    /** Stores the rows of the images {@code idx} (already in {@code out}) as one cache shard; returns its id. */
    private static String flush(FeatureCache cache, Encoder encoder, int d, Manifest man, float[] out,
                                List<Integer> idx) {
        List<String> keys = new ArrayList<>(idx.size());
        List<float[]> rows = new ArrayList<>(idx.size());
        for (int i : idx) {
            keys.add(man.get(i).sha256());
            rows.add(java.util.Arrays.copyOfRange(out, i * d, (i + 1) * d));
        }
        return cache.store(encoder.fingerprint(), d, keys, rows);
    }
}
