"""Prints FID and KID with their 95% intervals from the reproduction's results files, and whether each interval
holds its estimate (and, for FID, stays at or above 0)."""
import json
import os
import sys

out = sys.argv[1]
for name in ("gaussian", "nih-copycat", "nih-other-patients"):
    p = os.path.join(out, name + ".json")
    if not os.path.exists(p):
        continue
    metrics = json.load(open(p))["metrics"]
    for key in ("fid", "kid"):
        m = metrics[key]
        v, (lo, hi) = m["value"], m["ci95"]
        ok = lo <= v <= hi and (key != "fid" or lo >= 0)
        print(f"{name:20s} {key}: {v:.6g}  95% CI {lo:.6g} .. {hi:.6g}  (N real {m['n_real']}, synthetic "
              f"{m['n_synthetic']})  holds its estimate{' and >= 0' if key == 'fid' else ''}: {ok}")
