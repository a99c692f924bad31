"""How the sets we labelled (``labels/``) point into the shared data: by document
and a hash of the sentence, never by its words (the texts are third-party); and
the judged pairs of facts' outlets (``claims.jsonl``, ``basil_facts.jsonl``),
read and scored against a store's facts.

The bottom of the evaluation package: it imports none of the evaluations, so
each of them may read the judged pairs."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any


def sentence_key(text: str) -> str:
    """A short hash of a sentence's NFKC, whitespace-folded, lower-case text."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]


Side = tuple[str, str]  # (report address, sentence_key of the mention's words)


def fact_pairs(db: Path) -> set[tuple[Side, Side]]:
    """Each stored fact's pairs of outlets, each outlet by one mention (its first
    in a body, else its headline), as the pairs the labels judge."""
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        urls = dict(conn.execute("SELECT article_id, url FROM article_sources").fetchall())
        facts = [json.loads(m) for (m,) in conn.execute(
            "SELECT mentions FROM facts WHERE corroboration >= 2").fetchall()]
    finally:
        conn.close()
    out = set()
    for mentions in facts:
        chosen: dict[str, dict[str, Any]] = {}
        for m in sorted(mentions, key=lambda m: (m["part"] != "body", m["start"])):
            chosen.setdefault(m["outlet"], m)
        sides = sorted((urls[m["article_id"]], sentence_key(m["text"]))
                       for m in chosen.values())
        out.update((a, b) for i, a in enumerate(sides) for b in sides[i + 1:])
    return out


def read_judged(path: Path) -> dict[tuple[Side, Side], bool]:
    """``{pair: same statement}`` from our labels.

    Raises:
        ValueError: naming the line when a label is malformed.
    """
    judged = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            a, b = sorted([(item["url_a"], item["sentence_a"]), (item["url_b"], item["sentence_b"])])
            judged[(a, b)] = bool(item["same"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a claims label ({exc})") from exc
    return judged


def score_judged(judged: dict[tuple[Side, Side], bool], shown: set[tuple[Side, Side]]
                 ) -> dict[str, Any]:
    """Share of the shown pairs judged one statement (a pair nobody judged counts
    as wrong), and how many were not judged."""
    right = sum(judged.get(pair, False) for pair in shown)
    return {"precision": round(right / len(shown), 4) if shown else 0.0,
            "shown": len(shown), "same": right,
            "unjudged": sum(pair not in judged for pair in shown)}


def score_sample(judged: dict[tuple[Side, Side], bool], shown: set[tuple[Side, Side]]
                 ) -> dict[str, Any]:
    """Share judged one statement among the shown pairs of a judged random sample
    (``precision``, None when no judged pair is shown); pairs outside the sample
    are counted (``shown``), not scored as wrong, and judged pairs no longer
    shown are counted apart (``judged_not_shown``)."""
    scored = [judged[pair] for pair in shown if pair in judged]
    return {"precision": round(sum(scored) / len(scored), 4) if scored else None,
            "judged_shown": len(scored), "same": sum(scored), "shown": len(shown),
            "judged_not_shown": len(judged) - len(scored)}
