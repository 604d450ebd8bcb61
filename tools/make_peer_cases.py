#!/usr/bin/env python3
"""Makes the conformance cases of other libraries' conventions: src/test/resources/conformance-peers.

Same layout as the other 2-D sets (cases.tsv, NAME.input/weight/bias/expected.npy, errors.tsv) plus a
`value` column (the fill of padding_mode=constant). Three sources, each computed by the peer itself:
- PyTorch: F.pad(x, (l, r, t, b), mode='constant', value=v), then F.conv2d with padding 0 (any
  stride, dilation, groups, bias; padding wider than the image is fine for a constant);
- scipy: scipy.ndimage.correlate(x, w, mode='constant', cval=v) on one plane — an odd kernel is
  centred (padding=same), an even one has its extra pixel before the data (padding=same_lower, which
  is also how OpenCV centres an even kernel);
- ONNX Conv with auto_pad=SAME_LOWER: ONNX's own node test `test_conv_with_autopad_same` (its
  expected values written here as ONNX publishes them, checked against the computation), and cases
  with an odd total padding (even kernels, stride 2), computed with ONNX's rule written out
  (out = ceil(n/s), total = max((out-1)*s + d*(k-1) + 1 - n, 0), head = total - total//2) and
  F.pad + F.conv2d.
usage: /usr/bin/python3 tools/make_peer_cases.py   (needs python3-torch and python3-scipy)
"""
import csv, os
import numpy as np
import scipy
import scipy.ndimage as ndi
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "conformance-peers")
COLS = ["name", "c_in", "height", "width", "c_out", "k_h", "k_w", "stride_y", "stride_x", "pad_left", "pad_right",
        "pad_top", "pad_bottom", "dilation_y", "dilation_x", "groups", "padding_mode", "bias", "padding", "value"]

# PyTorch F.pad(value=v): name, c_in, h, w, c_out, kh, kw, sy, sx, (l, r, t, b), dy, dx, groups, bias, value
TORCH = [
    ("torch_constant_3x3_value_2_5", 2, 11, 13, 3, 3, 3, 1, 1, (1, 1, 1, 1), 1, 1, 1, 1, 2.5),
    ("torch_constant_negative_asym_stride2", 1, 15, 12, 2, 3, 5, 2, 2, (3, 1, 0, 2), 1, 1, 1, 0, -3.0),
    ("torch_constant_wider_than_image", 1, 3, 4, 1, 3, 3, 1, 1, (7, 6, 5, 8), 1, 1, 1, 1, 7.25),
    ("torch_constant_dilated_groups", 4, 14, 16, 4, 3, 3, 1, 1, (2, 2, 2, 2), 2, 2, 2, 1, -0.75),
    ("torch_constant_large_value_fft_sized", 1, 40, 44, 1, 13, 13, 1, 1, (6, 6, 6, 6), 1, 1, 1, 0, 1000.5),
    ("torch_constant_rank1_separable", 2, 30, 28, 2, 7, 7, 1, 1, (3, 3, 3, 3), 1, 1, 2, 1, 0.1),
    ("torch_constant_even_kernel_stride3", 3, 17, 19, 2, 4, 2, 3, 2, (2, 1, 3, 0), 1, 1, 1, 1, 12.0),
    ("torch_constant_value_0_is_zeros", 1, 9, 8, 1, 3, 3, 1, 1, (1, 2, 2, 1), 1, 1, 1, 0, 0.0),
]
# scipy.ndimage.correlate(mode='constant', cval=v): name, h, w, kh, kw, value
SCIPY = [
    ("scipy_constant_odd_5x3", 12, 14, 5, 3, 4.0),
    ("scipy_constant_even_4x4_same_lower", 11, 13, 4, 4, -2.5),
    ("scipy_constant_even_2x6_same_lower", 10, 9, 2, 6, 100.0),
    ("scipy_constant_even_1x2_same_lower", 7, 8, 1, 2, 1.5),
]
# ONNX SAME_LOWER: name, c_in, h, w, c_out, kh, kw, sy, sx, dy, dx, groups, bias
ONNX = [
    ("onnx_same_lower_stride2_odd_total", 1, 6, 8, 1, 3, 3, 2, 2, 1, 1, 1, 0),
    ("onnx_same_lower_even_kernel_stride1", 2, 9, 10, 2, 4, 2, 1, 1, 1, 1, 1, 1),
    ("onnx_same_lower_stride2_even_kernel", 1, 11, 10, 3, 2, 4, 2, 2, 1, 1, 1, 1),
    ("onnx_same_lower_stride3_dilated", 2, 14, 13, 2, 3, 2, 3, 2, 1, 3, 2, 0),
]
ERRORS = [
    ("err_value_not_finite", 1, 8, 8, 1, 3, 3, 1, 1, (1, 1, 1, 1), 1, 1, 1, "constant", 0, "", "Infinity",
     "fill value must be a finite number"),
    ("err_same_lower_reflect_past_input", 1, 2, 8, 1, 5, 3, 1, 1, (0, 0, 0, 0), 1, 1, 1, "reflect", 0, "same_lower", "",
     "same_lower pads 2 on a 2-pixel axis: reflect refuses, as PyTorch"),
]


