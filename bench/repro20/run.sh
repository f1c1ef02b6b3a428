#!/usr/bin/env bash
# Reproductions of issue 20's findings on the current build; writes OUT/ (default /tmp/repro20) and prints a summary.
# Needs python3 with numpy; the NIH part needs ../shared/data/nih-cxr14 (skipped without it).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/repro20}
rm -rf "$OUT"; mkdir -p "$OUT"
python3 bench/repro20/gaussian.py "$OUT"
./cxrbench fidelity -q --real "$OUT/real.npy" --synthetic "$OUT/synthetic.npy" --bootstrap 20 --seed 0 \
    --json "$OUT/gaussian.json" > "$OUT/gaussian.txt"
NIH=../shared/data/nih-cxr14/nih1000_64
if [ -d "$NIH" ]; then
    ./cxrbench manifest -q --format nih --input "$NIH" --out "$OUT/nih.csv"
    ./cxrbench split -q --input "$OUT/nih.csv" --fractions train=0.8,holdout=0.2 --seed 0 --out "$OUT/splits.csv"
    # copycat: 180 images copied from the real training split; other patients: 180 holdout images
    python3 bench/repro20/nih_sets.py "$OUT/splits.csv" "$OUT"
    for s in copycat other-patients; do
        ./cxrbench fidelity -q --encoder cxr-cnn --real "$OUT/splits.csv" --real-split train --synthetic "$OUT/$s.csv" \
            --bootstrap 20 --seed 0 --json "$OUT/nih-$s.json" > "$OUT/nih-$s.txt"
    done
fi
python3 bench/repro20/summary.py "$OUT"
