"""Issue 20's first reproduction: 600 x 64 real vs 180 x 64 synthetic Gaussian features (float32 .npy).

Real ~ N(0, I), synthetic ~ N(0.2 * 1, I): population FID = 64 * 0.2^2 = 2.56; the FID at these N adds about
d (1/600 + 1/180) of bias. Usage: python3 gaussian.py OUTDIR [seed]."""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 20)
np.save(f"{out}/real.npy", rng.standard_normal((600, 64)).astype(np.float32))
np.save(f"{out}/synthetic.npy", (rng.standard_normal((180, 64)) + 0.2).astype(np.float32))
