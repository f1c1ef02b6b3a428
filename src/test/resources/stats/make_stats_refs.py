#!/usr/bin/env python3
"""Reference numbers for cxrbench's stats tests that golden.json does not hold (numpy + scipy only):

- the two-sided 95% CIs of the mean difference that scipy's t-test results report
  (TtestResult.confidence_interval(0.95) with alternative='two-sided'), on golden.json's ttests_bonferroni inputs;
- one-tailed 'less' and two-sided p of the paired test, and Welch/paired on a 5-seed scores table used by the CLI test;
- the degrees of freedom implied by Prakash et al.'s published (mean, 95% CI, one-tailed P), solved with scipy's
  brentq on P(df) = sf((mean/halfwidth) * t.ppf(0.975, df), df), and the P implied at the nearest integer df.

Run: python3 make_stats_refs.py   (writes stats_refs.json beside this file; numpy 2.4.6, scipy 1.17.1 made it)
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, stats

HERE = os.path.dirname(os.path.abspath(__file__))
golden = json.load(open(os.path.join(HERE, "..", "golden", "golden.json")))
tt = next(c for c in golden["cases"] if c["name"] == "ttests_bonferroni")["inputs"]


def ci(res):
    c = res.confidence_interval(0.95)
    return [float(c.low), float(c.high)]


out = {"generator": {"script": "make_stats_refs.py", "numpy": np.__version__, "scipy": scipy.__version__}}

wa, wb = np.array(tt["welch_a"]), np.array(tt["welch_b"])
pa, pb = np.array(tt["paired_a"]), np.array(tt["paired_b"])
w2 = stats.ttest_ind(wa, wb, equal_var=False, alternative="two-sided")
p2 = stats.ttest_rel(pa, pb, alternative="two-sided")
out["welch"] = {"ci95": ci(w2), "t": float(w2.statistic), "df": float(w2.df)}
out["paired"] = {"ci95": ci(p2), "p_less": float(stats.ttest_rel(pa, pb, alternative="less").pvalue),
                 "t_quantile_0975_df5": float(stats.t.ppf(0.975, 5))}

# A 5-seed scores table: conditions real (baseline), augmented, synthetic; metrics f1_macro, auroc_macro.
scores = {
    "real": {"f1_macro": [0.61, 0.63, 0.60, 0.64, 0.62], "auroc_macro": [0.80, 0.82, 0.79, 0.83, 0.81]},
    "augmented": {"f1_macro": [0.66, 0.67, 0.63, 0.69, 0.66], "auroc_macro": [0.82, 0.83, 0.81, 0.83, 0.82]},
    "synthetic": {"f1_macro": [0.55, 0.58, 0.54, 0.60, 0.57], "auroc_macro": [0.76, 0.79, 0.75, 0.80, 0.77]},
}
out["scores"] = scores
rows = []
for cond in ["augmented", "synthetic"]:
    for metric in ["f1_macro", "auroc_macro"]:
        a, b = np.array(scores[cond][metric]), np.array(scores["real"][metric])
        r = stats.ttest_rel(a, b, alternative="greater")
        r2 = stats.ttest_rel(a, b, alternative="two-sided")
        w = stats.ttest_ind(a, b, equal_var=False, alternative="greater")
        w2 = stats.ttest_ind(a, b, equal_var=False, alternative="two-sided")
        rows.append({"condition": cond, "metric": metric, "paired": {"t": float(r.statistic), "df": float(r.df),
                     "p": float(r.pvalue), "ci95": ci(r2), "mean_diff": float(np.mean(a - b))},
                     "welch": {"t": float(w.statistic), "df": float(w.df), "p": float(w.pvalue), "ci95": ci(w2)}})
m = len(rows)
for key in ["paired", "welch"]:
    for r in rows:
        r[key]["p_bonferroni"] = min(1.0, m * r[key]["p"])
out["comparisons"] = rows
out["family_size"] = m

prakash = []
for name, mean, lo, hi, p in [("f1", 0.150453, 0.099108, 0.201798, 0.0031),
                              ("dice", 0.14575, 0.108267, 0.183233, 0.0064)]:
    r = mean / ((hi - lo) / 2)

    def implied(df):
        return stats.t.sf(r * stats.t.ppf(0.975, df), df)

    df = optimize.brentq(lambda d: implied(d) - p, 0.5, 1000, xtol=1e-12)
    k = max(1, int(round(df)))
    prakash.append({"name": name, "mean": mean, "ci": [lo, hi], "p": p, "df_solved": df, "df_nearest": k,
                    "p_at_nearest": float(implied(k)), "t_at_nearest": float(r * stats.t.ppf(0.975, k)),
                    "p_if_normal": float(stats.norm.sf(r * stats.norm.ppf(0.975)))})
out["prakash"] = prakash

with open(os.path.join(HERE, "stats_refs.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("wrote stats_refs.json")
