#!/usr/bin/env python3
"""The receptive-field oracle: for random layer stacks, which input pixels an output pixel depends on,
computed by PyTorch autograd — independent of ConvKit's own geometry code.

usage: /usr/bin/python3 tools/make_field_oracle.py [N] [SEED] > src/test/resources/field-oracle/cases.tsv

Each stack (2-D and 3-D) mixes conv (stride, padding, dilation), convt (stride, padding, output
padding, dilation), maxpool (stride, padding, dilation, ceil mode), avgpool (stride, padding, ceil
mode, count_include_pad), bn, relu and leakyrelu. PyTorch runs it on a one-channel input of ones
with every weight 1, zero padding, batch norm and activations as identity and max pools as average
pools (a dilated one as a ones kernel over the same windows, padded at the end as ceil mode pads), so
no gradient cancels; for a few output pixels of the last layer, the bounding box of the non-zero
gradient with respect to the input is written per axis (x, y, z), or `none` when no input pixel
reaches that output (a transposed layer's output padding). Stacks PyTorch refuses are skipped.

Columns: name, rank, size (W,H[,D]), layers (the calculator's text, per-axis values x,y[,z]),
pixel (x,y[,z]), reach (x0..x1,y0..y1[,z0..z1] or none). Needs torch.
"""
import random
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

N = int(sys.argv[1]) if len(sys.argv) > 1 else 160
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1729)
torch.set_default_dtype(torch.float64)


def xyz(v):
    """A PyTorch tuple (D, H, W) / (H, W) as ConvKit's x,y(,z) text."""
    return ",".join(str(x) for x in reversed(v))


def rand_axes(rank, lo, hi):
    return tuple(rnd.randint(lo, hi) for _ in range(rank))


class Identity(nn.Module):
    def forward(self, x):
        return x


class OnesPool(nn.Module):
    """A pool as a ones kernel over its windows (the gradient's support of a max or average pool)."""

    def __init__(self, rank, k, s, p, d, ceil, n_in):
        super().__init__()
        self.rank, self.k, self.s, self.d = rank, k, s, d
        mp = (nn.MaxPool2d if rank == 2 else nn.MaxPool3d)(k, s, p, d, ceil_mode=ceil)
        out = mp(torch.zeros((1, 1) + n_in)).shape[2:]  # PyTorch's own output size
        self.pad = []
        for a in reversed(range(rank)):  # F.pad: last axis first
            keff = d[a] * (k[a] - 1) + 1
            after = (out[a] - 1) * s[a] + keff - n_in[a] - p[a]
            self.pad += [p[a], max(0, after)]

    def forward(self, x):
        conv = F.conv2d if self.rank == 2 else F.conv3d
        w = torch.ones((1, 1) + self.k)
        return conv(F.pad(x, self.pad), w, stride=self.s, dilation=self.d)


def stack(rank, n):
    """Random layers for an input of spatial size n (PyTorch order); (text lines, modules) or None."""
    C, CT = (nn.Conv2d, nn.ConvTranspose2d) if rank == 2 else (nn.Conv3d, nn.ConvTranspose3d)
    AP = nn.AvgPool2d if rank == 2 else nn.AvgPool3d
    lines, mods = [], []
    shape = tuple(n)
    for _ in range(rnd.randint(1, 5)):
        kind = rnd.choice(["conv", "conv", "convt", "convt", "maxpool", "avgpool", "bn", "relu", "leakyrelu"])
        if kind in ("conv", "convt"):
            k, s, d = rand_axes(rank, 1, 4), rand_axes(rank, 1, 3), rand_axes(rank, 1, 3)
            p = tuple(rnd.randint(0, 3) for _ in range(rank))
            if kind == "conv":
                m = C(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
                lines.append(f"conv k={xyz(k)} s={xyz(s)} p={xyz(p)} d={xyz(d)}")
            else:
                op = tuple(rnd.randint(0, max(s[a], d[a]) - 1) for a in range(rank))
                m = CT(1, 1, k, stride=s, padding=p, output_padding=op, dilation=d, bias=False)
                lines.append(f"convt k={xyz(k)} s={xyz(s)} p={xyz(p)} op={xyz(op)} d={xyz(d)}")
            with torch.no_grad():
                m.weight.fill_(1.0)
        elif kind in ("maxpool", "avgpool"):
            k, s = rand_axes(rank, 1, 4), rand_axes(rank, 1, 3)
            p = tuple(rnd.randint(0, k[a] // 2) for a in range(rank))
            ceil = rnd.random() < 0.5
            if kind == "maxpool":
                d = rand_axes(rank, 1, 2)
                if any(p[a] > (d[a] * (k[a] - 1) + 1) // 2 for a in range(rank)):
                    continue
                try:
                    m = OnesPool(rank, k, s, p, d, ceil, shape)
                except RuntimeError:
                    return None
                lines.append(f"maxpool k={xyz(k)} s={xyz(s)} p={xyz(p)} d={xyz(d)} ceil={int(ceil)}")
            else:
                cip = rnd.random() < 0.5
                m = AP(k, s, p, ceil_mode=ceil, count_include_pad=cip)
                lines.append(f"avgpool k={xyz(k)} s={xyz(s)} p={xyz(p)} ceil={int(ceil)} cip={int(cip)}")
        else:
            m = Identity()
            lines.append(kind if kind != "leakyrelu" else "leakyrelu slope=0.1")
        try:
            with torch.no_grad():
                shape = tuple(m(torch.zeros((1, 1) + shape)).shape[2:])
        except RuntimeError:
            return None  # PyTorch refuses it (output smaller than one pixel, and the like)
        if min(shape) < 1 or max(shape) > 200:
            return None
        mods.append(m)
    return lines, nn.Sequential(*mods), shape


print("name\trank\tsize\tlayers\tpixel\treach")
made = 0
tries = 0
while made < N and tries < 100 * N:
    tries += 1
    rank = 2 if rnd.random() < 0.6 else 3
    n = rand_axes(rank, 4, 24 if rank == 2 else 10)
    got = stack(rank, n)
    if got is None:
        continue
    lines, model, out = got
    for q in range(3):
        for attempt in range(8):  # prefer pixels some input reaches; keep a few that none does
            pixel = tuple(rnd.randrange(o) for o in out)
            x = torch.ones((1, 1) + n, requires_grad=True)
            y = model(x)
            y[(0, 0) + pixel].backward()
            nz = x.grad[0, 0].nonzero()
            if nz.numel() > 0 or attempt == 7:
                break
        if nz.numel() == 0:
            reach = "none"
        else:
            lo = nz.min(0).values.tolist()
            hi = nz.max(0).values.tolist()
            reach = ",".join(f"{lo[a]}..{hi[a]}" for a in reversed(range(rank)))
        print(f"s{made}_{q}\t{rank}\t{xyz(n)}\t{'; '.join(lines)}\t{xyz(pixel)}\t{reach}")
    made += 1
print(f"# {made} stacks, {tries} tried", file=sys.stderr)
