package org.cxrbench.fidelity;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One FID-inf cell of {@link FidelityCoverageSimulation}, resumable: the same runs (seed 1000 N + d, run i seeded
 * seed x 1,000,003 + i, G = 20) and the same estimand, but each run's [estimate, lo, hi, SE] is appended to a file
 * as it finishes and runs already in the file are skipped, so a long cell on a loaded machine can be stopped and
 * continued, and summarised at any point. {@code -Dcoverage.target=x} gives the estimand when it is already known
 * (it depends on N, d and the seed only; metrics/fid_inf.md lists it), else it is computed from 2,000 draws.
 * <pre>java -Dcoverage.n=5000 -Dcoverage.d=256 -Dcoverage.runs=400 -Dcoverage.target=3.2427
 *     -cp "target/test-classes:target/classes:target/lib/*" org.cxrbench.fidelity.FidInfCoverageDriver</pre>
 * ({@code -Dcoverage.summary=true}: summarise the file only.)
 */
final class FidInfCoverageDriver {
    private FidInfCoverageDriver() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("coverage.n", 5000);
        int d = Integer.getInteger("coverage.d", 256);
        int runs = Integer.getInteger("coverage.runs", 400);
        int threads = Integer.getInteger("coverage.threads", 2);
        int groups = Integer.getInteger("coverage.groups", 20);
        long seed = 1000L * n + d;
        Path file = Path.of(System.getProperty("coverage.out", "target/fidinf-runs-" + n + "-" + d + ".tsv"));
        TreeMap<Integer, double[]> done = read(file);
        long t0 = System.nanoTime();
        if (!Boolean.getBoolean("coverage.summary")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ExecutorService ex = Executors.newFixedThreadPool(threads);
            ExecutorCompletionService<Object[]> cs = new ExecutorCompletionService<>(ex);
            int submitted = 0;
            for (int i = 0; i < runs; i++) {
                if (!done.containsKey(i)) {
                    long s = seed * 1_000_003L + i;
                    int index = i;
                    cs.submit(() -> new Object[] {index, CoverageSimulation.run("fid_inf", n, d, groups, s)});
                    submitted++;
                }
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (int k = 0; k < submitted; k++) {
                    Object[] r = cs.take().get();
                    double[] x = (double[]) r[1];
                    done.put((Integer) r[0], x);
                    w.write(String.format(Locale.ROOT, "%d\t%.17g\t%.17g\t%.17g\t%.17g%n", r[0], x[0], x[1], x[2], x[3]));
                    w.flush();
                    System.err.printf(Locale.ROOT, "run %d done (%d/%d, %.0f s)%n", r[0], done.size(), runs,
                            (System.nanoTime() - t0) / 1e9);
                }
            } finally {
                ex.shutdownNow();
            }
        }
        String t = System.getProperty("coverage.target");
        double target = t != null ? Double.parseDouble(t) : CoverageSimulation.fidInfTarget(n, d, 2000, seed);
        double[][] rows = new ArrayList<>(done.values()).toArray(new double[0][]);
        System.out.println(CoverageSimulation.summarise("fid_inf", n, d, rows.length, rows, target).row());
    }

    static TreeMap<Integer, double[]> read(Path file) throws IOException {
        TreeMap<Integer, double[]> out = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\t");
                if (f.length == 5) {
                    out.put(Integer.parseInt(f[0]), new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4])});
                }
            }
        }
        return out;
    }
}
