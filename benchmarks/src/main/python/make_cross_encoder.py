#!/usr/bin/env python3
"""Turns an int8 BERT embedding graph into a cross-encoder graph of the same size, for reranking throughput.

No real cross-encoder weights are reachable from the build machine. Xenova/ms-marco-MiniLM-L-6-v2 (fastembed's
reranker catalog) is a 6-layer, 384-wide BERT: the same body as all-MiniLM-L6-v2. This script keeps that body
(LangChain4j's int8 all-MiniLM-L6-v2 file) and puts a cross-encoder head on it: the [CLS] row of
last_hidden_state through a random 384 -> 1 linear layer, output "logits" [batch, 1], which is what fastembed's
TextCrossEncoder and LangChain4j's OnnxScoringModel read. The scores mean nothing; the cost per pair is a real
MiniLM cross-encoder's (the head is 384 multiply-adds per pair).

Run with Debian's python3-onnx and python3-numpy:
    /usr/bin/python3 benchmarks/src/main/python/make_cross_encoder.py IN.onnx OUT.onnx
benchmarks/run.sh --rerank calls it. Deterministic (seed 11).
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    hidden = next(o.name for o in graph.output if o.name == "last_hidden_state")
    rng = np.random.default_rng(11)
    weight = (rng.standard_normal((384, 1)) / np.sqrt(384)).astype(np.float32)
    graph.initializer.extend([
        numpy_helper.from_array(np.array(0, dtype=np.int64), "ce_cls_index"),
        numpy_helper.from_array(weight, "ce_weight"),
        numpy_helper.from_array(np.zeros(1, dtype=np.float32), "ce_bias"),
    ])
    graph.node.extend([
        helper.make_node("Gather", [hidden, "ce_cls_index"], ["ce_cls"], axis=1),
        helper.make_node("MatMul", ["ce_cls", "ce_weight"], ["ce_projected"]),
        helper.make_node("Add", ["ce_projected", "ce_bias"], ["logits"]),
    ])
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 1]))
    onnx.checker.check_model(model)
    onnx.save(model, target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_cross_encoder.py IN.onnx OUT.onnx")
    main(sys.argv[1], sys.argv[2])
