#!/usr/bin/env python3
"""Makes src/test/resources/tiff-kinds/: TIFFs of every sample kind written by numpy-based writers
(tifffile, PIL), each with the values numpy holds (NAME.expected.npy, float64), and damaged or
lying TIFFs made by editing valid ones, for TiffKindsTest. Run: /usr/bin/python3 tools/make_tiff_cases.py
(needs Debian's python3-tifffile and python3-pil)."""
import os
import struct
import numpy as np
import tifffile
from PIL import Image

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources', 'tiff-kinds')
os.makedirs(here, exist_ok=True)
rng = np.random.default_rng(5)


def save(name, a, **kw):
    tifffile.imwrite(os.path.join(here, name + '.tif'), a, photometric='minisblack', **kw)
    np.save(os.path.join(here, name + '.expected.npy'), a.astype(np.float64))


# one 2-plane stack per kind, 7 x 5, values spanning the kind's range (its extremes included)
kinds = {
    'uint8': (np.uint8, 0, 255), 'int8': (np.int8, -128, 127),
    'uint16': (np.uint16, 0, 65535), 'int16': (np.int16, -32768, 32767),
    'uint32': (np.uint32, 0, 4000000000), 'int32': (np.int32, -2000000000, 2000000000),
}
for name, (dt, lo, hi) in kinds.items():
    a = rng.integers(lo, hi, size=(2, 5, 7), endpoint=True, dtype=np.int64).astype(dt)
    a[0, 0, 0] = lo
    a[0, 0, 1] = hi
    save(name, a)
for name, dt in (('float16', np.float16), ('float32', np.float32), ('float64', np.float64)):
    a = (rng.standard_normal((2, 5, 7)) * 1000).astype(dt)
    a[0, 0, 0] = -1.5
    save(name, a)
# PIL's writer: 8-bit and 16-bit gray, one page
a = rng.integers(0, 255, size=(5, 7), endpoint=True).astype(np.uint8)
Image.fromarray(a).save(os.path.join(here, 'pil8.tif'))
np.save(os.path.join(here, 'pil8.expected.npy'), a[None].astype(np.float64))
a16 = rng.integers(0, 65535, size=(5, 7), endpoint=True).astype(np.uint16)
Image.fromarray(a16).save(os.path.join(here, 'pil16.tif'))
np.save(os.path.join(here, 'pil16.expected.npy'), a16[None].astype(np.float64))


def damaged(name, source, edit):
    b = bytearray(open(os.path.join(here, source + '.tif'), 'rb').read())
    edit(b)
    open(os.path.join(here, name + '.tif'), 'wb').write(bytes(b))


def ifd_offsets(b):
    """The offsets of a little-endian classic TIFF's directories, and where each one's next pointer lies."""
    out = []
    at = struct.unpack_from('<I', b, 4)[0]
    while at:
        n = struct.unpack_from('<H', b, at)[0]
        nxt = at + 2 + 12 * n
        out.append((at, nxt))
        at = struct.unpack_from('<I', b, nxt)[0]
    return out


def tag_entry(b, ifd, tag):
    n = struct.unpack_from('<H', b, ifd)[0]
    for e in range(n):
        pos = ifd + 2 + 12 * e
        if struct.unpack_from('<H', b, pos)[0] == tag:
            return pos
    raise KeyError(tag)


# four planes, then their chain broken three ways
save('stack4', rng.integers(0, 255, size=(4, 6, 5), endpoint=True).astype(np.uint8))


def loop(b):
    d = ifd_offsets(b)
    struct.pack_into('<I', b, d[1][1], d[0][0])  # directory 2 points back to directory 1


def past_end(b):
    d = ifd_offsets(b)
    struct.pack_into('<I', b, d[1][1], len(b) + 1000)


def cut(b):
    d = ifd_offsets(b)
    del b[d[2][0] + 4:]  # cut inside directory 3


