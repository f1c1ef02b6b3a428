package org.cxrbench.filter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.CxrCnnClassifier;

/**
 * {@code builtin}: an offline judge calibrated on real chest X-rays (see {@link BuiltinCalibration} for the tests and
 * thresholds). An image whose statistic exceeds the rejection threshold is {@code not-relevant} when its CNN feature
 * or its coarse layout is farther from the real images than the not-a-chest-X-ray threshold (not a chest X-ray), else {@code low} when a quality test fails, else
 * {@code not-relevant} (it does not show what its description asks for); an image within the threshold is
 * {@code high} when its statistic is at most the real images' median, else {@code medium}. The score is the
 * statistic (largest robust z; higher is worse).
 */
public final class BuiltinJudge implements Judge {
    public static final int VERSION = 5;

    /** Quality tests that measure pixel-scale artefacts (see {@link #decide}). */
    static final java.util.Set<String> PIXEL_SCALE = java.util.Set.of("noise", "grid");
    private final CxrCnnClassifier cnn;
    private final BuiltinCalibration cal;
    private final String fingerprint;

    private BuiltinJudge(CxrCnnClassifier cnn, BuiltinCalibration cal, String fingerprint) {
        this.cnn = cnn;
        this.cal = cal;
        this.fingerprint = fingerprint;
    }

