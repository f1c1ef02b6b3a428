#!/usr/bin/python3
"""Speed reference for the probe: scikit-learn's lbfgs on 10,000 x 2048 features, 14 labels (the README figure).

/usr/bin/python3 bench_probe_sklearn.py OUTDIR  writes OUTDIR/x.npy (float32), OUTDIR/y.npy (float32: 1, 0, -1 masked)
and prints sklearn's time for one seed: StandardScaler + one LogisticRegression(solver="lbfgs", C=1, tol=1e-4,
max_iter=1000) per label on that label's known rows. Java's side: org.cxrbench.utility.ProbeBench (test classes)
on the same files, same machine, same run.
"""
import sys, time, os
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

out = sys.argv[1]
rng = np.random.RandomState(0)
n, d, L = 10000, 2048, 14
X = (rng.normal(size=(n, 64)) @ rng.normal(size=(64, d)) / 8 + rng.normal(size=(n, d))).astype(np.float32)
W = rng.normal(size=(d, L)) / np.sqrt(d) * 3
Z = X.astype(np.float64) @ W + rng.normal(scale=1.0, size=(n, L)) - 1.0
Y = (Z > 0).astype(np.int8)
Y[rng.uniform(size=(n, L)) < 0.1] = -1
np.save(os.path.join(out, "x.npy"), X)
np.save(os.path.join(out, "y.npy"), Y.astype(np.float32))
t0 = time.time()
Xs = StandardScaler().fit_transform(X.astype(np.float64))
iters = []
for l in range(L):
    m = Y[:, l] >= 0
    clf = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-4, max_iter=1000).fit(Xs[m], Y[m, l])
    iters.append(int(clf.n_iter_[0]))
print(f"sklearn {__import__('sklearn').__version__} lbfgs: {time.time() - t0:.1f} s for one seed, 14 labels, iterations {iters}")
