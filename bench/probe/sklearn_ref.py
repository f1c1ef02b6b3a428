#!/usr/bin/python3
"""scikit-learn's side of bench/probe/run.py: writes the data (once) and times one seed's fit.

  /usr/bin/python3 sklearn_ref.py DIR LABELS        (Debian's python3-sklearn)

Data (as src/test/resources/utility/bench_probe_sklearn.py, with LABELS labels): 10,000 x 2048 float32 features
with a rank-64 structure plus noise, labels from a linear model with noise, 10% of each label masked (-1). The fit:
StandardScaler, then one LogisticRegression(solver="lbfgs", C=1, tol=1e-4, max_iter=1000) per label on that label's
known rows, as cxrbench's probe (LinearProbe: z-scored features, scikit-learn's C, L-BFGS from zero weights).
Prints: "fit SECONDS iterations [..]" (the fit alone, in process: scaling and the per-label fits).
"""
import os
import sys
import time

import numpy as np


def write(out, labels):
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


def main():
    out, labels = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    write(out, labels)
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
    print("fit %.3f iterations %s" % (time.perf_counter() - t0, iters))


if __name__ == "__main__":
    main()
