#!/usr/bin/env python3
"""Makes the extra conformance cases in src/test/resources/conformance-extra with PyTorch.

Same layout as the shared set (cases.tsv, NAME.input/weight/bias/expected.npy; see the README's
"Testing" section). PyTorch computes every case: F.pad with the mode, then F.conv2d with padding 0;
'symmetric', which PyTorch lacks, is padded with numpy's 'symmetric' first.
usage: /usr/bin/python3 tools/make_extra_cases.py   (needs python3-torch)
"""
import csv, os, sys
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "conformance-extra")
COLS = ["name", "c_in", "height", "width", "c_out", "k_h", "k_w", "stride_y", "stride_x", "pad_left", "pad_right",
        "pad_top", "pad_bottom", "dilation_y", "dilation_x", "groups", "padding_mode", "bias"]
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


def main():
    os.makedirs(OUT, exist_ok=True)
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
            wr.writerow([name, ci, h, w_, co, kh, kw, sy, sx, *pad, dy, dx, groups, mode, bias])
    with open(os.path.join(OUT, "errors.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS + ["why"])
        for (name, ci, h, w_, co, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias, why) in ERRORS:
            wr.writerow([name, ci, h, w_, co, kh, kw, sy, sx, *pad, dy, dx, groups, mode, bias, why])
    print("wrote", len(CASES), "cases and", len(ERRORS), "error cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    sys.exit(main())
