#!/usr/bin/env python3
"""Makes the project's own conformance cases with PyTorch: src/test/resources/conformance-extra (2-D)
and src/test/resources/conformance3d-extra (3-D).

Same layout as the shared sets (cases.tsv, NAME.input/weight/bias/expected.npy; see the README's
"Testing" section). PyTorch computes every case: F.pad with the mode, then F.conv2d / F.conv3d with
padding 0; 'symmetric', which PyTorch lacks, is padded with numpy's 'symmetric' first. Cases whose
`padding` column says `same` are computed by PyTorch's own padding='same' (nn.Conv2d / nn.Conv3d)
at stride 1; above stride 1, where PyTorch refuses 'same', by TensorFlow's rule written out here;
their pad_* columns hold the padding that rule gives, so checkers without 'same' still work.
usage: /usr/bin/python3 tools/make_extra_cases.py   (needs python3-torch)
"""
import csv, os, sys
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "conformance-extra")
OUT3 = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "conformance3d-extra")
COLS = ["name", "c_in", "height", "width", "c_out", "k_h", "k_w", "stride_y", "stride_x", "pad_left", "pad_right",
        "pad_top", "pad_bottom", "dilation_y", "dilation_x", "groups", "padding_mode", "bias", "padding"]
COLS3 = ["name", "c_in", "depth", "height", "width", "c_out", "k_d", "k_h", "k_w", "stride_x", "stride_y", "stride_z",
         "pad_left", "pad_right", "pad_top", "pad_bottom", "pad_front", "pad_back", "dilation_x", "dilation_y", "dilation_z",
         "groups", "padding_mode", "bias", "padding"]
