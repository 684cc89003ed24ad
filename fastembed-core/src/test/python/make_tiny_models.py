#!/usr/bin/env python3
"""Generates the small ONNX models the dense-family tests run on.

No real weights for CLIP, SigLIP, Jina v3, EmbeddingGemma or Qwen3 are reachable from the build
machine, so each family gets a tiny graph with the real models' input and output names and ranks.
The graphs are contextual (every token vector depends on the whole masked sequence), so pooling,
masking and padding mistakes change the numbers.

Run with Debian's python3-onnx and python3-numpy:
    /usr/bin/python3 fastembed-core/src/test/python/make_tiny_models.py
Writes fastembed-core/src/test/resources/tiny-models/*.onnx. Deterministic (seed 7).
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

VOCAB = 1021  # ids are taken modulo this, so any BERT tokenizer drives the graphs
DIM = 16
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "tiny-models")

rng = np.random.default_rng(7)
TABLE = rng.standard_normal((VOCAB, DIM)).astype(np.float32)


def build(name, outputs, use_mask=True, token_types=True, task=False, raw_2d=False):
    inits = [
        numpy_helper.from_array(TABLE, "table"),
        numpy_helper.from_array(np.array(VOCAB, dtype=np.int64), "vocab"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "last"),
        numpy_helper.from_array(np.array(0.1, dtype=np.float32), "task_scale"),
        numpy_helper.from_array(np.array(0.25, dtype=np.float32), "type_scale"),
    ]
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"])]
    nodes = [
        helper.make_node("Mod", ["input_ids", "vocab"], ["ids_mod"]),
        helper.make_node("Gather", ["table", "ids_mod"], ["emb"], axis=0),
    ]
    if use_mask:
        inputs.append(helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]))
        nodes += [
            helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
            helper.make_node("Unsqueeze", ["mask_f", "last"], ["m"]),
        ]
    else:
        # No mask: every position counts, pads included (SigLIP's text tower takes input_ids only).
        nodes += [
            helper.make_node("Cast", ["input_ids"], ["ids_f"], to=TensorProto.FLOAT),
            helper.make_node("Mul", ["ids_f", "zero"], ["zeros"]),
            helper.make_node("Add", ["zeros", "one"], ["ones"]),
            helper.make_node("Unsqueeze", ["ones", "last"], ["m"]),
        ]
        inits += [numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero"),
                  numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one")]
    base = "emb"
    if token_types:
        inputs.append(helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch", "seq"]))
        nodes += [
            helper.make_node("Cast", ["token_type_ids"], ["types_f"], to=TensorProto.FLOAT),
            helper.make_node("Unsqueeze", ["types_f", "last"], ["types_u"]),
            helper.make_node("Mul", ["types_u", "type_scale"], ["types_s"]),
            helper.make_node("Add", ["emb", "types_s"], ["emb_t"]),
        ]
        base = "emb_t"
    nodes += [
        helper.make_node("Mul", [base, "m"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["sum"], keepdims=1),
        helper.make_node("ReduceSum", ["m", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["sum", "count"], ["ctx"]),
        helper.make_node("Add", [base, "ctx"], ["hidden0"]),
    ]
    hidden = "hidden0"
    if task:
        inputs.append(helper.make_tensor_value_info("task_id", TensorProto.INT64, []))
        nodes += [
            helper.make_node("Cast", ["task_id"], ["task_f"], to=TensorProto.FLOAT),
            helper.make_node("Mul", ["task_f", "task_scale"], ["task_s"]),
            helper.make_node("Add", ["hidden0", "task_s"], ["hidden1"]),
        ]
        hidden = "hidden1"
    nodes += [
        helper.make_node("Identity", [hidden], ["last_hidden_state"]),
        helper.make_node("Mul", [hidden, "m"], ["masked_h"]),
        helper.make_node("ReduceSum", ["masked_h", "axis1"], ["sum_h"], keepdims=0),
        helper.make_node("ReduceSum", ["m", "axis1"], ["count_h"], keepdims=0),
        helper.make_node("Div", ["sum_h", "count_h"], ["mean_h"]),
        helper.make_node("Tanh", ["mean_h"], ["pooled"]),
    ]
    graph_outputs = []
    for out in outputs:
        if out == "last_hidden_state":
            graph_outputs.append(helper.make_tensor_value_info(out, TensorProto.FLOAT, ["batch", "seq", DIM]))
        else:
            nodes.append(helper.make_node("Identity", ["pooled"], [out]))
            graph_outputs.append(helper.make_tensor_value_info(out, TensorProto.FLOAT, ["batch", DIM]))
    used = {i for node in nodes for i in node.input}
    graph = helper.make_graph(nodes, name, inputs, graph_outputs, [t for t in inits if t.name in used])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="fastembed-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name + ".onnx"))


os.makedirs(OUT, exist_ok=True)
# BERT-style encoder: CLS, mean and last-token pooling read its 3-D output (families A, D, E, H).
build("tiny-encoder", ["last_hidden_state"])
# EmbeddingGemma-style: output #1 is the graph's own sentence embedding (family G).
build("tiny-two-outputs", ["last_hidden_state", "sentence_embedding"], token_types=False)
# SigLIP-style text tower: input_ids only, named output pooler_output (family C).
build("tiny-pooler", ["last_hidden_state", "pooler_output"], use_mask=False, token_types=False)
# CLIP-style text tower: one 2-D output returned raw (family B).
build("tiny-clip", ["text_embeds"], token_types=False)
# Jina v3-style: a 0-d int64 task_id input (family F).
build("tiny-tasks", ["last_hidden_state"], token_types=False, task=True)


def contextual_hidden(inits, nodes, inputs, token_types=True):
    """input_ids + attention_mask (+ token_type_ids) -> [batch, seq, DIM], each token mixed with the masked
    sequence mean; token types shift the embeddings, so wrong type ids change the output."""
    inits += [
        numpy_helper.from_array(TABLE, "table"),
        numpy_helper.from_array(np.array(VOCAB, dtype=np.int64), "vocab"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "last"),
    ]
    names = ("input_ids", "attention_mask", "token_type_ids") if token_types else ("input_ids", "attention_mask")
    inputs += [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"]) for n in names]
    nodes += [
        helper.make_node("Mod", ["input_ids", "vocab"], ["ids_mod"]),
        helper.make_node("Gather", ["table", "ids_mod"], ["emb0"], axis=0),
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask_f", "last"], ["m"]),
    ]
    if token_types:
        inits.append(numpy_helper.from_array(np.array(0.25, dtype=np.float32), "type_scale"))
        nodes += [
            helper.make_node("Cast", ["token_type_ids"], ["types_f"], to=TensorProto.FLOAT),
            helper.make_node("Unsqueeze", ["types_f", "last"], ["types_u"]),
            helper.make_node("Mul", ["types_u", "type_scale"], ["types_s"]),
            helper.make_node("Add", ["emb0", "types_s"], ["emb"]),
        ]
    else:
        nodes.append(helper.make_node("Identity", ["emb0"], ["emb"]))
    nodes += [
        helper.make_node("Mul", ["emb", "m"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["sum"], keepdims=1),
        helper.make_node("ReduceSum", ["m", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["sum", "count"], ["ctx"]),
        helper.make_node("Add", ["emb", "ctx"], ["hidden"]),
    ]
    return "hidden"


def save(name, nodes, inputs, outputs, inits):
    used = {i for node in nodes for i in node.input}
    graph = helper.make_graph(nodes, name, inputs, outputs, [t for t in inits if t.name in used])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="fastembed-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name + ".onnx"))


def splade():
    """SPLADE-style MLM head: logits [batch, seq, 30522] over the real BERT vocabulary, mostly negative, so
    relu and the masked max matter: logit[v] = (hidden @ proj) * a[v] + b[v], with fixed waves a and b over
    the vocabulary, which keeps the file small and the values well conditioned."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs)
    inits += [
        numpy_helper.from_array(rng.standard_normal((DIM, 1)).astype(np.float32), "proj"),
        numpy_helper.from_array(np.sin(np.arange(30522) * 0.37).astype(np.float32), "wave_a"),
        numpy_helper.from_array((0.8 * np.cos(np.arange(30522) * 0.11) - 0.9).astype(np.float32), "wave_b"),
    ]
    nodes += [
        helper.make_node("MatMul", [hidden, "proj"], ["h1"]),         # [B,S,1]
        helper.make_node("Mul", ["h1", "wave_a"], ["scaled"]),        # [B,S,V]
        helper.make_node("Add", ["scaled", "wave_b"], ["logits"]),
    ]
    save("tiny-splade", nodes, inputs,
         [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "seq", 30522])], inits)