damaged('chain_loop', 'stack4', loop)
damaged('chain_past_end', 'stack4', past_end)
damaged('chain_cut', 'stack4', cut)


def lzw_over_raw(b):
    d = ifd_offsets(b)
    for ifd, _ in d:
        pos = tag_entry(b, ifd, 259)
        struct.pack_into('<H', b, pos + 8, 5)  # Compression = LZW over uncompressed data


damaged('lzw_over_raw', 'stack4', lzw_over_raw)


def short_strips(b):
    d = ifd_offsets(b)
    pos = tag_entry(b, d[1][0], 279)
    struct.pack_into('<I', b, pos + 8, 7)  # page 2's StripByteCounts: 7 bytes for a 30-byte plane


damaged('short_strips', 'stack4', short_strips)
# pages of different sizes, and of different kinds
with tifffile.TiffWriter(os.path.join(here, 'pages_sizes.tif')) as w:
    w.write(np.zeros((5, 7), np.uint8))
    w.write(np.zeros((6, 7), np.uint8))
with tifffile.TiffWriter(os.path.join(here, 'pages_kinds.tif')) as w:
    w.write(np.zeros((5, 7), np.uint8))
    w.write(np.zeros((5, 7), np.uint16))
# a compressed signed 16-bit file: refused on every route
tifffile.imwrite(os.path.join(here, 'int16_deflate.tif'), np.arange(35, dtype=np.int16).reshape(5, 7) - 17, compression='zlib')
print('wrote', len(os.listdir(here)), 'files to', here)
# ImageJ's description claiming more images than any file holds
tifffile.imwrite(os.path.join(here, 'claims_images.tif'), np.zeros((5, 7), np.uint8), description='ImageJ=1.54p\nimages=99999999999\n',
                 metadata=None)
# an ImageJ stack (its description promises 4 images, the planes one after another) whose chain of
# directories is broken: every route reads the 4 planes, as ImageJ does
ij = rng.integers(0, 65535, size=(4, 6, 5), endpoint=True).astype(np.uint16)
tifffile.imwrite(os.path.join(here, 'imagej_stack.tif'), ij, imagej=True)
np.save(os.path.join(here, 'imagej_chain_loop.expected.npy'), ij.astype(np.float64))
damaged('imagej_chain_loop', 'imagej_stack', loop)
os.remove(os.path.join(here, 'imagej_stack.tif'))
print('and', len(os.listdir(here)), 'files in all')
# PIL's 1-bit writer (BlackIsZero): a set bit reads as 255 on every route, as ImageJ reads it
bits = rng.integers(0, 1, size=(5, 11), endpoint=True).astype(bool)
Image.fromarray(bits).save(os.path.join(here, 'pil1.tif'))
np.save(os.path.join(here, 'pil1.expected.npy'), (bits[None] * 255).astype(np.float64))
# 64-bit integers with their extremes (read as float32, as numpy's astype(float32) rounds them)
u64 = np.array([0, 1, 2**53 + 1, 2**63 - 1, 2**63, 2**64 - 1, 12345678901234567890, 3, 7, 2**40, 2**62 + 12345, 99], dtype=np.uint64)
save('uint64', u64.reshape(2, 2, 3))
i64 = np.array([0, -1, -2**63, 2**63 - 1, -2**40 - 7, 2**53 + 1, 5, -5, 123456789012, -99, 1, 2], dtype=np.int64)
save('int64', i64.reshape(2, 2, 3))
# half floats that are not plain numbers: infinities, NaN, signed zeros, subnormals, the extremes
h = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 2.0**-24, -(2.0**-20), 65504, -65504, 2.0**-14, 1.5, -3.25], dtype=np.float16)
save('float16_special', h.reshape(2, 2, 3))
# several strips a plane (2 rows each, the last strip shorter), little- and big-endian
save('uint16_strips', rng.integers(0, 65535, size=(3, 7, 5), endpoint=True).astype(np.uint16), rowsperstrip=2)
save('int16_strips_be', rng.integers(-32768, 32767, size=(2, 7, 5), endpoint=True).astype(np.int16), rowsperstrip=3, byteorder='>')
save('float32_strips_be', (rng.standard_normal((2, 9, 4)) * 100).astype(np.float32), rowsperstrip=4, byteorder='>')
# compressed by PIL (LZW, Deflate): read on every route; then their first strip's header broken, and JPEG said over raw data
c8 = rng.integers(0, 255, size=(6, 9), endpoint=True).astype(np.uint8)
for name, compression in (('pil_lzw', 'tiff_lzw'), ('pil_deflate', 'tiff_adobe_deflate')):
    Image.fromarray(c8).save(os.path.join(here, name + '.tif'), compression=compression)
    np.save(os.path.join(here, name + '.expected.npy'), c8[None].astype(np.float64))


