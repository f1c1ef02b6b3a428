package org.cxrbench.utility;

import java.util.Arrays;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 7.4/7.5: two-loop recursion,
 * initial Hessian scaled by s'y / y'y) with a backtracking Armijo line search, driven by its caller (reverse
 * communication; approximate Wolfe acceptance where f's rounding hides the decrease): the caller evaluates f and its gradient at {@link #point()} and hands them to {@link #feed}.
 * That lets one pass over the data evaluate many independent problems (one per label) at once, while each
 * problem's iterates depend only on its own values, never on which others are evaluated beside it.
 *
 * <p>Stops when max|g_i| <= tol (scipy's L-BFGS-B {@code pgtol}, the test scikit-learn's {@code tol} sets) or after
 * maxIter iterations, or (ftol > 0) when an iteration lowers f by at most ftol * max(|f_k|, |f_k+1|, 1), scipy's
 * factr test. For the strictly convex objectives used here s'y > 0 holds at every accepted step, so an
 * Armijo step is enough (no Wolfe curvature test needed); pairs with s'y <= 1e-12 y'y are skipped nonetheless.
 */
final class Lbfgs {
    enum State { START, SEARCH, CONVERGED, RELATIVE_DECREASE, MAX_ITER, STALLED }

    private static final double C1 = 1e-4;
    private static final int MAX_BACKTRACKS = 60;

    private final int n;
    private final int m;
    private final double tol;
    private final double ftol;
    private final int maxIter;
    private final double[] x;
    private final double[] g;
    private final double[] dir;
    private final double[] trial;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int stored;
    private int newest = -1;
    private double f;
    private double gd;
    private double step;
    private int backtracks;
    private int iterations;
    private int evaluations;
    private State state = State.START;

    Lbfgs(double[] x0, int memory, double tol, double ftol, int maxIter) {
        this.ftol = ftol;
        this.n = x0.length;
        this.m = memory;
        this.tol = tol;
        this.maxIter = maxIter;
        this.x = x0.clone();
        this.g = new double[n];
        this.dir = new double[n];
        this.trial = x0.clone();
        this.s = new double[memory][n];
        this.y = new double[memory][n];
        this.rho = new double[memory];
        this.alpha = new double[memory];
    }

    /** The point at which the caller must evaluate next (do not modify). */
    double[] point() {
        return trial;
    }

    boolean done() {
        return state != State.START && state != State.SEARCH;
    }

    State state() {
        return state;
    }

    /** The current iterate (the best point accepted so far). */
    double[] x() {
        return x;
    }

    double value() {
        return f;
    }

    int iterations() {
        return iterations;
    }

    int evaluations() {
        return evaluations;
    }

    double gradientMaxAbs() {
        return maxAbs(g);
    }

    /** Value and gradient at {@link #point()}. */
    void feed(double value, double[] grad) {
        evaluations++;
        if (state == State.START) {
            f = value;
            System.arraycopy(grad, 0, g, 0, n);
            if (!Double.isFinite(f)) {
                throw new IllegalStateException("objective not finite at the starting point");
            }
            if (maxAbs(g) <= tol) {
                state = State.CONVERGED;
                return;
            }
            for (int i = 0; i < n; i++) {
                dir[i] = -g[i];
            }
            gd = dot(g, dir);
            step = Math.min(1.0, 1.0 / Math.sqrt(-gd)); // first step of length <= 1, as scipy's L-BFGS-B
            setTrial();
            state = State.SEARCH;
            return;
        }
        if (state != State.SEARCH) {
            throw new IllegalStateException("solver finished (" + state + ")");
        }
        if (Double.isFinite(value) && (value <= f + C1 * step * gd || approximateWolfe(value, grad))) {
            accept(value, grad);
            return;
        }
        if (++backtracks > MAX_BACKTRACKS) {
            state = State.STALLED; // no decrease representable in double precision: keep the current iterate
            return;
        }
        double next = 0.5 * step;
        if (Double.isFinite(value)) {
            // minimiser of the quadratic through f(0), f'(0) = gd and f(step), kept within [0.1, 0.5] x step
            double q = -gd * step * step / (2 * (value - f - gd * step));
            next = Math.max(0.1 * step, Math.min(0.5 * step, q));
        }
        step = next;
        setTrial();
    }

    /**
     * Near the optimum the decrease Armijo asks for falls below the rounding of f; there the step is accepted on the
     * slope instead (Hager and Zhang 2005, approximate Wolfe conditions: f within 1e-10 |f| of the current value and
     * 0.9 f'(0) <= f'(step) <= -0.8 f'(0), i.e. delta = 0.1, sigma = 0.9).
     */
    private boolean approximateWolfe(double value, double[] grad) {
        if (!(value <= f + 1e-10 * Math.max(Math.abs(f), 1))) {
            return false;
        }
        double slope = dot(grad, dir);
        return slope >= 0.9 * gd && slope <= -0.8 * gd;
    }

    private void accept(double value, double[] grad) {
        int slot = (newest + 1) % m;
        double sy = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            s[slot][i] = trial[i] - x[i];
            y[slot][i] = grad[i] - g[i];
            sy += s[slot][i] * y[slot][i];
            yy += y[slot][i] * y[slot][i];
        }
        if (sy > 1e-12 * yy && yy > 0) {
            rho[slot] = 1 / sy;
            newest = slot;
            stored = Math.min(stored + 1, m);
        }
        System.arraycopy(trial, 0, x, 0, n);
        System.arraycopy(grad, 0, g, 0, n);
        double decrease = f - value;
        double scale = Math.max(Math.max(Math.abs(f), Math.abs(value)), 1);
        f = value;
        iterations++;
        backtracks = 0;
        if (maxAbs(g) <= tol) {
            state = State.CONVERGED;
            return;
        }
        if (ftol > 0 && decrease <= ftol * scale) {
            state = State.RELATIVE_DECREASE;
            return;
        }
        if (iterations >= maxIter) {
            state = State.MAX_ITER;
            return;
        }
        direction();
        gd = dot(g, dir);
        if (!(gd < 0)) { // not a descent direction (rounding): restart from steepest descent
            stored = 0;
            newest = -1;
            direction();
            gd = dot(g, dir);
        }
        step = 1.0;
        setTrial();
    }

    /** dir = -H g by the two-loop recursion over the stored pairs, newest first. */
    private void direction() {
        for (int i = 0; i < n; i++) {
            dir[i] = -g[i];
        }
        if (stored == 0) {
            return;
        }
        int slot = newest;
        for (int k = 0; k < stored; k++) {
            alpha[slot] = rho[slot] * dot(s[slot], dir);
            axpy(-alpha[slot], y[slot], dir);
            slot = (slot - 1 + m) % m;
        }
        double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
        for (int i = 0; i < n; i++) {
            dir[i] *= gamma;
        }
        slot = (newest - stored + 1 + m) % m;
        for (int k = 0; k < stored; k++) {
            double beta = rho[slot] * dot(y[slot], dir);
            axpy(alpha[slot] - beta, s[slot], dir);
            slot = (slot + 1) % m;
        }
    }

    private void setTrial() {
        for (int i = 0; i < n; i++) {
            trial[i] = x[i] + step * dir[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }

    private static void axpy(double a, double[] xs, double[] ys) {
        for (int i = 0; i < xs.length; i++) {
            ys[i] += a * xs[i];
        }
    }

    private static double maxAbs(double[] v) {
        double mx = 0;
        for (double e : v) {
            mx = Math.max(mx, Math.abs(e));
        }
        return mx;
    }

    @Override
    public String toString() {
        return state + " after " + iterations + " iterations, f=" + f + ", max|g|=" + maxAbs(g) + ", x=" + Arrays.toString(x);
    }
}
