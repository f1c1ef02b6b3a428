#!/usr/bin/env python3
"""Makes the tiny ONNX models and PyTorch reference features that OnnxEncoderTest compares against.

Run with Debian's python3-torch and python3-onnx (torch 1.13): /usr/bin/python3 make_models.py
Writes: conv299.onnx (and conv299.pt, tokens224.pt: the same modules traced to TorchScript), (input [N,3,299,299] -> [N,8]), tokens224.onnx ([N,3,224,224] -> [N,197,8], CLS first),
        tokens518.onnx ([N,3,518,518] -> [N,1370,8]), test images img_a.png (8-bit, 80x64), img_b.png (16-bit, 70x90),
        and reference.json: for each preset and image, the features PyTorch computes with the preset's own
        preprocessing written here from the presets' definitions (not from cxrbench's code):
  inception-v3-fid  pytorch-fid: [0,1] grey -> 3 channels, F.interpolate(299x299, bilinear, align_corners=False),
                    then 2x - 1 (no crop: the image is stretched to 299x299)
  dinov2            resize the short side to 256 (bicubic, antialias), centre crop 224, ImageNet mean/std
  clip              resize the short side to 224 (bicubic, antialias), centre crop 224, CLIP mean/std
  raddino           resize the short side to 518 (bicubic, antialias), centre crop 518, mean 0.5307, std 0.2583
The bicubic resizes use torch's anti-aliased bicubic (a = -0.5, PIL's kernel) on float tensors.
"""
import json
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)


class Conv299(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 6, 7, stride=4)
        self.c2 = nn.Conv2d(6, 8, 5, stride=3)

    def forward(self, x):
        return F.adaptive_avg_pool2d(torch.tanh(self.c2(torch.relu(self.c1(x)))), 1).flatten(1)


class Tokens(nn.Module):
    def __init__(self, patch):
        super().__init__()
        self.patch = nn.Conv2d(3, 8, patch, stride=patch)
        self.cls = nn.Parameter(torch.randn(1, 1, 8))
        self.mix = nn.Linear(8, 8)

    def forward(self, x):
        t = self.patch(x).flatten(2).transpose(1, 2)
        t = torch.cat([self.cls.expand(x.shape[0], -1, -1) + t.mean(1, keepdim=True), t], 1)
        return torch.tanh(self.mix(t))


def export(model, size, name):
    model.eval()
    dummy = torch.zeros(1, 3, size, size)
    torch.onnx.export(model, dummy, name, input_names=["pixel_values"], output_names=["features"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "features": {0: "batch"}}, opset_version=13)


conv = Conv299()
tok224 = Tokens(16)
tok518 = Tokens(37)
export(conv, 299, "conv299.onnx")
export(tok224, 224, "tokens224.onnx")
export(tok518, 518, "tokens518.onnx")
# the same modules as TorchScript, for the DJL path (--encoder model.pt)
torch.jit.trace(conv, torch.zeros(1, 3, 299, 299)).save("conv299.pt")
torch.jit.trace(tok224, torch.zeros(1, 3, 224, 224)).save("tokens224.pt")

# test images, written as PNG with numpy + zlib (no PIL): a is 8-bit grey 80 wide x 64 high, b 16-bit 70 x 90
import struct, zlib


def png(path, arr, bits):
    h, w = arr.shape
    if bits == 8:
        raw = b"".join(b"\x00" + arr[y].astype(">u1").tobytes() for y in range(h))
    else:
        raw = b"".join(b"\x00" + arr[y].astype(">u2").tobytes() for y in range(h))
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    ihdr = struct.pack(">IIBBBBB", w, h, bits, 0, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


rng = np.random.default_rng(0)
yy, xx = np.mgrid[0:64, 0:80]
a = np.clip(120 + 80 * np.sin(xx / 7.0) * np.cos(yy / 5.0) + rng.normal(0, 10, (64, 80)), 0, 255).astype(np.uint8)
yy, xx = np.mgrid[0:90, 0:70]
b = np.clip(30000 + 25000 * np.sin((xx + yy) / 9.0) + rng.normal(0, 800, (90, 70)), 0, 65535).astype(np.uint16)
png("img_a.png", a, 8)
png("img_b.png", b, 16)
images = {"img_a.png": a.astype(np.float64) / 255.0, "img_b.png": b.astype(np.float64) / 65535.0}


def short_side_resize_crop(x, short, crop):
    # x: [1,3,H,W]; torchvision's rule: the short side becomes `short`, the long side int(short * long / short_side)
    h, w = x.shape[-2:]
    if h <= w:
        nh, nw = short, int(short * w / h)
    else:
        nh, nw = int(short * h / w), short
    x = F.interpolate(x, size=(nh, nw), mode="bicubic", align_corners=False, antialias=True)
    top = int(round((nh - crop) / 2.0))
    left = int(round((nw - crop) / 2.0))
    return x[..., top:top + crop, left:left + crop]


def normalise(x, mean, std):
    m = torch.tensor(mean, dtype=x.dtype).view(1, 3, 1, 1)
    s = torch.tensor(std, dtype=x.dtype).view(1, 3, 1, 1)
    return (x - m) / s


ref = {}
with torch.no_grad():
    for name, g in images.items():
        x = torch.tensor(g, dtype=torch.float32)[None, None].repeat(1, 3, 1, 1)
        out = {}
        xi = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False) * 2 - 1
        out["inception-v3-fid"] = conv(xi)[0].tolist()
        xd = normalise(short_side_resize_crop(x, 256, 224), [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
        out["dinov2"] = tok224(xd)[0, 0].tolist()
        xc = normalise(short_side_resize_crop(x, 224, 224), [0.48145466, 0.4578275, 0.40821073],
                       [0.26862954, 0.26130258, 0.27577711])
        out["clip"] = tok224(xc)[0, 0].tolist()
        xr = normalise(short_side_resize_crop(x, 518, 518), [0.5307] * 3, [0.2583] * 3)
        out["raddino"] = tok518(xr)[0, 0].tolist()
        ref[name] = out
ref["_versions"] = {"torch": torch.__version__, "numpy": np.__version__}
with open("reference.json", "w") as f:
    json.dump(ref, f, indent=1)
print("wrote models, images and reference.json")