def first_strip_byte(value):
    def edit(b):
        ifd = ifd_offsets(b)[0][0]
        at = struct.unpack_from('<I', b, tag_entry(b, ifd, 273) + 8)[0]
        b[at] = value
    return edit


damaged('lzw_bad_header', 'pil_lzw', first_strip_byte(0x00))
damaged('deflate_bad_header', 'pil_deflate', first_strip_byte(0x79))


def jpeg_over_raw(b):
    for ifd, _ in ifd_offsets(b):
        struct.pack_into('<H', b, tag_entry(b, ifd, 259) + 8, 7)


damaged('jpeg_over_raw', 'stack4', jpeg_over_raw)
# resolution tags without ImageJ's description: inch and centimetre units, and none
r8 = rng.integers(0, 255, size=(4, 6), endpoint=True).astype(np.uint8)
tifffile.imwrite(os.path.join(here, 'res_inch.tif'), r8, photometric='minisblack', resolution=(300, 150), resolutionunit='INCH',
                 metadata=None)
tifffile.imwrite(os.path.join(here, 'res_cm.tif'), r8, photometric='minisblack', resolution=(100, 40), resolutionunit='CENTIMETER',
                 metadata=None)
tifffile.imwrite(os.path.join(here, 'res_none.tif'), r8, photometric='minisblack', resolution=(3, 3), resolutionunit='NONE',
                 metadata=None)
tifffile.imwrite(os.path.join(here, 'res_ij.tif'), r8[None], imagej=True, resolution=(1 / 0.65, 1 / 0.5),
                 metadata={'unit': 'micron', 'spacing': 2.5})
# an RGB stack (two pages of 8-bit RGB): every route reads [page, channel, y, x]; then its second page's strips cut short
rgb = rng.integers(0, 255, size=(2, 5, 7, 3), endpoint=True).astype(np.uint8)
tifffile.imwrite(os.path.join(here, 'rgb_stack.tif'), rgb, photometric='rgb', metadata=None)
np.save(os.path.join(here, 'rgb_stack.expected.npy'), rgb.transpose(0, 3, 1, 2).astype(np.float64))


def rgb_short(b):
    d = ifd_offsets(b)
    struct.pack_into('<I', b, tag_entry(b, d[1][0], 279) + 8, 104)  # 104 bytes for a 105-byte RGB plane


damaged('rgb_short_strips', 'rgb_stack', rgb_short)


def strip_byte(index, change):
    def edit(b):
        ifd = ifd_offsets(b)[0][0]
        at = struct.unpack_from('<I', b, tag_entry(b, ifd, 273) + 8)[0]
        b[at + index] = change(b[at + index])
    return edit


damaged('lzw_bad_second_byte', 'pil_lzw', strip_byte(1, lambda v: v | 0x80))  # the first code is not Clear (256)
damaged('deflate_bad_check', 'pil_deflate', strip_byte(1, lambda v: (v + 1) & 0xff))  # the zlib header's check fails
