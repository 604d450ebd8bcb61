#!/usr/bin/env python3
"""Random layer stacks through ConvKit's `stack` command against PyTorch, as withheld cases would.

usage: /usr/bin/python3 tools/check_stack_random.py JAR [N] [SEED]

Builds N random nn.Sequential models (2-D and 3-D; Conv with every padding mode, groups, stride,
dilation; ConvTranspose with output padding; MaxPool with ceil mode, padding, dilation; AvgPool with
ceil mode and count_include_pad; BatchNorm with random statistics; ReLU; LeakyReLU), exports each
with tools/torch_to_stack.py, and runs it through the jar, half inline (`layers=[...]`, names
relative to the working directory) and half as `layers=@stack.txt`. Where PyTorch computes a
result, ConvKit must agree to 1e-4 of max(1, max|expected|) with the same shape; where PyTorch
refuses the stack, ConvKit must refuse it too: exit 2, one stderr line naming `layer N`, no output.
Prints each failure and `N passed, M failed`. Needs torch and numpy.
"""
import os, random, re, shutil, subprocess, sys, tempfile
import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_to_stack import export  # noqa: E402

jar = os.path.abspath(sys.argv[1])
N = int(sys.argv[2]) if len(sys.argv) > 2 else 60
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
torch.manual_seed(rnd.randrange(1 << 30))
tmp = tempfile.mkdtemp(prefix="convkit-stack-random-")


def per_axis(rank, lo, hi):
    v = tuple(rnd.randint(lo, hi) for _ in range(rank))
    return v if rnd.random() < 0.5 else v[0]


def layer(rank, c):
    """A random layer taking c channels; returns (module, channels out)."""
    C, CT, MP, AP, BN = ((nn.Conv2d, nn.ConvTranspose2d, nn.MaxPool2d, nn.AvgPool2d, nn.BatchNorm2d) if rank == 2 else
                         (nn.Conv3d, nn.ConvTranspose3d, nn.MaxPool3d, nn.AvgPool3d, nn.BatchNorm3d))
    kind = rnd.choice(["conv", "conv", "convt", "maxpool", "avgpool", "bn", "relu", "leaky"])
    if kind in ("conv", "convt"):
        g = rnd.choice([g for g in (1, 2, 3) if c % g == 0])
        out = g * rnd.randint(1, 2)
        k, s, d = per_axis(rank, 1, 3), per_axis(rank, 1, 2), per_axis(rank, 1, 2)
        if kind == "conv":
            mode = rnd.choice(["zeros", "reflect", "replicate", "circular"])
            return C(c, out, k, stride=s, padding=per_axis(rank, 0, 2), dilation=d, groups=g, bias=rnd.random() < 0.5,
                     padding_mode=mode), out
        ss = s if isinstance(s, tuple) else (s,) * rank
        dd = d if isinstance(d, tuple) else (d,) * rank
        op = tuple(rnd.randint(0, max(a, b) - 1) for a, b in zip(ss, dd))
        return CT(c, out, k, stride=s, padding=per_axis(rank, 0, 1), output_padding=op, dilation=d, groups=g,
                  bias=rnd.random() < 0.5), out
    if kind == "maxpool":
        k = rnd.randint(1, 3)
        return MP(k, stride=rnd.randint(1, 3), padding=rnd.randint(0, k // 2), dilation=rnd.randint(1, 2), ceil_mode=rnd.random() < 0.5), c
    if kind == "avgpool":
        k = rnd.randint(1, 3)
        return AP(k, stride=rnd.randint(1, 3), padding=rnd.randint(0, k // 2), ceil_mode=rnd.random() < 0.5,
                  count_include_pad=rnd.random() < 0.5), c
    if kind == "bn":
        m = BN(c if rnd.random() < 0.95 else c + 1, affine=rnd.random() < 0.7)
        m.running_mean = torch.randn(m.num_features)
        m.running_var = torch.rand(m.num_features) + 0.2
        if m.affine:
            m.weight.data = torch.randn(m.num_features); m.bias.data = torch.randn(m.num_features)
        return m, c
    return (nn.ReLU() if kind == "relu" else nn.LeakyReLU(rnd.choice([0.01, 0.2, 0.5]))), c


def stderr_lines(p):
    return [l for l in p.stderr.strip().splitlines() if l.strip() and not l.startswith("WARNING: Using incubator modules")]


passed = failed = refused = 0
try:
    for i in range(N):
        rank = 2 if i % 3 else 3
        c = rnd.randint(1, 4)
        shape = [c] + [rnd.randint(3, 9) for _ in range(rank)]
        mods, ch = [], c
        for _ in range(rnd.randint(1, 4)):
            m, ch = layer(rank, ch)
            mods.append(m)
        model = nn.Sequential(*mods).eval()
        if not any(isinstance(m, (nn.Conv2d, nn.Conv3d, nn.ConvTranspose2d, nn.ConvTranspose3d)) for m in mods) and rank == 3:
            model = nn.Sequential(*mods, nn.Conv3d(ch, 1, 1)).eval()  # a 3-D stack needs a 3-D weight (else it is read as 2-D)
        x = torch.randn([1] + shape)
        folder = os.path.join(tmp, f"case{i}")
        text = export(model, folder)
        np.save(os.path.join(folder, "x.npy"), x[0].numpy())
        try:
            with torch.no_grad():
                expected = model.double()(x.double())[0].numpy()
        except Exception as e:  # PyTorch refuses the stack
            expected = None
        out = os.path.join(folder, "out.npy")
        layers = ("layers=[" + "; ".join(text.strip().splitlines()) + "]") if i % 2 else "layers=@stack.txt"
        cmd = ["java", "-jar", jar, "stack", "input=x.npy", "output=" + out, layers]
        p = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=300)
        what = f"case {i} ({rank}-D, input {shape}):\n{text}"
        if expected is None:
            msg = stderr_lines(p)
            if p.returncode != 2 or os.path.exists(out) or len(msg) != 1 or not re.search(r"\blayer \d+", msg[0]):
                print(f"FAIL {what}PyTorch refuses it; ConvKit: exit {p.returncode}, stderr {msg}")
                failed += 1
            else:
                passed += 1
                refused += 1
            continue
        if p.returncode != 0:
            print(f"FAIL {what}exit {p.returncode}: {' | '.join(stderr_lines(p))}")
            failed += 1
            continue
        got = np.load(out)
        if got.shape != expected.shape:
            print(f"FAIL {what}shape {got.shape} != {expected.shape}")
            failed += 1
            continue
        err = float(np.max(np.abs(got - expected))) / max(1.0, float(np.max(np.abs(expected))))
        if not err <= 1e-4:
            print(f"FAIL {what}relative error {err:.3g}")
            failed += 1
            continue
        passed += 1
finally:
    shutil.rmtree(tmp, ignore_errors=True)
print(f"{passed} passed ({refused} of them refusals PyTorch makes too), {failed} failed")
sys.exit(1 if failed else 0)
