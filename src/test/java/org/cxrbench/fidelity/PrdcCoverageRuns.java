package org.cxrbench.fidelity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.linalg.Features;

/**
 * PRDC's coverage grid of metrics/prdc.md in resumable chunks (issue 20.1; not a test: a {@code main} run from the
 * compiled test classes). Each run draws the two sets of {@link CoverageSimulation#draw} with the seed
 * {@code (1000 n + d) * 1000003 + run} of {@code FidelityCoverageSimulation -Dcoverage.metrics=prdc}, computes the
 * four estimates and their variance parts as {@code fidelity --bootstrap} does ({@link PrdcSubsample#variances}
 * with {@link PrdcIntervals#prdc}'s settings) and appends one line per run to {@code <dir>/n<N>_d<d>.tsv}: the run index,
 * then per statistic (precision, recall, density, coverage) the estimate, the two parts and their subsets' mean
 * levels, in round-trip decimal. Runs already in the file are skipped, so a stopped pass resumes.
 * {@code -Dcoverage.summary=true} instead reads the files and prints the table rows for the runs 0 .. R-1 present,
 * each interval formed from the stored values by {@link PrdcIntervals#prdcWith}'s rules (the same bits as the direct
 * simulation). Properties: coverage.n, coverage.d (lists), coverage.runs (R, default 400), coverage.first (first run
 * index to simulate), coverage.threads (default 2), coverage.dir (default target/prdc-runs), coverage.also (a
 * directory of earlier runs, read for the runs the first lacks), and for the comparisons of metrics/prdc.md
 * coverage.scale=plain (the parts added as they are) and coverage.density=normal|log. The half-sample candidate of
 * metrics/prdc.md ("Tried and not adopted"): {@code -Dcoverage.method=half} stores {@link PrdcHalfSamples#parts}
 * instead (G = coverage.groups, default 20, averaged over coverage.groupings random groupings, default 1); its
 * summary forms the corrected parts with Student's t at Satterthwaite's degrees of freedom ({@code -Dcoverage.quantile=z}: 1.96; {@code -Dcoverage.half=jackknife}: the delete-a-group
 * parts uncorrected, 1.96). {@code -Dcoverage.share=arcsine}: the shares' interval as a Wald interval on the
 * arcsine-square-root scale (tried for metrics/prdc.md's 1600-run section, not adopted); {@code
 * -Dcoverage.share=wilson}: Wilson's, the shares' interval before the Jeffreys interval.
 */
final class PrdcCoverageRuns {
    private static final String[] NAMES = {"precision", "recall", "density", "coverage"};

    /** Stored values per statistic: estimate, the two variance parts, the two parts' subset levels. */
    private static final int WIDTH = 5;

    /** Stored values per statistic of the half-sample method: estimate and {@link PrdcHalfSamples#parts}' row. */
    private static final int HALF_WIDTH = 1 + PrdcHalfSamples.WIDTH;

    /** Groups per set of the half-sample runs ({@code -Dcoverage.groups}, default {@link PrdcHalfSamples#GROUPS}). */
    private static final int GROUPS = Integer.getInteger("coverage.groups", PrdcHalfSamples.GROUPS);