def onnx_same_lower(n, k, s, d):
    out = -(-n // s)
    total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
    return total - total // 2, total // 2  # head, tail


def row(name, c_in, h, w, c_out, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias, padding, value):
    l, r, t, b = pad
    return [name, c_in, h, w, c_out, kh, kw, sy, sx, l, r, t, b, dy, dx, groups, mode, bias, padding, value]


def save(name, x, w, b, y):
    np.save(os.path.join(OUT, name + ".input.npy"), np.ascontiguousarray(x, dtype=np.float32))
    np.save(os.path.join(OUT, name + ".weight.npy"), np.ascontiguousarray(w, dtype=np.float32))
    if b is not None:
        np.save(os.path.join(OUT, name + ".bias.npy"), np.ascontiguousarray(b, dtype=np.float32))
    np.save(os.path.join(OUT, name + ".expected.npy"), np.ascontiguousarray(y, dtype=np.float32))


def torch_conv(x, w, b, pad, sy, sx, dy, dx, groups, value):
    xp = F.pad(torch.from_numpy(x)[None], pad, mode="constant", value=float(np.float32(value)))
    return F.conv2d(xp, torch.from_numpy(w), None if b is None else torch.from_numpy(b), stride=(sy, sx),
                    dilation=(dy, dx), groups=groups)[0].numpy()


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261127)
    rows = []
    for (name, c_in, h, w_, c_out, kh, kw, sy, sx, pad, dy, dx, groups, bias, value) in TORCH:
        x = rng.standard_normal((c_in, h, w_)).astype(np.float32) * 10
        if "rank1" in name:
            u = rng.standard_normal((c_out, c_in // groups, kh, 1)).astype(np.float32)
            v = rng.standard_normal((c_out, c_in // groups, 1, kw)).astype(np.float32)
            wt = (u * v).astype(np.float32)
        else:
            wt = rng.standard_normal((c_out, c_in // groups, kh, kw)).astype(np.float32)
        b = rng.standard_normal(c_out).astype(np.float32) if bias else None
        y = torch_conv(x, wt, b, pad, sy, sx, dy, dx, groups, value)
        save(name, x, wt, b, y)
        rows.append(row(name, c_in, h, w_, c_out, kh, kw, sy, sx, pad, dy, dx, groups, "constant", bias, "", repr(value)))
    for (name, h, w_, kh, kw, value) in SCIPY:
        x = rng.standard_normal((h, w_)).astype(np.float32) * 5
        wt = rng.standard_normal((kh, kw)).astype(np.float32)
        y = ndi.correlate(x.astype(np.float64), wt.astype(np.float64), mode="constant", cval=value)
        # scipy centres at k//2: k//2 pixels before, (k-1)//2 after — same for odd k, same_lower for even k
        padding = "same_lower" if kh % 2 == 0 or kw % 2 == 0 else "same"
        pad = (kw // 2, (kw - 1) // 2, kh // 2, (kh - 1) // 2)
        assert np.allclose(torch_conv(x[None], wt[None, None], None, pad, 1, 1, 1, 1, 1, value)[0], y, rtol=1e-5, atol=1e-4)
        save(name, x[None], wt[None, None], None, y[None])
        rows.append(row(name, 1, h, w_, 1, kh, kw, 1, 1, pad, 1, 1, 1, "constant", 0, padding, repr(value)))
    # ONNX's own node test test_conv_with_autopad_same: x = 0..24 (5x5), W = ones 3x3, strides 2, SAME_LOWER
    x = np.arange(25, dtype=np.float32).reshape(1, 5, 5)
    wt = np.ones((1, 1, 3, 3), dtype=np.float32)
    onnx_expected = np.array([[[12., 27., 24.], [63., 108., 81.], [72., 117., 84.]]], dtype=np.float32)
    hy, ty = onnx_same_lower(5, 3, 2, 1)
    assert np.array_equal(torch_conv(x, wt, None, (hy, ty, hy, ty), 2, 2, 1, 1, 1, 0.0), onnx_expected)
    save("onnx_node_test_conv_with_autopad_same", x, wt, None, onnx_expected)
    rows.append(row("onnx_node_test_conv_with_autopad_same", 1, 5, 5, 1, 3, 3, 2, 2, (hy, ty, hy, ty), 1, 1, 1, "zeros", 0,
                    "same_lower", ""))
    for (name, c_in, h, w_, c_out, kh, kw, sy, sx, dy, dx, groups, bias) in ONNX:
        x = rng.standard_normal((c_in, h, w_)).astype(np.float32)
        wt = rng.standard_normal((c_out, c_in // groups, kh, kw)).astype(np.float32)
        b = rng.standard_normal(c_out).astype(np.float32) if bias else None
        lx, rx = onnx_same_lower(w_, kw, sx, dx)
        ly, ry = onnx_same_lower(h, kh, sy, dy)
        assert (lx + rx) % 2 == 1 or (ly + ry) % 2 == 1, name + " should have an odd total somewhere"
        y = torch_conv(x, wt, b, (lx, rx, ly, ry), sy, sx, dy, dx, groups, 0.0)
        save(name, x, wt, b, y)
        rows.append(row(name, c_in, h, w_, c_out, kh, kw, sy, sx, (lx, rx, ly, ry), dy, dx, groups, "zeros", bias, "same_lower", ""))
    with open(os.path.join(OUT, "cases.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS)
        wr.writerows(rows)
    with open(os.path.join(OUT, "errors.tsv"), "w", newline="") as f:
        wr = csv.writer(f, delimiter="\t", lineterminator="\n")
        wr.writerow(COLS + ["why"])
        for e in ERRORS:
            (name, c_in, h, w_, c_out, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias, padding, value, why) = e
            wr.writerow(row(name, c_in, h, w_, c_out, kh, kw, sy, sx, pad, dy, dx, groups, mode, bias, padding, value) + [why])
    print(len(rows), "cases,", len(ERRORS), "errors in", os.path.normpath(OUT), "(torch", torch.__version__, "scipy",
          scipy.__version__ + ")")


if __name__ == "__main__":
    main()
