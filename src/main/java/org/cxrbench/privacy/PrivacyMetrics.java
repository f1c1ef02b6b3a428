package org.cxrbench.privacy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Family;
import org.cxrbench.common.Interval;
import org.cxrbench.common.MetricFunctions;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.PrivacySummary;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.ParallelKernels;
import org.cxrbench.stats.Percentiles;

/**
 * Nearest-neighbour privacy checks of every synthetic row against the real training set (and a real holdout set as
 * the reference for what "close" means for unseen real images). All distances are Euclidean, exact (refined in
 * double), ties broken by the lower training index.
 *
 * <ul>
 *   <li>DCR: distance to the closest training record; summaries min, p5 (numpy's linear percentile, and nearest
 *       rank), median, mean.</li>
 *   <li>NNDR: d1 / d2 (nearest over second-nearest training distance; undefined when d2 = 0).</li>
 *   <li>Exact copies: DCR exactly 0.</li>
 *   <li>Memorised: DCR below the {@code memorizationQuantile} quantile of the holdout rows' own distances to their
 *       nearest training row: closer to a training image than (1 - q) of unseen real images are. The threshold is
 *       calibrated on data and reported.</li>
 *   <li>Carlini ratio: d1 / (alpha * mean of the n nearest training distances), alpha 0.5, n = min(50, N_train)
 *       (Carlini et al. 2023); below 1/3 counts as a likely copy.</li>
 *   <li>Identifiability (synthcity, unit weights): share of training rows whose nearest synthetic row is strictly
 *       closer than their nearest other training row.</li>
 *   <li>Holdout share: share of synthetic rows strictly closer to train than to holdout; holdout score
 *       min(2(1 - share), 1) (SDMetrics' DCROverfittingProtection formula, on L2 distances).</li>
 * </ul>
 */
public final class PrivacyMetrics {
    private PrivacyMetrics() {}

    public record Options(double memorizationQuantile, int carliniN, double carliniAlpha) {
        public static Options defaults() {
            return new Options(0.001, 50, 0.5);
        }
    }

    /** Per synthetic row results (arrays indexed by synthetic row) and the typed summary. */
    public record Result(int[] nnTrainIndex, double[] dcr, double[] secondDistance, double[] nndr, double[] carliniRatio,
                         double[] dcrHoldout, boolean[] memorized, Double memorizationThreshold, PrivacySummary stats) {}

    /** The privacy context the metric functions read: a set's summary, its re-id score (or null) and its counts. */
    public record Scored(PrivacySummary summary, Double reidScore, Map<String, Long> counts) {
        MetricResult of(String id, Number v) {
            return v == null ? null : MetricResult.of(id, v.doubleValue(), counts);
        }

        /**
         * A share of the synthetic images with its Wilson 95% interval: given the training (and holdout) images,
         * the synthetic images are independent draws of the generator, so the count is binomial (metrics/privacy.md).
         */
        MetricResult share(String id, Double v) {
            if (v == null || !Double.isFinite(v)) {
                return of(id, v);
            }
            long n = counts.getOrDefault("n_synthetic", 0L);
            long k = Math.round(v * n);
            double[] ci = org.cxrbench.stats.Proportions.wilson(k, n);
            return MetricResult.of(id, v, counts).withInterval(new Interval(ci[0], ci[1], SHARE_ESTIMAND,
                    "Wilson score interval for " + k + " of " + n + " synthetic images (Wilson 1927)"));
        }

        PrivacySummary.Holdout h() {
            return summary.holdout();
        }
    }

    static final String SHARE_ESTIMAND = "the probability that an image from this generator has the property, given "
            + "these training (and holdout) images and this threshold: the share among infinitely many of its images";

    /** The function of every privacy id, bound to its declaration (a declared id without one fails here). */
    static final MetricFunctions<Scored> FUNCTIONS = MetricFunctions.<Scored>builder(Family.PRIVACY)
            .bind("dcr_min", c -> c.of("dcr_min", c.summary().dcrMin()))
            .bind("dcr_median", c -> c.of("dcr_median", c.summary().dcrMedian()))
            .bind("dcr_p5", c -> c.of("dcr_p5", c.summary().dcrP5()))
            .bind("exact_copies", c -> c.of("exact_copies", c.summary().exactCopies()))
            .bind("memorized", c -> c.h() == null ? null : c.of("memorized", c.h().memorized()))
            .bind("memorized_fraction", c -> c.h() == null ? null : c.share("memorized_fraction", c.h().memorizedFraction()))
            .bind("nndr_median", c -> c.of("nndr_median", c.summary().nndrMedian()))
            .bind("identifiability", c -> c.of("identifiability", c.summary().identifiability()))
            .bind("holdout_closer_share", c -> c.h() == null ? null : c.share("holdout_closer_share", c.h().closerShare()))
            .bind("holdout_score", c -> c.h() == null ? null : c.of("holdout_score", c.h().score()))
            .bind("reid_score", c -> c.share("reid_score", c.reidScore()))
            .build();

