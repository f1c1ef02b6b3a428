"""Reference numbers for Proportions.jeffreys (the equal-tailed Jeffreys interval of a share, Brown, Cai & DasGupta
2001, with lower 0 at x = 0 and upper 1 at x = n), made independently of the Java code: scipy's beta.ppf of
Beta(x + 1/2, n - x + 1/2) at 0.025 and 0.975. Non-integer x and n are the effective counts and sizes of
PrdcIntervals.jeffreys (x* = p n*, n* = p(1-p)/var).
Run: python3 make_jeffreys_refs.py > jeffreys_refs.json"""
import json
from scipy import stats

CASES = [(0, 50), (1, 50), (3, 100), (17, 40), (49, 50), (50, 50), (999, 1000),
         (6.3, 57.2), (0.4, 10.6), (52.1, 55.0), (1e-3, 0.8), (190.7, 4063.0), (2.5, 3.0)]


def jeffreys(x, n):
    a, b = x + 0.5, n - x + 0.5
    lo = 0.0 if x == 0 else float(stats.beta.ppf(0.025, a, b))
    hi = 1.0 if x == n else float(stats.beta.ppf(0.975, a, b))
    return [lo, hi]


print(json.dumps([{"x": x, "n": n, "ci95": jeffreys(x, n)} for x, n in CASES], indent=1))
