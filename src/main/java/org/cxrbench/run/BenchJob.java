package org.cxrbench.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.fidelity.Kid;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;

/**
 * Speed of each stage on seeded synthetic features (features already in memory), the utility U-Net's training and
 * phantom rendering; the full-release shapes are {@link ReleaseBench} ({@code bench --release}).
 */
public final class BenchJob {
    private BenchJob() {}

    public record Request(int n, int d, int kidSubsets, int kidSubsetSize, int threads, boolean privacy, int privacyTrain,
                          boolean encoders) {}

    /** Images/s of an encoder on in-memory phantom images (decoding excluded), images spread over the threads. */
    static double encoderRate(org.cxrbench.encode.Encoder e, java.util.List<org.cxrbench.data.GreyImage> imgs, int threads)
            throws Exception {
        for (int i = 0; i < Math.min(20, imgs.size()); i++) {
            e.encode(imgs.get(i)); // warm-up (JIT, native library)
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            java.util.List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (org.cxrbench.data.GreyImage g : imgs) {
                fs.add(pool.submit(() -> e.encode(g)));
            }
            for (var f : fs) {
                f.get();
            }
            return imgs.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    static Features gaussian(int n, int d, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            // a correlated-ish spectrum: column scale decays like real encoder features
            a[i] = (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5) * 2 / Math.sqrt(1 + (i % d) / 64.0) + shift;
        }
        return Features.float32(n, d, a); // as encoders and feature files give them
    }

    public static void run(Request req, PrintStream out) {
        out.printf(Locale.ROOT, "cxrbench bench: N=%d x d=%d features, %d threads%n", req.n(), req.d(), req.threads());
        Features a = gaussian(req.n(), req.d(), 1, 0);
        Features b = gaussian(req.n(), req.d(), 2, 0.01);
        fidelity(req, a, b, out);
        if (req.privacy()) {
            privacy(req, out);
        }
        if (req.encoders()) {
            encoders(req, out);
        }
        unetAndPhantom(out);
    }

    private static void fidelity(Request req, Features a, Features b, PrintStream out) {
        // warm-up: loads the native library and JIT-compiles the Java loops
        Fid.compute(GaussianStats.of(a.rows(0, 300)), GaussianStats.of(b.rows(0, 300)), Fid.Route.SYMMETRIC);
        long t0 = System.nanoTime();
        GaussianStats sa = GaussianStats.of(a);
        GaussianStats sb = GaussianStats.of(b);
        long t1 = System.nanoTime();
        Fid.Result f = Fid.compute(sa, sb, Fid.Route.SYMMETRIC);
        long t2 = System.nanoTime();
        out.printf(Locale.ROOT, "  fid  covariances (2 sets)      %7.2f s%n", (t1 - t0) / 1e9);
        out.printf(Locale.ROOT, "  fid  sqrt trace (symmetric)    %7.2f s%n", (t2 - t1) / 1e9);
        out.printf(Locale.ROOT, "  fid  total                     %7.2f s   (FID %.6f)%n", (t2 - t0) / 1e9, f.value());
        long t3 = System.nanoTime();
        Fid.Result fe = Fid.compute(sa, sb, Fid.Route.EIGVALS);
        long t4 = System.nanoTime();
        out.printf(Locale.ROOT, "  fid  sqrt trace (eigvals/dgeev)%7.2f s   (FID %.6f)%n", (t4 - t3) / 1e9, fe.value());
        int m = Math.min(req.kidSubsetSize(), req.n());
        long t5 = System.nanoTime();
        Kid.Result k = Kid.compute(a, b, Kid.lcgSubsets(a.n(), b.n(), m, req.kidSubsets(), 0));
        long t6 = System.nanoTime();
        out.printf(Locale.ROOT, "  kid  %d subsets of %d          %7.2f s   (KID %.3g)%n", req.kidSubsets(), m, (t6 - t5) / 1e9, k.mean());
        long t9 = System.nanoTime();
        org.cxrbench.fidelity.Prdc.Result pr = org.cxrbench.fidelity.Prdc.compute(a, b, 5, false);
        long t10 = System.nanoTime();
        out.printf(Locale.ROOT, "  prdc k=5, %d x %d                 %7.2f s   (precision %.3f, recall %.3f)%n", a.n(), b.n(),
                (t10 - t9) / 1e9, pr.precision(), pr.recall());
    }

    private static void privacy(Request req, PrintStream out) {
        Features q = gaussian(req.n(), req.d(), 3, 0);
        Features ref = gaussian(req.privacyTrain(), req.d(), 4, 0);
        org.cxrbench.linalg.Knn.searchFast(q.rows(0, 100), ref.rows(0, 1000), 2); // warm-up
        long p0 = System.nanoTime();
        org.cxrbench.linalg.Knn.Result nn = org.cxrbench.linalg.Knn.searchFast(q, ref, 2);
        long p1 = System.nanoTime();
        double secs = (p1 - p0) / 1e9;
        double gflop = 2.0 * q.n() * ref.n() * req.d() / 1e9;
        out.printf(Locale.ROOT, "  privacy 2-NN %d synthetic x %d train x d=%d: %.2f s, %.0f GFLOP/s end to end (first DCR %.6f)%n",
                q.n(), ref.n(), req.d(), secs, gflop / secs, nn.distance(0, 0));
        double projected = secs * (75649.0 / q.n()) * (230000.0 / ref.n());
        out.printf(Locale.ROOT, "  projected SynthCheX-75K (75,649 synthetic) vs 230,000 training images: %.1f min"
                + " (every stage: bench --release)%n", projected / 60);
    }

    private static void encoders(Request req, PrintStream out) {
        for (int size : new int[] {128, 256}) {
            java.util.List<org.cxrbench.data.GreyImage> imgs = new java.util.ArrayList<>();
            for (Study s : World.cohort("e", 0, 100, 1, size)) {
                imgs.add(Renderer.render(s, size).image());
            }
            for (String name : java.util.List.of("radiomics", "cxr-cnn", "pixels16")) {
                try {
                    out.printf(Locale.ROOT, "  encoder %-9s %d px, %d threads   %7.0f images/s%n", name, size, req.threads(),
                            encoderRate(org.cxrbench.encode.Encoders.get(name), imgs, req.threads()));
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }

    private static void unetAndPhantom(PrintStream out) {
        // the utility U-Net's training speed (its PyTorch twin: src/test/resources/utility/bench_unet.sh)
        out.printf(Locale.ROOT, "  unet training 64 px, batch 8, 3 maps, 1 thread %7.1f images/s%n",
                org.cxrbench.utility.Segmenter.trainingRate(64, 3, 8, 12));
        java.util.List<Study> st = World.cohort("b", 0, 300, 1, 128);
        for (Study s : World.cohort("w", 1, 50, 1, 128)) {
            Renderer.render(s, 128); // warm-up: JIT-compile the renderer before timing
        }
        long t7 = System.nanoTime();
        for (Study s : st) {
            Renderer.render(s, 128);
        }
        long t8 = System.nanoTime();
        out.printf(Locale.ROOT, "  phantom render 128 px, 1 thread %7.0f images/s%n", st.size() / ((t8 - t7) / 1e9));
    }
}
