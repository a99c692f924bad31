"""Precision, recall and F1, the one formula every evaluation uses."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any


def precision_recall_f1(hits: float, said: float, relevant: float) -> tuple[float, float, float]:
    """``hits`` right out of ``said`` predicted, against ``relevant`` in the gold
    (0 where a denominator is 0)."""
    precision = hits / said if said else 0.0
    recall = hits / relevant if relevant else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def rounded(precision: float, recall: float, f1: float) -> dict[str, float]:
    """The three as a JSON-ready dict, to 4 places."""
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def label_scores(pairs: Sequence[tuple[Hashable, Hashable]], label: Hashable) -> dict[str, Any]:
    """Precision, recall, F1 and support of one label over ``(gold, predicted)`` pairs."""
    tp = sum(1 for t, p in pairs if t == label and p == label)
    said = sum(1 for _, p in pairs if p == label)
    support = sum(1 for t, _ in pairs if t == label)
    return rounded(*precision_recall_f1(tp, said, support)) | {"support": support}
