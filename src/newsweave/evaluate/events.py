"""PLOVER event coding against the PLOVER gold-standard sentences.

``newsweave eval events --data ../shared/eval/events/plover_gsr.json``

Each gold record is one sentence with one event type and its source / target
actors. The gold uses the PLOVER 0.5b1 labels; they are mapped to the current
16 types first (DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE,
FIGHT → ASSAULT) and the DOCUMENT record is dropped.

Scoring rule for a sentence with several coded events: the sentence's event is
the one on the **main clause**, i.e. the coded event whose governing token has
the fewest ancestors in the dependency tree (ties: the first in the text).
That is the reading a single-event annotator gives a sentence, and it is fixed
before looking at any score. Background and negated events count like any
other (the gold codes them too).

Actor (recipient) country accuracy: over gold records whose source (target)
carries a country code (ISO 3166 alpha-3 after mapping the few CAMEO codes
such as JAP → JPN; IGO, NGO and group codes are not countries and are left
out), the share where the country of one of the predicted actors
(recipients) of the scored event equals one of the gold countries. A sentence
left uncoded counts as wrong.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from newsweave.evaluate import EvaluationUnavailable

OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
DROPPED = frozenset({"DOCUMENT"})
# CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Gold codes for actors that are not states (international / non-governmental
# organisations, militant and religious groups).
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UIS"})
NO_EVENT = "NONE"


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold sentences with their labels mapped to the current PLOVER types.

    Args:
        path: the ``plover_gsr.json`` file (a JSON array of records).

    Raises:
        EvaluationUnavailable: the file cannot be read or is not a JSON array of records.
    """
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationUnavailable(f"{path}: cannot read PLOVER gold ({exc})") from exc
    if not isinstance(raw, list):
        raise EvaluationUnavailable(f"{path}: expected a JSON array of PLOVER records")
    gold = []
    for record in raw:
        event = str(record.get("event", "")).upper()
        if event in DROPPED or not record.get("text"):
            continue
        gold.append(
            {
                "id": record.get("id"),
                "text": record["text"],
                "event": OLD_LABELS.get(event, event) if event else NO_EVENT,
                "source": _countries(record.get("source")),
                "target": _countries(record.get("target")),
            }
        )
    return gold


def _countries(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    out = set()
    for actor in actors:
        code = str((actor or {}).get("code") or "").upper()[:3]
        code = CAMEO_TO_ISO3.get(code, code)
        if len(code) == 3 and code.isalpha() and code not in NON_STATE_CODES:
            out.add(code)
    return out


def main_event(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event scored for a sentence: the one on the shallowest clause, then the first.

    The coder emits a sentence's events outermost clause first (fewest dependency
    ancestors, then text order; see :func:`newsweave.extract.events.code_sentence`),
    so this is the first record.
    """
    return records[0] if records else None


def code_sentences(texts: list[str]) -> list[list[dict[str, Any]]]:
    """PLOVER records for each text (each text analysed as one article body)."""
    from newsweave.api import TextAnalyser

    analyser = TextAnalyser()
    return [analyser.plover_events(text) for text in texts]


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any] | None]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-type scores, confusion and country accuracies."""
    labels = sorted({g["event"] for g in gold})
    pairs = [(g["event"], (p or {}).get("event") or NO_EVENT) for g, p in zip(gold, predicted)]
    correct = sum(1 for t, p in pairs if t == p)
    per_type: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for t, p in pairs if t == label and p == label)
        fp = sum(1 for t, p in pairs if t != label and p == label)
        fn = sum(1 for t, p in pairs if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    scored_labels = [lab for lab in labels if lab != NO_EVENT]
    macro = sum(per_type[lab]["f1"] for lab in scored_labels) / max(len(scored_labels), 1)
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for (t, p), n in Counter(pairs).items():
        confusion[t][p] = n
    metrics: dict[str, Any] = {
        "n": len(gold),
        "accuracy": round(correct / max(len(gold), 1), 4),
        "macro_f1": round(macro, 4),
        "coded_share": round(sum(1 for _, p in pairs if p != NO_EVENT) / max(len(gold), 1), 4),
    }
    for role, field in (("actor", "actor"), ("recipient", "recipient")):
        hits, total = _country_hits(gold, predicted, "source" if role == "actor" else "target", field)
        metrics[f"{role}_country_accuracy"] = round(hits / total, 4) if total else None
        metrics[f"{role}_country_n"] = total
    no_event = [p for g, p in zip(gold, predicted) if g["event"] == NO_EVENT]
    if no_event:
        metrics["no_event_uncoded_share"] = round(
            sum(1 for p in no_event if p is None) / len(no_event), 4
        )
    metrics["scoring_rule"] = (
        "one event per sentence: the coded event on the shallowest clause "
        "(fewest dependency ancestors), ties by text order; uncoded = NONE"
    )
    metrics["per_type"] = per_type
    metrics["confusion"] = {t: dict(sorted(row.items())) for t, row in sorted(confusion.items())}
    return metrics


def _country_hits(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any] | None], gold_key: str, field: str
) -> tuple[int, int]:
    hits = total = 0
    for g, p in zip(gold, predicted):
        if not g[gold_key]:
            continue
        total += 1
        codes = {e.get("code") for e in (p or {}).get(field, [])}
        hits += bool(codes & g[gold_key])
    return hits, total


def evaluate(data: Path) -> dict[str, Any]:
    """Code every gold sentence and score the main-clause event against the gold."""
    gold = load_gold(Path(data))
    coded = code_sentences([g["text"] for g in gold])
    predicted = [main_event(records) for records in coded]
    return score(gold, predicted)