def bm42():
    """all-MiniLM-with-attentions style: last_hidden_state plus attention_6 [batch, 12, seq, seq], a masked
    softmax of token similarities with a different temperature per head."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs)
    inits += [
        numpy_helper.from_array((0.05 * (1 + np.arange(12, dtype=np.float32))).reshape(1, 12, 1, 1), "head_scale"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis_h"),
        numpy_helper.from_array(np.array([1, 2], dtype=np.int64), "axes_12"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
        numpy_helper.from_array(np.array(-10000.0, dtype=np.float32), "neg"),
    ]
    nodes += [
        helper.make_node("Transpose", [hidden], ["hidden_t"], perm=[0, 2, 1]),
        helper.make_node("MatMul", [hidden, "hidden_t"], ["sim"]),          # [B,S,S]
        helper.make_node("Unsqueeze", ["sim", "axis_h"], ["sim4"]),          # [B,1,S,S]
        helper.make_node("Mul", ["sim4", "head_scale"], ["scores"]),         # [B,12,S,S]
        helper.make_node("Sub", ["one", "mask_f"], ["pad"]),
        helper.make_node("Mul", ["pad", "neg"], ["bias"]),
        helper.make_node("Unsqueeze", ["bias", "axes_12"], ["bias4"]),       # [B,1,1,S]
        helper.make_node("Add", ["scores", "bias4"], ["biased"]),
        helper.make_node("Softmax", ["biased"], ["attention_6"], axis=-1),
        helper.make_node("Identity", [hidden], ["last_hidden_state"]),
    ]
    save("tiny-bm42", nodes, inputs,
         [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", DIM]),
          helper.make_tensor_value_info("attention_6", TensorProto.FLOAT, ["batch", 12, "seq", "seq"])], inits)


def minicoil():
    """Jina-v2-small-style token encoder as miniCOIL runs it: last_hidden_state [batch, seq, 512]."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs)
    inits.append(numpy_helper.from_array((0.3 * rng.standard_normal((DIM, 512))).astype(np.float32), "up"))
    nodes.append(helper.make_node("MatMul", [hidden, "up"], ["last_hidden_state"]))
    save("tiny-minicoil", nodes, inputs,
         [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", 512])], inits)


def cross_encoder(name, token_types, rank3):
    """A reranker: the first position's hidden vector (CLS / <s>) times a [DIM, 1] head gives logits [n, 1]
    (ms-marco MiniLM, BERT inputs) or [n, 1, 1] (bge-reranker, XLM-R inputs without token_type_ids)."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs, token_types)
    inits += [
        numpy_helper.from_array(rng.standard_normal((DIM, 1)).astype(np.float32), "score_head"),
        numpy_helper.from_array(np.array(0, dtype=np.int64), "first"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
    ]
    nodes += [
        helper.make_node("Gather", [hidden, "first"], ["cls"], axis=1),      # [n, DIM]
        helper.make_node("MatMul", ["cls", "score_head"], ["logits2"]),     # [n, 1]
    ]
    if rank3:
        nodes.append(helper.make_node("Unsqueeze", ["logits2", "axis2"], ["logits"]))
        shape = ["batch", 1, 1]
    else:
        nodes.append(helper.make_node("Identity", ["logits2"], ["logits"]))
        shape = ["batch", 1]
    save(name, nodes, inputs, [helper.make_tensor_value_info("logits", TensorProto.FLOAT, shape)], inits)


def vision(name, dim, head):
    """An image tower: pixel_values [batch, 3, 224, 224] -> per-channel means, plain and under a fixed spatial
    pattern -> [batch, dim]. head "flat": image_embeds [batch, dim] (CLIP); "tokens": last_hidden_state
    [batch, 5, dim] whose token 0 is the image vector (nomic vision); "pooler": that plus pooler_output
    [batch, dim] (SigLIP)."""
    inits = [
        numpy_helper.from_array(np.sin(np.arange(224) * 0.1).astype(np.float32).reshape(224, 1), "rows"),
        numpy_helper.from_array(np.cos(np.arange(224) * 0.07).astype(np.float32).reshape(1, 224), "cols"),
        numpy_helper.from_array(rng.standard_normal((6, dim)).astype(np.float32), "proj"),
        numpy_helper.from_array(np.array([2, 3], dtype=np.int64), "hw"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([1.0, 0.5, -0.7, 0.3, 2.0], dtype=np.float32).reshape(1, 5, 1), "token_scale"),
    ]
    inputs = [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, 224, 224])]
    nodes = [
        helper.make_node("MatMul", ["rows", "cols"], ["pattern"]),               # [224, 224]
        helper.make_node("Mul", ["pixel_values", "pattern"], ["weighted"]),
        helper.make_node("ReduceMean", ["pixel_values"], ["plain_mean"], axes=[2, 3], keepdims=0),
        helper.make_node("ReduceMean", ["weighted"], ["pattern_mean"], axes=[2, 3], keepdims=0),
        helper.make_node("Concat", ["plain_mean", "pattern_mean"], ["features"], axis=1),   # [B, 6]
        helper.make_node("MatMul", ["features", "proj"], ["vector"]),                       # [B, dim]
    ]
    outputs = []
    if head == "flat":
        nodes.append(helper.make_node("Identity", ["vector"], ["image_embeds"]))
        outputs.append(helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT, ["batch", dim]))
    else:
        nodes += [
            helper.make_node("Unsqueeze", ["vector", "axis1"], ["vector3"]),
            helper.make_node("Mul", ["vector3", "token_scale"], ["last_hidden_state"]),      # [B, 5, dim]
        ]
        outputs.append(helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", 5, dim]))
        if head == "pooler":
            nodes.append(helper.make_node("Tanh", ["vector"], ["pooler_output"]))
            outputs.append(helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT, ["batch", dim]))
    used = {i for node in nodes for i in node.input}
    graph = helper.make_graph(nodes, name, inputs, outputs, [t for t in inits if t.name in used])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="fastembed-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name + ".onnx"))


def clip_text_512():
    """A CLIP-style text tower with CLIP ViT-B/32's width: text_embeds [batch, 512], so it pairs with
    tiny-clip-vision in one vector space (for the LangChain4j adapter's text + image tests)."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs, token_types=False)
    inits += [numpy_helper.from_array(rng.standard_normal((DIM, 512)).astype(np.float32), "up"),
              numpy_helper.from_array(np.array(0, dtype=np.int64), "first")]
    nodes += [
        helper.make_node("Gather", [hidden, "first"], ["pooled"], axis=1),   # the first token: pads do not count
        helper.make_node("MatMul", ["pooled", "up"], ["text_embeds"]),
    ]
    save("tiny-clip-text-512", nodes, inputs,
         [helper.make_tensor_value_info("text_embeds", TensorProto.FLOAT, ["batch", 512])], inits)


splade()
bm42()
minicoil()
cross_encoder("tiny-cross-encoder", token_types=True, rank3=False)
cross_encoder("tiny-reranker-xlmr", token_types=False, rank3=True)
vision("tiny-clip-vision", 512, "flat")
vision("tiny-nomic-vision", 768, "tokens")
vision("tiny-siglip-vision", 768, "pooler")
clip_text_512()


def colbert(name, dim):
    """A ColBERT-style encoder: one [dim] vector per token, last_hidden_state [batch, seq, dim]."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs)
    inits.append(numpy_helper.from_array(rng.standard_normal((DIM, dim)).astype(np.float32), "proj"))
    nodes.append(helper.make_node("MatMul", [hidden, "proj"], ["last_hidden_state"]))
    save(name, nodes, inputs,
         [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", dim])], inits)


colbert("tiny-colbert", 128)


def colpali():
    """ColPali-style: input_ids, attention_mask and pixel_values [batch, 3, 448, 448] -> [batch, seq, 128]; the
    image's mean shifts every row, so the pixels and the ids both matter."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs, token_types=False)
    inputs.append(helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, 448, 448]))
    inits += [numpy_helper.from_array(rng.standard_normal((DIM, 128)).astype(np.float32), "proj"),
              numpy_helper.from_array(np.array([1, 2], dtype=np.int64), "axes_12")]
    nodes += [
        helper.make_node("MatMul", [hidden, "proj"], ["tokens"]),
        helper.make_node("ReduceMean", ["pixel_values"], ["pixel_mean"], axes=[1, 2, 3], keepdims=0),
        helper.make_node("Unsqueeze", ["pixel_mean", "axes_12"], ["pixel_shift"]),
        helper.make_node("Add", ["tokens", "pixel_shift"], ["last_hidden_state"]),
    ]
    save("tiny-colpali", nodes, inputs,
         [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", 128])], inits)


colpali()


def colmodernvbert():
    """ColModernVBERT-style: input_ids, attention_mask and pixel_values [batch, patches, 3, H, W] ->
    [batch, seq, 128]; the patches' mean shifts every row."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs, token_types=False)
    inputs.append(helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", "patches", 3, "h", "w"]))
    inits += [numpy_helper.from_array(rng.standard_normal((DIM, 128)).astype(np.float32), "proj"),
              numpy_helper.from_array(np.array([1, 2], dtype=np.int64), "axes_12")]
    nodes += [
        helper.make_node("MatMul", [hidden, "proj"], ["tokens"]),
        helper.make_node("ReduceMean", ["pixel_values"], ["pixel_mean"], axes=[1, 2, 3, 4], keepdims=0),
        helper.make_node("Unsqueeze", ["pixel_mean", "axes_12"], ["pixel_shift"]),
        helper.make_node("Add", ["tokens", "pixel_shift"], ["last_hidden_state"]),
    ]
    save("tiny-colmodernvbert", nodes, inputs,
         [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", 128])], inits)


colmodernvbert()


def fp16_encoder():
    """A BERT-style encoder whose last_hidden_state is float16 and large (about 400 per element): its sum of
    squares overflows float16, so pooling and normalisation must upcast first (fastembed 0.9.1's normalize)."""
    inits, nodes, inputs = [], [], []
    hidden = contextual_hidden(inits, nodes, inputs)
    inits.append(numpy_helper.from_array(np.array(400.0, dtype=np.float32), "big"))
    nodes += [
        helper.make_node("Mul", [hidden, "big"], ["scaled"]),
        helper.make_node("Cast", ["scaled"], ["last_hidden_state"], to=TensorProto.FLOAT16),
    ]
    save("tiny-encoder-fp16", nodes, inputs,
         [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT16, ["batch", "seq", DIM])], inits)


fp16_encoder()


def bge_m3():
    """BGE-M3's three heads with the real export's names and shapes (input_ids, attention_mask ->
    dense_vecs [batch, 1024], sparse_vecs [batch, seq, 1], colbert_vecs [batch, seq - 1, 1024]), left
    unnormalised so that the normalisation the library applies shows in the numbers. The hidden states also
    carry each token's position, so a repeated token gets different weights, neither rising nor falling along the
    text (the max per id then differs from the first and the last): h = contextual + sin(1.3 * position) * p; dense = h[:, 0] @ Wd; sparse = relu(h @ ws + bs), about half of it zero;
    colbert = (h[:, 1:] @ Wc) * attention_mask[:, 1:]."""
    inits, nodes, inputs = [], [], []
    contextual = contextual_hidden(inits, nodes, inputs, token_types=False)
    inits += [
        numpy_helper.from_array(np.array(1, dtype=np.int64), "seq_axis"),
        numpy_helper.from_array((0.5 * rng.standard_normal(DIM)).astype(np.float32), "pos_vec"),
        numpy_helper.from_array(np.array(1.3, dtype=np.float32), "pos_freq"),
    ]
    nodes += [
        helper.make_node("CumSum", ["mask_f", "seq_axis"], ["position"]),          # 1, 2, 3 ... over real tokens
        helper.make_node("Mul", ["position", "pos_freq"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Unsqueeze", ["wave", "last"], ["position3"]),
        helper.make_node("Mul", ["position3", "pos_vec"], ["position_shift"]),
        helper.make_node("Add", [contextual, "position_shift"], ["h"]),
    ]
    hidden = "h"
    inits += [
        numpy_helper.from_array(rng.standard_normal((DIM, 1024)).astype(np.float32), "w_dense"),
        numpy_helper.from_array(rng.standard_normal((DIM, 1)).astype(np.float32), "w_sparse"),
        numpy_helper.from_array(np.array([0.1], dtype=np.float32), "b_sparse"),
        numpy_helper.from_array(rng.standard_normal((DIM, 1024)).astype(np.float32), "w_colbert"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "zero1"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one1"),
        numpy_helper.from_array(np.array([2**62], dtype=np.int64), "end1"),
    ]
    nodes += [
        helper.make_node("Gather", [hidden, "zero1"], ["cls3"], axis=1),          # [batch, 1, 16]
        helper.make_node("Squeeze", ["cls3", "one1"], ["cls"]),                   # [batch, 16]
        helper.make_node("MatMul", ["cls", "w_dense"], ["dense_vecs"]),
        helper.make_node("MatMul", [hidden, "w_sparse"], ["sparse_raw"]),
        helper.make_node("Add", ["sparse_raw", "b_sparse"], ["sparse_shift"]),
        helper.make_node("Relu", ["sparse_shift"], ["sparse_vecs"]),
        helper.make_node("Slice", [hidden, "one1", "end1", "one1"], ["tail"]),    # hidden[:, 1:]
        helper.make_node("MatMul", ["tail", "w_colbert"], ["colbert_raw"]),
        helper.make_node("Slice", ["m", "one1", "end1", "one1"], ["tail_mask"]),  # mask[:, 1:, None]
        helper.make_node("Mul", ["colbert_raw", "tail_mask"], ["colbert_vecs"]),
    ]
    save("tiny-bge-m3", nodes, inputs, [
        helper.make_tensor_value_info("dense_vecs", TensorProto.FLOAT, ["batch", 1024]),
        helper.make_tensor_value_info("sparse_vecs", TensorProto.FLOAT, ["batch", "seq", 1]),
        helper.make_tensor_value_info("colbert_vecs", TensorProto.FLOAT, ["batch", "seq_minus_1", 1024]),
    ], inits)


bge_m3()
print("wrote", sorted(os.listdir(OUT)))
