#!/usr/bin/env python3
"""Diagnosis of metrics/prdc.md's conservative coverage cell (issue 20.1) from the stored runs, numpy only.

1. prdc-runs-2026-12-05/ (the adopted delete-d method): per statistic and cell, the mean of each variance part,
   raw and moved to the estimate's level (PrdcSubsample.combined), over the variance of the 400 estimates (sd^2).
2. prdc-runs-2026-12-05b/ (the half-sample candidate, G = 20, not adopted): per jackknife part the mean v_1
   (delete-1-group), v_h (balanced halves) and corrected part over sd^2, and the share of runs where the correction
   sits at its upper clamp (v_h <= v_1: no correction) or its lower clamp (v_1 / a_1).
Run from the repository root: python3 bench/coverage/prdc_parts.py
"""
import numpy as np

NAMES = ['precision', 'recall', 'density', 'coverage']
HERE = 'bench/coverage/'


def stabilising(p, level, count):
    at = p if count else p * (1 - p)
    of = level if count else level * (1 - level)
    ok = ~np.isnan(level) & (at > 0) & (of > 0)
    return np.where(ok, at / np.where(ok, of, 1), 1.0)


def pair_count(g, kept):
    f = kept / g
    p = kept * (kept - 1) / (g * (g - 1))
    return kept / (g - kept) / f ** 4 * (f * (1 - f) / g + (1 - 1 / g) * p * (1 - p))


def runs(folder, n, d):
    a = np.loadtxt(HERE + folder + f'/n{n}_d{d}.tsv')
    return a[np.argsort(a[:, 0])][:400]


print('delete-d parts (adopted), mean over sd^2 of the estimates')
for d in (64, 256):
    for n in (150, 600, 5000):
        a = runs('prdc-runs-2026-12-05', n, d)
        for q in range(4):
            p, p0, p1, l0, l1 = (a[:, 1 + 5 * q + c] for c in range(5))
            s0, s1 = p0 * stabilising(p, l0, q == 2), p1 * stabilising(p, l1, q == 2)
            sd2 = np.var(p, ddof=1)
            print(f'{NAMES[q]:9s} N={n:4d} d={d:3d} part0 raw {p0.mean() / sd2:.3f} stabilised {s0.mean() / sd2:.3f}'
                  f' (level {np.nanmean(l0) if not np.all(np.isnan(l0)) else float("nan"):.4f})'
                  f' part1 raw {p1.mean() / sd2:.3f} stabilised {s1.mean() / sd2:.3f} (level {np.nanmean(l1):.4f})'
                  f' total {(s0 + s1).mean() / sd2:.3f} estimate {p.mean():.4f}')

g = 20
a1 = pair_count(g, g - 1)
c = (a1 - 1) / (pair_count(g, g // 2) - a1)
print(f'\nhalf-sample candidate, G = {g} (a_1 = {a1:.3f}, c = {c:.3f}), mean over sd^2 of the estimates')
for d in (64, 256):
    for n in (150, 600):
        a = runs('prdc-runs-2026-12-05b', n, d)
        for q in range(4):
            v = a[:, 1 + 9 * q:10 + 9 * q]
            sd2 = np.var(v[:, 0], ddof=1)
            out = []
            for i1, ih in ((1, 2), (3, 4)):
                v1, vh = v[:, i1], v[:, ih]
                if np.all(np.isnan(vh)):
                    out.append(f'exact {v1.mean() / sd2:.2f}')
                    continue
                corr = np.minimum(v1, np.maximum(v1 / a1, v1 - c * (vh - v1)))
                out.append(f'v1 {v1.mean() / sd2:.2f} vh {vh.mean() / sd2:.2f} corrected {corr.mean() / sd2:.2f} '
                           f'upper clamp {np.mean(vh <= v1):.2f} lower clamp {np.mean(v1 - c * (vh - v1) < v1 / a1):.2f}')
            print(f'{NAMES[q]:9s} N={n} d={d}: part0 {out[0]} | part1 {out[1]}')
