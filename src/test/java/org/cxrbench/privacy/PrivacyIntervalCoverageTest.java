package org.cxrbench.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.cxrbench.common.Interval;
import org.cxrbench.common.MetricResult;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Percentiles;
import org.cxrbench.stats.Proportions;
import org.cxrbench.stats.QuantileInterval;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the privacy counts' and distance quantiles' 95% intervals ({@link PrivacyIntervals}) by simulation with
 * known truth (issue 20.1). Fixed real sets: 500 training and 300 holdout rows of N(0, I_16). The generator: with
 * probability c = 0.03 an exact copy of a random training row (DCR 0, NNDR 0), otherwise a fresh N(0.1, 1.1^2 I_16)
 * row. Truths, given the real sets, from 200,000 fresh rows: exact copies n c; memorised n (c + (1 - c) P(fresh DCR
 * &lt; threshold)); the p-quantile of DCR or NNDR is the fresh rows' (p - c) / (1 - c) quantile. Each of 400 runs per n
 * draws n rows and asks whether each interval holds its truth; every interval must also hold its own estimate.
 * Asserted: each key's coverage within 3 binomial sd (of 400 runs) of its exact coverage (the order-statistic
 * ranks' {@link QuantileInterval#coverage}; the Wilson interval's binomial sum at the true p), and that exact
 * coverage within [93%, 97%].
 */
class PrivacyIntervalCoverageTest {
    static final int RUNS = 400;
    static final int D = 16;
    static final List<String> KEYS = List.of("exact_copies", "memorized", "dcr_median", "dcr_p5", "nndr_median");

    static Features gaussian(int n, SplittableRandom rnd) {
        double[] a = new double[n * D];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        return new Features(n, D, a);
    }

    static final double COPY = 0.03;

    static Features generate(Features train, int n, SplittableRandom rnd, double copyRate) {
        double[] a = new double[n * D];
        for (int i = 0; i < n; i++) {
            int copy = rnd.nextDouble() < copyRate ? rnd.nextInt(train.n()) : -1;
            for (int j = 0; j < D; j++) {
                a[i * D + j] = copy >= 0 ? train.get(copy, j) : 0.1 + 1.1 * rnd.nextGaussian();
            }
        }
        return new Features(n, D, a);
    }

    static Map<String, MetricResult> measure(PrivacyMetrics.Reference ref, Features syn) {
        PrivacyMetrics.Result r = PrivacyMetrics.compute(ref, syn, PrivacyMetrics.Options.defaults(), Set.copyOf(KEYS));
        return PrivacyMetrics.results(r, null, ref.train.n(), syn.n(), KEYS, null);
    }

    /** P(the Wilson interval of K of n holds p), K ~ Binomial(n, p): the interval's exact coverage. */
    static double wilsonCoverage(int n, double p) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        double c = 0;
        for (int k = 0; k <= n; k++) {
            double[] w = Proportions.wilson(k, n);
            c += w[0] <= p && p <= w[1] ? b.probability(k) : 0;
        }
        return c;
    }

    @Test
    void countAndQuantileIntervalsCoverTheirEstimands() {
        SplittableRandom rnd = new SplittableRandom(2020);
        Features train = gaussian(500, rnd);
        PrivacyMetrics.Reference ref = new PrivacyMetrics.Reference(train, gaussian(300, rnd));
        PrivacyMetrics.Result fresh = PrivacyMetrics.compute(ref, generate(train, 200_000, rnd, 0),
                PrivacyMetrics.Options.defaults(), Set.copyOf(KEYS));
        double below = 0;
        for (boolean m : fresh.memorized()) {
            below += m ? 1.0 / fresh.memorized().length : 0;
        }
        double pMem = COPY + (1 - COPY) * below;
        double[] nndr = Arrays.stream(fresh.nndr()).filter(Double::isFinite).toArray();
        List<String> failures = new ArrayList<>();
        for (int n : new int[] {150, 600}) {
            Map<String, Double> truth = new LinkedHashMap<>();
            truth.put("exact_copies", COPY * n);
            truth.put("memorized", pMem * n);
            truth.put("dcr_median", Percentiles.linear(fresh.dcr(), (0.5 - COPY) / (1 - COPY)));
            truth.put("dcr_p5", Percentiles.linear(fresh.dcr(), (0.05 - COPY) / (1 - COPY)));
            truth.put("nndr_median", Percentiles.linear(nndr, (0.5 - COPY) / (1 - COPY)));
            Map<String, Double> exact = new LinkedHashMap<>();
            exact.put("exact_copies", wilsonCoverage(n, COPY));
            exact.put("memorized", wilsonCoverage(n, pMem));
            exact.put("dcr_median", QuantileInterval.coverage(n, 0.5, QuantileInterval.ranks95(n, 0.5)));
            exact.put("dcr_p5", QuantileInterval.coverage(n, 0.05, QuantileInterval.ranks95(n, 0.05)));
            exact.put("nndr_median", exact.get("dcr_median"));
            Map<String, Integer> covered = new LinkedHashMap<>();
            for (int run = 0; run < RUNS; run++) {
                for (MetricResult m : measure(ref, generate(train, n, rnd, COPY)).values()) {
                    Interval ci = m.interval();
                    assertThat(ci).as(m.id()).isNotNull();
                    assertThat(ci.contains(m.value())).as("%s %s inside %s", m.id(), m.value(), ci).isTrue();
                    covered.merge(m.id(), ci.contains(truth.get(m.id())) ? 1 : 0, Integer::sum);
                }
            }
            for (String k : KEYS) {
                double c = covered.get(k) / (double) RUNS;
                double e = exact.get(k);
                System.err.printf(Locale.ROOT, "| %s | %d | %d | %.5g | %.1f%% (%d/%d) | %.1f%% |%n", k, n, RUNS,
                        truth.get(k), 100 * c, covered.get(k), RUNS, 100 * e);
                if (!(Math.abs(c - e) <= 3 * Math.sqrt(e * (1 - e) / RUNS) && e >= 0.93 && e <= 0.97)) {
                    failures.add(k + " n=" + n + ": " + c + " (exact " + e + ")");
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
