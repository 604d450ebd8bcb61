#!/usr/bin/env python3
"""Writes a large 32-bit float TIFF stack as ImageJ lays one out (uncompressed, big-endian, one
directory per plane, ImageJ's description), plane by plane, so memory holds one plane.

    python3 tools/make_stack.py OUT.tif PLANES WIDTH HEIGHT

Plane k is a seeded pattern (k is its seed): smooth waves plus noise, values about -5..5.
Used by scripts/big-stack-check to make the 2.4 GB stack of the streaming check.
"""
import struct
import sys

import numpy as np


def plane(k, w, h):
    rng = np.random.default_rng(k)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    p = np.sin(x / (7.0 + k % 5)) * np.cos(y / (11.0 + k % 3)) * 3 + rng.standard_normal((h, w), dtype=np.float32)
    return p.astype('>f4')


def main():
    out, n, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    plane_bytes = w * h * 4
    desc = ("ImageJ=1.54p\nimages=%d\nslices=%d\nloop=false\n\0" % (n, n)).encode('ascii')
    data_at = 8
    desc_at = data_at + n * plane_bytes
    ifd_at = desc_at + len(desc)
    if ifd_at + n * (2 + 12 * 11 + 4) > 0xffffffff:
        sys.exit("too large for a classic TIFF")

    def ifd(i, next_at):
        entries = [(254, 4, 1, 0), (256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 32), (259, 3, 1, 1), (262, 3, 1, 1),
                   (273, 4, 1, data_at + i * plane_bytes), (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, plane_bytes),
                   (339, 3, 1, 3)]
        if i == 0:
            entries.insert(6, (270, 2, len(desc), desc_at))
        b = struct.pack('>H', len(entries))
        for tag, typ, count, value in entries:
            b += struct.pack('>HHI', tag, typ, count) + (struct.pack('>HH', value, 0) if typ == 3 else struct.pack('>I', value))
        return b + struct.pack('>I', next_at)

    with open(out, 'wb') as f:
        f.write(b'MM' + struct.pack('>HI', 42, ifd_at))
        for k in range(n):
            f.write(plane(k, w, h).tobytes())
        f.write(desc)
        at = ifd_at
        for i in range(n):
            size = 2 + 12 * (12 if i == 0 else 11) + 4
            nxt = at + size if i + 1 < n else 0
            f.write(ifd(i, nxt))
            at = nxt


if __name__ == '__main__':
    main()
