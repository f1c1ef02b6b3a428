"""numpy's FID (numpy_ref.py's symmetric route) step by step: wall and process-CPU seconds per step.

  python3 bench/blas/fid_steps.py REAL.npy SYN.npy
"""
import sys
import time

t0w, t0c = time.perf_counter(), time.process_time()
import numpy as np  # noqa: E402

W, C = t0w, t0c


def step(name):
    global W, C
    w, c = time.perf_counter(), time.process_time()
    print("%-34s wall %6.2f s  cpu %6.2f s" % (name, w - W, c - C), flush=True)
    W, C = w, c


step("import numpy")
x = np.load(sys.argv[1])
y = np.load(sys.argv[2])
step("np.load x2")
m1, m2 = x.mean(0, dtype=np.float64), y.mean(0, dtype=np.float64)
s1 = np.cov(x, rowvar=False)
s2 = np.cov(y, rowvar=False)
step("means + np.cov x2")
w, v = np.linalg.eigh(s1)
step("eigh(S1) with vectors")
r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
step("sqrt(S1) = V W^1/2 V^T")
m = r @ s2 @ r
step("sqrt(S1) S2 sqrt(S1)")
t = np.sqrt(np.clip(np.linalg.eigvalsh(m), 0, None)).sum()
step("eigvalsh")
diff = m1 - m2
print("fid %.12f" % (diff @ diff + np.trace(s1) + np.trace(s2) - 2 * t))
