#!/usr/bin/env python3
"""MUVERA's random matrices for fastembed's default parameters, drawn exactly as fastembed draws them.

fastembed's Muvera(dim, k_sim=5, dim_proj=16, r_reps=20, random_seed=42) takes, from
numpy.random.default_rng(42) (PCG64 + SeedSequence): for each of the 20 repetitions in order a
normal(size=(dim, 5)) block of hyperplanes, then choice([-1, 1], size=(20, dim, 16)). Porting NumPy's
generators bit for bit is more code than these files, so the Java side ships them.

Run with Debian's python3-numpy:  /usr/bin/python3 fastembed-core/src/main/python/make_muvera_matrices.py
Writes fastembed-core/src/main/resources/dev/fastembed/late/muvera-<dim>.bin: the hyperplanes as
little-endian float64 in [rep][dim][k] order, then the projection signs as int8 in [rep][dim][proj] order.
"""
import os

import numpy as np

K_SIM, DIM_PROJ, R_REPS, SEED = 5, 16, 20, 42
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "fastembed", "late")

for dim in (96, 128):  # the ColBERT models' widths
    rng = np.random.default_rng(SEED)
    hyperplanes = np.stack([rng.normal(size=(dim, K_SIM)) for _ in range(R_REPS)])
    signs = rng.choice([-1, 1], size=(R_REPS, dim, DIM_PROJ))
    with open(os.path.join(OUT, "muvera-%d.bin" % dim), "wb") as f:
        f.write(hyperplanes.astype("<f8").tobytes())
        f.write(signs.astype(np.int8).tobytes())
print("wrote", sorted(os.listdir(OUT)))
