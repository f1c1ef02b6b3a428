"""Feature files for the k-NN bit-identity check of bench/release/identity.sh (main's jar against a branch's, at 1, 2
and 3 threads): float32 .npy sets with the hard cases of the exact stage.

  python3 bench/release/identity_inputs.py OUT_DIR

train 6,000 x 512 with 20 duplicated rows; synthetic 2,500 x 512 with 50 exact copies of training rows and 10 copies
nudged by one float32 ulp in one column; holdout 700 x 512. Values are ReLU-like (non-negative, column scales
decaying with the index), as encoder features, so that |q|^2 + |r|^2 is large against the distances.
"""
import os
import sys

import numpy as np


def features(rng, n, d, shift):
    x = (rng.random((n, d)) + rng.random((n, d)) + rng.random((n, d)) - 1.2) / np.sqrt(1 + np.arange(d) / 64.0) + shift
    return np.maximum(x, 0).astype(np.float32)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261205)
    d = 512
    train = features(rng, 6000, d, 0.0)
    train[5980:6000] = train[100:120]  # duplicated training rows
    syn = features(rng, 2500, d, 0.02)
    syn[0:50] = train[rng.choice(6000, 50, replace=False)]  # exact copies
    for i in range(50, 60):  # one-ulp near-copies
        syn[i] = train[i * 7]
        syn[i, i % d] = np.nextafter(syn[i, i % d], np.float32(np.inf))
    holdout = features(rng, 700, d, 0.0)
    for name, a in (("train", train), ("synthetic", syn), ("holdout", holdout)):
        np.save(os.path.join(out, name + ".npy"), a)


if __name__ == "__main__":
    main()
