"""Conflicts between outlets, scored on a labelled set (``newsweave eval conflicts``).

The labelled set (``labels/conflicts.jsonl`` in this repository) names pairs of
sentences from two documents of the shared BASIL and ECB+ halves and says
whether the two disagree on a fact (``real``), of what ``kind`` (number,
date, place, qualifier, actor, polarity, ...), with a one-line ``reason``. It
holds every conflict the code showed when the set was made, each judged, plus
real differences found by reading the stories. Sentences are named by their
document and a hash of their whitespace-folded text (:func:`sentence_key`),
never by their words: the labelled texts are third-party and stay in
``../shared``.

The documents go through the whole pipeline; each conflict shown is cut into
its pairs of sides that differ (a side that agrees with another is not set
against it). ``precision`` is the share of shown pairs labelled real,
a shown pair nobody judged counting as wrong (``unjudged`` says how many);
``recall`` the share of real labelled pairs shown as a conflict of any kind.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.evaluate.labels import sentence_key
from newsweave.evaluate.metrics import precision_recall_f1

BASIL = Path("eval/stories/basil/articles.jsonl")
ECBPLUS = Path("eval/coref/ecbplus")


@dataclass(frozen=True, slots=True)
class SidePair:
    """Two sentences of two documents, in a stable order."""

    a: tuple[str, str]  # (document, sentence key)
    b: tuple[str, str]

    @classmethod
    def of(cls, x: tuple[str, str], y: tuple[str, str]) -> SidePair:
        return cls(*sorted([x, y]))


def evaluate(data: Path, *, shared: Path | None = None,
             db: dict[str, Path] | None = None,
             topics: list[str] | None = None) -> dict[str, Any]:
    """Precision and recall of the conflicts shown, against the labelled set.

    Args:
        data: the labelled JSONL file.
        shared: the shared folder holding ``eval/`` (default: two levels above
            ``data`` when that holds it, else ``../shared``).
        db: ``{"basil": store, "ecbplus": store}`` already built by
            :func:`build_stores`, to score without running the pipeline again.
        topics: score only these ECB+ topics and their labels (quick gates; BASIL
            is left out).
    """
    labels = read_labels(Path(data))
    if topics is not None:
        labels = {p: label for p, label in labels.items()
                  if label["source"] == "ecbplus" and p.a[0].split("_")[0] in topics}
    shared = shared or _find_shared(Path(data))
    if db is None:
        with tempfile.TemporaryDirectory(prefix="nw-eval-conflicts-") as tmp:
            return _score_stores(labels, build_stores(shared, Path(tmp), topics=topics),
                                 Path(data))
    return _score_stores(labels, db, Path(data))


def _score_stores(labels: dict[SidePair, dict[str, Any]], stores: dict[str, Path],
                  data: Path) -> dict[str, Any]:
    """:func:`score` of the stores' conflicts, and under ``basil_facts`` the judged
    sample of the BASIL facts (:func:`basil_fact_sample`) when there is one."""
    scored = score(labels, shown_pairs(stores))
    sample = basil_fact_sample(data, stores.get("basil"))
    if sample is not None:
        scored["basil_facts"] = sample
    return scored


# Our reading of a random sample of the outlet pairs the BASIL store's facts
# credit (labels/README.md), kept beside the conflict labels.
BASIL_FACT_SAMPLE = "basil_facts.jsonl"


def basil_fact_sample(labels: Path, store: Path | None) -> dict[str, Any] | None:
    """How many of the judged sample of the BASIL facts' outlet pairs still shown
    state one statement (:func:`~newsweave.evaluate.labels.score_sample`): the
    alignment's precision on political news. None without the sample file (found
    beside ``labels``) or without a BASIL store."""
    from newsweave.evaluate.labels import fact_pairs, read_judged, score_sample

    path = labels.with_name(BASIL_FACT_SAMPLE)
    if store is None or not path.exists():
        return None
    return score_sample(read_judged(path), fact_pairs(store))


def read_labels(path: Path) -> dict[SidePair, dict[str, Any]]:
    """``{pair: label}`` from the labelled JSONL file.

    Raises:
        ValueError: naming the line when a label is malformed.
    """
    labels: dict[SidePair, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                pair = SidePair.of((item["doc_a"], item["sentence_a"]),
                                   (item["doc_b"], item["sentence_b"]))
                labels[pair] = {"real": bool(item["real"]), "kind": item.get("kind", ""),
                                "source": item.get("source", ""),
                                "reason": item.get("reason", ""),
                                "origin": item.get("origin", "")}
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a conflict label ({exc})") from exc
    return labels


def score(labels: dict[SidePair, dict[str, Any]], shown: dict[SidePair, str]) -> dict[str, Any]:
    """Pairwise precision and recall of ``shown`` (``{pair: kind}``) on ``labels``."""
    real = {p for p, label in labels.items() if label["real"]}
    judged = [p for p in shown if p in labels]
    hits = [p for p in judged if p in real]
    precision, recall, f1 = precision_recall_f1(len(hits), len(shown), len(real))
    by_kind: dict[str, dict[str, int]] = {}
    for p, kind in shown.items():
        row = by_kind.setdefault(kind, {"shown": 0, "real": 0})
        row["shown"] += 1
        row["real"] += p in real
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "shown": len(shown), "shown_real": len(hits), "unjudged": len(shown) - len(judged),
            "labelled": len(labels), "labelled_real": len(real),
            "precision_judged": round(len(hits) / len(judged), 4) if judged else 0.0,
            "by_kind": dict(sorted(by_kind.items()))}


# -- running the pipeline ------------------------------------------------------------

def _find_shared(data: Path) -> Path:
    for candidate in (*data.resolve().parents, Path("..") / "shared"):
        if (candidate / BASIL).exists():
            return candidate
    return Path("..") / "shared"


def build_stores(shared: Path, folder: Path, *, topics: list[str] | None = None,
                 ) -> dict[str, Path]:
    """Run the pipeline on the BASIL and ECB+ shared halves, one store each (only
    the given ECB+ ``topics``, and no BASIL, when topics are given)."""
    from newsweave.api import process
    from newsweave.evaluate.facts import build_store, read_gold

    stores = {}
    if topics is None:
        stores["basil"] = folder / "basil.duckdb"
        process([shared / BASIL], db=stores["basil"])
    ecb_folder = folder / "ecbplus"
    ecb_folder.mkdir()
    stores["ecbplus"] = build_store(read_gold(shared / ECBPLUS, topics), ecb_folder)
    return stores


def shown_pairs(stores: dict[str, Path]) -> dict[SidePair, str]:
    """Every pair of sides of every conflict the stores hold, with its kind."""
    out: dict[SidePair, str] = {}
    for conflict in iter_conflicts(stores):
        sides = conflict["sides"]
        for i, x in enumerate(sides):
            for y in sides[i + 1:]:
                # a conflict of three outlets, two of which agree, sets only the
                # differing sides against each other
                if x["doc"] != y["doc"] and _apart(conflict, x, y):
                    out.setdefault(SidePair.of((x["doc"], x["sentence"]),
                                               (y["doc"], y["sentence"])), conflict["kind"])
    return out


def _apart(conflict: dict[str, Any], x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Whether two sides of a conflict disagree: in different camps when the
    conflict says which sides agree, else with different values (every pair of
    a position conflict)."""
    if x.get("camp") is not None and y.get("camp") is not None:
        return x["camp"] != y["camp"]
    return x["value"] != y["value"] or kind_is_position(conflict)


