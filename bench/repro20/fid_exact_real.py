#!/usr/bin/env python3
"""Issue 20.5 on real features: relative error of `./cxrbench fidelity --metrics fid` (default route) against a
high-precision reference computed from exactly the doubles cxrbench reads (float32 .npy -> double is exact).

Usage (from the repository root, after `mvn -B -o -q -DskipTests package`):
    python3 bench/repro20/fid_exact_real.py [--case NAME REAL.npy SYNTHETIC.npy] ... [--gaussian OUT_DIR]
        [--dps 40] [--confirm-dps 60] [--before PATH/TO/OLD/cxrbench] [--crosscheck-cols 40]

Reference (mpmath, --dps digits, 40 by default, the conventions of src/test/resources/golden/make_fid_exact.py):
mean, covariance / (N-1), FID = ||mu_r - mu_s||^2 + tr S_r + tr S_s - 2 tr sqrt(S_r^1/2 S_s S_r^1/2), negative
round-off eigenvalues clipped to 0, no positive eigenvalue cut. make_fid_exact.py's own route (eigsy of S_r for
S_r^1/2, then eigsy of S_r^1/2 S_s S_r^1/2) takes tens of minutes at d = 237..357 in mpmath, so the trace term is
taken from a matrix with the same eigenvalues, computed in the same precision:
  * columns constant in either set are left out of the trace term (their covariance row and column are exactly 0, so
    S_r S_s has the same non-zero eigenvalues without them); they still count in the mean term and the traces;
  * 'cholesky': S_r = P L L^T P^T by a pivoted Cholesky at --dps digits that stops only at a pivot <= 0 (no
    tolerance), and M = L^T S_s L (eigenvalues of S_r S_s);
  * 'data': when the smaller set has N - 1 < live columns, S_z = C_z^T C_z / (N_z - 1) with C_z its centred rows
    (exact at --dps digits), and M = C_z S_other C_z^T / (N_z - 1), N_z x N_z (the same non-zero eigenvalues);
  tr = sum sqrt(max(eig(M), 0)) with mpmath eigsy. Each case is cross-checked against make_fid_exact.fid_mp itself on
  its first --crosscheck-cols live columns (the same two routes on the same sub-problem; the digits they agree to are
  printed).
--confirm-dps recomputes each reference at more digits (the difference bounds the reference's own error).
For 3,000 x 2048 cases mpmath is out of reach; --gaussian writes two seeded cases (real N(0, I) vs synthetic
N(0.05, 1.1^2 I); ReLU of correlated Gaussians with 512 dead columns) and prints cxrbench beside three float64 routes
on the live columns (numpy eigh `symmetric`, scipy.linalg.sqrtm as pytorch-fid, and the nuclear norm of L_r^T L_s by
dgesdd from numpy Cholesky factors) and their spread: NOT a high-precision reference.
numpy's float64 routes (make_fid_exact.float64_routes: `symmetric`, `eigvals`) are shown against the same references.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import mpmath as mp
import numpy as np
import scipy
import scipy.linalg

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.dont_write_bytecode = True  # no __pycache__ beside the test resources
sys.path.insert(0, os.path.join(ROOT, "src", "test", "resources", "golden"))
import make_fid_exact as golden  # noqa: E402  (mean_cov_mp, fid_mp, float64_routes)


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load(path):
    a = np.load(path)
    if a.ndim != 2 or a.dtype not in (np.float32, np.float64):
        sys.exit(f"{path}: need a 2-D float32/float64 array, got {a.dtype} {a.shape}")
    return a.astype(np.float64)  # exact: every float32 is a double


def cxrbench_fid(launcher, real, synthetic):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "fid.json")
        subprocess.run([launcher, "fidelity", "-q", "--metrics", "fid", "--real", real, "--synthetic", synthetic,
                        "--json", out], check=True, stdout=subprocess.DEVNULL)
        return float(json.load(open(out))["metrics"]["fid"]["value"])


# ----------------------------------------------------------------------------- high-precision reference
def to_mp_cols(X):
    return [[mp.mpf(float(v)) for v in X[:, j]] for j in range(X.shape[1])]


def centred(cols, n):
    mu = [mp.fsum(c) / n for c in cols]
    return mu, [[v - m for v in c] for c, m in zip(cols, mu)]


def cov_from_centred(cen, n):
    d = len(cen)
    S = mp.matrix(d, d)
    for i in range(d):
        for j in range(i, d):
            S[i, j] = S[j, i] = mp.fdot(cen[i], cen[j]) / (n - 1)
    return S


def pivoted_cholesky(S):
    """S = P L L^T P^T; returns L as a list of r columns (length d, original order); stops at a pivot <= 0."""
    d = S.rows
    A = [[S[i, j] for j in range(d)] for i in range(d)]
    diag = [A[i][i] for i in range(d)]
    cols, left = [], list(range(d))
    while left:
        p = max(left, key=lambda i: diag[i])
        if diag[p] <= 0:
            break
        piv = mp.sqrt(diag[p])
        col = [mp.mpf(0)] * d
        col[p] = piv
        left.remove(p)
        for i in left:
            col[i] = (A[i][p] - mp.fsum(c[i] * c[p] for c in cols)) / piv
            diag[i] -= col[i] ** 2
        cols.append(col)
    return cols


def sym_eigs_sqrt_sum(M):
    M = (M + M.T) / 2
    E = mp.eigsy(M, eigvals_only=True)
    neg = mp.fsum(-e for e in E if e < 0)
    return mp.fsum(mp.sqrt(e) for e in E if e > 0), neg, len(E)


def trace_term(cenX, nx, cenY, ny):
    """tr sqrt(S_x^1/2 S_y^1/2 ...) = sum sqrt eig(S_x S_y) on the live columns, at mp precision."""
    d = len(cenX)
    small, n_small, other, n_other = (cenY, ny, cenX, nx) if ny <= nx else (cenX, nx, cenY, ny)
    S_other = cov_from_centred(other, n_other)
    if n_small - 1 < d:  # data factor: C S C^T / (n - 1), n x n
        C = mp.matrix(n_small, d)
        for j in range(d):
            for i in range(n_small):
                C[i, j] = small[j][i]
        M = C * S_other * C.T / (n_small - 1)
        route = f"data {n_small}x{n_small}"
    else:
        L_cols = pivoted_cholesky(cov_from_centred(small, n_small))
        r = len(L_cols)
        L = mp.matrix(d, r)
        for k, c in enumerate(L_cols):
            for i in range(d):
                L[i, k] = c[i]
        M = L.T * S_other * L
        route = f"cholesky rank {r} of {d}"
    tr, neg, size = sym_eigs_sqrt_sum(M)
    return tr, neg, route


def fid_reference(X, Y):
    nx, ny = X.shape[0], Y.shape[0]
    live = np.where((np.ptp(X, axis=0) > 0) & (np.ptp(Y, axis=0) > 0))[0]
    colsX, colsY = to_mp_cols(X), to_mp_cols(Y)
    muX, cenX = centred(colsX, nx)
    muY, cenY = centred(colsY, ny)
    mean_term = mp.fsum((a - b) ** 2 for a, b in zip(muX, muY))
    t1 = mp.fsum(mp.fdot(c, c) for c in cenX) / (nx - 1)
    t2 = mp.fsum(mp.fdot(c, c) for c in cenY) / (ny - 1)
    tr, neg, route = trace_term([cenX[j] for j in live], nx, [cenY[j] for j in live], ny)
    return mean_term + t1 + t2 - 2 * tr, dict(route=route, live=len(live), clipped_negative=neg)


def crosscheck(X, Y, k):
    """Our routes against make_fid_exact.fid_mp (its eigsy route) on the first k live columns (the larger difference)."""
    live = np.where((np.ptp(X, axis=0) > 0) & (np.ptp(Y, axis=0) > 0))[0][:k]
    worst = 0.0
    for rows in (None, k // 2):  # all rows: the 'cholesky' route; k/2 rows (N - 1 < k): the 'data' route
        Xs, Ys = X[:rows, live], Y[:rows, live]
        ours, _ = fid_reference(Xs, Ys)
        theirs = mp.mpf(golden.fid_mp(Xs, Ys)["fid"])  # printed to 25 digits
        worst = max(worst, float(abs(ours - theirs) / abs(theirs)))
    return worst


# ----------------------------------------------------------------------------- float64 routes
def sqrtm_route(X, Y):
    s1, s2 = np.cov(X, rowvar=False), np.cov(Y, rowvar=False)
    d = X.mean(0) - Y.mean(0)
    cm = scipy.linalg.sqrtm(s1 @ s2)
    if np.iscomplexobj(cm):
        cm = cm.real
    return float(d @ d + np.trace(s1) + np.trace(s2) - 2 * np.trace(cm))


def cholesky_svd_route(X, Y):
    s1, s2 = np.cov(X, rowvar=False), np.cov(Y, rowvar=False)
    d = X.mean(0) - Y.mean(0)
    l1, l2 = np.linalg.cholesky(s1), np.linalg.cholesky(s2)
    nuc = np.linalg.svd(l1.T @ l2, compute_uv=False).sum()
    return float(d @ d + np.trace(s1) + np.trace(s2) - 2 * nuc)


def rel(a, ref):
    return abs(a - ref) / abs(ref)


# ----------------------------------------------------------------------------- cases
def real_case(args, name, real, synthetic):
    X, Y = load(real), load(synthetic)
    log(f"{name}: {X.shape} vs {Y.shape}: cxrbench")
    value = cxrbench_fid(args.launcher, real, synthetic)
    before = cxrbench_fid(args.before, real, synthetic) if args.before else None
    f64 = golden.float64_routes(X, Y)
    log(f"{name}: reference at {mp.mp.dps} digits")
    t0 = time.time()
    ref, info = fid_reference(X, Y)
    secs = time.time() - t0
    log(f"{name}: reference {mp.nstr(ref, 25)} ({info['route']}, {secs:.0f} s); cross-check")
    agree = crosscheck(X, Y, args.crosscheck_cols) if args.crosscheck_cols else None
    confirm = None
    if args.confirm_dps:
        log(f"{name}: reference again at {args.confirm_dps} digits")
        with mp.workdps(args.confirm_dps):
            ref2, info2 = fid_reference(X, Y)
            confirm = dict(rel=float(abs(ref2 - ref) / abs(ref2)), route=info2["route"])
    refd = float(ref)
    return dict(case=name, n_real=X.shape[0], n_synthetic=Y.shape[0], d=X.shape[1], live=info["live"],
                reference=mp.nstr(ref, 22), route=info["route"], ref_seconds=round(secs),
                clipped_negative=float(info["clipped_negative"]), cxrbench=value,
                rel_cxrbench=rel(value, refd), before=before, rel_before=rel(before, refd) if before else None,
                numpy_symmetric=f64["float64_symmetric"], rel_numpy_symmetric=rel(f64["float64_symmetric"], refd),
                numpy_eigvals=f64["float64_eigvals"], rel_numpy_eigvals=rel(f64["float64_eigvals"], refd),
                crosscheck_rel=agree, confirm=confirm)


def gaussian_sets(kind, n=3000, d=2048):
    rng = np.random.default_rng(20)
    if kind == "iid":
        return ("gaussian N(0,I) vs N(0.05,1.21 I), seed 20", rng.standard_normal((n, d)),
                rng.standard_normal((n, d)) * 1.1 + 0.05)
    # ReLU of correlated Gaussians (make_fid_exact.gauss + relu_like) with 512 dead columns (exactly 0 in both)
    X = golden.relu_like(golden.gauss(rng, n, d))
    Y = golden.relu_like(golden.gauss(rng, n, d, shift=0.05))
    X[:, -512:] = 0.0
    Y[:, -512:] = 0.0
    return "ReLU-like, 512 of 2048 columns dead, seed 20", X, Y


def gaussian_case(args, kind):
    name, X, Y = gaussian_sets(kind)
    os.makedirs(args.gaussian, exist_ok=True)
    real, syn = (os.path.join(args.gaussian, f"gauss-{kind}-{s}.npy") for s in ("real", "synthetic"))
    np.save(real, X.astype(np.float32))
    np.save(syn, Y.astype(np.float32))
    X, Y = load(real), load(syn)
    log(f"{name}: cxrbench and float64 routes")
    value = cxrbench_fid(args.launcher, real, syn)
    before = cxrbench_fid(args.before, real, syn) if args.before else None
    # the float64 routes on the live columns (exact, as for the reference); every route's mean term and traces whole
    live = np.where((np.ptp(X, axis=0) > 0) & (np.ptp(Y, axis=0) > 0))[0]
    dead_mean = float(((X.mean(0) - Y.mean(0))[np.setdiff1d(np.arange(X.shape[1]), live)] ** 2).sum())
    Xl, Yl = X[:, live], Y[:, live]
    routes = dict(numpy_symmetric=golden.float64_routes(Xl, Yl)["float64_symmetric"] + dead_mean,
                  scipy_sqrtm=sqrtm_route(Xl, Yl) + dead_mean, cholesky_svd=cholesky_svd_route(Xl, Yl) + dead_mean)
    vals = list(routes.values())
    mid = float(np.median(vals))
    return dict(case=name, n_real=X.shape[0], n_synthetic=Y.shape[0], d=X.shape[1], live=len(live), cxrbench=value,
                before=before, routes=routes, median=mid, spread=(max(vals) - min(vals)) / mid,
                rel_cxrbench_median=rel(value, mid), rel_before_median=rel(before, mid) if before else None)


def fmt(x):
    return "-" if x is None else f"{x:.2g}"


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    return f"{platform.node()}, {cpu}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"


def report(args, rows, gauss):
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"# FID exactness on real features (issue 20.5), {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC")
    print(f"# machine: {machine()}")
    print(f"# cxrbench {commit} ({args.launcher}), default route; before: {args.before or '-'}")
    print(f"# python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, mpmath "
          f"{mp.__version__} ({mp.libmp.BACKEND}), reference at {mp.mp.dps} digits")
    print("# rel = |FID - reference| / reference; 'live' = columns varying in both sets (the trace term's); "
          "'before' = the --before build on the same files")
    head = ("case", "N real", "N syn", "d", "live", "reference", "cxrbench", "rel cxrbench", "rel before",
            "rel numpy sym", "rel numpy eigvals", "ref route", "ref s", "cross-check")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print(f"| {r['case']} | {r['n_real']} | {r['n_synthetic']} | {r['d']} | {r['live']} | {r['reference']} | "
              f"{r['cxrbench']!r} | {fmt(r['rel_cxrbench'])} | {fmt(r['rel_before'])} | "
              f"{fmt(r['rel_numpy_symmetric'])} | {fmt(r['rel_numpy_eigvals'])} | {r['route']} | "
              f"{r['ref_seconds']} | {fmt(r['crosscheck_rel'])} |")
    print("# issue 20's figures (its own sets, not these; 'before' = the cut route): radiomics 1,000 NIH at 64 px "
          "2.2e-6, cxr-cnn 621 NIH 6.9e-8, Gaussian 3,000 x 2048 7.2e-10")
    print("# cross-check: relative difference between this route and make_fid_exact.fid_mp (eigsy route, 25 digits "
          f"printed) on the first {args.crosscheck_cols} live columns of the same case")
    if args.confirm_dps:
        print(f"# the same references recomputed at {args.confirm_dps} digits, relative difference from the "
              f"{mp.mp.dps}-digit ones:")
        for r in rows:
            print(f"#   {r['case']}: {fmt(r['confirm']['rel'])} ({r['confirm']['route']})")
    for g in gauss:
        print(f"\n# {g['case']}: N = {g['n_real']} / {g['n_synthetic']}, d = {g['d']} ({g['live']} live); NO "
              "high-precision reference (mpmath infeasible at d = 2048): float64 routes side by side, on the live "
              "columns (+ the dead columns' mean term)")
        for k, v in g["routes"].items():
            print(f"#   {k:16s} {v!r}")
        print(f"#   cxrbench         {g['cxrbench']!r}   rel to the routes' median {fmt(g['rel_cxrbench_median'])}")
        if g["before"] is not None:
            print(f"#   before           {g['before']!r}   rel to the routes' median {fmt(g['rel_before_median'])}")
        print(f"#   spread of the three float64 routes (max - min) / median: {fmt(g['spread'])}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--case", nargs=3, action="append", default=[], metavar=("NAME", "REAL", "SYNTHETIC"))
    ap.add_argument("--gaussian", metavar="OUT_DIR", help="also the 3,000 x 2048 Gaussian case (files written here)")
    ap.add_argument("--dps", type=int, default=40)
    ap.add_argument("--crosscheck-cols", type=int, default=40)
    ap.add_argument("--confirm-dps", type=int, help="recompute each reference at this many digits and compare")
    ap.add_argument("--launcher", default=os.path.join(ROOT, "cxrbench"))
    ap.add_argument("--before", help="an older build's launcher, run on the same files for comparison")
    args = ap.parse_args()
    mp.mp.dps = args.dps
    rows = [real_case(args, *c) for c in args.case]
    gauss = [gaussian_case(args, k) for k in ("iid", "relu")] if args.gaussian else []
    report(args, rows, gauss)


if __name__ == "__main__":
    main()
