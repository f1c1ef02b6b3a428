#!/usr/bin/env bash
# The U-Net training figure of './cxrbench bench' beside the same U-Net in PyTorch (resnet_small_torch.py unet: same
# layers, 64 px, batch 8, 3 output maps, masked BCE, Adam, one thread), alternating sides three times so that both see
# the same machine load. Run from the repository root after 'mvn -o -q -DskipTests package'.
# PyTorch: Debian's python3-torch (/usr/bin/python3).
set -uo pipefail  # not -e: one side failing must not silently end the run
py=src/test/resources/utility/resnet_small_torch.py
for rep in 1 2 3; do
  ./cxrbench bench --n 300 --d 16 --kid-subsets 2 --kid-subset-size 50 --threads 1 2>/dev/null | grep "unet training"
  /usr/bin/python3 "$py" unet 64 12 8 1
done
