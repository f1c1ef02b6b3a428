#!/usr/bin/env bash
# Utility CNN / U-Net training speed, DJL (cxrbench) beside PyTorch (the same architecture), alternating sides so that
# both see the same machine load. Run from the repository root after 'mvn -o -q test-compile dependency:build-classpath
# -Dmdep.outputFile=target/cp.txt'. PyTorch: Debian's python3-torch 1.13 (/usr/bin/python3).
set -uo pipefail  # not -e: one side failing must not silently end the run
cp="target/classes:target/test-classes:$(cat target/cp.txt)"
py=src/test/resources/utility/resnet_small_torch.py
steps=${STEPS:-6}
for rep in 1 2; do
  for size in 64 128; do
    java -cp "$cp" org.cxrbench.utility.CnnBench resnet "$size" "$steps" 32 2>&1 | tail -1
    /usr/bin/python3 "$py" resnet "$size" "$steps" 32 1
    /usr/bin/python3 "$py" resnet "$size" "$steps" 32 2
  done
  java -cp "$cp" org.cxrbench.utility.CnnBench unet 64 "$steps" 8 2>&1 | tail -1
  /usr/bin/python3 "$py" unet 64 "$steps" 8 1
done
