"""The same-fact decision on MSRP sentence pairs (``newsweave eval paraphrase``).

Each MSRP pair is two sentences from two outlets' reports of one story, judged
by people to say the same thing (1) or not (0). Both sentences go through the
per-article chain as one-sentence reports of two outlets, and the corroborate
stage aligns the pair as a story of its own: the pair is "the same" when one
fact holds a mention of each. That is the decision ``newsweave run`` makes
between two outlets' statements, nothing else.

Scored with accuracy and F1 of "same", beside the always-same baseline.
"""

from __future__ import annotations

import csv
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.evaluate.metrics import precision_recall_f1, rounded


@dataclass(frozen=True, slots=True)
class Pair:
    """One MSRP pair: the judgement and the two sentences with their ids."""

    same: bool
    id_a: str
    id_b: str
    text_a: str
    text_b: str


def read_pairs(path: Path) -> list[Pair]:
    """The pairs of an MSRP file (tab-separated, a byte-order mark, a header).

    Raises:
        ValueError: naming the line when a row is not an MSRP pair.
    """
    pairs = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows, None)
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != 5 or row[0] not in ("0", "1"):
                raise ValueError(f"{path}:{number}: not an MSRP pair")
            pairs.append(Pair(row[0] == "1", row[1], row[2], row[3], row[4]))
    return pairs


def evaluate(data: Path, *, limit: int | None = None,
             db: Path | None = None) -> dict[str, Any]:
    """Accuracy and F1 of the same-fact decision on the MSRP pairs of ``data``.

    Args:
        data: an MSRP file.
        limit: score only the first ``limit`` pairs (quick gates).
        db: a store already built from these sentences by :func:`build_store`.
    """
    pairs = read_pairs(Path(data))[:limit]
    if not pairs:
        raise ValueError(f"{data}: no MSRP pairs")
    if db is None:
        with tempfile.TemporaryDirectory(prefix="nw-eval-paraphrase-") as tmp:
            store = build_store(pairs, Path(tmp))
            decisions = decide(pairs, store)
    else:
        decisions = decide(pairs, Path(db))
    gold = [p.same for p in pairs]
    return score(gold, decisions) | {
        "pairs": len(pairs),
        "always_same": score(gold, [True] * len(gold)),
    }


def score(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    """Accuracy, and precision / recall / F1 of "same"."""
    hits = sum(g and p for g, p in zip(gold, predicted))
    said = sum(predicted)
    positives = sum(gold)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    return {"accuracy": round(accuracy, 4)} | rounded(*precision_recall_f1(hits, said, positives))


def build_store(pairs: list[Pair], folder: Path) -> Path:
    """Store every sentence as a one-sentence report of its own outlet (the
    per-article chain only: the pairs are aligned by :func:`decide`)."""
    from newsweave.api import process

    sentences = {}
    for p in pairs:
        sentences.setdefault(p.id_a, p.text_a)
        sentences.setdefault(p.id_b, p.text_b)
    source = folder / "msrp.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for sid, text in sentences.items():
            handle.write(json.dumps({"id": sid, "outlet": f"outlet-{sid}", "text": text}) + "\n")
    db = folder / "msrp.duckdb"
    process([source], db=db, corpus=False)
    return db


def decide(pairs: list[Pair], db: Path) -> list[bool]:
    """For each pair, whether the corroborate stage puts the two sentences in one fact."""
    from newsweave.evaluate.stored import paraphrase_inputs, states_one_fact

    return [story is not None and states_one_fact(story)
            for story in paraphrase_inputs(pairs, db)]
