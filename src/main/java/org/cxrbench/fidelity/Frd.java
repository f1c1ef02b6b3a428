package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.List;
import org.cxrbench.linalg.Features;

/**
 * Fréchet Radiomics Distance (Konz, Osuala et al. 2024, v1): both feature sets are z-scored with the real set's
 * mean and population std (ddof 0), features that become non-finite (zero real std) are dropped from both, and
 * FRD = log(Fréchet distance). Meant for radiomics features; a formula on any features. Unlike the authors' script
 * it does not randomly subsample the larger set to equal counts (that changes nothing in expectation and costs
 * determinism); the counts are reported instead.
 */
public final class Frd {
    private Frd() {}

    public record Result(double value, double frechetDistance, int featuresUsed, int featuresDropped) {}

    public static Result compute(Features real, Features synthetic) {
        int d = real.d();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < real.n(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += real.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= real.n();
        }
        for (int i = 0; i < real.n(); i++) {
            for (int j = 0; j < d; j++) {
                double t = real.get(i, j) - mean[j];
                sd[j] += t * t;
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / real.n());
            if (sd[j] > 0 && Double.isFinite(sd[j])) {
                keep.add(j);
            }
        }
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("every feature is constant on the real set; FRD is undefined");
        }
        Features zr = zscore(real, keep, mean, sd);
        Features zs = zscore(synthetic, keep, mean, sd);
        double fd = Fid.compute(GaussianStats.of(zr), GaussianStats.of(zs), Fid.Route.SYMMETRIC).value();
        return new Result(Math.log(fd), fd, keep.size(), d - keep.size());
    }

    static Features zscore(Features x, List<Integer> keep, double[] mean, double[] sd) {
        int k = keep.size();
        double[] out = new double[x.n() * k];
        for (int i = 0; i < x.n(); i++) {
            for (int c = 0; c < k; c++) {
                int j = keep.get(c);
                out[i * k + c] = (x.get(i, j) - mean[j]) / sd[j];
            }
        }
        return new Features(x.n(), k, out);
    }
}
