#!/usr/bin/env python3
"""Turn a PyTorch nn.Sequential into ConvKit's layer-stack text plus the .npy files it names.

    from torch_to_stack import export
    text = export(model, "my-stack")      # writes my-stack/stack.txt and my-stack/N.w.npy, ...
    # java -jar ConvKit_.jar stack input=x.npy output=y.npy layers=@my-stack/stack.txt

or from the shell, for a model saved whole with torch.save(model, "model.pt"):

    python3 tools/torch_to_stack.py model.pt my-stack

Layers: Conv2d/3d, ConvTranspose2d/3d, MaxPool2d/3d, AvgPool2d/3d, BatchNorm2d/3d (its running
statistics: the model in eval mode), ReLU, LeakyReLU, Identity (dropped); nested nn.Sequential
are flattened. Anything else is refused with its name. Per-axis values are written in ImageJ's
order (x,y or x,y,z); the file names in stack.txt are relative to its folder, as
`layers=@stack.txt` reads them. Needs torch and numpy.
"""
import os
import sys

import numpy as np
import torch.nn as nn


def _axes(v, rank):
    """A PyTorch int or (D,) H, W tuple as ConvKit writes it: one value, or x,y(,z)."""
    t = tuple(v) if isinstance(v, (tuple, list)) else (v,) * rank
    if len(set(t)) == 1:
        return str(t[0])
    return ",".join(str(a) for a in reversed(t))


def _flat(model):
    for m in model:
        if isinstance(m, nn.Sequential):
            yield from _flat(m)
        elif not isinstance(m, nn.Identity):
            yield m


def export(model, folder, text_name="stack.txt"):
    """Writes the stack text and the weight files of `model` into `folder`; returns the text."""
    os.makedirs(folder, exist_ok=True)
    lines = []

    def save(n, key, tensor):
        name = f"{n}.{key}.npy"
        np.save(os.path.join(folder, name), tensor.detach().cpu().numpy().astype(np.float32))
        return f"{key}={name}" if " " not in name else f"{key}=[{name}]"

    for n, m in enumerate(_flat(model), start=1):
        if isinstance(m, (nn.Conv2d, nn.Conv3d)):
            rank = 2 if isinstance(m, nn.Conv2d) else 3
            if isinstance(m.padding, str):
                p = m.padding  # 'same' or 'valid'
            else:
                p = _axes(m.padding, rank)
            words = ["conv", save(n, "w", m.weight)]
            if m.bias is not None:
                words.append(save(n, "b", m.bias))
            words += [f"s={_axes(m.stride, rank)}", f"p={p}", f"d={_axes(m.dilation, rank)}", f"g={m.groups}"]
            if m.padding_mode != "zeros":
                words.append(f"mode={m.padding_mode}")
        elif isinstance(m, (nn.ConvTranspose2d, nn.ConvTranspose3d)):
            rank = 2 if isinstance(m, nn.ConvTranspose2d) else 3
            words = ["convt", save(n, "w", m.weight)]
            if m.bias is not None:
                words.append(save(n, "b", m.bias))
            words += [f"s={_axes(m.stride, rank)}", f"p={_axes(m.padding, rank)}", f"op={_axes(m.output_padding, rank)}",
                      f"d={_axes(m.dilation, rank)}", f"g={m.groups}"]
        elif isinstance(m, (nn.MaxPool2d, nn.MaxPool3d)):
            rank = 2 if isinstance(m, nn.MaxPool2d) else 3
            if m.return_indices:
                raise ValueError(f"layer {n}: MaxPool with return_indices=True has no ConvKit form")
            stride = m.stride if m.stride is not None else m.kernel_size
            words = ["maxpool", f"k={_axes(m.kernel_size, rank)}", f"s={_axes(stride, rank)}", f"p={_axes(m.padding, rank)}",
                     f"d={_axes(m.dilation, rank)}", f"ceil={int(m.ceil_mode)}"]
        elif isinstance(m, (nn.AvgPool2d, nn.AvgPool3d)):
            rank = 2 if isinstance(m, nn.AvgPool2d) else 3
            if m.divisor_override is not None:
                raise ValueError(f"layer {n}: AvgPool with divisor_override has no ConvKit form")
            stride = m.stride if m.stride is not None else m.kernel_size
            words = ["avgpool", f"k={_axes(m.kernel_size, rank)}", f"s={_axes(stride, rank)}", f"p={_axes(m.padding, rank)}",
                     f"ceil={int(m.ceil_mode)}", f"cip={int(m.count_include_pad)}"]
        elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm3d)):
            if m.running_mean is None:
                raise ValueError(f"layer {n}: BatchNorm without running statistics (track_running_stats=False) has no eval form")
            words = ["bn", save(n, "mean", m.running_mean), save(n, "var", m.running_var)]
            if m.affine:
                words += [save(n, "w", m.weight), save(n, "b", m.bias)]
            words.append(f"eps={m.eps!r}")
        elif isinstance(m, nn.ReLU):
            words = ["relu"]
        elif isinstance(m, nn.LeakyReLU):
            words = ["leakyrelu", f"slope={m.negative_slope!r}"]
        else:
            raise ValueError(f"layer {n}: {type(m).__name__} has no ConvKit form; ConvKit runs Conv, ConvTranspose, MaxPool, AvgPool,"
                             " BatchNorm, ReLU and LeakyReLU (2-D and 3-D)")
        lines.append(" ".join(words))
    if not lines:
        raise ValueError("the model has no layers")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(folder, text_name), "w") as f:
        f.write(text)
    return text


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: torch_to_stack.py MODEL.pt FOLDER   (a model saved with torch.save(model, 'MODEL.pt'))")
    import torch
    model = torch.load(sys.argv[1], weights_only=False) if "weights_only" in torch.load.__code__.co_varnames else torch.load(sys.argv[1])
    if not isinstance(model, nn.Sequential):
        sys.exit(f"{sys.argv[1]} holds a {type(model).__name__}; torch_to_stack.py exports an nn.Sequential")
    print(export(model, sys.argv[2]), end="")
