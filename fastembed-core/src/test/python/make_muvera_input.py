#!/usr/bin/env python3
"""The input of fastembed's MUVERA test (spec section 8.7): numpy.random.default_rng(42).random((10, 128)),
written as little-endian float64 to fastembed-core/src/test/resources/muvera/input-10x128.bin.
Run with Debian's python3-numpy: /usr/bin/python3 fastembed-core/src/test/python/make_muvera_input.py"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "muvera", "input-10x128.bin")
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "wb") as f:
    f.write(np.random.default_rng(42).random((10, 128)).astype("<f8").tobytes())
