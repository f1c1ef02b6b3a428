"""Reference ranks and exact coverage of the order-statistic quantile interval (QuantileInterval), from scipy's
binomial: l = the largest rank with P(B <= l - 1) <= 0.025 (0 when even l = 1 fails), u = the smallest with
P(B <= u - 1) >= 0.975 (None when it exceeds n); coverage = P(l <= B <= u - 1), B ~ Binomial(n, p).
Run: python3 make_quantile_ci_refs.py > quantile_ci_refs.json"""
import json
from scipy import stats

out = []
for p in (0.05, 0.5):
    for n in (5, 6, 20, 50, 71, 72, 150, 600, 1000, 5000, 75649):
        b = stats.binom(n, p)
        l = max([r for r in range(1, n + 1) if b.cdf(r - 1) <= 0.025], default=0)
        u = min([r for r in range(1, n + 1) if b.cdf(r - 1) >= 0.975], default=None)
        cov = None if u is None else float(b.cdf(u - 1) - (b.cdf(l - 1) if l > 0 else 0))
        out.append({"n": n, "p": p, "l": l, "u": u, "coverage": cov})
print(json.dumps(out, indent=1))
