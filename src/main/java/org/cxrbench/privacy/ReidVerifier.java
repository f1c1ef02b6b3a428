package org.cxrbench.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Roc;

/**
 * A same-patient verifier for patient re-identification (the role of CheXGenBench's Siamese network): the
 * probability that two radiographs show the same patient, as a logistic function of their distance in a
 * within-patient-whitened feature space, p = 1 / (1 + exp(-(a + b * dist / scale))). The whitening (the classic
 * verification metric, as in LDA/PLDA face verification) divides each direction by how much one patient's studies
 * vary along it: W = V diag(1 / sqrt(lambda + eps)), from the within-patient covariance of the fitting patients,
 * eps = 1e-3 of its mean eigenvalue. It is fitted on image pairs of real patients with several studies (every
 * same-patient pair, up to 10 per patient; three times as many random different-patient pairs, weighted to balance
 * the classes) from a seeded 70% of the patients, and validated (ROC AUC) on the other 30%, patients it never saw.
 * It is only as good as the features: report its AUC beside every Re-ID score.
 */
public final class ReidVerifier {
    private final double[] whiten; // d x d, row-major: projected = x W
    private final int d;
    private final double a;
    private final double b;
    private final double scale;
    private final double validationAuc;
    private final int fitPatients;
    private final int validationPatients;
    private final int pairs;

    private ReidVerifier(double[] whiten, int d, double a, double b, double scale, double auc, int fitPatients, int validationPatients, int pairs) {
        this.whiten = whiten;
        this.d = d;
        this.a = a;
        this.b = b;
        this.scale = scale;
        this.validationAuc = auc;
        this.fitPatients = fitPatients;
        this.validationPatients = validationPatients;
        this.pairs = pairs;
    }

    /** Probability that row i of x and row j of y show the same patient. */
    public double probability(Features x, int i, Features y, int j) {
        return 1 / (1 + Math.exp(-(a + b * distance(whiten, d, x, i, y, j) / scale)));
    }