# name, c_in, h, w, c_out, kh, kw, sy, sx, (l, r, t, b), dy, dx, groups, mode, bias
CASES = [
    ("reflect_asym_stride3", 2, 19, 23, 3, 3, 5, 3, 2, (4, 1, 0, 2), 1, 1, 1, "reflect", 1),
    ("symmetric_dilated_groups", 4, 14, 17, 4, 3, 3, 1, 1, (3, 2, 4, 1), 2, 1, 2, "symmetric", 0),
    ("circular_stride2_dil2", 3, 16, 15, 2, 3, 3, 2, 2, (2, 2, 2, 2), 2, 2, 1, "circular", 1),
    ("replicate_big_pad", 1, 6, 5, 2, 3, 2, 1, 3, (9, 0, 7, 8), 1, 1, 1, "replicate", 0),
    ("zeros_depthwise_4_bias", 4, 11, 13, 4, 3, 3, 1, 1, (1, 1, 1, 1), 1, 1, 4, "zeros", 1),
    ("depthwise_multiplier_2", 3, 12, 10, 6, 5, 3, 2, 1, (2, 1, 2, 2), 1, 2, 3, "reflect", 1),
    ("one_row_image", 2, 1, 31, 2, 1, 7, 1, 2, (3, 3, 0, 0), 1, 1, 1, "circular", 0),
    ("one_column_image", 1, 29, 1, 1, 5, 1, 2, 1, (0, 0, 2, 2), 2, 1, 1, "replicate", 1),
    ("even_kernel_4x6_symmetric", 2, 20, 18, 1, 4, 6, 1, 1, (2, 3, 1, 2), 1, 1, 1, "symmetric", 0),
    ("wide_dilation_valid", 1, 40, 37, 2, 3, 3, 1, 1, (0, 0, 0, 0), 9, 7, 1, "zeros", 0),
    ("many_channels_16_to_8", 16, 9, 10, 8, 3, 3, 1, 1, (1, 1, 1, 1), 1, 1, 1, "zeros", 1),
    ("groups_4_of_8_to_12", 8, 10, 9, 12, 3, 1, 1, 2, (0, 0, 1, 1), 1, 1, 4, "reflect", 1),
    ("stride_4_kernel_2_floor", 2, 17, 21, 3, 2, 2, 4, 4, (1, 0, 0, 1), 1, 1, 1, "zeros", 0),
    ("reflect_pad_n_minus_1", 1, 3, 4, 1, 3, 3, 1, 1, (3, 3, 2, 2), 1, 1, 1, "reflect", 0),
    ("circular_pad_eq_n_asym", 2, 4, 3, 2, 2, 2, 1, 1, (3, 0, 0, 4), 1, 1, 2, "circular", 0),
    ("large_values_11x9", 1, 33, 35, 1, 11, 9, 1, 1, (5, 5, 4, 4), 1, 1, 1, "reflect", 1),
]
# padding=same, 2-D: name, c_in, h, w, c_out, kh, kw, sy, sx, dy, dx, groups, mode, bias
SAME = [
    ("same_odd_3x3_stride1", 2, 13, 11, 2, 3, 3, 1, 1, 1, 1, 1, "zeros", 1),
    ("same_even_4x2_stride1_reflect", 1, 12, 10, 2, 4, 2, 1, 1, 1, 1, 1, "reflect", 0),
    ("same_even_2x6_dilated_replicate", 2, 15, 17, 1, 2, 6, 1, 1, 3, 1, 1, "replicate", 1),
    ("same_odd_5x3_dilation_2_circular", 1, 14, 13, 1, 5, 3, 1, 1, 2, 2, 1, "circular", 0),
    ("same_even_4x4_symmetric", 2, 9, 12, 2, 4, 4, 1, 1, 1, 1, 2, "symmetric", 1),
    ("same_stride2_odd_3x3_n_odd", 1, 15, 13, 2, 3, 3, 2, 2, 1, 1, 1, "zeros", 1),
    ("same_stride2_even_4x4_reflect", 2, 16, 11, 2, 4, 4, 2, 2, 1, 1, 1, "reflect", 0),
    ("same_stride2x3_even_kernel_dilated", 1, 17, 20, 1, 2, 4, 2, 3, 2, 1, 1, "replicate", 1),
    ("same_stride3_kernel_1_no_padding", 1, 10, 9, 1, 1, 1, 3, 3, 1, 1, 1, "zeros", 0),
]
# Large values and a bias that matters: 16-bit integers, integer kernels summing to 0 (sums exact in
# float32), a fractional bias; a dropped or wrong bias shows next to outputs of 50,000.
BIAS_SENSITIVE = [
    ("bias_sensitive_16bit_sobel", 1, 24, 22, 2, 3, 3, 1, 1, (1, 1, 1, 1), 1, 1, 1, "reflect", 1),
    ("bias_sensitive_16bit_groups", 2, 19, 21, 4, 3, 5, 2, 1, (2, 2, 1, 1), 1, 2, 2, "replicate", 1),
]
# 3-D: name, c_in, d, h, w, c_out, (kd, kh, kw), (sx, sy, sz), (l, r, t, b, f, k) or "same", (dx, dy, dz), groups, mode, bias
CASES3 = [
    ("same_3x3x3_stride1_reflect", 2, 7, 9, 8, 2, (3, 3, 3), (1, 1, 1), "same", (1, 1, 1), 1, "reflect", 1),
    ("same_even_2x4x2_stride1_zeros", 1, 6, 8, 9, 2, (2, 4, 2), (1, 1, 1), "same", (1, 1, 1), 1, "zeros", 0),
    ("same_stride_2_2_1_dilated", 1, 9, 10, 11, 1, (3, 3, 2), (2, 2, 1), "same", (1, 2, 1), 1, "replicate", 1),
    ("same_stride2_symmetric", 2, 8, 9, 7, 2, (3, 2, 3), (2, 2, 2), "same", (1, 1, 1), 2, "symmetric", 0),
    ("circular_asymmetric_3d", 2, 6, 7, 8, 3, (2, 3, 4), (1, 2, 1), (3, 0, 1, 2, 2, 1), (1, 1, 1), 1, "circular", 1),
    ("groups_3_of_6_dilated_z", 6, 10, 8, 8, 3, (3, 3, 3), (1, 1, 1), (1, 1, 1, 1, 2, 2), (1, 1, 2), 3, "zeros", 1),
    ("anisotropic_stride_3_1_2", 1, 11, 9, 13, 2, (3, 3, 3), (3, 1, 2), (1, 1, 0, 0, 2, 1), (1, 1, 1), 1, "reflect", 0),
    ("large_kernel_7x7x7_fft_sized", 1, 20, 22, 21, 1, (7, 7, 7), (1, 1, 1), (3, 3, 3, 3, 3, 3), (1, 1, 1), 1, "reflect", 1),
    ("gaussian_rank1_5x5x5", 1, 14, 13, 12, 1, (5, 5, 5), (1, 1, 1), (2, 2, 2, 2, 2, 2), (1, 1, 1), 1, "replicate", 0),
    ("bias_sensitive_16bit_3d", 1, 8, 9, 10, 2, (3, 3, 3), (1, 1, 1), (1, 1, 1, 1, 1, 1), (1, 1, 1), 1, "zeros", 1),
    ("symmetric_pad_eq_depth", 1, 3, 6, 6, 1, (3, 3, 3), (1, 1, 1), (1, 1, 1, 1, 3, 3), (1, 1, 1), 1, "symmetric", 0),
    ("many_channels_6_to_8_3d", 6, 6, 7, 9, 8, (3, 3, 3), (1, 1, 1), (1, 1, 1, 1, 1, 1), (1, 1, 1), 1, "replicate", 1),
    ("many_channels_strided_dilated_3d", 4, 9, 10, 11, 6, (3, 2, 3), (2, 1, 2), (2, 1, 0, 1, 1, 2), (1, 2, 2), 2, "reflect", 1),
]
ERRORS3 = [
    ("err3d_circular_pad_past_depth", 1, 3, 6, 6, 1, (1, 3, 3), (1, 1, 1), (1, 1, 1, 1, 4, 0), (1, 1, 1), 1, "circular", 0),
    ("err3d_dilated_z_too_deep", 1, 4, 8, 8, 1, (3, 1, 1), (1, 1, 1), (0, 0, 0, 0, 0, 0), (1, 1, 2), 1, "zeros", 0),
    ("err3d_cout_not_divisible", 4, 4, 6, 6, 3, (1, 3, 3), (1, 1, 1), (0, 0, 0, 0, 0, 0), (1, 1, 1), 2, "zeros", 0),
]
ERRORS = [
    ("err_cout_not_divisible", 4, 8, 8, 3, 3, 3, 1, 1, (0, 0, 0, 0), 1, 1, 2, "zeros", 0,
     "out_channels not divisible by groups"),
    ("err_reflect_one_pixel", 1, 1, 8, 1, 1, 3, 1, 1, (1, 1, 1, 1), 1, 1, 1, "reflect", 0,
     "reflect padding on a 1-pixel axis"),
    ("err_dilation_too_big", 1, 8, 8, 1, 3, 3, 1, 1, (1, 1, 1, 1), 5, 5, 1, "zeros", 0,
     "dilated kernel larger than padded input"),
    ("err_stride_negative", 1, 8, 8, 1, 3, 3, -1, 1, (0, 0, 0, 0), 1, 1, 1, "zeros", 0, "stride must be positive"),
]


