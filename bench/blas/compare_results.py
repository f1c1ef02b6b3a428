"""Numeric differences between two results.json files: every number at the same path, the largest relative
differences first (paths present in one file only are listed).

  python3 bench/blas/compare_results.py A.json B.json [--top 25]
"""
import json
import sys


def leaves(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from leaves(v, path + "/" + str(k))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from leaves(v, path + "[%d]" % i)
    elif isinstance(x, (int, float)) and not isinstance(x, bool):
        yield path, float(x)


def main():
    a = dict(leaves(json.load(open(sys.argv[1]))))
    b = dict(leaves(json.load(open(sys.argv[2]))))
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    skip = ("seconds", "time", "elapsed", "duration", "_s/", "started", "finished", "timestamp", "wall")
    diffs = []
    same = 0
    for p in sorted(set(a) & set(b)):
        if any(s in p.lower() for s in skip):
            continue
        x, y = a[p], b[p]
        if x == y:
            same += 1
            continue
        rel = abs(x - y) / max(abs(x), abs(y), 1e-300)
        diffs.append((rel, p, x, y))
    diffs.sort(reverse=True)
    print("%d numbers equal, %d differ (timings skipped); only in A: %d, only in B: %d" % (
        same, len(diffs), len(set(a) - set(b)), len(set(b) - set(a))))
    for rel, p, x, y in diffs[:top]:
        print("  rel %.2e  %s: %r -> %r" % (rel, p, x, y))


if __name__ == "__main__":
    main()