def kind_is_position(conflict: dict[str, Any]) -> bool:
    """Position conflicts name each side's stance in ``value``; every pair of them opposes."""
    return conflict["kind"] == "position"


def iter_conflicts(stores: dict[str, Path]) -> Iterator[dict[str, Any]]:
    """The stored conflicts, each side named by its document and sentence key."""
    from newsweave.store import connect

    for source, path in sorted(stores.items()):
        conn = connect(str(path), read_only=True)
        try:
            docs = dict(conn.execute(
                "SELECT article_id, min(coalesce(source_id, source_path)) "
                "FROM article_sources GROUP BY article_id").fetchall())
            rows = conn.execute(
                "SELECT id, kind, topic, sides FROM conflicts ORDER BY id").fetchall()
        finally:
            conn.close()
        for conflict_id, kind, topic, sides in rows:
            yield {"source": source, "id": conflict_id, "kind": kind, "topic": topic,
                   "sides": [{"doc": _doc_name(docs.get(s["article_id"], s["article_id"])),
                              "sentence": sentence_key(s["text"]), "text": s["text"],
                              "value": s.get("value", ""), "camp": s.get("camp")}
                             for s in json.loads(sides)]}


def _doc_name(source: str) -> str:
    """A BASIL id stays as it is; an ECB+ file path becomes its document name."""
    return Path(source).stem if source.endswith(".txt") else source


def iter_sentences(stores: dict[str, Path]) -> Iterator[dict[str, Any]]:
    """Every stored sentence with its document and key, for reading and labelling."""
    from newsweave.store import connect

    for source, path in sorted(stores.items()):
        conn = connect(str(path), read_only=True)
        try:
            rows = conn.execute(
                "SELECT coalesce(s.source_id, s.source_path), a.outlet, a.body, a.sentences "
                "FROM articles a JOIN article_sources s ON s.article_id = a.id "
                "ORDER BY 1").fetchall()
        finally:
            conn.close()
        for doc, outlet, body, sentences in rows:
            for number, (start, end) in enumerate(json.loads(sentences or "[]")):
                text = body[start:end]
                yield {"source": source, "doc": _doc_name(doc), "outlet": outlet,
                       "n": number, "sentence": sentence_key(text), "text": text}


def dump(stores: dict[str, Path], out: Path) -> None:
    """Write ``conflicts.jsonl`` and ``sentences.jsonl`` of ``stores`` into ``out``
    (working files for judging conflicts; they hold third-party text, so they
    are never committed)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "conflicts.jsonl").open("w", encoding="utf-8") as handle:
        for conflict in iter_conflicts(stores):
            handle.write(json.dumps(conflict, ensure_ascii=False) + "\n")
    with (out / "sentences.jsonl").open("w", encoding="utf-8") as handle:
        for sentence in iter_sentences(stores):
            handle.write(json.dumps(sentence, ensure_ascii=False) + "\n")
