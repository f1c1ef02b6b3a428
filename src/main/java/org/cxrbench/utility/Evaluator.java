package org.cxrbench.utility;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.cxrbench.data.Labels;
import org.cxrbench.linalg.RowProducts;

/**
 * One pass over the design rows evaluating, for several labels at once, the probe's objective
 * {@code sum log(1 + exp(z_i)) - y_i z_i + 0.5 * lambda * ||w||^2} and its gradient in the z-scored space, from the
 * raw features: v_j = w_j / sd_j, z_i = b - sum_j mu_j v_j + x_i . v, and
 * dF/dw_j = (sum_i r_i x_ij - mu_j sum_i r_i) / sd_j + lambda w_j, dF/db = sum_i r_i, r_i = sigmoid(z_i) - y_i.
 * The products x_i . v and sum_i r_i x_i go through single-threaded dgemm on blocks of {@link #BLOCK_ROWS} rows
 * copied into a worker's native workspace (the features themselves are read in place, never copied whole).
 */
final class Evaluator {
    record Result(double[] values, double[][] gradients) {}

    private final LinearProbe.Design x;
    private final double[] mean;
    private final double[] sd;
    private final double lambda;

    private final java.util.concurrent.ConcurrentLinkedQueue<RowProducts> workspaces;

    /** @param workspaces one per worker that may evaluate a chunk at the same time */
    Evaluator(LinearProbe.Design x, double[] mean, double[] sd, double lambda,
              java.util.concurrent.ConcurrentLinkedQueue<RowProducts> workspaces) {
        this.workspaces = workspaces;
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

    /** Rows per dgemm inside a chunk (fixed: part of the summation order). */
    static final int BLOCK_ROWS = 256;

    private void chunk(int ch, int[] labels, double[][] v, double[] c, double[] f, double[] r, double[][] g) {
        int d = x.d;
        int k = labels.length;
        RowProducts ws = workspaces.poll();
        if (ws == null) {
            throw new IllegalStateException("no free workspace");
        }
        try {
            ws.setWeights(v, k);
            double[] z = new double[BLOCK_ROWS * k];
            double[] rt = new double[k * BLOCK_ROWS];
            int end = x.chunkStart(ch + 1);
            for (int from = x.chunkStart(ch); from < end; from += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, end - from);
                for (int i = 0; i < rows; i++) {
                    ws.loadRow(i, x.data[from + i], x.offset[from + i]);
                }
                ws.products(rows, k, z);
                for (int i = 0; i < rows; i++) {
                    byte[] y = x.labels[from + i];
                    for (int t = 0; t < k; t++) {
                        byte yl = y[labels[t]];
                        if (yl != Labels.POSITIVE && yl != Labels.NEGATIVE) {
                            rt[t * rows + i] = 0;
                            continue;
                        }
                        double zz = c[t] + z[i * k + t];
                        // log(1 + e^z) - y z, computed without overflow
                        double softplus = Math.max(zz, 0) + Math.log1p(Math.exp(-Math.abs(zz)));
                        double yv = yl == Labels.POSITIVE ? 1 : 0;
                        f[t] += softplus - yv * zz;
                        double res = LinearProbe.sigmoid(zz) - yv;
                        r[t] += res;
                        rt[t * rows + i] = res;
                    }
                }
                ws.accumulate(rows, k, rt);
            }
            for (int t = 0; t < k; t++) {
                ws.addGradient(t, g[t]);
            }
        } finally {
            workspaces.add(ws);
        }
    }
}
