#!/usr/bin/env python3
"""Golden FID cases for exactness on rank-deficient and dead-unit features (cxrbench issue 20.5).

Writes fid_exact.json (next to this file unless --out is given).  numpy + mpmath; the seeds are fixed and two
runs give byte-identical output.  Same conventions as make_refs.py beside it:

* inputs are rounded to 6 decimals BEFORE any computation, and the JSON numbers are shortest round-trip float64
  strings, so Java's Double.parseDouble recovers exactly the doubles used here;
* matrices are lists of rows (one feature vector per row);
* `expected.high_precision_reference` is computed from those exact doubles in 40-digit arithmetic (mpmath):
  mean and covariance (divide by N-1) of the stored rows, then tr sqrt(S1^1/2 S2 S1^1/2) with mpmath.eigsy
  (eigenvalues below zero, which are 40-digit round-off, clipped to 0).  No eigenvalue is cut: a tiny positive
  eigenvalue of a real covariance is part of the true value;
* `expected.float64_*` are numpy's double-precision routes, for information (they show the error of each route):
  `symmetric` is tr sqrt(S1^1/2 S2 S1^1/2) from eigh of the N-1 covariances, `eigvals` is sum Re sqrt(eig(S1 S2)).

The cases imitate what real encoders give (the NIH cxr-cnn features have dead ReLU units: columns that are exactly
zero on every image, so the covariance has zero rows and columns; radiomics features span many orders of
magnitude and are nearly collinear):

  fid_dead_units_d48_n300_n250     12 of 48 columns exactly 0 in both sets, 2 columns a nonzero constant; N > d
  fid_dead_units_d64_n40_n36       16 dead columns and N <= d: rank = N - 1 < live columns < d
  fid_dead_mismatch_d40_n200_n180  columns dead in the synthetic set only (a collapsed generator) and vice versa
  fid_low_rank_d64_n300_n300       rank-20 features (Z W) plus 6-decimal rounding: 44 tiny but real eigenvalues
  fid_wide_scale_d32_n200_n150     radiomics-like: column scales 1e-3 .. 1e4, two nearly collinear pairs

Run:  python3 make_fid_exact.py [--out PATH]      (about a minute; mpmath is pip/apt `python3-mpmath`)
"""
import argparse
import json
import os
import platform
import sys

import mpmath as mp
import numpy as np

DECIMALS = 6
mp.mp.dps = 40
TOLERANCE = dict(abs=0.0, rel=1e-9)


def rnd(a):
    return np.round(np.asarray(a, dtype=np.float64), DECIMALS) + 0.0  # +0.0 kills -0.0


