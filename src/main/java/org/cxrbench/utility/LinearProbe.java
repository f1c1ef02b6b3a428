package org.cxrbench.utility;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.data.Labels;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.RowProducts;

/**
 * Linear probe on frozen features: for each label, L2-regularised logistic regression on features z-scored with
 * the training rows' mean and population sd (scikit-learn's StandardScaler: sd 0 -> 1), minimising
 * {@code sum over the label's known rows of log-loss + 0.5 / C * ||w||^2} (the intercept is not penalised): the
 * objective, gradient scale and {@code tol} of scikit-learn's {@code LogisticRegression(solver="lbfgs", C=C)}.
 * Uncertain (-1) and blank labels leave that row out of that label's problem only. Starts from w = 0, b = 0.
 *
 * <p>All labels are solved together: one pass over the rows evaluates every unfinished label's loss and gradient
 * (each label has its own L-BFGS state, so a label's iterates never depend on the others). The z-scoring is folded
 * into the weights ({@code z_i = b + sum_j w_j (x_ij - mu_j) / sd_j}), so the features are never copied: memory is the
 * features plus O(d x labels x chunks) with a fixed number of chunks. Rows are cut into chunks by n alone, and the
 * chunks' partial sums are added in chunk order, so the result is bit-identical for any thread count.
 */
public final class LinearProbe {
    private LinearProbe() {}

    /**
     * @param c       inverse regularisation strength (scikit-learn's C)
     * @param tol     stop when max |gradient| <= tol (scikit-learn's tol, same scale; default 1e-4)
     * @param ftol    also stop when an iteration lowers f by at most ftol * max(|f|, 1) (scipy L-BFGS-B's
     *                factr test, which scikit-learn's lbfgs inherits: default factr 1e7 x eps = 2.22e-9; 0: off)
     * @param maxIter L-BFGS iterations per label
     * @param memory  L-BFGS correction pairs (scipy's maxcor, 10)
     */
    public record Options(double c, double tol, double ftol, int maxIter, int memory) {
        public static final double SCIPY_FTOL = 1e7 * Math.ulp(1.0);

        public static Options defaults(double c) {
            return new Options(c, 1e-4, SCIPY_FTOL, 1000, 10);
        }
    }

    static final int MAX_CHUNKS = 16;
    static final int MIN_CHUNK_ROWS = 256;

    /** A fitted label or the reason it was not fitted (a class missing from its known training rows). */
    public record LabelFit(boolean fitted, String reason, double[] coef, double intercept, int iterations,
                           String state, int positives, int negatives) {}

    /** Fitted probe: coefficients live in the z-scored space, as scikit-learn's on StandardScaler output. */
    public record Model(double[] mean, double[] sd, List<LabelFit> labels) {
        /**
         * P(label) for every row of x and label. A label that could not be fitted (its known training rows hold one
         * class only) gets the constant no-information prediction, its training positive rate (0 or 1; 0 when it has
         * no known training row): AUROC 0.5 (all ties), F1 as for predicting that class everywhere.
         */
        public double[][] predict(Features x) {
            int d = mean.length;
            if (x.d() != d) {
                throw new IllegalArgumentException("features have " + x.d() + " columns, the probe " + d);
            }
            double[][] p = new double[x.n()][labels.size()];
            double[] z = new double[d];
            for (int i = 0; i < x.n(); i++) {
                x.row(i, z, 0);
                for (int j = 0; j < d; j++) {
                    z[j] = (z[j] - mean[j]) / sd[j];
                }
                for (int l = 0; l < labels.size(); l++) {
                    LabelFit f = labels.get(l);
                    if (!f.fitted()) {
                        p[i][l] = f.positives() + f.negatives() == 0 ? 0 : (double) f.positives() / (f.positives() + f.negatives());
                        continue;
                    }
                    double s = f.intercept();
                    for (int j = 0; j < d; j++) {
                        s += f.coef()[j] * z[j];
                    }
                    p[i][l] = sigmoid(s);
                }
            }
            return p;
        }
    }

    public static Model fit(TrainingRows rows, Options o, int threads) {
        Design x = new Design(rows);
        int d = x.d;
        int labelCount = rows.labelCount();
        double[] mean = new double[d];
        double[] sd = new double[d];
        x.standardise(mean, sd);
        Lbfgs[] solvers = new Lbfgs[labelCount];
        LabelFit[] out = new LabelFit[labelCount];
        int[] pos = new int[labelCount];
        int[] neg = new int[labelCount];
        countLabels(x, pos, neg);
        for (int l = 0; l < labelCount; l++) {
            if (pos[l] == 0 || neg[l] == 0) {
                out[l] = new LabelFit(false, pos[l] + " positive and " + neg[l] + " negative training rows",
                        null, Double.NaN, 0, "not fitted", pos[l], neg[l]);
            } else {
                solvers[l] = new Lbfgs(new double[d + 1], o.memory(), o.tol(), o.ftol(), o.maxIter());
            }
        }
        runSolvers(x, mean, sd, 1.0 / o.c(), solvers, threads);
        List<LabelFit> fits = new ArrayList<>();
        for (int l = 0; l < labelCount; l++) {
            if (out[l] != null) {
                fits.add(out[l]);
                continue;
            }
            double[] wb = solvers[l].x();
            fits.add(new LabelFit(true, "", java.util.Arrays.copyOf(wb, d), wb[d], solvers[l].iterations(),
                    solvers[l].state().name().toLowerCase(java.util.Locale.ROOT), pos[l], neg[l]));
        }
        return new Model(mean, sd, List.copyOf(fits));
    }

