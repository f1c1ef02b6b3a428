"""Coverage over 20,000 draws of the utility seed intervals (metrics/utility.md): the plain t interval, Hall's
skewness-corrected t (SkewCorrectedMean) and Hall with the normal quantile, on the 1,000 per-seed test AUROCs of
UtilityIntervalCoverageTest's simulation (utility_seed_aurocs.txt, written from that test's score(pool, test, s, 60)
for s = 0..999) and on standard normal values. Run: python3 skew_ci_coverage.py (about 2 CPU-minutes)."""
import numpy as np
from scipy import stats


def t_ci(s, q):
    n = len(s)
    h = q * s.std(ddof=1) / np.sqrt(n)
    return s.mean() - h, s.mean() + h


def hall_ci(s, q):
    n = len(s)
    a = stats.skew(s, bias=True) / np.sqrt(n)
    inv = (lambda y: y) if abs(a) < 1e-12 else (lambda y: 3 / a * (np.cbrt(1 + a * (y - a / 6)) - 1))
    se = s.std(ddof=1) / np.sqrt(n)
    return s.mean() - se * inv(q), s.mean() - se * inv(-q)


rng = np.random.default_rng(11)
pops = {"auroc": np.loadtxt(__file__.rsplit("/", 1)[0] + "/utility_seed_aurocs.txt"),
        "normal": rng.normal(size=100000)}
for name, pop in pops.items():
    mu = pop.mean()
    print(name, "skewness %.2f excess kurtosis %.2f" % (stats.skew(pop), stats.kurtosis(pop)))
    for n in (3, 5, 10):
        qt, qz = stats.t.ppf(0.975, n - 1), stats.norm.ppf(0.975)
        cov = {"t": 0, "hall_t": 0, "hall_z": 0}
        width = {"t": 0.0, "hall_t": 0.0}
        runs = 20000
        for _ in range(runs):
            s = pop[rng.choice(len(pop), n, replace=False)]
            for k, (lo, hi) in {"t": t_ci(s, qt), "hall_t": hall_ci(s, qt), "hall_z": hall_ci(s, qz)}.items():
                cov[k] += lo <= mu <= hi
                if k in width:
                    width[k] += hi - lo
        print(" n=%d coverage %s width hall_t/t %.2f" % (n, {k: round(v / runs, 4) for k, v in cov.items()},
                                                           width["hall_t"] / width["t"]))
