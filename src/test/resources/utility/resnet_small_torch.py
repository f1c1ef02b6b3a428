#!/usr/bin/env python3
"""PyTorch twin of org.cxrbench.utility.ResNetSmall, the speed reference for the utility CNN (and of UNetSmall).

Same layers, shapes, loss (masked BCE with logits, mean over known elements) and optimizer (Adam, lr 0.002) as the
DJL side; trains on fixed random inputs for a number of steps and prints training images/s.
Usage: /usr/bin/python3 resnet_small_torch.py MODEL SIZE STEPS BATCH THREADS   (MODEL: resnet or unet)
Debian's python3-torch 1.13 (apt-get install -y python3-torch).
"""
import sys
import time

import torch
import torch.nn as nn


def conv(cin, cout, k, stride):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)


class Unit(nn.Module):
    def __init__(self, cin, cout, stride, project):
        super().__init__()
        self.main = nn.Sequential(conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), nn.ReLU(),
                                  conv(cout, cout, 3, 1), nn.BatchNorm2d(cout))
        self.short = nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout)) if project else nn.Identity()

    def forward(self, x):
        return torch.relu(self.main(x) + self.short(x))


def resnet_small(outputs=14):
    ch = [16, 32, 64]
    layers = [conv(1, ch[0], 3, 1), nn.BatchNorm2d(ch[0]), nn.ReLU()]
    cin = ch[0]
    for s, c in enumerate(ch):
        layers.append(Unit(cin, c, 1 if s == 0 else 2, s > 0))
        cin = c
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, outputs)]
    return nn.Sequential(*layers)


def double_conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class UNetSmall(nn.Module):
    """Twin of org.cxrbench.utility.UNetSmall: 16/32/64 channels, max-pool down, nearest 2x upsampling + 3x3 conv up,
    concat skips."""

    def __init__(self, outputs=3):
        super().__init__()
        self.d1, self.d2, self.mid = double_conv(1, 16), double_conv(16, 32), double_conv(32, 64)
        self.u2, self.c2 = nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(64, 32, 3, padding=1)), double_conv(64, 32)
        self.u1, self.c1 = nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(32, 16, 3, padding=1)), double_conv(32, 16)
        self.out = nn.Conv2d(16, outputs, 1)

    def forward(self, x):
        a = self.d1(x)
        b = self.d2(nn.functional.max_pool2d(a, 2))
        m = self.mid(nn.functional.max_pool2d(b, 2))
        y = self.c2(torch.cat([self.u2(m), b], 1))
        y = self.c1(torch.cat([self.u1(y), a], 1))
        return self.out(y)


def main():
    model, size, steps, batch, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = resnet_small() if model == "resnet" else UNetSmall()
    opt = torch.optim.Adam(net.parameters(), lr=0.002)
    x = torch.randn(batch, 1, size, size)
    out_shape = (batch, 14) if model == "resnet" else (batch, 3, size, size)
    y = (torch.rand(out_shape) < 0.3).float()
    m = (torch.rand(out_shape) < 0.8).float()
    net.train()

    def step():
        opt.zero_grad()
        z = net(x)
        loss = ((z.clamp(min=0) - z * y + torch.log1p(torch.exp(-z.abs()))) * m).sum() / m.sum().clamp(min=1)
        loss.backward()
        opt.step()

    step()  # warm-up
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    dt = time.perf_counter() - t0
    print("pytorch %s %s %d px, %d threads: %.1f images/s (%d steps of %d)" % (torch.__version__, model, size, threads,
                                                                             steps * batch / dt, steps, batch))


if __name__ == "__main__":
    main()