    /** The fingerprint a judge calibrated on these images would have (known before calibrating). */
    public static String fingerprint(Manifest real, double falseRejection) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < real.size(); i++) {
            var r = real.get(i);
            b.append(r.sha256()).append('\t').append(r.patientId()).append('\t')
                    .append(BuiltinMeasures.requested(r)).append('\n');
        }
        return "builtin;v" + VERSION + ";cxr-cnn-head;k=" + BuiltinCalibration.K + ";calibration="
                + org.cxrbench.common.Hashing.ofString(b.toString()) + ";false_rejection=" + falseRejection;
    }

    /** Measures the real images (hashed manifest) and sets the thresholds. */
    public static BuiltinJudge calibrate(Manifest real, double falseRejection, int threads, PrintStream log) {
        List<ChexpertLabel>[] req = requestedOf(real);
        String[] patients = new String[real.size()];
        for (int i = 0; i < real.size(); i++) {
            patients[i] = real.get(i).patientId();
        }
        return calibrate(i -> ImageDecoder.decode(real.imagePath(i)), real.size(), List.of(req), patients, falseRejection,
                threads, log, fingerprint(real, falseRejection));
    }

    @SuppressWarnings("unchecked")
    private static List<ChexpertLabel>[] requestedOf(Manifest real) {
        List<ChexpertLabel>[] req = new List[real.size()];
        for (int i = 0; i < real.size(); i++) {
            req[i] = BuiltinMeasures.requested(real.get(i));
        }
        return req;
    }

    /** Calibrates on decoded images (made or resized in memory); patients may be null (no leave-patient-out). */
    public static BuiltinJudge calibrate(List<org.cxrbench.data.GreyImage> images, List<List<ChexpertLabel>> requested,
                                         String[] patients, double falseRejection, int threads, PrintStream log) {
        StringBuilder b = new StringBuilder();
        for (org.cxrbench.data.GreyImage g : images) {
            b.append(g.width()).append('x').append(g.height()).append(':').append(java.util.Arrays.hashCode(g.pixels())).append('\n');
        }
        String fp = "builtin;v" + VERSION + ";cxr-cnn-head;k=" + BuiltinCalibration.K + ";calibration=images:"
                + org.cxrbench.common.Hashing.ofString(b.toString()) + ";false_rejection=" + falseRejection;
        return calibrate(images::get, images.size(), requested, patients, falseRejection, threads, log, fp);
    }

    interface Source {
        org.cxrbench.data.GreyImage image(int index);
    }

    private static BuiltinJudge calibrate(Source src, int n, List<List<ChexpertLabel>> req, String[] patients,
                                          double falseRejection, int threads, PrintStream log, String fp) {
        CxrCnnClassifier cnn = new CxrCnnClassifier();
        long t0 = System.nanoTime();
        BuiltinMeasures[] ms = new BuiltinMeasures[n];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        double[] means = new double[n];
        double[] sds = new double[n];
        parallel(all, threads, i -> {
            double[] mo = BuiltinMeasures.moments(BuiltinMeasures.small(src.image(i)));
            means[i] = mo[0];
            sds[i] = mo[1];
        });
        double mean = BuiltinCalibration.median(means);
        double sd = BuiltinCalibration.median(sds);
        org.cxrbench.common.Progress.Meter meter = org.cxrbench.common.Progress.current().meter(
                "filter: calibrating the builtin judge on " + n + " real images", n, "images");
        parallel(all, threads, i -> {
            ms[i] = BuiltinMeasures.of(cnn, src.image(i), mean, sd);
            meter.step();
        });
        String[] pts = new String[n];
        for (int i = 0; i < n; i++) {
            pts[i] = patients == null || patients[i] == null ? "" : patients[i];
        }
        BuiltinCalibration cal = BuiltinCalibration.fit(List.of(ms), req, pts, falseRejection, mean, sd);
        log.printf(Locale.ROOT, "filter: builtin judge calibrated on %d real images in %.1f s: reject above z=%.2f "
                + "(%d real images, target %.1f%%), high up to z=%.2f%n", n, (System.nanoTime() - t0) / 1e9,
                cal.reject, java.util.Arrays.stream(cal.realStatistic).filter(s -> s > cal.reject).count(),
                100 * falseRejection, cal.high);
        return new BuiltinJudge(cnn, cal, fp);
    }

    CxrCnnClassifier cnn() {
        return cnn;
    }

    BuiltinCalibration cal() {
        return cal;
    }

    double calReject() {
        return cal.reject;
    }

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public JudgeInfo info() {
        return new JudgeInfo.Builtin(name(), fingerprint(), "the largest robust z over the tests (higher is worse)", cal.info());
    }

    BuiltinMeasures measure(org.cxrbench.data.GreyImage img) {
        return BuiltinMeasures.of(cnn, img, cal.greyMean, cal.greySd);
    }

    /** The z-scores of every test for one image (order of the calibration's test names). */
    double[] z(BuiltinMeasures m, List<ChexpertLabel> requested) {
        return cal.z(m, requested);
    }

    /** Judges one decoded image asked to show the given findings (for images made in memory). */
    public Judgement judge(org.cxrbench.data.GreyImage img, List<ChexpertLabel> requested) {
        return decide(z(measure(img), requested));
    }

    /** The findings a manifest row asks for (its positive labels, else the findings its prompt names). */
    public static List<ChexpertLabel> requested(org.cxrbench.data.ManifestRecord r) {
        return BuiltinMeasures.requested(r);
    }

    /** The configured false-rejection rate the thresholds were set for. */
    public double falseRejection() {
        return cal.falseRejection;
    }

    Judgement decide(double[] z) {
        String[] names = BuiltinCalibration.testNames();
        int worst = 0;
        for (int t = 1; t < z.length; t++) {
            if (z[t] > z[worst]) {
                worst = t;
            }
        }
        double s = z[worst];
        if (s <= cal.reject) {
            Verdict v = s <= cal.high ? Verdict.HIGH : Verdict.MEDIUM;
            return new Judgement(v, s, String.format(Locale.ROOT, "within the real range (largest z %.2f, %s; reject above %.2f)",
                    s, names[worst], cal.reject));
        }
        int why;
        Verdict v;
        int q = -1;
        for (int t = BuiltinCalibration.FIRST_QUALITY; t < z.length; t++) {
            if (z[t] > cal.reject && (q < 0 || z[t] > z[q])) {
                q = t;
            }
        }
        // a pixel-scale artefact (noise, tiling seams) on an image of a radiograph's layout is a quality flaw: the
        // layout-only naming rule does not apply to it
        boolean pixelArtefact = false;
        for (int t = BuiltinCalibration.FIRST_QUALITY; t < z.length; t++) {
            pixelArtefact |= z[t] > cal.reject && PIXEL_SCALE.contains(names[t]);
        }
        if (Math.max(z[BuiltinCalibration.NOT_CXR], z[BuiltinCalibration.LAYOUT]) > cal.notChestXray
                || (z[BuiltinCalibration.LAYOUT] > cal.layoutNaming && !pixelArtefact)) {
            why = z[BuiltinCalibration.NOT_CXR] >= z[BuiltinCalibration.LAYOUT] ? BuiltinCalibration.NOT_CXR : BuiltinCalibration.LAYOUT;
            v = Verdict.NOT_RELEVANT;
        } else {
            why = q >= 0 ? q : BuiltinCalibration.RELEVANCE;
            v = q >= 0 ? Verdict.LOW : Verdict.NOT_RELEVANT;
        }
        double limit = why == BuiltinCalibration.LAYOUT ? Math.min(cal.notChestXray, cal.layoutNaming)
                : why == BuiltinCalibration.NOT_CXR ? cal.notChestXray : cal.reject;
        return new Judgement(v, s, String.format(Locale.ROOT, "%s z %.2f > %.2f", names[why], z[why], limit));
    }

    @Override
    public void judge(Manifest manifest, List<Integer> indices, int threads, Sink sink, PrintStream log) {
        long t0 = System.nanoTime();
        parallel(indices, threads, i -> {
            BuiltinMeasures m = measure(ImageDecoder.decode(manifest.imagePath(i)));
            sink.accept(i, decide(z(m, BuiltinMeasures.requested(manifest.get(i)))));
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!indices.isEmpty()) {
            log.printf(Locale.ROOT, "filter: builtin judged %d images in %.1f s (%.0f images/s, %d threads)%n", indices.size(),
                    secs, indices.size() / secs, threads);
        }
    }

    interface Work {
        void run(int index);
    }

    /** Runs the work for every index on a pool; the first failure (bad input naming the image) is rethrown. */
    static void parallel(Manifest m, List<Integer> indices, int threads, Work work) {
        parallel(indices, threads, work);
    }

    static void parallel(List<Integer> indices, int threads, Work work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "cxrbench-filter");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            int per = Math.max(1, Math.min(64, indices.size() / (8 * Math.max(1, threads))));
            for (int s = 0; s < indices.size(); s += per) {
                List<Integer> part = indices.subList(s, Math.min(indices.size(), s + per));
                fs.add(pool.submit(() -> {
                    for (int i : part) {
                        work.run(i);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while judging images");
        } finally {
            pool.shutdownNow();
        }
    }
}
