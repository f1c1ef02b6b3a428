"""numpy references for bench/blas/run.py (whole processes, timed from outside).

  numpy_ref.py fid REAL.npy SYN.npy      FID by the symmetric route: eigh(S1) -> sqrt(S1); eigvalsh(sqrt(S1) S2 sqrt(S1))
  numpy_ref.py dcr TRAIN.npy SYN.npy     DCR (min) and NNDR (d1/d2) medians by blocked float32 GEMM against the
                                         training set, 2 nearest by argpartition, exact distances of the 2 refined in
                                         float64 (as a careful numpy user would)
Prints one line: the metric values.
"""
import sys
import numpy as np


def fid(real, syn):
    x = np.load(real)
    y = np.load(syn)
    m1, m2 = x.mean(0, dtype=np.float64), y.mean(0, dtype=np.float64)
    s1 = np.cov(x, rowvar=False)  # float64 (np.cov promotes), X^T X by syrk
    s2 = np.cov(y, rowvar=False)
    w, v = np.linalg.eigh(s1)
    r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    m = r @ s2 @ r
    t = np.sqrt(np.clip(np.linalg.eigvalsh(m), 0, None)).sum()
    diff = m1 - m2
    print("fid %.9f" % (diff @ diff + np.trace(s1) + np.trace(s2) - 2 * t))


def dcr(train, syn, block=2048):
    r = np.load(train)
    q = np.load(syn)
    rn = np.einsum("ij,ij->i", r, r)
    d1 = np.empty(len(q))
    d2 = np.empty(len(q))
    for a in range(0, len(q), block):
        qb = q[a:a + block]
        g = qb @ r.T  # float32 sgemm
        g *= -2
        g += rn[None, :]
        g += np.einsum("ij,ij->i", qb, qb)[:, None]
        top = np.argpartition(g, 1, axis=1)[:, :2]
        e = np.linalg.norm(qb[:, None, :].astype(np.float64) - r[top].astype(np.float64), axis=2)
        e.sort(axis=1)
        d1[a:a + block] = e[:, 0]
        d2[a:a + block] = e[:, 1]
    print("dcr_median %.9f nndr_median %.9f" % (np.median(d1), np.median(d1 / d2)))


if __name__ == "__main__":
    {"fid": fid, "dcr": dcr}[sys.argv[1]](*sys.argv[2:])
