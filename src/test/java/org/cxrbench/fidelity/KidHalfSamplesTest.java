package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;

/**
 * KID's corrected jackknife variance (metrics/kid.md; {@link Bootstrap#kid}): the paired and half-sample values
 * are KID on the reduced subsets, bit for bit, and on a case with a variance known in closed form the corrected
 * variance averages to it while the plain jackknife overstates it.
 *
 * <p>The known truth, exact (no Monte Carlo): real rows uniform on K fixed points, synthetic rows uniform on K
 * (other or the same) points. Every jackknife value, like the estimate, is a weighted sum of the kernel over row
 * pairs, sum_{i&lt;j} w_xx k(x_i, x_j) + sum_{i&lt;j} w_yy k(y_i, y_j) + sum_{i,j} w_xy k(x_i, y_j), the weights
 * given by the (reduced) subsets: 2 / (S m (m-1)) per subset holding both rows of a set, -2 / (S m n) per subset
 * holding real row i and synthetic row j. So is every difference of two values, and the variance of such a sum is
 * exact by Hoeffding's decomposition (first-order projections and centred pair terms, sums over the points;
 * {@link #pairSumVariance}). Hence Var KID given the subsets, and the expectations of P, Q1, Qh and of the
 * corrected variance (each a sum of squared differences of values), are exact sums. With the same points
 * (population KID 0) KID is degenerate, all second order: there the plain jackknife P counts the within-set pair
 * parts a_1 = 2.05 times (G = 20) and the real x synthetic part twice (Efron &amp; Stein 1981).
 */
class KidHalfSamplesTest {
    static final int K = 9;
    static final int D = 4;

    static double[][] points() {
        SplittableRandom r = new SplittableRandom(99);
        double[][] p = new double[K][D];
        for (double[] row : p) {
            for (int j = 0; j < D; j++) {
                row[j] = 1.5 * r.nextGaussian();
            }
        }
        return p;
    }

    static double kernel(double[] a, double[] b) {
        double dot = 0;
        for (int j = 0; j < D; j++) {
            dot += a[j] * b[j];
        }
        double t = dot / D + 1;
        return t * t * t;
    }

    static double[][] weights(Kid.Subsets sub, int n) {
        int count = sub.real().length;
        double[][] w = new double[3][n * n];
        for (int s = 0; s < count; s++) {
            int[] x = sub.real()[s];
            int[] y = sub.synthetic()[s];
            double mx = x.length;
            double my = y.length;
            for (int i : x) {
                for (int j : x) {
                    w[0][i * n + j] += i == j ? 0 : 2 / (count * mx * (mx - 1));
                }
                for (int j : y) {
                    w[2][i * n + j] -= 2 / (count * mx * my);
                }
            }
            for (int i : y) {
                for (int j : y) {
                    w[1][i * n + j] += i == j ? 0 : 2 / (count * my * (my - 1));
                }
            }
        }
        return w;
    }

    /** The subsets with the removed units' rows left out ({@link Kid#removals}). */
    static Kid.Subsets reduced(Kid.Subsets sub, int[][][] groups, boolean[][] removal, int n) {
        int[][] x = sub.real();
        int[][] y = sub.synthetic();
        for (int u = 0; u < removal[0].length; u++) {
            x = removal[0][u] ? KidBootstrapTest.dropAll(x, groups[0][u], n) : x;
            y = removal[1][u] ? KidBootstrapTest.dropAll(y, groups[1][u], n) : y;
        }
        return new Kid.Subsets(x, y);
    }

