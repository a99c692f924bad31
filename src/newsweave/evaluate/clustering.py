"""Scores for the corpus stages against gold labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (Bagga & Baldwin 1998).

    For each item, precision is the share of its predicted cluster that shares
    its gold cluster, and recall the share of its gold cluster found in its
    predicted cluster; both are averaged over items.

    Args:
        predicted: ``{item_id: predicted_cluster}``.
        gold: ``{item_id: gold_cluster}``; only items in both mappings are scored.

    Returns:
        ``(precision, recall, f1)``; all 0.0 when no item is shared.
    """
    items = sorted(set(predicted) & set(gold))
    if not items:
        return 0.0, 0.0, 0.0
    pairs = Counter((predicted[i], gold[i]) for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = sum(pairs[predicted[i], gold[i]] / pred_sizes[predicted[i]] for i in items)
    recall = sum(pairs[predicted[i], gold[i]] / gold_sizes[gold[i]] for i in items)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering.

    A pair of items is positive when both share a cluster. Precision is the
    share of predicted same-cluster pairs that share a gold cluster; recall the
    share of gold same-cluster pairs that the prediction keeps together.
    Counted from the contingency table, so it is quadratic in clusters, not items.

    Args:
        predicted: ``{item_id: predicted_cluster}``.
        gold: ``{item_id: gold_cluster}``; only items in both mappings are scored.

    Returns:
        ``(precision, recall, f1)``; precision (recall) is 1.0 when there is no
        predicted (gold) pair, since nothing was wrongly joined (split).
    """
    items = sorted(set(predicted) & set(gold))
    if not items:
        return 0.0, 0.0, 0.0

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter((predicted[i], gold[i]) for i in items))
    pred_pairs = pairs(Counter(predicted[i] for i in items))
    gold_pairs = pairs(Counter(gold[i] for i in items))
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
