#!/usr/bin/env python3
"""Side-by-side speed of an Inception-V3-shaped model at 299 px: PyTorch vs cxrbench's ONNX Runtime path.

Run with Debian's python3-torch and python3-torchvision: /usr/bin/python3 bench/inception_onnx_bench.py
It builds torchvision's Inception-V3 with random weights (the architecture of pytorch-fid's network; nothing is
downloaded), exports it to /tmp/inception_v3.onnx with the 2048-d pooled features as output, writes N phantom-like
test images to /tmp/inc_imgs/, and times PyTorch's forward pass on them (same threads, float32, batch 16).
Then run:  ./cxrbench encode --input /tmp/inc_imgs --encoder /tmp/inception_v3.onnx --preset inception-v3-fid \
             --out /tmp/inc.npy --no-cache --threads 2
"""
import os, time, struct, zlib
import numpy as np
import torch
import torch.nn.functional as F
import torchvision

N = int(os.environ.get("N", "64"))
torch.manual_seed(0)
torch.set_num_threads(int(os.environ.get("THREADS", "2")))
m = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False)
m.fc = torch.nn.Identity()  # output: the 2048-d pooled features, as pytorch-fid uses
m.eval()
torch.onnx.export(m, torch.zeros(1, 3, 299, 299), "/tmp/inception_v3.onnx", input_names=["x"], output_names=["pool"],
                  dynamic_axes={"x": {0: "n"}, "pool": {0: "n"}}, opset_version=13)

os.makedirs("/tmp/inc_imgs", exist_ok=True)
def png(path, arr):
    h, w = arr.shape
    raw = b"".join(b"\x00" + arr[y].astype(">u1").tobytes() for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
rng = np.random.default_rng(0)
imgs = []
for i in range(N):
    a = rng.integers(0, 256, (256, 256)).astype(np.uint8)
    png(f"/tmp/inc_imgs/{i:04d}.png", a)
    imgs.append(a.astype(np.float32) / 255)
with torch.no_grad():
    x = torch.tensor(np.stack(imgs))[:, None].repeat(1, 3, 1, 1)
    m(F.interpolate(x[:2], size=(299, 299), mode="bilinear", align_corners=False) * 2 - 1)  # warm-up
    t0 = time.time()
    for s in range(0, N, 16):
        xb = F.interpolate(x[s:s + 16], size=(299, 299), mode="bilinear", align_corners=False) * 2 - 1
        m(xb)
    t = time.time() - t0
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, batch 16: {N / t:.1f} images/s "
      f"(preprocessing + forward, images already decoded)")
