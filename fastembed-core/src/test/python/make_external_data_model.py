#!/usr/bin/env python3
"""Writes tiny-encoder.onnx again with its weights as external data, the way large exports ship
(model.onnx plus model.onnx_data beside it), for the cache-layout tests.

Run with Debian's python3-onnx after make_tiny_models.py:
    /usr/bin/python3 fastembed-core/src/test/python/make_external_data_model.py
Writes fastembed-core/src/test/resources/tiny-models/external/{model.onnx,model.onnx_data}.
The graph and its numbers are tiny-encoder's, so its vectors are the reference.
"""
import os

import onnx

HERE = os.path.dirname(__file__)
SOURCE = os.path.join(HERE, "..", "resources", "tiny-models", "tiny-encoder.onnx")
OUT = os.path.join(HERE, "..", "resources", "tiny-models", "external")

model = onnx.load(SOURCE)
os.makedirs(OUT, exist_ok=True)
data = os.path.join(OUT, "model.onnx_data")
if os.path.exists(data):
    os.remove(data)  # onnx appends to an existing data file
onnx.save_model(model, os.path.join(OUT, "model.onnx"), save_as_external_data=True,
                all_tensors_to_one_file=True, location="model.onnx_data", size_threshold=1024)
onnx.checker.check_model(os.path.join(OUT, "model.onnx"))
