"""Boilerplate removal scored on the Zyte (Scrapinghub) article-extraction benchmark.

The data folder holds ``ground-truth.json`` (``{id: {articleBody, url}}``) and
``html/<id>.html.gz``. Each page is cleaned by newsweave (the HTML path of
:func:`newsweave.clean.segment_document`) and by trafilatura alone
(``trafilatura.extract`` with its defaults, comments left out, as the
benchmark runs it), and both bodies are scored against the gold body.

The score follows the benchmark's ``evaluate.py``: texts are split into
``\\w+`` tokens, compared as multisets of 4-token shingles, each page's true
positives, false positives and false negatives are normalised to sum to one
(so long pages do not weigh more), precision and recall are averaged over the
pages, and F1 is computed from the two averages. A unigram ("token") variant
of the same computation is reported beside it.

The same figures are given for the English pages and for the pages in other
languages (by :func:`newsweave.clean.language.detect_language` on the gold
body), with how many of each newsweave stores: since issue 17 a page in
another language is stored (not coded) like an English one, so its body
counts as much.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SHINGLE_SIZE = 4
TOKEN_RE = re.compile(r"\w+", re.UNICODE)
Counts = tuple[float, float, float]


def evaluate(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score newsweave's cleaner and trafilatura alone on the benchmark pages.

    Args:
        data: the benchmark folder (``ground-truth.json`` and ``html/``).
        limit: score only the first ``limit`` pages in sorted id order (for a
            fast deterministic gate); ``None`` scores every page.

    Returns:
        ``{"pages": N, "newsweave": {...}, "trafilatura": {...}, "seconds": ...}``
        where each system has ``precision``, ``recall``, ``f1`` (shingles, as
        the benchmark scores) and ``token_precision``, ``token_recall``,
        ``token_f1`` (single tokens).
    """
    from newsweave.clean.language import detect_language

    gold = json.loads((Path(data) / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    systems: dict[str, Callable[[str, str | None], str]] = {
        "newsweave": newsweave_body,
        "trafilatura": trafilatura_body,
    }
    bodies: dict[str, list[str]] = {name: [] for name in systems}
    truths: list[str] = []
    languages: list[str] = []
    started = time.perf_counter()
    for page_id in ids:
        html = _read_page(Path(data) / "html" / f"{page_id}.html.gz")
        url = gold[page_id].get("url")
        truths.append(gold[page_id].get("articleBody") or "")
        languages.append(detect_language(truths[-1]))
        for name, extract in systems.items():
            bodies[name].append(extract(html, url))
    result: dict[str, Any] = {"pages": len(ids)}
    for name in systems:
        result[name] = score_bodies(truths, bodies[name])
    result["by_language"] = _by_language(languages, truths, bodies)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _by_language(languages: list[str], truths: list[str], bodies: dict[str, list[str]]
                 ) -> dict[str, Any]:
    """The metrics on the English pages and on the others, and how many newsweave stores.

    newsweave stores a page when its cleaner keeps a body (the only refusal
    left once other languages are kept).
    """
    groups = {"english": [i for i, lang in enumerate(languages) if lang == "en"],
              "other": [i for i, lang in enumerate(languages) if lang != "en"]}
    out: dict[str, Any] = {}
    for group, rows in groups.items():
        entry: dict[str, Any] = {
            "pages": len(rows),
            "stored": sum(bool(bodies["newsweave"][i].strip()) for i in rows),
        }
        if group == "other":
            entry["languages"] = dict(Counter(languages[i] for i in rows).most_common())
        for name, texts in bodies.items():
            entry[name] = score_bodies([truths[i] for i in rows], [texts[i] for i in rows])
        out[group] = entry
    return out


def newsweave_body(html: str, url: str | None) -> str:
    """The body newsweave's cleaner keeps from a page (no language filter)."""
    from newsweave.clean import segment_document
    from newsweave.ingest.html import read_html

    raw = read_html(html, url or "page.html", metadata={"url": url})
    return "\n\n".join(segment_document(raw).kept)


def trafilatura_body(html: str, url: str | None) -> str:
    """trafilatura's default extraction, as the benchmark's runner calls it."""
    import trafilatura

    del url  # the benchmark's runner does not pass the URL either
    return trafilatura.extract(html, include_comments=False) or ""


def score_bodies(truths: Sequence[str], predictions: Sequence[str]) -> dict[str, float]:
    """Benchmark metrics over pages: shingle and single-token P/R/F1, rounded to 4 places."""
    shingles = [match_counts(t, p, SHINGLE_SIZE) for t, p in zip(truths, predictions, strict=True)]
    tokens = [match_counts(t, p, 1) for t, p in zip(truths, predictions, strict=True)]
    result = _averaged(shingles)
    result.update({f"token_{k}": v for k, v in _averaged(tokens).items()})
    return result


def match_counts(truth: str, prediction: str, n: int) -> Counts:
    """Normalised (tp, fp, fn) of the n-token shingles of two texts."""
    true_counts = Counter(_shingles(truth, n))
    pred_counts = Counter(_shingles(prediction, n))
    tp = float(sum((true_counts & pred_counts).values()))
    fp = float(sum((pred_counts - true_counts).values()))
    fn = float(sum((true_counts - pred_counts).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> list[tuple[str, ...]]:
    tokens = TOKEN_RE.findall(text or "")
    # A text shorter than n tokens is one (short) shingle, as in the benchmark.
    return [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]]


def _averaged(counts: Sequence[Counts]) -> dict[str, float]:
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _read_page(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read()