def dump(obj, ind=0):
    """Pretty JSON with numeric rows on one line each (as make_refs.py)."""
    pad = "  " * ind
    if isinstance(obj, dict):
        items = [f'{pad}  {json.dumps(k)}: {dump(v, ind + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(isinstance(e, (int, float)) for e in obj):
            return json.dumps(obj, allow_nan=False, separators=(",", ":"))
        if obj and all(isinstance(r, list) and all(isinstance(e, (int, float)) for e in r) for r in obj):
            rows = [f"{pad}  " + json.dumps(r, allow_nan=False, separators=(",", ":")) for r in obj]
            return "[\n" + ",\n".join(rows) + "\n" + pad + "]"
        items = [f"{pad}  {dump(v, ind + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False)


# ----------------------------------------------------------------------------- 40-digit reference
def mean_cov_mp(X):
    n, d = X.shape
    cols = [[mp.mpf(float(v)) for v in X[:, j]] for j in range(d)]
    mu = [mp.fsum(c) / n for c in cols]
    cen = [[v - mu[j] for v in cols[j]] for j in range(d)]
    S = mp.matrix(d, d)
    for i in range(d):
        for j in range(i, d):
            S[i, j] = S[j, i] = mp.fdot(cen[i], cen[j]) / (n - 1)
    return mu, S


def psd_sqrt_mp(S):
    E, Q = mp.eigsy(S)
    d = S.rows
    R = mp.matrix(d, d)
    for k in range(d):
        if E[k] <= 0:
            continue
        s = mp.sqrt(E[k])
        for i in range(d):
            qi = Q[i, k] * s
            for j in range(d):
                R[i, j] += qi * Q[j, k]
    return R


def fid_mp(X, Y):
    m1, S1 = mean_cov_mp(X)
    m2, S2 = mean_cov_mp(Y)
    R = psd_sqrt_mp(S1)
    M = R * S2 * R
    E = mp.eigsy((M + M.T) / 2, eigvals_only=True)
    tr = mp.fsum(mp.sqrt(e) for e in E if e > 0)
    mean_term = mp.fsum((a - b) ** 2 for a, b in zip(m1, m2))
    t1 = mp.fsum(S1[i, i] for i in range(S1.rows))
    t2 = mp.fsum(S2[i, i] for i in range(S2.rows))
    E1 = mp.eigsy(S1, eigvals_only=True)
    return dict(fid=mp.nstr(mean_term + t1 + t2 - 2 * tr, 25), tr_covmean=mp.nstr(tr, 25),
                mean_sq_diff=mp.nstr(mean_term, 25), trace_sigma1=mp.nstr(t1, 25), trace_sigma2=mp.nstr(t2, 25),
                min_positive_eigenvalue_sigma1=mp.nstr(min(e for e in E1 if e > mp.mpf(10) ** -30), 6))


# ----------------------------------------------------------------------------- float64 routes (information)
def float64_routes(X, Y):
    s1, s2 = np.cov(X, rowvar=False), np.cov(Y, rowvar=False)
    d = X.mean(0) - Y.mean(0)
    base = d @ d + np.trace(s1) + np.trace(s2)
    w, v = np.linalg.eigh(s1)
    r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    m = r @ s2 @ r
    sym = np.sum(np.sqrt(np.clip(np.linalg.eigvalsh((m + m.T) / 2), 0, None)))
    eig = np.sum(np.sqrt(np.linalg.eigvals(s1 @ s2).astype(complex)).real)
    return dict(float64_symmetric=float(base - 2 * sym), float64_eigvals=float(base - 2 * eig))


# ----------------------------------------------------------------------------- cases
def gauss(rng, n, d, scale=None, shift=0.0):
    a = rng.standard_normal((d, d)) / np.sqrt(d)
    x = rng.standard_normal((n, d)) @ (np.eye(d) + a) + shift
    return x * (1.0 if scale is None else scale)


def relu_like(x):
    return np.maximum(x + 0.5, 0.0)


def case(name, desc, X, Y, notes):
    X, Y = rnd(X), rnd(Y)
    dead_x = [int(j) for j in np.where(np.ptp(X, axis=0) == 0)[0]]
    dead_y = [int(j) for j in np.where(np.ptp(Y, axis=0) == 0)[0]]
    exp = dict(high_precision_reference=fid_mp(X, Y))
    exp.update(float64_routes(X, Y))
    exp.update(rank_sigma1=int(np.linalg.matrix_rank(np.cov(X, rowvar=False))),
               rank_sigma2=int(np.linalg.matrix_rank(np.cov(Y, rowvar=False))),
               dead_columns_X=dead_x, dead_columns_Y=dead_y)
    print(f"{name}: fid={exp['high_precision_reference']['fid']} ranks {exp['rank_sigma1']}/{exp['rank_sigma2']} "
          f"dead {len(dead_x)}/{len(dead_y)}", file=sys.stderr)
    return dict(name=name, kind="fid_exact", description=desc, notes=notes,
                inputs=dict(X=X.tolist(), Y=Y.tolist()),
                conventions=dict(mean="np.mean axis 0", covariance="divide by N-1",
                                 fid="||mu1-mu2||^2 + tr(S1) + tr(S2) - 2 tr sqrt(S1^1/2 S2 S1^1/2), 40 digits"),
                expected=exp, suggested_tolerance=TOLERANCE)


def cases():
    out = []
    rng = np.random.default_rng(2020)
    d, live = 48, 34
    X = np.zeros((300, d))
    Y = np.zeros((250, d))
    X[:, :live] = relu_like(gauss(rng, 300, live))
    Y[:, :live] = relu_like(gauss(rng, 250, live, shift=0.2))
    X[:, live:live + 2] = 0.731  # constant nonzero columns (a unit stuck at a bias)
    Y[:, live:live + 2] = 0.731
    out.append(case("fid_dead_units_d48_n300_n250",
                    "12 of 48 columns exactly zero in both sets (dead ReLU units), 2 columns the constant 0.731; "
                    "live columns ReLU of correlated Gaussians; N > d", X, Y,
                    "covariances have exact zero rows/columns; rank 34 of 48"))

    rng = np.random.default_rng(2021)
    d, live = 64, 48
    X = np.zeros((40, d))
    Y = np.zeros((36, d))
    X[:, :live] = relu_like(gauss(rng, 40, live))
    Y[:, :live] = relu_like(gauss(rng, 36, live, shift=0.1))
    out.append(case("fid_dead_units_d64_n40_n36",
                    "16 of 64 columns dead in both sets and N <= d (40 and 36 rows): ranks N - 1 below the 48 "
                    "live columns", X, Y, "like cxr-cnn at small N: dead units and N <= d together"))

    rng = np.random.default_rng(2022)
    d = 40
    X = relu_like(gauss(rng, 200, d))
    Y = relu_like(gauss(rng, 180, d, shift=0.3))
    X[:, 30:34] = 0.0
    Y[:, 34:40] = 0.0  # the generator collapsed these units
    out.append(case("fid_dead_mismatch_d40_n200_n180",
                    "columns 30-33 dead in the real set only, 34-39 dead in the synthetic set only", X, Y,
                    "the null spaces of S1 and S2 differ; tr sqrt(S1 S2) has exact zero eigenvalues beyond "
                    "both ranks"))

    rng = np.random.default_rng(2023)
    d, r = 64, 20
    W = rng.standard_normal((r, d))
    X = rng.standard_normal((300, r)) @ W
    Y = (rng.standard_normal((300, r)) * 1.1 + 0.1) @ W
    out.append(case("fid_low_rank_d64_n300_n300",
                    "rank-20 features Z W (64 columns) rounded to 6 decimals: the rounding leaves 44 eigenvalues "
                    "near 1e-13 that are real (an exact computation keeps them)", X, Y,
                    "a cut at r*eps*max|w| removes real eigenvalues here"))

    rng = np.random.default_rng(2024)
    d = 32
    scale = 10.0 ** np.linspace(-3, 4, d)
    X = gauss(rng, 200, d, scale=scale, shift=1.0)
    Y = gauss(rng, 150, d, scale=scale * 1.05, shift=1.1)
    for Z in (X, Y):
        Z[:, 5] = Z[:, 4] * 1.5 + 1e-4 * Z[:, 6]  # nearly collinear pairs, as radiomics texture features are
        Z[:, 20] = -Z[:, 19] + 1e-3 * Z[:, 3]
    out.append(case("fid_wide_scale_d32_n200_n150",
                    "radiomics-like: column scales from 1e-3 to 1e4 and two nearly collinear pairs", X, Y,
                    "eigenvalues of S span about 20 orders of magnitude"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "fid_exact.json"))
    args = ap.parse_args()
    doc = dict(description="FID exactness cases (issue 20.5): dead units, N <= d, low rank, wide scales; "
                           "40-digit references. Made by make_fid_exact.py.",
               versions=dict(numpy=np.__version__, mpmath=mp.__version__, python=platform.python_version()),
               cases=cases())
    with open(args.out, "w") as f:
        f.write(dump(doc) + "\n")


if __name__ == "__main__":
    main()
