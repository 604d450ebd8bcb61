#!/usr/bin/env python3
"""Makes samples/nuclei3d.tif: a 16-bit z-stack for the Conv3D examples, with numpy alone.

80 x 72 pixels, 36 slices; pixel 0.2 um, voxel depth 0.5 um (anisotropic, as a confocal stack
is). Twelve ellipsoidal "nuclei" of different brightness, blurred more along z than in x and y (as
a microscope's point spread function is), on a dim background with Poisson noise. Written as a
baseline TIFF with ImageJ's description, so ImageJ reads it as a calibrated stack.
usage: python3 tools/make_sample_volume.py
"""
import os
import struct
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "nuclei3d.tif")
W, H, D = 80, 72, 36
PIXEL, DEPTH = 0.2, 0.5  # um


def volume():
    rng = np.random.default_rng(2026)
    z, y, x = np.meshgrid(np.arange(D) * DEPTH, np.arange(H) * PIXEL, np.arange(W) * PIXEL, indexing="ij")
    v = np.zeros((D, H, W))
    for _ in range(12):
        cz, cy, cx = rng.uniform(2, D * DEPTH - 2), rng.uniform(1.5, H * PIXEL - 1.5), rng.uniform(1.5, W * PIXEL - 1.5)
        rz, ry, rx = rng.uniform(1.5, 3.0), rng.uniform(1.2, 2.2), rng.uniform(1.2, 2.2)
        r2 = ((z - cz) / rz) ** 2 + ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2
        v += rng.uniform(800, 2500) / (1 + np.exp(np.minimum((r2 - 1) * 8, 60)))
    # blur: sigma 0.25 um in x and y, 0.8 um along z (separable, in pixels)
    for axis, sigma in ((0, 0.8 / DEPTH), (1, 0.25 / PIXEL), (2, 0.25 / PIXEL)):
        r = int(np.ceil(3 * sigma))
        g = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * sigma * sigma))
        v = np.apply_along_axis(lambda a: np.convolve(np.pad(a, r, mode="edge"), g / g.sum(), mode="valid"), axis, v)
    v = rng.poisson(v + 100).astype(np.float64)
    return np.clip(v, 0, 65535).astype("<u2")


def write_tiff(path, stack):
    d, h, w = stack.shape
    desc = ("ImageJ=1.54p\nimages=%d\nslices=%d\nunit=micron\nspacing=%g\nloop=false\n\0" % (d, d, DEPTH)).encode("ascii")
    res = (int(round(1 / PIXEL * 1000000)), 1000000)
    body = bytearray(b"II*\0" + struct.pack("<I", 0))
    data_at = []
    for s in stack:
        data_at.append(len(body))
        body += s.tobytes()
    desc_at = len(body)
    body += desc
    res_at = len(body)
    body += struct.pack("<IIII", *res, *res)
    first = True
    prev_link = 4
    for i in range(d):
        if len(body) % 2:
            body += b"\0"
        ifd = len(body)
        struct.pack_into("<I", body, prev_link, ifd)
        tags = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 16), (259, 3, 1, 1), (262, 3, 1, 1)]
        if first:
            tags.append((270, 2, len(desc), desc_at))
        tags += [(273, 4, 1, data_at[i]), (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, h * w * 2),
                 (282, 5, 1, res_at), (283, 5, 1, res_at + 8), (296, 3, 1, 1)]
        body += struct.pack("<H", len(tags))
        for tag, typ, count, value in tags:
            body += struct.pack("<HHII", tag, typ, count, value) if typ != 3 else struct.pack("<HHIHH", tag, typ, count, value, 0)
        prev_link = len(body)
        body += struct.pack("<I", 0)
        first = False
    with open(path, "wb") as f:
        f.write(bytes(body))


if __name__ == "__main__":
    v = volume()
    write_tiff(OUT, v)
    print("wrote", os.path.normpath(OUT), v.shape, v.dtype, "min", v.min(), "max", v.max())