    /**
     * The variance of the pair sum with weights w (real rows uniform on p, synthetic on q), Hoeffding: each row's
     * first-order term (its pairs' total weight times the kernel's centred projection on it), then each pair's
     * weight squared times E h2^2 of its kind.
     */
    static double pairSumVariance(double[][] w, double[][] p, double[][] q, int n) {
        double[] pp = projections(p, p);
        double[] qq = projections(q, q);
        double[] pq = projections(p, q);
        double[] qp = projections(q, p);
        double[] h2 = {centredSquare(p, p), centredSquare(q, q), centredSquare(p, q)};
        double v = 0;
        for (int i = 0; i < n; i++) {
            double a = 0;
            double b = 0;
            double c = 0;
            double e = 0;
            for (int j = 0; j < n; j++) {
                a += w[0][i * n + j];
                c += w[1][i * n + j];
                b += w[2][i * n + j];
                e += w[2][j * n + i];
                v += w[0][i * n + j] * w[0][i * n + j] * h2[0] / 2 + w[1][i * n + j] * w[1][i * n + j] * h2[1] / 2
                        + w[2][i * n + j] * w[2][i * n + j] * h2[2];
            }
            v += firstOrder(a, pp, b, pq) + firstOrder(c, qq, e, qp);
        }
        return v;
    }

    /** E over a of (wa u(a) + wb v(a))^2, u and v projections centred by their mean (their last entry). */
    static double firstOrder(double wa, double[] u, double wb, double[] v) {
        double s = 0;
        for (int a = 0; a < K; a++) {
            double t = wa * (u[a] - u[K]) + wb * (v[a] - v[K]);
            s += t * t / K;
        }
        return s;
    }

    /** mu(a) = E_b k(a, b) over the points of {@code of}, for each a in {@code at}, then their mean theta. */
    static double[] projections(double[][] at, double[][] of) {
        double[] mu = new double[K + 1];
        for (int a = 0; a < K; a++) {
            for (double[] b : of) {
                mu[a] += kernel(at[a], b) / K;
            }
            mu[K] += mu[a] / K;
        }
        return mu;
    }

