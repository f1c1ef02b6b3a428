package org.cxrbench.utility;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.cxrbench.data.Labels;

/**
 * One pass over the design rows evaluating, for several labels at once, the probe's objective
 * {@code sum log(1 + exp(z_i)) - y_i z_i + 0.5 * lambda * ||w||^2} and its gradient in the z-scored space, from the
 * raw features: v_j = w_j / sd_j, z_i = b - sum_j mu_j v_j + x_i . v, and
 * dF/dw_j = (sum_i r_i x_ij - mu_j sum_i r_i) / sd_j + lambda w_j, dF/db = sum_i r_i, r_i = sigmoid(z_i) - y_i.
 */
final class Evaluator {
    record Result(double[] values, double[][] gradients) {}

    private final LinearProbe.Design x;
    private final double[] mean;
    private final double[] sd;
    private final double lambda;

    Evaluator(LinearProbe.Design x, double[] mean, double[] sd, double lambda) {
        this.x = x;
        this.mean = mean;
        this.sd = sd;
        this.lambda = lambda;
    }

    Result evaluate(int[] labels, double[][] points, ExecutorService pool) {
        int k = labels.length;
        int d = x.d;
        double[][] v = new double[k][d];
        double[] c = new double[k];
        for (int a = 0; a < k; a++) {
            double b = points[a][d];
            for (int j = 0; j < d; j++) {
                v[a][j] = points[a][j] / sd[j];
                b -= mean[j] * v[a][j];
            }
            c[a] = b;
        }
        int chunks = x.chunks();
        double[][] f = new double[chunks][k];
        double[][] r = new double[chunks][k];
        double[][][] g = new double[chunks][k][d];
        if (pool == null || chunks == 1) {
            for (int ch = 0; ch < chunks; ch++) {
                chunk(ch, labels, v, c, f[ch], r[ch], g[ch]);
            }
        } else {
            List<Future<?>> fs = new ArrayList<>();
            for (int ch = 0; ch < chunks; ch++) {
                int cc = ch;
                fs.add(pool.submit(() -> chunk(cc, labels, v, c, f[cc], r[cc], g[cc])));
            }
            LinearProbe.await(fs);
        }
        double[] values = new double[k];
        double[][] grads = new double[k][d + 1];
        for (int a = 0; a < k; a++) {
            double fa = 0;
            double ra = 0;
            double[] ga = grads[a];
            for (int ch = 0; ch < chunks; ch++) { // fixed order: same bits for any thread count
                fa += f[ch][a];
                ra += r[ch][a];
                double[] gc = g[ch][a];
                for (int j = 0; j < d; j++) {
                    ga[j] += gc[j];
                }
            }
            double ww = 0;
            for (int j = 0; j < d; j++) {
                double w = points[a][j];
                ga[j] = (ga[j] - mean[j] * ra) / sd[j] + lambda * w;
                ww += w * w;
            }
            ga[d] = ra;
            values[a] = fa + 0.5 * lambda * ww;
        }
        return new Result(values, grads);
    }

    private void chunk(int ch, int[] labels, double[][] v, double[] c, double[] f, double[] r, double[][] g) {
        int d = x.d;
        int end = x.chunkStart(ch + 1);
        for (int row = x.chunkStart(ch); row < end; row++) {
            double[] a = x.data[row];
            int off = x.offset[row];
            byte[] y = x.labels[row];
            for (int t = 0; t < labels.length; t++) {
                byte yl = y[labels[t]];
                if (yl != Labels.POSITIVE && yl != Labels.NEGATIVE) {
                    continue;
                }
                double z = c[t] + dot(a, off, v[t], d);
                // log(1 + e^z) - y z, computed without overflow
                double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
                double yv = yl == Labels.POSITIVE ? 1 : 0;
                f[t] += softplus - yv * z;
                double res = LinearProbe.sigmoid(z) - yv;
                r[t] += res;
                double[] gt = g[t];
                for (int j = 0; j < d; j++) {
                    gt[j] += res * a[off + j];
                }
            }
        }
    }

    /** Dot product with four independent accumulators (instruction-level parallelism), fixed summation order. */
    static double dot(double[] a, int off, double[] b, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += a[off + j] * b[j];
            s1 += a[off + j + 1] * b[j + 1];
            s2 += a[off + j + 2] * b[j + 2];
            s3 += a[off + j + 3] * b[j + 3];
        }
        for (; j < d; j++) {
            s0 += a[off + j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
