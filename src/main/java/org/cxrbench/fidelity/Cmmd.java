package org.cxrbench.fidelity;

import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;

/**
 * CMMD (Jayasumana et al., CVPR 2024): MMD² with the Gaussian RBF kernel k(x, y) = exp(-||x - y||² / (2 sigma²)),
 * sigma = 10, scaled by 1000, as the authors' reference implementation computes it: the biased (V-statistic) form
 * k̄_xx + k̄_yy - 2 k̄_xy with means over all pairs, diagonals included. Intended for CLIP embeddings; here a
 * formula on any features. Kernel sums are streamed through blocked distance products (no N x N matrix).
 */
public final class Cmmd {
    private Cmmd() {}

    public static final double SIGMA = 10.0;
    public static final double SCALE = 1000.0;

    public static double compute(Features x, Features y, double sigma) {
        double gamma = 1.0 / (2 * sigma * sigma);
        double kxx = meanKernel(x, x, gamma);
        double kyy = meanKernel(y, y, gamma);
        double kxy = meanKernel(x, y, gamma);
        return SCALE * (kxx + kyy - 2 * kxy);
    }

    static double meanKernel(Features a, Features b, double gamma) {
        double[] total = {0};
        Knn.forEachBlock(a, b, 256, (r0, rows, d2, m) -> {
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += Math.exp(-gamma * d2[i * m + j]);
                }
                total[0] += s;
            }
        });
        return total[0] / ((double) a.n() * b.n());
    }
}