    private PrdcCoverageRuns() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("coverage.runs", 400);
        int threads = Integer.getInteger("coverage.threads", 2);
        Path dir = Path.of(System.getProperty("coverage.dir", "target/prdc-runs"));
        Files.createDirectories(dir);
        boolean summary = Boolean.getBoolean("coverage.summary");
        for (int d : FidelityCoverageSimulation.ints("coverage.d", "64,256")) {
            for (int n : FidelityCoverageSimulation.ints("coverage.n", "150,600,5000")) {
                Path file = dir.resolve("n" + n + "_d" + d + ".tsv");
                if (summary) {
                    for (String row : summarise(n, d, read(file), runs)) {
                        System.out.println(row);
                    }
                } else {
                    simulate(n, d, runs, threads, file);
                }
            }
        }
    }

    /** The stored runs by index: [4][2] estimate and variance per statistic. */
    static Map<Integer, double[][]> read(Path file) throws IOException {
        Map<Integer, double[][]> out = new TreeMap<>();
        if (System.getProperty("coverage.also") != null) { // runs of another directory, for the runs this one lacks
            out.putAll(read(Path.of(System.getProperty("coverage.also")).resolve(file.getFileName()), false));
        }
        out.putAll(read(file, false));
        return out;
    }

    private static Map<Integer, double[][]> read(Path file, boolean unused) throws IOException {
        Map<Integer, double[][]> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            // 9 fields: the first format, estimate and variance only; 37: the half-sample parts (HALF_WIDTH)
            int width = f.length == 9 ? 2 : f.length == 1 + 4 * HALF_WIDTH ? HALF_WIDTH : WIDTH;
            if (f.length != 1 + 4 * width) {
                continue; // a line cut short by a stopped pass
            }
            double[][] v = new double[4][];
            for (int q = 0; q < 4; q++) {
                v[q] = new double[width];
                for (int c = 0; c < width; c++) {
                    v[q][c] = Double.parseDouble(f[1 + width * q + c]);
                }
            }
            out.put(Integer.parseInt(f[0]), v);
        }
        return out;
    }

    /** One run's estimates and variances, as {@code fidelity --bootstrap} computes them. */
    static double[][] run(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Features real = CoverageSimulation.draw(n, d, false, rnd);
        Features syn = CoverageSimulation.draw(n, d, true, rnd);
        Prdc.Result est = Prdc.compute(real, syn, 5, false);
        if (!"half".equals(System.getProperty("coverage.method", "subsets"))) {
            return subsetRun(real, syn, est, seed);
        }
        double[][] parts = PrdcHalfSamples.parts(real, syn, est.k(), est.inclusive(), GROUPS,
                Integer.getInteger("coverage.groupings", 1), seed);
        double[] pts = {est.precision(), est.recall(), est.density(), est.coverage()};
        double[][] v = new double[4][];
        for (int q = 0; q < 4; q++) {
            v[q] = new double[HALF_WIDTH];
            v[q][0] = pts[q];
            System.arraycopy(parts[q], 0, v[q], 1, PrdcHalfSamples.WIDTH);
        }
        return v;
    }

    /** A run of the delete-d method of prdc-runs-2026-12-05 (estimate, two parts, two subset levels). */
    static double[][] subsetRun(Features real, Features syn, Prdc.Result est, long seed) {
        double[][] parts = PrdcSubsample.variances(real, syn, est.k(), est.inclusive(), PrdcIntervals.PRDC_SUBSETS, seed,
                PrdcIntervals.PRDC_DELETED);
        double[] pts = {est.precision(), est.recall(), est.density(), est.coverage()};
        double[][] v = new double[4][];
        for (int q = 0; q < 4; q++) {
            v[q] = new double[] {pts[q], parts[q][0], parts[q][1], parts[q][2], parts[q][3]};
        }
        return v;
    }

    static void simulate(int n, int d, int runs, int threads, Path file) throws Exception {
        Map<Integer, double[][]> done = read(file, false);
        long base = (1000L * n + d) * 1_000_003L;
        ExecutorService ex = Executors.newFixedThreadPool(threads, t -> {
            Thread th = new Thread(t, "prdc-coverage");
            th.setDaemon(true);
            return th;
        });
        long t0 = System.nanoTime();
        try {
            List<Integer> todo = new ArrayList<>();
            List<Future<double[][]>> fs = new ArrayList<>();
            for (int i = Integer.getInteger("coverage.first", 0); i < runs; i++) {
                if (!done.containsKey(i)) {
                    long s = base + i;
                    todo.add(i);
                    fs.add(ex.submit(() -> run(n, d, s)));
                }
            }
            for (int t = 0; t < todo.size(); t++) {
                double[][] v = fs.get(t).get();
                StringBuilder line = new StringBuilder().append(todo.get(t));
                for (double[] x : v) {
                    for (double c : x) {
                        line.append('\t').append(c);
                    }
                }
                try {
                    Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.err.printf(Locale.ROOT, "N=%d d=%d run %d done (%d/%d, %.0f s)%n", n, d, todo.get(t), t + 1,
                        todo.size(), (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            ex.shutdownNow();
        }
    }

    /** The table rows of runs 0 .. runs-1 (fewer if fewer are stored: the first gap ends them). */
    static List<String> summarise(int n, int d, Map<Integer, double[][]> stored, int runs) {
        int r = 0;
        while (r < runs && stored.containsKey(r)) {
            r++;
        }
        List<String> rows = new ArrayList<>();
        if (r < 2) {
            return rows;
        }
        for (int q = 0; q < 4; q++) {
            double[][] x = new double[r][];
            for (int i = 0; i < r; i++) {
                double[] v = stored.get(i)[q];
                Bootstrap b = interval(q, v[0], variance(v, q, n), n, quantile(v, n));
                x[i] = new double[] {v[0], b.basic()[0], b.basic()[1], b.se()};
            }
            CoverageSimulation.Cell c = CoverageSimulation.summarise(NAMES[q], n, d, r, x, Double.NaN);
            double sum = 0;
            for (double[] v : x) {
                sum += v[0];
            }
            int above = 0; // estimand above the interval (the interval too low)
            for (double[] v : x) {
                above += (sum - v[0]) / (r - 1) > v[2] ? 1 : 0;
            }
            rows.add(c.row() + String.format(Locale.ROOT, " SE/sd %.2f | misses below/above %d/%d |",
                    c.meanSe() / c.sdEstimate(), r - c.covered() - above, above));
        }
        return rows;
    }

    /**
     * A run's variance from its stored parts [estimate, part 0, part 1, subset level 0, subset level 1], as
     * {@link PrdcIntervals#prdcWith} forms it ({@link PrdcSubsample#combined}, the same bits);
     * {@code -Dcoverage.scale=plain}: part 0 + part 1 as before (metrics/prdc.md's previous figures).
     */
    static double variance(double[] v, int q, int n) {
        if (v.length == HALF_WIDTH) {
            return halfVariance(v, q, n);
        }
        boolean density = q == 2;
        boolean plain = "plain".equals(System.getProperty("coverage.scale"));
        if (v.length == 2) { // the first format: the plain variance only
            if (!plain) {
                throw new IllegalStateException("a run of the first format has no subset levels: -Dcoverage.scale=plain");
            }
            return v[1];
        }
        if (plain) {
            return v[1] + v[2];
        }
        return PrdcSubsample.combined(v[0], java.util.Arrays.copyOfRange(v, 1, 5), density);
    }

    /**
     * A run's variance from its stored half-sample parts [estimate, v_1 and v_h of part 0, of part 1, four levels]
     * by the candidate's rule ({@link PrdcHalfSamples#combined}; both sets n rows; not the adopted method);
     * {@code -Dcoverage.half=jackknife}: the delete-a-group jackknife parts v_1 uncorrected (for the comparison).
     */
    static double halfVariance(double[] v, int q, int n) {
        int g = PrdcHalfSamples.groups(n, GROUPS);
        double[] row = java.util.Arrays.copyOfRange(v, 1, HALF_WIDTH);
        return switch (System.getProperty("coverage.half", "corrected")) {
            case "jackknife" -> row[0] + row[2];
            default -> PrdcHalfSamples.combined(row, g, g);
        };
    }

    /**
     * The quantile a stored run's interval uses: 1.96 for the delete-d runs; for half-sample runs
     * {@link PrdcHalfSamples#quantile} ({@code -Dcoverage.quantile=z}: 1.96, for the comparison).
     */
    static double quantile(double[] v, int n) {
        if (v.length != HALF_WIDTH || "z".equals(System.getProperty("coverage.quantile"))) {
            return 1.96;
        }
        if ("jackknife".equals(System.getProperty("coverage.half"))) {
            return 1.96; // the uncorrected comparison keeps 1.96
        }
        int g = PrdcHalfSamples.groups(n, GROUPS);
        return PrdcHalfSamples.quantile(java.util.Arrays.copyOfRange(v, 1, HALF_WIDTH), n, g, g);
    }

    /**
     * estimate +- 1.96 sqrt(var), cut at 0 below (never above the estimate): density's interval before the Poisson
     * score one, kept here for the comparison in metrics/prdc.md ("previous" column).
     */
    static Bootstrap normal(double estimate, double var, int units, String estimand, String method) {
        double se = Math.sqrt(var);
        double lo = Math.max(Math.min(0, estimate), estimate - 1.96 * se);
        return new Bootstrap(new double[] {lo, estimate + 1.96 * se}, se, units, estimand, var, method);
    }

    /**
     * The interval {@link PrdcIntervals#prdcWith} forms for statistic q from its estimate and variance (both sets n rows,
     * k = 5); {@code -Dcoverage.density=normal|log|score} picks density's rule for the comparison in metrics/prdc.md.
     */
    static Bootstrap interval(int q, double estimate, double var, int n, double t) {
        if (t != 1.96) { // the degrees-of-freedom-adjusted effective size n* (1.96 / t)^2 of Korn & Graubard 1998
            Bootstrap b = interval(q, estimate, var * (t / 1.96) * (t / 1.96), n, 1.96);
            return new Bootstrap(b.basic(), Math.sqrt(var), b.groups(), null, var, null);
        }
        if (q != 2 && "arcsine".equals(System.getProperty("coverage.share"))) { // Wald on the arcsine-sqrt scale
            double p = Math.min(1, Math.max(0, estimate));
            double th = Math.asin(Math.sqrt(p));
            double pq = p * (1 - p);
            double seT = pq > 0 ? Math.sqrt(var) / (2 * Math.sqrt(pq)) : 0;
            double lo = Math.sin(Math.max(0, th - 1.96 * seT));
            double hi = Math.sin(Math.min(Math.PI / 2, th + 1.96 * seT));
            return new Bootstrap(new double[] {Math.min(p, lo * lo), Math.max(p, hi * hi)}, Math.sqrt(var), 0, null,
                    var, null);
        }
        if (q != 2 && "wilson".equals(System.getProperty("coverage.share"))) { // the shares' interval before
            return wilson(estimate, var, n);
        }
        if (q != 2) {
            return PrdcIntervals.jeffreys(estimate, var, n, PrdcIntervals.PRDC_SUBSETS, PrdcIntervals.PRDC_ESTIMAND,
                    null);
        }
        return switch (System.getProperty("coverage.density", "score")) {
            case "normal" -> normal(estimate, var, PrdcIntervals.PRDC_SUBSETS, PrdcIntervals.PRDC_ESTIMAND, null);
            case "log" -> { // log scale, delta-method SE se/estimate
                double f = estimate > 0 ? Math.exp(1.96 * Math.sqrt(var) / estimate) : 1;
                yield new Bootstrap(new double[] {estimate / f, estimate * f}, Math.sqrt(var), 0, null, var,
                        null);
            }
            default -> PrdcIntervals.poissonScore(estimate, var, 1.0 / (5.0 * n), PrdcIntervals.PRDC_SUBSETS,
                    PrdcIntervals.PRDC_ESTIMAND, null);
        };
    }

    /**
     * The Wilson score interval of a share at the effective sample size p(1-p)/var (n where p(1-p) or var is 0),
     * within [0, 1] and holding p: the shares' interval before the Jeffreys interval ({@code -Dcoverage.share=wilson},
     * metrics/prdc.md's comparison on the stored runs).
     */
    static Bootstrap wilson(double p, double var, int n) {
        double pq = p * (1 - p);
        double ne = pq > 0 && var > 0 ? pq / var : n;
        double z2 = 1.96 * 1.96;
        double denom = 1 + z2 / ne;
        double centre = (p + z2 / (2 * ne)) / denom;
        double half = 1.96 / denom * Math.sqrt(pq / ne + z2 / (4 * ne * ne));
        return new Bootstrap(new double[] {Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p,
                centre + half))}, Math.sqrt(var), 0, null, var, null);
    }
}