    /** E h2(a, b)^2, h2 = k - mu_q(a) - mu_p(b) + theta, a uniform on p and b on q. */
    static double centredSquare(double[][] p, double[][] q) {
        double[] mq = projections(p, q);
        double[] mp = projections(q, p);
        double s = 0;
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                double c = kernel(p[a], q[b]) - mq[a] - mp[b] + mq[K];
                s += c * c / (K * K);
            }
        }
        return s;
    }

    static double[][] shifted(double[][] p, double shift, double scale) {
        double[][] q = new double[K][D];
        for (int a = 0; a < K; a++) {
            for (int j = 0; j < D; j++) {
                q[a][j] = shift + scale * p[a][j];
            }
        }
        return q;
    }

    static double[] row(Features f, int i) {
        double[] r = new double[D];
        for (int j = 0; j < D; j++) {
            r[j] = f.get(i, j);
        }
        return r;
    }

    static Features drawFromPoints(double[][] p, int n, SplittableRandom r) {
        double[] a = new double[n * D];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p[r.nextInt(K)], 0, a, i * D, D);
        }
        return new Features(n, D, a);
    }

    /**
     * {V, E[P], E[Q1], E[Qh]} exactly, for {@link Bootstrap#kidVariances}'s design (G = 20, lcg subsets, the seed)
     * on n rows per set: each estimator is a sum over value blocks of c (T_v - mean)^2, whose expectation is
     * c Var(pair sum with weights w_v - mean w) ({@link #pairSumVariance}).
     */
    static double[] exact(double[][] p, double[][] q, int n, int m, int count, long seed) {
        int g = 20;
        int[][][] groups = Bootstrap.groups(n, n, g, seed);
        Kid.Subsets sub = Kid.subsets("lcg", n, n, m, count, seed);
        boolean[][] halves = HalfSamples.balanced(g);
        boolean[][][] removals = Kid.removals(g, halves);
        double[][][] w = new double[removals.length][][];
        for (int v = 0; v < removals.length; v++) {
            w[v] = weights(reduced(sub, groups, removals[v], n), n);
        }
        int[][] blocks = {{0, g}, {g, 2 * g}, {2 * g, 3 * g}, {3 * g, removals.length}};
        double[] block = new double[4];
        for (int k = 0; k < 4; k++) {
            int from = blocks[k][0];
            int to = blocks[k][1];
            double[][] mean = new double[3][n * n];
            for (int v = from; v < to; v++) {
                for (int t = 0; t < 3; t++) {
                    for (int i = 0; i < n * n; i++) {
                        mean[t][i] += w[v][t][i] / (to - from);
                    }
                }
            }
            // groupVariance's (G-1)/G sum for the jackknives, the half-sample mean square (1/M) sum for the halves
            double c = k < 3 ? (to - from - 1.0) / (to - from) : 1.0 / (to - from);
            for (int v = from; v < to; v++) {
                double[][] diff = new double[3][n * n];
                for (int t = 0; t < 3; t++) {
                    for (int i = 0; i < n * n; i++) {
                        diff[t][i] = w[v][t][i] - mean[t][i];
                    }
                }
                block[k] += c * pairSumVariance(diff, p, q, n);
            }
        }
        return new double[] {pairSumVariance(weights(sub, n), p, q, n), block[0] + block[1], block[2], block[3]};
    }

    /** The paired and half-sample values are KID on the reduced subsets, bit for bit; the values are pair sums. */
    @Test
    void leaveOutValuesAreKidOnTheReducedSubsetsAndPairSums() {
        int n = 60;
        double[][] p = points();
        double[][] q = shifted(p, 0.3, 1.2);
        SplittableRandom r = new SplittableRandom(4);
        Features real = drawFromPoints(p, n, r);
        Features syn = drawFromPoints(q, n, r);
        int[][][] groups = Bootstrap.groups(n, n, 8, 2);
        Kid.Subsets sub = Kid.subsets("lcg", n, n, 30, 5, 2);
        boolean[][][] removals = Kid.removals(8, HalfSamples.balanced(8));
        double[] v = Kid.leaveOutMeans(real, syn, groups, sub, removals);
        assertThat(v).hasSize(3 * 8 + 14);
        // the full sets' products looked up (small sets, as here) and each subset's formed: the same bits
        assertThat(Kid.leaveOutMeans(real, syn, groups, sub, removals, false)).isEqualTo(v);
        assertThat(Kid.leaveOutMeans(real, syn, groups, sub, removals, true)).isEqualTo(v);
        for (int k = 0; k < v.length; k++) {
            Kid.Subsets left = reduced(sub, groups, removals[k], n);
            assertThat(v[k]).as("value " + k).isEqualTo(Kid.compute(real, syn, left).mean());
            double[][] w = weights(left, n);
            double sum = 0;
            double size = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double[] xi = row(real, i);
                    double[] xj = row(real, j);
                    double[] yi = row(syn, i);
                    double[] yj = row(syn, j);
                    double t = w[0][i * n + j] * kernel(xi, xj) / 2 + w[1][i * n + j] * kernel(yi, yj) / 2
                            + w[2][i * n + j] * kernel(xi, yj);
                    sum += t;
                    size += Math.abs(t);
                }
            }
            assertThat(v[k]).as("pair sum " + k).isCloseTo(sum, within(1e-12 * size));
        }
    }

    /** {@link #pairSumVariance} against the variance by enumerating every draw of 3 + 3 rows from the points. */
    @Test
    void pairSumVarianceEqualsTheEnumeratedVariance() {
        double[][] p = points();
        double[][] q = shifted(p, 0.3, 1.2);
        int n = 3;
        SplittableRandom r = new SplittableRandom(8);
        double[][] w = new double[3][n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[2][i * n + j] = r.nextDouble() - 0.5;
                if (i < j) {
                    w[0][i * n + j] = w[0][j * n + i] = r.nextDouble();
                    w[1][i * n + j] = w[1][j * n + i] = r.nextDouble();
                }
            }
        }
        double sum = 0;
        double squares = 0;
        int draws = (int) Math.pow(K, 2 * n);
        for (int code = 0; code < draws; code++) {
            double[][] x = new double[n][];
            double[][] y = new double[n][];
            int c = code;
            for (int i = 0; i < n; i++) {
                x[i] = p[c % K];
                c /= K;
                y[i] = q[c % K];
                c /= K;
            }
            double t = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    t += w[0][i * n + j] * kernel(x[i], x[j]) / 2 + w[1][i * n + j] * kernel(y[i], y[j]) / 2
                            + w[2][i * n + j] * kernel(x[i], y[j]);
                }
            }
            sum += t;
            squares += t * t;
        }
        double variance = squares / draws - (sum / draws) * (sum / draws);
        assertThat(pairSumVariance(w, p, q, n)).isCloseTo(variance, within(1e-9 * variance));
    }

    /**
     * Same points (population KID 0, no first-order part): the plain jackknife P averages 2.04 times the variance
     * (a_1 = 2.05 for the within-set pairs, 2 for real x synthetic ones), the paired Q1 and the halves Qh count the
     * pair part as {@link HalfSamples#pairCount} says to within 2%, and the corrected variance P - c (Qh - Q1)
     * averages 0.944 of it (the model's 0.975 less what the subsets' random kept counts add to Qh).
     */
    @Test
    void correctedVarianceRemovesTheDoubleCountOfADegenerateKid() {
        double[][] p = points();
        double[] e = exact(p, p, 120, 60, 8, 5);
        double v = e[0];
        assertThat(e[1] / v).isBetween(1.95, 2.15);
        assertThat(e[2] / v).isCloseTo(HalfSamples.pairCount(20, 19), within(0.02 * 2.05));
        assertThat(e[3] / v).isCloseTo(HalfSamples.pairCount(20, 10), within(0.02 * 2.95));
        double corrected = e[1] - HalfSamples.excessFactor(20) * (e[3] - e[2]);
        assertThat(corrected / v).isCloseTo(0.944, within(0.005)).isBetween(0.92, 1.0);
    }

    /**
     * Different points (synthetic = 0.3 + 1.2 real points, a non-degenerate KID with a first-order part): P
     * averages 1.56 times the variance and the corrected variance 0.971 of it, so the correction removes the pair
     * excess and keeps the first-order part.
     */
    @Test
    void correctedVarianceKeepsTheFirstOrderPart() {
        double[][] p = points();
        double[] e = exact(p, shifted(p, 0.3, 1.2), 120, 60, 8, 5);
        double v = e[0];
        assertThat(e[1] / v).isGreaterThan(1.4);
        double corrected = e[1] - HalfSamples.excessFactor(20) * (e[3] - e[2]);
        assertThat(corrected / v).isCloseTo(0.971, within(0.005)).isBetween(0.95, 1.0);
    }

    /** The interval's variance parts have the same bits on one thread as on the common pool. */
    @Test
    void varianceDoesNotDependOnTheThreadCount() {
        Features real = KidBootstrapTest.random(160, 12, 0, 3);
        Features syn = KidBootstrapTest.random(140, 12, 0.2, 4);
        double[] a = Bootstrap.kidVariances(real, syn, 20, 1, "lcg", 60, 6);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            double[] b = one.submit(() -> Bootstrap.kidVariances(real, syn, 20, 1, "lcg", 60, 6)).join();
            assertThat(b).isEqualTo(a);
            assertThat(a[3]).isEqualTo(20);
            assertThat(a[2]).isNotNaN();
        } finally {
            one.shutdown();
        }
        double est = Kid.compute(real, syn, Kid.subsets("lcg", 160, 140, 60, 6, 1)).mean();
        Bootstrap ci = Bootstrap.kid(real, syn, 20, 1, "lcg", 60, 6, est);
        assertThat(ci.jackknifeVariance()).isEqualTo(Bootstrap.fidVariance(a));
        assertThat(ci.basic()[0]).isLessThan(est);
        assertThat(ci.basic()[1] - est).isCloseTo(est - ci.basic()[0], within(1e-15));
    }
}