def compute(x, w, b, sy, sx, pad, dy, dx, groups, mode):
    l, r, t, bt = pad
    if mode == "symmetric":
        xp = torch.from_numpy(np.pad(x.numpy(), ((0, 0), (t, bt), (l, r)), mode="symmetric"))[None]
    elif mode == "zeros":
        xp = F.pad(x[None], (l, r, t, bt), mode="constant", value=0.0)
    else:
        xp = F.pad(x[None], (l, r, t, bt), mode=mode)
    return F.conv2d(xp, w, b, stride=(sy, sx), dilation=(dy, dx), groups=groups)[0]


def tf_same(n, k, s, d):
    """padding=same per axis: PyTorch's rule at stride 1, TensorFlow's above (docs/design.md §1)."""
    if s == 1:
        total = d * (k - 1)
    else:
        out = -(-n // s)
        total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


def sixteen_bit(g, shape):
    return torch.randint(0, 60000, shape, generator=g).float()


def zero_sum_integer(g, shape):
    w = torch.randint(-3, 4, shape, generator=g).float()
    return w - torch.round(w.mean(dim=tuple(range(2, w.dim())), keepdim=True))


def compute3(x, w, b, stride, pad, dil, groups, mode):
    """x [C, D, H, W]; stride, dil as (x, y, z); pad as F.pad's (l, r, t, b, f, k)."""
    l, r, t, bt, fr, bk = pad
    if mode == "symmetric":
        xp = torch.from_numpy(np.pad(x.numpy(), ((0, 0), (fr, bk), (t, bt), (l, r)), mode="symmetric"))[None]
    elif mode == "zeros":
        xp = F.pad(x[None], pad, mode="constant", value=0.0)
    else:
        xp = F.pad(x[None], pad, mode=mode)
    return F.conv3d(xp, w, b, stride=stride[::-1], dilation=dil[::-1], groups=groups)[0]


def write_case(out, name, x, w, b, y):
    np.save(os.path.join(out, name + ".input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, name + ".weight.npy"), w.numpy().astype(np.float32))
    if b is not None:
        np.save(os.path.join(out, name + ".bias.npy"), b.numpy().astype(np.float32))
    np.save(os.path.join(out, name + ".expected.npy"), y.detach().numpy().astype(np.float32))


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(OUT3, exist_ok=True)
    g = torch.Generator().manual_seed(20261127)
    with open(os.path.join(OUT, "cases.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS)
        for (name, ci, h, w_, co, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias) in CASES:
            scale = 1000.0 if name.startswith("large_values") else 1.0
            x = (torch.rand(ci, h, w_, generator=g) * 2 - 1) * scale
            w = torch.rand(co, ci // groups, kh, kw, generator=g) * 2 - 1
            b = torch.rand(co, generator=g) * 2 - 1 if bias else None
            y = compute(x, w, b, sy, sx, pad, dy, dx, groups, mode)
            np.save(os.path.join(OUT, name + ".input.npy"), x.numpy().astype(np.float32))
            np.save(os.path.join(OUT, name + ".weight.npy"), w.numpy().astype(np.float32))
            if bias:
                np.save(os.path.join(OUT, name + ".bias.npy"), b.numpy().astype(np.float32))
            np.save(os.path.join(OUT, name + ".expected.npy"), y.numpy().astype(np.float32))
            wr.writerow([name, ci, h, w_, co, kh, kw, sy, sx, *pad, dy, dx, groups, mode, bias, ""])
        g2 = torch.Generator().manual_seed(20261128)
        for (name, ci, h, w_, co, kh, kw, sy, sx, dy, dx, groups, mode, bias) in SAME:
            x = torch.rand(ci, h, w_, generator=g2) * 2 - 1
            w = torch.rand(co, ci // groups, kh, kw, generator=g2) * 2 - 1
            b = torch.rand(co, generator=g2) * 2 - 1 if bias else None
            lo_y, hi_y = tf_same(h, kh, sy, dy)
            lo_x, hi_x = tf_same(w_, kw, sx, dx)
            pad = (lo_x, hi_x, lo_y, hi_y)
            if sy == 1 and sx == 1 and mode != "symmetric":
                conv = torch.nn.Conv2d(ci, co, (kh, kw), padding="same", dilation=(dy, dx), groups=groups, bias=bias == 1,
                                       padding_mode=mode)
                with torch.no_grad():
                    conv.weight.copy_(w)
                    if bias:
                        conv.bias.copy_(b)
                    y = conv(x[None])[0]
            else:
                y = compute(x, w, b, sy, sx, pad, dy, dx, groups, mode)
            write_case(OUT, name, x, w, b, y)
            wr.writerow([name, ci, h, w_, co, kh, kw, sy, sx, *pad, dy, dx, groups, mode, bias, "same"])
        for (name, ci, h, w_, co, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias) in BIAS_SENSITIVE:
            x = sixteen_bit(g2, (ci, h, w_))
            w = zero_sum_integer(g2, (co, ci // groups, kh, kw))
            b = torch.tensor([0.59, -1.25, 0.375, 2.5][:co])
            y = compute(x, w, b, sy, sx, pad, dy, dx, groups, mode)
            write_case(OUT, name, x, w, b, y)
            wr.writerow([name, ci, h, w_, co, kh, kw, sy, sx, *pad, dy, dx, groups, mode, bias, ""])
    g3 = torch.Generator().manual_seed(20261129)
    with open(os.path.join(OUT3, "cases.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS3)
        for (name, ci, d, h, w_, co, k, stride, pad, dil, groups, mode, bias) in CASES3:
            kd, kh, kw = k
            same = pad == "same"
            if same:
                lx, hx = tf_same(w_, kw, stride[0], dil[0])
                ly, hy = tf_same(h, kh, stride[1], dil[1])
                lz, hz = tf_same(d, kd, stride[2], dil[2])
                pad = (lx, hx, ly, hy, lz, hz)
            if name.startswith("bias_sensitive"):
                x = sixteen_bit(g3, (ci, d, h, w_))
                w = zero_sum_integer(g3, (co, ci // groups, kd, kh, kw))
                b = torch.tensor([0.59, -1.25, 0.375][:co])
            elif name.startswith("gaussian_rank1"):
                x = torch.rand(ci, d, h, w_, generator=g3)
                u = torch.exp(-torch.arange(-2.0, 3.0) ** 2 / 2)
                w = (u[:, None, None] * u[None, :, None] * (u / u.sum())[None, None, :])[None, None].repeat(co, ci // groups, 1, 1, 1)
                b = None
            else:
                x = torch.rand(ci, d, h, w_, generator=g3) * 2 - 1
                w = torch.rand(co, ci // groups, kd, kh, kw, generator=g3) * 2 - 1
                b = torch.rand(co, generator=g3) * 2 - 1 if bias else None
            if same and stride == (1, 1, 1) and mode != "symmetric":
                conv = torch.nn.Conv3d(ci, co, (kd, kh, kw), padding="same", dilation=dil[::-1], groups=groups, bias=bias == 1,
                                       padding_mode=mode)
                with torch.no_grad():
                    conv.weight.copy_(w)
                    if bias:
                        conv.bias.copy_(b)
                    y = conv(x[None])[0]
            else:
                y = compute3(x, w, b, stride, pad, dil, groups, mode)
            write_case(OUT3, name, x, w, b, y)
            wr.writerow([name, ci, d, h, w_, co, kd, kh, kw, *stride, *pad, *dil, groups, mode, bias, "same" if same else ""])
    with open(os.path.join(OUT3, "errors.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS3 + ["why"])
        for (name, ci, d, h, w_, co, k, stride, pad, dil, groups, mode, bias) in ERRORS3:
            wr.writerow([name, ci, d, h, w_, co, *k, *stride, *pad, *dil, groups, mode, bias, "", "refused"])
    with open(os.path.join(OUT, "errors.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS + ["why"])
        for (name, ci, h, w_, co, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias, why) in ERRORS:
            wr.writerow([name, ci, h, w_, co, kh, kw, sy, sx, *pad, dy, dx, groups, mode, bias, "", why])
    print("wrote", len(CASES) + len(SAME) + len(BIAS_SENSITIVE), "cases and", len(ERRORS), "error cases to", os.path.normpath(OUT))
    print("wrote", len(CASES3), "cases and", len(ERRORS3), "error cases to", os.path.normpath(OUT3))


if __name__ == "__main__":
    sys.exit(main())