    static double distance(double[] w, int d, Features x, int i, Features y, int j) {
        double[] diff = new double[d];
        for (int k = 0; k < d; k++) {
            diff[k] = x.get(i, k) - y.get(j, k);
        }
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = 0;
            for (int k = 0; k < d; k++) {
                t += diff[k] * w[k * d + c];
            }
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** W = V diag(1/sqrt(lambda + eps)) of the within-patient covariance of the given patients' rows. */
    static double[] whitening(Features f, Map<String, List<Integer>> byPatient, List<String> ps) {
        int d = f.d();
        List<double[]> centred = new ArrayList<>();
        for (String p : ps) {
            List<Integer> rows = byPatient.get(p);
            double[] mean = new double[d];
            for (int r : rows) {
                for (int k = 0; k < d; k++) {
                    mean[k] += f.get(r, k) / rows.size();
                }
            }
            for (int r : rows) {
                double[] c = new double[d];
                for (int k = 0; k < d; k++) {
                    c[k] = f.get(r, k) - mean[k];
                }
                centred.add(c);
            }
        }
        double[] data = new double[centred.size() * d];
        for (int i = 0; i < centred.size(); i++) {
            System.arraycopy(centred.get(i), 0, data, i * d, d);
        }
        double[] cov = new double[d * d];
        org.cxrbench.linalg.Blas.syrkAtA(data, centred.size(), d, 1.0 / Math.max(1, centred.size() - ps.size()), 0.0, cov);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                cov[i * d + j] = cov[j * d + i];
            }
        }
        org.cxrbench.linalg.SymmetricEigen.Decomposition e = org.cxrbench.linalg.SymmetricEigen.decompose(cov, d);
        double meanEig = 0;
        for (double v : e.values()) {
            meanEig += Math.max(v, 0) / d;
        }
        double eps = 1e-3 * meanEig + 1e-300;
        double[] w = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < d; c++) {
                w[i * d + c] = e.vectors()[i * d + c] / Math.sqrt(Math.max(e.values()[c], 0) + eps);
            }
        }
        return w;
    }

    public double validationAuc() {
        return validationAuc;
    }

    /** The verifier's description: model, validation AUC on unseen patients, fit sizes and coefficients. */
    public org.cxrbench.common.ReidSummary describe() {
        return org.cxrbench.common.ReidSummary.verifier("logistic on within-patient-whitened feature distance, fitted "
                + "on same/different-patient pairs of the training set", validationAuc, fitPatients, validationPatients,
                pairs, a, b, scale);
    }

    /** Minimum number of patients with 2+ images needed to fit and validate. */
    public static final int MIN_PATIENTS = 10;

    /**
     * @param patients patient id per row ("" = unknown, not used)
     * @return the verifier, or null when fewer than {@link #MIN_PATIENTS} patients have 2+ images
     */
    public static ReidVerifier fit(Features f, String[] patients, long seed) {
        Map<String, List<Integer>> byPatient = new TreeMap<>();
        for (int i = 0; i < patients.length; i++) {
            if (!patients[i].isEmpty()) {
                byPatient.computeIfAbsent(patients[i], k -> new ArrayList<>()).add(i);
            }
        }
        List<String> multi = new ArrayList<>();
        byPatient.forEach((p, rows) -> {
            if (rows.size() >= 2) {
                multi.add(p);
            }
        });
        if (multi.size() < MIN_PATIENTS) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EEDL);
        org.cxrbench.stats.Sampling.shuffle(rnd, multi);
        int nFit = (int) Math.round(multi.size() * 0.7);
        List<String> fitP = multi.subList(0, nFit);
        List<String> valP = multi.subList(nFit, multi.size());
        double[] w = whitening(f, byPatient, fitP);
        double[][] fitPairs = pairs(f, w, byPatient, fitP, rnd);
        double[][] valPairs = pairs(f, w, byPatient, valP, rnd);
        double[] dist = fitPairs[0];
        double[] sorted = dist.clone();
        java.util.Arrays.sort(sorted);
        double scale = Math.max(sorted[sorted.length / 2], 1e-12);
        double[] coef = logistic(dist, fitPairs[1], scale);
        boolean[] pos = new boolean[valPairs[0].length];
        double[] score = new double[pos.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = valPairs[1][i] == 1;
            score[i] = -valPairs[0][i]; // closer = more likely the same patient
        }
        double auc = Roc.auc(score, pos);
        return new ReidVerifier(w, f.d(), coef[0], coef[1], scale, auc, fitP.size(), valP.size(), dist.length);
    }

    /** {distances, labels(1 same / 0 different)} for the given patients. */
    private static double[][] pairs(Features f, double[] w, Map<String, List<Integer>> byPatient, List<String> ps,
                                    SplittableRandom rnd) {
        List<double[]> out = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        List<String> owner = new ArrayList<>();
        for (String p : ps) {
            List<Integer> rows = byPatient.get(p);
            int count = 0;
            for (int i = 0; i < rows.size() && count < 10; i++) {
                for (int j = i + 1; j < rows.size() && count < 10; j++) {
                    out.add(new double[] {distance(w, f.d(), f, rows.get(i), f, rows.get(j)), 1});
                    count++;
                }
            }
            for (int r : rows) {
                all.add(r);
                owner.add(p);
            }
        }
        int positives = out.size();
        int negatives = 0;
        int guard = 0;
        while (negatives < 3 * positives && guard++ < 100 * positives) {
            int x = rnd.nextInt(all.size());
            int y = rnd.nextInt(all.size());
            if (!owner.get(x).equals(owner.get(y))) {
                out.add(new double[] {distance(w, f.d(), f, all.get(x), f, all.get(y)), 0});
                negatives++;
            }
        }
        double[][] res = new double[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            res[0][i] = out.get(i)[0];
            res[1][i] = out.get(i)[1];
        }
        return res;
    }

    /** Class-balanced logistic regression of y on x/scale by Newton's method (2 parameters). */
    static double[] logistic(double[] x, double[] y, double scale) {
        double nPos = 0;
        for (double v : y) {
            nPos += v;
        }
        double nNeg = y.length - nPos;
        double wPos = y.length / (2 * nPos);
        double wNeg = y.length / (2 * nNeg);
        double a = 0;
        double b = 0;
        for (int it = 0; it < 100; it++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 1e-9;
            double h01 = 0;
            double h11 = 1e-9;
            for (int i = 0; i < x.length; i++) {
                double xi = x[i] / scale;
                double p = 1 / (1 + Math.exp(-(a + b * xi)));
                double w = y[i] == 1 ? wPos : wNeg;
                double r = w * (y[i] - p);
                g0 += r;
                g1 += r * xi;
                double h = w * p * (1 - p);
                h00 += h;
                h01 += h * xi;
                h11 += h * xi * xi;
            }
            double det = h00 * h11 - h01 * h01;
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }
}
