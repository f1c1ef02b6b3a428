#!/usr/bin/env python3
"""Compare a fresh run of make_refs.py with the committed golden.json, case by case, within each case's
suggested_tolerance (|new - committed| <= abs + rel*|committed|).

    python3 make_refs.py --out /tmp/golden_rerun.json
    python3 compare_rerun.py /tmp/golden_rerun.json

Exits 1 if any number moved by more than its case's tolerance. Bit-for-bit identity is not expected for the FID
cases: their matrix square roots go through the machine's BLAS/LAPACK, whose last bits vary by build.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def walk(a, b, path, tol, out):
    if isinstance(a, dict):
        for k in a:
            walk(a[k], b.get(k) if isinstance(b, dict) else None, path + "/" + k, tol, out)
    elif isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            out.append((path, a, b, float("inf")))
            return
        for i, (u, v) in enumerate(zip(a, b)):
            walk(u, v, "%s[%d]" % (path, i), tol, out)
    elif isinstance(a, bool) or isinstance(a, str) or a is None:
        if a != b:
            out.append((path, a, b, float("inf")))
    else:
        if not isinstance(b, (int, float)) or isinstance(b, bool):
            out.append((path, a, b, float("inf")))
            return
        allowed = tol["abs"] + tol["rel"] * abs(a)
        out.append((path, a, b, abs(a - b) / allowed if allowed > 0 else (0.0 if a == b else float("inf"))))


def main():
    new = json.load(open(sys.argv[1]))
    old = json.load(open(os.path.join(HERE, "golden.json")))
    bad = 0
    for co, cn in zip(old["cases"], new["cases"]):
        res = []
        walk(co["expected"], cn["expected"], co["name"], co["suggested_tolerance"], res)
        walk(co["inputs"], cn["inputs"], co["name"] + "/inputs", {"abs": 0.0, "rel": 0.0}, res)
        moved = [r for r in res if r[3] > 0]
        worst = max(res, key=lambda r: r[3]) if res else None
        over = [r for r in res if r[3] > 1]
        bad += len(over)
        print("%-32s %5d numbers, %4d differ, worst |diff|/tolerance %.3g%s" % (
            co["name"], len(res), len(moved), worst[3] if worst else 0.0,
            "  OVER: " + ", ".join(r[0] for r in over[:5]) if over else ""))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
