#!/usr/bin/env bash
# k-NN bit-identity: privacy (every number, the per-sample CSV) and PRDC from two jars at 1, 2 and 3 threads.
#   bench/release/identity.sh BASE.jar NEW.jar WORK_DIR
# BASE and NEW: cxrbench.jar of two builds (e.g. main's, copied out with its lib/, and a branch's); the inputs are made
# by identity_inputs.py in WORK_DIR. Prints compare_results.py's summary per pair and cmp's verdict on the CSVs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="$1"; new="$2"; work="$3"
python3 "$here/identity_inputs.py" "$work"
for tag in base new; do
  jar=$base; [ "$tag" = new ] && jar=$new
  for t in 1 2 3; do
    nice -n 10 java -Xmx2g -jar "$jar" privacy -q --threads "$t" --train "$work/train.npy" \
      --synthetic "$work/synthetic.npy" --holdout "$work/holdout.npy" \
      --json "$work/privacy-$tag-$t.json" --per-sample "$work/privacy-$tag-$t.csv" > /dev/null
    nice -n 10 java -Xmx2g -jar "$jar" fidelity -q --threads "$t" --real "$work/train.npy" \
      --synthetic "$work/synthetic.npy" --metrics precision,recall,density,coverage \
      --json "$work/prdc-$tag-$t.json" > /dev/null
  done
done
for t in 1 2 3; do
  for kind in privacy prdc; do
    echo "$kind, threads $t, base 1 thread vs new $t threads:"
    python3 "$here/../blas/compare_results.py" "$work/$kind-base-1.json" "$work/$kind-new-$t.json" --top 5
  done
  cmp "$work/privacy-base-1.csv" "$work/privacy-new-$t.csv" && echo "per-sample CSV, new at $t threads: byte-identical to base at 1"
  cmp "$work/privacy-base-$t.csv" "$work/privacy-new-$t.csv" && echo "per-sample CSV at $t threads: byte-identical"
done
