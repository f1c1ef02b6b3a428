#!/usr/bin/python3
"""The probe's speed reference: scikit-learn's lbfgs on the probe benchmark's data (the one script that makes it).

  /usr/bin/python3 sklearn_ref.py DIR [LABELS] [--data-only]     (Debian's python3-sklearn; LABELS default 14)

Data, written once to DIR/x.npy (float32) and DIR/y.npy (float32: 1, 0, -1 masked) unless DIR/y.npy exists:
10,000 x 2048 float32 features with a rank-64 structure plus noise, LABELS labels from a linear model with noise,
10% of each label masked (-1); the 14-label set is the README's figure, bench/probe/run.py uses 5 by default. The
fit: StandardScaler, then one LogisticRegression(solver="lbfgs", C=1, tol=1e-4, max_iter=1000) per label on that
label's known rows, as cxrbench's probe (LinearProbe: z-scored features, scikit-learn's C, L-BFGS from zero
weights). Prints "fit SECONDS iterations [..] (scikit-learn VERSION, LABELS labels)": the fit alone, in process.
Java's side: org.cxrbench.utility.ProbeBench (test classes) on the same DIR, same machine, same run
(bench/probe/run.py alternates the two).
"""
import os
import sys
import time

import numpy as np


def write(out, labels):
    """The benchmark's data (seeded: the same bytes on every run), unless DIR already has it."""
    if os.path.exists(os.path.join(out, "y.npy")):
        return
    rng = np.random.RandomState(0)
    n, d = 10000, 2048
    x = (rng.normal(size=(n, 64)) @ rng.normal(size=(64, d)) / 8 + rng.normal(size=(n, d))).astype(np.float32)
    w = rng.normal(size=(d, labels)) / np.sqrt(d) * 3
    z = x.astype(np.float64) @ w + rng.normal(scale=1.0, size=(n, labels)) - 1.0
    y = (z > 0).astype(np.int8)
    y[rng.uniform(size=(n, labels)) < 0.1] = -1
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "y.npy"), y.astype(np.float32))


def fit(out):
    """scikit-learn's fit of one seed on DIR's data: seconds and each label's iterations."""
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    x = np.load(os.path.join(out, "x.npy"))
    y = np.load(os.path.join(out, "y.npy")).astype(np.int8)
    t0 = time.perf_counter()
    xs = StandardScaler().fit_transform(x.astype(np.float64))
    iters = []
    for lab in range(y.shape[1]):
        m = y[:, lab] >= 0
        clf = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-4, max_iter=1000).fit(xs[m], y[m, lab])
        iters.append(int(clf.n_iter_[0]))
    print("fit %.3f iterations %s (scikit-learn %s, %d labels)" % (time.perf_counter() - t0, iters,
                                                                   sklearn.__version__, y.shape[1]))


def main():
    args = [a for a in sys.argv[1:] if a != "--data-only"]
    out, labels = args[0], int(args[1]) if len(args) > 1 else 14
    os.makedirs(out, exist_ok=True)
    write(out, labels)
    if "--data-only" not in sys.argv:
        fit(out)


if __name__ == "__main__":
    main()