    /** Positive and negative training rows per label (uncertain and missing labels count in neither). */
    private static void countLabels(Design x, int[] pos, int[] neg) {
        for (int r = 0; r < x.n; r++) {
            for (int l = 0; l < pos.length; l++) {
                byte v = x.labels[r][l];
                if (v == Labels.POSITIVE) {
                    pos[l]++;
                } else if (v == Labels.NEGATIVE) {
                    neg[l]++;
                }
            }
        }
    }

    /** Runs every non-null solver to its end, one row-product workspace per worker, BLAS single-threaded inside. */
    private static void runSolvers(Design x, double[] mean, double[] sd, double lambda, Lbfgs[] solvers,
            int threads) {
        int workers = Math.max(1, threads);
        java.util.concurrent.ConcurrentLinkedQueue<RowProducts> ws = new java.util.concurrent.ConcurrentLinkedQueue<>();
        int activeMax = 0;
        for (Lbfgs sv : solvers) {
            activeMax += sv == null ? 0 : 1;
        }
        ExecutorService pool = null;
        try {
            if (threads > 1) {
                pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "cxrbench-probe");
                    t.setDaemon(true);
                    return t;
                });
            }
            ExecutorService p = pool;
            for (int w = 0; w < workers; w++) {
                ws.add(new RowProducts(Evaluator.BLOCK_ROWS, x.d, Math.max(1, activeMax)));
            }
            Evaluator ev = new Evaluator(x, mean, sd, lambda, ws);
            RowProducts.singleThreadedBlas(() -> {
                solve(solvers, ev, p);
                return null;
            });
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            for (RowProducts w : ws) {
                w.close();
            }
        }
    }

    /** Until every label's solver has finished: one pass over the rows per round for all unfinished labels. */
    private static void solve(Lbfgs[] solvers, Evaluator ev, ExecutorService pool) {
        while (true) {
            List<Integer> active = new ArrayList<>();
            for (int l = 0; l < solvers.length; l++) {
                if (solvers[l] != null && !solvers[l].done()) {
                    active.add(l);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            double[][] points = new double[active.size()][];
            int[] act = new int[active.size()];
            for (int a = 0; a < act.length; a++) {
                act[a] = active.get(a);
                points[a] = solvers[act[a]].point();
            }
            Evaluator.Result res = ev.evaluate(act, points, pool);
            for (int a = 0; a < act.length; a++) {
                solvers[act[a]].feed(res.values()[a], res.gradients()[a]);
            }
        }
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** Design rows resolved to (feature set, row, labels), with the fixed chunking. */
    static final class Design {
        final int n;
        final int d;
        final Features[] data;
        final int[] offset;
        final byte[][] labels;

        Design(TrainingRows rows) {
            n = rows.n();
            d = rows.d();
            data = new Features[n];
            offset = new int[n];
            labels = new byte[n][];
            int r = 0;
            for (TrainingRows.Block b : rows.blocks()) {
                for (int i : b.rows()) {
                    data[r] = b.features();
                    offset[r] = i;
                    labels[r] = b.labels()[i];
                    r++;
                }
            }
        }

        int chunks() {
            return Math.max(1, Math.min(MAX_CHUNKS, n / MIN_CHUNK_ROWS));
        }

        int chunkStart(int c) {
            return (int) ((long) n * c / chunks());
        }

        /** Mean and population sd per column, two passes (sd 0, or below 10 eps of the mean, becomes 1 as in sklearn). */
        void standardise(double[] mean, double[] sd) {
            double[] a = new double[d];
            for (int r = 0; r < n; r++) {
                data[r].row(offset[r], a, 0);
                for (int j = 0; j < d; j++) {
                    mean[j] += a[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            for (int r = 0; r < n; r++) {
                data[r].row(offset[r], a, 0);
                for (int j = 0; j < d; j++) {
                    double t = a[j] - mean[j];
                    sd[j] += t * t;
                }
            }
            for (int j = 0; j < d; j++) {
                sd[j] = Math.sqrt(sd[j] / n);
                if (sd[j] < 10 * Math.ulp(1.0) * Math.max(1.0, Math.abs(mean[j]))) {
                    sd[j] = 1.0;
                }
            }
        }
    }

    static void await(List<Future<?>> fs) {
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
