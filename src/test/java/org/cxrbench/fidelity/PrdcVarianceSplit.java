package org.cxrbench.fidelity;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;

/**
 * The diagnosis of metrics/prdc.md's conservative coverage cell (issue 20.1; not a test: a {@code main} run from the
 * compiled test classes, {@code PrdcVarianceSplit N d OUTER INNER RUNS}): the two parts of each statistic's variance
 * by nested simulation with known populations ({@link CoverageSimulation#draw}), beside the mean of the delete-d
 * parts of {@link PrdcSubsample#variances} at three deleted shares (1/20, 1/4, 1/2), raw and stabilised
 * ({@link PrdcSubsample#combined}). "Yfixed": OUTER synthetic sets, INNER real sets each; E[Var(.|outer)] is then
 * E_Y Var(T | Y), the target of the part that resamples the real set (coverage's part 0, precision's and density's
 * part 1), and Var(E[.|outer]) is Var_Y E[T | Y] (less the inner noise). "Xfixed" the other way round. RUNS pairs
 * of fresh sets give the delete-d parts' means and the variance of the estimates. Seeded; one thread.
 */
final class PrdcVarianceSplit {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int d = Integer.parseInt(a[1]);
        int outer = Integer.parseInt(a[2]);
        int inner = Integer.parseInt(a[3]);
        int runs = Integer.parseInt(a[4]);
        SplittableRandom rnd = new SplittableRandom(777L + n * 31L + d);
        nested(n, d, outer, inner, rnd);
        parts(n, d, runs, rnd);
    }

    private static final String[] NAMES = {"precision", "recall", "density", "coverage"};

    /** The two designs' E[Var(.|outer)] and Var(E[.|outer]) per statistic. */
    private static void nested(int n, int d, int outer, int inner, SplittableRandom rnd) {
        String[] names = NAMES;
        for (int design = 0; design < 2; design++) { // 0: Y (synthetic) outer, 1: X (real) outer
            double[][] within = new double[4][outer];
            double[][] means = new double[4][outer];
            for (int o = 0; o < outer; o++) {
                Features fixed = CoverageSimulation.draw(n, d, design == 0, rnd);
                double[][] v = new double[4][inner];
                for (int i = 0; i < inner; i++) {
                    Features other = CoverageSimulation.draw(n, d, design != 0, rnd);
                    Prdc.Result r = design == 0 ? Prdc.compute(other, fixed, 5, false) : Prdc.compute(fixed, other, 5, false);
                    double[] p = {r.precision(), r.recall(), r.density(), r.coverage()};
                    for (int q = 0; q < 4; q++) v[q][i] = p[q];
                }
                for (int q = 0; q < 4; q++) {
                    double m = 0; for (double x : v[q]) m += x; m /= inner;
                    double s = 0; for (double x : v[q]) s += (x - m) * (x - m);
                    within[q][o] = s / (inner - 1); means[q][o] = m;
                }
            }
            for (int q = 0; q < 4; q++) {
                double w = 0; for (double x : within[q]) w += x; w /= outer;
                double m = 0; for (double x : means[q]) m += x; m /= outer;
                double s = 0; for (double x : means[q]) s += (x - m) * (x - m); s /= (outer - 1);
                System.out.printf("%s outer=%s %s mean=%.5f E[Var(.|outer)]=%.4e Var(E[.|outer])=%.4e total=%.4e%n",
                        design == 0 ? "Yfixed" : "Xfixed", design == 0 ? "synthetic" : "real", names[q], m, w, s - w / inner, w + s - w / inner);
            }
        }
    }

    /** The delete-d parts' means over fresh pairs of sets, at three deleted shares. */
    private static void parts(int n, int d, int runs, SplittableRandom rnd) {
        String[] names = NAMES;
        double[] shares = {0.05, 0.25, 0.5};
        double[][][] sum = new double[shares.length][4][4];
        double[][] est = new double[4][runs];
        for (int r = 0; r < runs; r++) {
            Features real = CoverageSimulation.draw(n, d, false, rnd);
            Features syn = CoverageSimulation.draw(n, d, true, rnd);
            Prdc.Result e = Prdc.compute(real, syn, 5, false);
            double[] p = {e.precision(), e.recall(), e.density(), e.coverage()};
            for (int h = 0; h < shares.length; h++) {
                double[][] v = PrdcSubsample.variances(real, syn, 5, false, 100, 99L + r, shares[h]);
                for (int q = 0; q < 4; q++) {
                    double[] only0 = {v[q][0], 0, v[q][2], v[q][3]};
                    double[] only1 = {0, v[q][1], v[q][2], v[q][3]};
                    sum[h][q][0] += v[q][0] / runs;
                    sum[h][q][1] += v[q][1] / runs;
                    sum[h][q][2] += PrdcSubsample.combined(p[q], only0, q == 2) / runs;
                    sum[h][q][3] += PrdcSubsample.combined(p[q], only1, q == 2) / runs;
                }
            }
            for (int q = 0; q < 4; q++) est[q][r] = p[q];
        }
        for (int q = 0; q < 4; q++) {
            double m = 0; for (double x : est[q]) m += x; m /= runs;
            double s = 0; for (double x : est[q]) s += (x - m) * (x - m); s /= (runs - 1);
            for (int h = 0; h < shares.length; h++) {
                System.out.printf("jack share=%.2f %s raw0=%.4e raw1=%.4e stab0=%.4e stab1=%.4e (var of est over %d runs %.4e)%n",
                        shares[h], names[q], sum[h][q][0], sum[h][q][1], sum[h][q][2], sum[h][q][3], runs, s);
            }
        }
    }
}
