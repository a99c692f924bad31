"""PLOVER event coding against the PLOVER gold-standard sentences and the CAMEO
penta-class sentences.

``newsweave eval events --data ../shared/eval/events/plover_gsr.json``

The PLOVER gold is scored as below. When a ``cameo_penta/train.tsv`` lies next to
the gold file (or ``--data`` names that file or a folder holding both), its
sentences are scored too, under ``"cameo_penta"`` (see :func:`evaluate_penta`).

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

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from newsweave.evaluate import EvaluationUnavailable
from newsweave.evaluate.metrics import label_scores

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

# CAMEO's penta-class of a PLOVER type, read off the CAMEO->PLOVER table
# (../shared/reference/CAMEO2PLOVER-2021.txt): the CAMEO root codes that map to a
# type, and the penta class of those roots (0: root 01 public statement; 1: 02-05
# verbal cooperation; 2: 06-08 material cooperation; 3: 09-13 and 16 verbal
# conflict; 4: 14-15 and 17-20 material conflict). Root 16 (reduce relations) is
# verbal conflict as in the PLOVER manual's own quad table ("Quad categories in
# PLOVER": SANCTION is verbal conflict) and the Phoenix event data's quad classes.
# ACCUSE (09 investigate, 11 disapprove) and COERCE (16 for 163, 17 and 19 for the
# rest) take the class most of their rows vote for. The table has no row for roots
# 01 and 02, so no type maps to 0 and REQUEST maps through root 10 ("demand") only.
# tests/evaluate/test_events_gate.py checks this against the table when it is present.
PENTA_OF_TYPE: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "ACCUSE": 3, "REQUEST": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
PENTA_NAMES = {
    0: "public statement", 1: "verbal cooperation", 2: "material cooperation",
    3: "verbal conflict", 4: "material conflict",
}
PENTA_FILE = Path("cameo_penta") / "train.tsv"


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

    # annotated a batch at a time: the same records as one by one, in half the time
    return TextAnalyser().plover_events_many(texts)


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any] | None]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-type scores, confusion and country accuracies."""
    labels = sorted({g["event"] for g in gold})
    pairs = [(g["event"], (p or {}).get("event") or NO_EVENT) for g, p in zip(gold, predicted)]
    correct = sum(1 for t, p in pairs if t == p)
    per_type: dict[str, dict[str, float]] = {}
    for label in labels:
        per_type[label] = label_scores(pairs, label)
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


def penta_of_root(root: int) -> int:
    """CAMEO's penta class of a two-digit CAMEO root code (1-20)."""
    if root == 1:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def penta_from_table(path: Path) -> dict[str, int]:
    """PLOVER type -> penta class computed from the CAMEO->PLOVER table file.

    Each row ``NNNN: TYPE, mode, context # gloss`` votes for the penta class of
    its CAMEO root (first two digits); a type takes the class most of its rows vote for.
    """
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        found = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if found:
            votes[found.group(2)][penta_of_root(int(found.group(1)[:2]))] += 1
    return {event: counts.most_common(1)[0][0] for event, counts in votes.items()}


def load_penta(path: Path) -> list[tuple[str, int]]:
    """The (sentence, penta class) pairs of a ``train.tsv`` (one ``text<TAB>label`` a line).

    Raises:
        EvaluationUnavailable: the file cannot be read or a line has no 0-4 label.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationUnavailable(f"{path}: cannot read penta-class sentences ({exc})") from exc
    rows = []
    for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row:
            continue
        if len(row) < 2 or row[-1].strip() not in {"0", "1", "2", "3", "4"}:
            raise EvaluationUnavailable(f"{path}: line {number} has no 0-4 label")
        rows.append(("\t".join(row[:-1]), int(row[-1])))
    return rows


def penta_class(record: dict[str, Any] | None) -> int:
    """The penta class of a sentence's scored event (no event: 0, a public statement)."""
    if record is None:
        return 0
    return PENTA_OF_TYPE.get(str(record.get("event")), 0)


def score_penta(gold: list[int], predicted: list[int]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the five classes, per-class scores and the confusion matrix."""
    pairs = list(zip(gold, predicted))
    per_class: dict[str, dict[str, float]] = {}
    for label in range(5):
        per_class[str(label)] = {"name": PENTA_NAMES[label]} | label_scores(pairs, label)
    counts = Counter(pairs)
    majority = Counter(gold).most_common(1)[0][1] if gold else 0
    return {
        "n": len(gold),
        "accuracy": round(sum(1 for t, p in pairs if t == p) / max(len(gold), 1), 4),
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / 5, 4),
        "majority_class_accuracy": round(majority / max(len(gold), 1), 4),
        "scoring_rule": (
            "the penta class of the sentence's main event (shallowest clause, then text "
            "order), PLOVER type -> class through the CAMEO->PLOVER table; no event = 0"
        ),
        "per_class": per_class,
        # rows: gold class, columns: predicted class
        "confusion": [[counts[(t, p)] for p in range(5)] for t in range(5)],
    }


def evaluate_penta(path: Path) -> dict[str, Any]:
    """Code every penta-class sentence and score the class of its main event."""
    rows = load_penta(path)
    coded = code_sentences([text for text, _ in rows])
    predicted = [penta_class(main_event(records)) for records in coded]
    return score_penta([label for _, label in rows], predicted)


def _penta_path(data: Path) -> Path | None:
    """The penta-class file named by ``--data`` or lying beside the PLOVER gold."""
    if data.suffix == ".tsv":
        return data
    folder = data if data.is_dir() else data.parent
    candidate = folder / PENTA_FILE
    return candidate if candidate.exists() else None


def evaluate(data: Path) -> dict[str, Any]:
    """Score the PLOVER gold (main-clause event) and, when present, the penta-class set.

    ``data`` is the PLOVER gold file, a folder holding ``plover_gsr.json`` and
    ``cameo_penta/train.tsv``, or the penta-class file alone.
    """
    data = Path(data)
    penta = _penta_path(data)
    gold_path = data / "plover_gsr.json" if data.is_dir() else data
    metrics: dict[str, Any] = {}
    if data.suffix != ".tsv":
        gold = load_gold(gold_path)
        coded = code_sentences([g["text"] for g in gold])
        metrics = score(gold, [main_event(records) for records in coded])
    if penta is not None:
        metrics["cameo_penta"] = evaluate_penta(penta)
    return metrics
