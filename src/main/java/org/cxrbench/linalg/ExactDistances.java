package org.cxrbench.linalg;

/**
 * Many exact distances at once, each bit for bit {@link Features#distance}: the direct difference of the two rows,
 * squared and summed in double in column order, then the square root. One such sum is a chain of dependent additions
 * (its speed is the adder's latency, not its throughput), so four pairs are summed side by side, each in its own
 * chain and in the same order as alone: the same values, about three times the speed.
 */
public final class ExactDistances {
    private ExactDistances() {}

    /** Pairs summed side by side. */
    static final int LANES = 4;

    /** out[p] = {@link Features#distance}(a, ia[p], b, ib[p]) for p < count. */
    public static double[] of(Features a, int[] ia, Features b, int[] ib, int count) {
        double[] out = new double[count];
        if (!a.isFloat32() || !b.isFloat32()) {
            for (int p = 0; p < count; p++) {
                out[p] = Features.distance(a, ia[p], b, ib[p]);
            }
            return out;
        }
        int d = a.d();
        float[] x = new float[LANES * d];
        float[] y = new float[LANES * d];
        double[] s = new double[LANES];
        for (int p0 = 0; p0 < count; p0 += LANES) {
            int lanes = Math.min(LANES, count - p0);
            for (int l = 0; l < LANES; l++) { // a short group repeats its last pair in the spare lanes
                int p = p0 + Math.min(l, lanes - 1);
                a.row(ia[p], x, l * d);
                b.row(ib[p], y, l * d);
            }
            sums(x, y, d, s);
            for (int l = 0; l < lanes; l++) {
                out[p0 + l] = Math.sqrt(s[l]);
            }
        }
        return out;
    }

    /** s[l] = sum over columns, in order, of (x_l - y_l)^2 in double, for the four lanes l. */
    private static void sums(float[] x, float[] y, int d, double[] s) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = 0; k < d; k++) {
            double t0 = (double) x[k] - (double) y[k];
            double t1 = (double) x[d + k] - (double) y[d + k];
            double t2 = (double) x[2 * d + k] - (double) y[2 * d + k];
            double t3 = (double) x[3 * d + k] - (double) y[3 * d + k];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        s[0] = s0;
        s[1] = s1;
        s[2] = s2;
        s[3] = s3;
    }
}