    /** The bound functions (tests check the binding against the registry). */
    public static MetricFunctions<?> functions() {
        return FUNCTIONS;
    }

    /**
     * The registry's privacy results of one set: each requested id whose inputs the run had, in declaration order;
     * the others are added to {@code unavailable} (when not null).
     *
     * @param reidScore the re-identification score, or null when not measured
     */
    public static Map<String, MetricResult> results(Result r, Double reidScore, long nTrain, long nSynthetic,
                                                    java.util.Collection<String> want, List<String> unavailable) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("n_train", nTrain);
        counts.put("n_synthetic", nSynthetic);
        return PrivacyIntervals.attach(FUNCTIONS.compute(want, new Scored(r.stats(), reidScore, counts), unavailable), r);
    }

    public static void validate(Features train, Features synthetic, Features holdout) {
        if (train.n() < 2) {
            throw new BadInputException("the training set needs at least 2 rows (it has " + train.n() + ")");
        }
        if (synthetic.n() < 1) {
            throw new BadInputException("the synthetic set is empty");
        }
        if (train.d() != synthetic.d()) {
            throw new BadInputException("training features have " + train.d() + " dimensions but synthetic have "
                    + synthetic.d() + "; encode both with the same encoder");
        }
        if (holdout != null && (holdout.d() != train.d() || holdout.n() < 1)) {
            throw new BadInputException("holdout features have " + holdout.d() + " dimensions and " + holdout.n()
                    + " rows; encode it like the training set");
        }
    }

    public static Result compute(Features train, Features synthetic, Features holdout, Options o) {
        return compute(train, synthetic, holdout, o, null);
    }

    /** Keys that need the holdout searches. */
    static final List<String> HOLDOUT_KEYS = List.of("memorized", "memorized_fraction", "holdout_closer_share",
            "holdout_score");

    /**
     * Computes what the requested keys need ({@code want} null: everything): the synthetic-to-train search always;
     * the train-to-train and train-to-synthetic searches only for identifiability; the holdout searches only for
     * the memorisation and holdout keys.
     */
    public static Result compute(Features train, Features synthetic, Features holdout, Options o, java.util.Set<String> want) {
        return compute(new Reference(train, holdout), synthetic, o, want);
    }

    /**
     * The real side of the privacy checks, shared by every synthetic set compared with it: the training set, the
     * holdout, and, computed on first use, the training set's own 2-NN search (identifiability) and the holdout's
     * distances to the training set (the memorisation threshold).
     */
    public static final class Reference {
        final Features train;
        final Features holdout;
        /** Where the nearest-neighbour searches run (bit-identical results on every engine). */
        final ParallelKernels kernels;
        private Knn.Result trainSelf;
        private double[] holdoutToTrain;

        public Reference(Features train, Features holdout) {
            this(train, holdout, ParallelKernels.LOCAL);
        }

        public Reference(Features train, Features holdout, ParallelKernels kernels) {
            this.train = train;
            this.holdout = holdout;
            this.kernels = kernels == null ? ParallelKernels.LOCAL : kernels;
        }

        synchronized Knn.Result trainSelf() {
            if (trainSelf == null) {
                trainSelf = kernels.nearest(train, train, 2);
            }
            return trainSelf;
        }

        synchronized double[] holdoutToTrain() {
            if (holdoutToTrain == null) {
                Knn.Result ht = kernels.nearest(holdout, train, 1);
                holdoutToTrain = new double[holdout.n()];
                for (int i = 0; i < holdoutToTrain.length; i++) {
                    holdoutToTrain[i] = ht.distance(i, 0);
                }
            }
            return holdoutToTrain;
        }
    }

    public static Result compute(Reference ref, Features synthetic, Options o, java.util.Set<String> want) {
        Features train = ref.train;
        Features holdout = ref.holdout;
        validate(train, synthetic, holdout);
        boolean ident = want == null || want.contains("identifiability");
        if (holdout != null && want != null && HOLDOUT_KEYS.stream().noneMatch(want::contains)) {
            holdout = null;
        }
        int n = synthetic.n();
        // the Carlini ratio (a diagnostic, not a registry key) needs carliniN neighbours; only when everything is asked
        boolean carliniWanted = want == null;
        int kc = carliniWanted ? Math.min(o.carliniN(), train.n()) : 1;
        Knn.Result nn = ref.kernels.nearest(synthetic, train, Math.max(2, kc));
        int[] idx = new int[n];
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        double[] nndr = new double[n];
        double[] carlini = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = nn.index(i, 0);
            d1[i] = nn.distance(i, 0);
            d2[i] = nn.distance(i, 1);
            nndr[i] = d2[i] == 0 ? Double.NaN : d1[i] / d2[i];
            double s = 0;
            for (int j = 0; j < kc; j++) {
                s += nn.distance(i, j);
            }
            double meanK = s / kc;
            carlini[i] = meanK == 0 ? 0 : d1[i] / (o.carliniAlpha() * meanK);
        }
        long exact = Arrays.stream(d1).filter(x -> x == 0.0).count();
        double[] finite = Arrays.stream(nndr).filter(Double::isFinite).toArray();
        PrivacySummary.Carlini carliniSummary = !carliniWanted ? null : new PrivacySummary.Carlini(Percentiles.linear(carlini, 0.5),
                Arrays.stream(carlini).filter(x -> x < 1.0 / 3).count(), kc);
        double[] id = ident ? identifiability(ref, synthetic) : null;
        Double identifiability = id == null ? null : id[0];
        Double realToSynthMean = id == null ? null : id[1];
        boolean[] mem = new boolean[n];
        HoldoutChecks h = holdout == null ? null : holdoutChecks(ref, synthetic, d1, o, mem);
        double[] dh = h == null ? null : h.distances();
        Double threshold = h == null ? null : h.threshold();
        PrivacySummary.Holdout hs = h == null ? null : h.summary();
        List<String> unavailable = holdout == null && (want == null || HOLDOUT_KEYS.stream().anyMatch(want::contains))
                ? List.copyOf(HOLDOUT_KEYS) : null;
        PrivacySummary sum = new PrivacySummary(train.n(), n, Arrays.stream(d1).min().getAsDouble(), Percentiles.linear(d1, 0.05),
                Percentiles.nearestRank(d1, 0.05), Percentiles.linear(d1, 0.5), Arrays.stream(d1).average().getAsDouble(),
                exact, finite.length == 0 ? null : Percentiles.linear(finite, 0.5), n - finite.length, carliniSummary,
                identifiability, realToSynthMean, hs, unavailable, null, null);
        return new Result(idx, d1, d2, nndr, carlini, dh, mem, threshold, sum);
    }

    /**
     * Identifiability and the mean real-to-synthetic distance: real training row i is identifiable when its nearest
     * synthetic row is strictly closer than its nearest other training row.
     */
    private static double[] identifiability(Reference ref, Features synthetic) {
        Features train = ref.train;
        Knn.Result tt = ref.trainSelf();
        Knn.Result ts = ref.kernels.nearest(train, synthetic, 1);
        int identified = 0;
        double realToSynth = 0;
        for (int i = 0; i < train.n(); i++) {
            double other = tt.index(i, 0) == i ? tt.distance(i, 1) : tt.distance(i, 0);
            if (ts.distance(i, 0) < other) {
                identified++;
            }
            realToSynth += ts.distance(i, 0);
        }
        return new double[] {(double) identified / train.n(), realToSynth / train.n()};
    }

    /** The holdout's checks: each synthetic row's holdout distance, the memorisation threshold and the summary. */
    private record HoldoutChecks(double[] distances, double threshold, PrivacySummary.Holdout summary) {}

    /**
     * Synthetic-to-holdout distances (the holdout share: synthetic rows nearer the training set than the holdout),
     * and memorised copies: dcr below the q quantile of unseen real images' distances to their nearest training image
     * ({@code mem} filled per synthetic row).
     */
    private static HoldoutChecks holdoutChecks(Reference ref, Features synthetic, double[] d1, Options o,
                                               boolean[] mem) {
        Features holdout = ref.holdout;
        int n = synthetic.n();
        Knn.Result sh = ref.kernels.nearest(synthetic, holdout, 1);
        double[] dh = new double[n];
        int closer = 0;
        for (int i = 0; i < n; i++) {
            dh[i] = sh.distance(i, 0);
            if (d1[i] < dh[i]) {
                closer++;
            }
        }
        double share = (double) closer / n;
        // calibration: unseen real images' distances to their nearest training image
        double[] hd = ref.holdoutToTrain();
        double threshold = Percentiles.linear(hd, o.memorizationQuantile());
        int memorized = 0;
        for (int i = 0; i < n; i++) {
            mem[i] = d1[i] < threshold;
            memorized += mem[i] ? 1 : 0;
        }
        String note = holdout.n() * o.memorizationQuantile() >= 1 ? null : "the holdout has fewer than 1/q = "
                + Math.round(1 / o.memorizationQuantile())
                + " images: the threshold is (close to) the smallest holdout distance";
        return new HoldoutChecks(dh, threshold, new PrivacySummary.Holdout(share, Math.min(2 * (1 - share), 1),
                Percentiles.linear(dh, 0.5), memorized, (double) memorized / n, threshold, "dcr < the "
                + o.memorizationQuantile() + " quantile (linear) of the " + holdout.n() + " holdout images' distances"
                + " to their nearest training image", Percentiles.linear(hd, 0.5), note));
    }
}
