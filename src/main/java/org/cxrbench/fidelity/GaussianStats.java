package org.cxrbench.fidelity;

import org.cxrbench.linalg.Covariance;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Moments;

/** The sufficient statistics of FID: sample count, mean and covariance (N-1) of a feature set. */
public record GaussianStats(long n, int d, double[] mean, double[] cov) {
    public GaussianStats {
        if (mean.length != d || cov.length != (long) d * d) {
            throw new IllegalArgumentException("stats of dimension " + d + " with mean " + mean.length + ", cov " + cov.length);
        }
    }

    public static GaussianStats of(Features x) {
        Covariance.Result r = Covariance.of(x);
        return new GaussianStats(r.n(), r.d(), r.mean(), r.cov());
    }

    /** From mergeable statistics (for instance combined over the parts of a partitioned set). */
    public static GaussianStats of(Moments m) {
        return new GaussianStats(m.n(), m.d(), m.mean(), m.covariance());
    }
}
