#!/usr/bin/python3
"""Reference for LinearProbeTest: scikit-learn's LogisticRegression(solver="lbfgs") on z-scored features.

Run from this folder: /usr/bin/python3 make_probe_fixture.py  (Debian python3-sklearn 1.2.1, numpy).
Writes probe_fixture.json: training/test features and labels (1 positive, 0 negative, -1 uncertain, null blank;
uncertain and blank rows are left out of that label's problem), and per label sklearn's coefficients in the
z-scored space, intercept and test probabilities, plus the test AUROC (sklearn.metrics.roc_auc_score).
Features are z-scored with StandardScaler fitted on ALL training rows (population sd, ddof=0).
sklearn minimises sum(log-loss) + 0.5/C ||w||^2 (intercept not penalised), i.e. C*sum + 0.5||w||^2 scaled.
tol=1e-10 and max_iter=10000 so that the reference is the optimum, not an early stop; the script also solves each
problem with scipy's L-BFGS-B at ftol=0 and reports the gap, which bounds how far sklearn itself is from the optimum.
"""
import json
import numpy as np
import scipy.optimize
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

rng = np.random.RandomState(20261201)
n_train, n_test, d, L = 300, 200, 12, 3
C = 1.0   # the CLI's default --probe-c
mix = rng.normal(size=(d, d)) / np.sqrt(d)
scale = np.exp(rng.uniform(-2, 2, size=d))            # very different feature scales: z-scoring matters
offset = rng.normal(scale=5, size=d)

def features(n):
    return (rng.normal(size=(n, d)) @ mix) * scale + offset

Xtr, Xte = features(n_train), features(n_test)
true_w = rng.normal(size=(L, d))
def labels(X):
    z = ((X - offset) / scale) @ true_w.T + np.array([0.5, -1.0, 0.0])
    y = (rng.uniform(size=z.shape) < 1 / (1 + np.exp(-z))).astype(float)
    u = rng.uniform(size=z.shape)
    y[u < 0.08] = -1          # uncertain
    y[(u >= 0.08) & (u < 0.15)] = np.nan   # blank
    return y

Ytr, Yte = labels(Xtr), labels(Xte)
sc = StandardScaler().fit(Xtr)
Ztr, Zte = sc.transform(Xtr), sc.transform(Xte)

out = {"C": C, "sklearn": __import__("sklearn").__version__, "train_x": Xtr.tolist(), "test_x": Xte.tolist(),
       "train_y": [[None if np.isnan(v) else int(v) for v in r] for r in Ytr],
       "test_y": [[None if np.isnan(v) else int(v) for v in r] for r in Yte], "labels": []}
for l in range(L):
    m = (Ytr[:, l] == 0) | (Ytr[:, l] == 1)
    clf = LogisticRegression(C=C, solver="lbfgs", tol=1e-10, max_iter=10000).fit(Ztr[m], Ytr[m, l])
    p = clf.predict_proba(Zte)[:, 1]
    mt = (Yte[:, l] == 0) | (Yte[:, l] == 1)
    auc = roc_auc_score(Yte[mt, l], p[mt])

    # independent check of the optimum: same objective, scipy L-BFGS-B run to ftol=0
    Xa, ya = Ztr[m], Ytr[m, l]
    def fg(wb):
        w, b = wb[:-1], wb[-1]
        z = Xa @ w + b
        f = np.sum(np.logaddexp(0, z) - ya * z) + 0.5 / C * w @ w
        r = 1 / (1 + np.exp(-z)) - ya
        return f, np.append(Xa.T @ r + w / C, r.sum())
    res = scipy.optimize.minimize(fg, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                                  options={"ftol": 0, "gtol": 1e-12, "maxiter": 100000})
    gap = float(np.max(np.abs(res.x - np.append(clf.coef_[0], clf.intercept_[0]))))
    print(f"label {l}: n={m.sum()} sklearn iters={clf.n_iter_[0]} |sklearn - tight scipy| max = {gap:.2e}, AUROC {auc:.6f}")
    out["labels"].append({"coef": clf.coef_[0].tolist(), "intercept": float(clf.intercept_[0]),
                          "test_proba": p.tolist(), "test_auroc": float(auc), "n_train": int(m.sum()),
                          "gap_to_tight_optimum": gap, "optimum_coef": res.x[:-1].tolist(),
                          "optimum_intercept": float(res.x[-1])})
with open("probe_fixture.json", "w") as f:
    json.dump(out, f)
