#!/usr/bin/env python3
"""Pillow's decoding of the formats where Java's decoders read other pixels: 16-bit PNG (grey, grey+alpha,
RGB, RGBA), a JPEG carrying an Adobe RGB ICC profile, CMYK JPEG and lossy WebP. fastembed opens images with
Image.open(...).convert("RGB"); each reference below is exactly that, saved as an 8-bit RGB PNG (lossless), so the
Java tests compare with Pillow's bytes and not with anyone's reasoning about Pillow.

Run with Debian's python3-pil (9.4), icc-profiles-free and libgs10-common (for a CMYK profile):
    /usr/bin/python3 fastembed-core/src/test/python/make_decode_references.py
Writes fastembed-core/src/test/resources/images/decode-*.{png,jpg} and ref-decode-*.png. Deterministic (seed 20).
The 16-bit PNGs are written here byte by byte because Pillow cannot save 16-bit RGB.
"""
import os
import random
import struct
import zlib

from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "images")
ADOBE_RGB = "/usr/share/color/icc/compatibleWithAdobeRGB1998.icc"
rng = random.Random(20)


def png16(name, width, height, colour_type, samples):
    """A 16-bit PNG: colour type 0 (grey), 4 (grey+alpha), 2 (RGB) or 6 (RGBA), big-endian samples."""
    channels = {0: 1, 4: 2, 2: 3, 6: 4}[colour_type]
    assert len(samples) == width * height * channels
    raw = b""
    for y in range(height):
        row = samples[y * width * channels:(y + 1) * width * channels]
        raw += b"\0" + b"".join(struct.pack(">H", v) for v in row)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    path = os.path.join(OUT, name + ".png")
    with open(path, "wb") as f:
        f.write(data)
    reference(path, name)


def reference(path, name):
    Image.open(path).convert("RGB").save(os.path.join(OUT, "ref-" + name + ".png"))


def values(n):
    # Small values (kept or clipped by Pillow), values around 255/256, and the full range.
    pool = [0, 1, 200, 255, 256, 257, 0x1234, 0x7FFF, 0xFF00, 0xFFFF]
    return [rng.choice(pool) if rng.random() < 0.3 else rng.randrange(0, 512) if rng.random() < 0.3
            else rng.randrange(0, 65536) for _ in range(n)]


png16("decode-grey16-2x2", 2, 2, 0, [0, 200, 0x1234, 0xFF00])  # the example
png16("decode-grey16", 16, 12, 0, values(16 * 12))
png16("decode-grey-alpha16", 16, 12, 4, values(16 * 12 * 2))
png16("decode-rgb16", 16, 12, 2, values(16 * 12 * 3))
png16("decode-rgba16", 16, 12, 6, values(16 * 12 * 4))

chelsea = Image.open(os.path.join(OUT, "chelsea.png")).convert("RGB").resize((120, 80), Image.BICUBIC)
with open(ADOBE_RGB, "rb") as f:
    profile = f.read()
icc_jpeg = os.path.join(OUT, "decode-adobe-rgb.jpg")
chelsea.save(icc_jpeg, quality=92, icc_profile=profile)
reference(icc_jpeg, "decode-adobe-rgb")
reference(os.path.join(OUT, "small-cmyk.jpg"), "decode-cmyk")
# A CMYK JPEG carrying a CMYK profile (Ghostscript's default_cmyk.icc, Debian libgs10-common): Pillow ignores it too.
with open("/usr/share/color/icc/ghostscript/default_cmyk.icc", "rb") as f:
    cmyk_profile = f.read()
cmyk_icc = os.path.join(OUT, "decode-cmyk-icc.jpg")
chelsea.convert("CMYK").save(cmyk_icc, quality=92, icc_profile=cmyk_profile)
reference(cmyk_icc, "decode-cmyk-icc")
lossy = os.path.join(OUT, "decode-lossy.webp")
chelsea.save(lossy, quality=80)
reference(lossy, "decode-lossy-webp")
