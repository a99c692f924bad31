"""GeoWebNews: toponym detection and geocoding accuracy (``newsweave eval geo``).

The data folder holds ``GWN.xml`` (200 articles: ``<article><text>`` plus the
annotators' toponyms) and ``gwn_full.txt`` (one line per article, in the same
order: the toponyms that carry GeoNames coordinates, as
``name,,surface,,lat,,lon,,start,,end`` joined by ``||``). The gold set is
``gwn_full.txt``: every toponym with a coordinate, which in GeoWebNews covers
literal places, metonyms ("Moscow said"), adjectival modifiers ("Syrian
forces") and toponyms embedded in other names ("University of California").
Spans with negative offsets (two in the file) are not in the text and are skipped.

The system side runs the same code path as ``newsweave geoparse``: the spaCy
pipeline (batched with ``nlp.pipe``) and :func:`newsweave.resolve.geoparse`.

Metrics:

- detection precision / recall / F1 on spans, under two matching rules:
  ``exact`` (same start and end) and ``overlap`` (spans share a character;
  one-to-one, each gold span matched at most once);
- ``acc161``: accuracy@161 km over the gold toponyms detected (overlap rule),
  the field's standard geocoding score; ``acc161_exact`` the same over the
  exactly-matched ones; ``acc161_end_to_end`` over all gold toponyms (a missed
  toponym counts as wrong).
"""

from __future__ import annotations

import math
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["GoldToponym", "evaluate", "haversine_km", "load_gwn", "match_spans"]

ACC_KM = 161.0  # 100 miles: the standard tolerance of geocoding evaluations
EARTH_RADIUS_KM = 6371.0088


@dataclass(slots=True, frozen=True)
class GoldToponym:
    """One gold toponym: its span in the article text and its coordinate."""

    start: int
    end: int
    text: str
    lat: float
    lon: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(0.0, 0.0, 0.0, 1.0), 1)
    111.2
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def load_gwn(data: Path) -> list[tuple[str, list[GoldToponym]]]:
    """``(text, gold toponyms)`` per article from ``GWN.xml`` + ``gwn_full.txt``.

    Raises:
        ValueError: a file is missing or the two files disagree.
    """
    xml_path, gold_path = data / "GWN.xml", data / "gwn_full.txt"
    for path in (xml_path, gold_path):
        if not path.is_file():
            raise ValueError(f"{path}: not found (expected the GeoWebNews folder)")
    texts = [a.findtext("text") or "" for a in ET.parse(xml_path).getroot().iter("article")]
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    if len(lines) != len(texts):
        raise ValueError(f"{gold_path}: {len(lines)} lines for {len(texts)} articles in {xml_path}")
    out = []
    for number, (text, line) in enumerate(zip(texts, lines, strict=True), 1):
        out.append((text, _parse_line(line, text, gold_path, number)))
    return out


def _parse_line(line: str, text: str, path: Path, number: int) -> list[GoldToponym]:
    gold = []
    for item in filter(None, line.split("||")):
        parts = item.split(",,")
        if len(parts) != 6:
            raise ValueError(f"{path}:{number}: expected 6 fields in {item!r}")
        start, end = int(parts[4]), int(parts[5])
        if start < 0 or end > len(text):
            continue  # the span is not in the article text
        gold.append(GoldToponym(start, end, parts[1], float(parts[2]), float(parts[3])))
    return gold


def match_spans(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], rule: str
) -> dict[int, int]:
    """A one-to-one matching ``{gold index: predicted index}``.

    Args:
        gold: gold ``(start, end)`` spans.
        pred: predicted spans.
        rule: ``"exact"`` (same offsets) or ``"overlap"`` (at least one shared character).
    """
    if rule not in ("exact", "overlap"):
        raise ValueError(f"unknown matching rule {rule!r}")
    used: set[int] = set()
    out: dict[int, int] = {}
    # Exact pairs first, so an overlap never steals an exact partner.
    by_span = {span: j for j, span in enumerate(pred)}
    for i, span in enumerate(gold):
        j = by_span.get(span)
        if j is not None and j not in used:
            out[i] = j
            used.add(j)
    if rule == "exact":
        return out
    for i, (gs, ge) in enumerate(gold):
        if i in out:
            continue
        for j, (ps, pe) in enumerate(pred):
            if j not in used and ps < ge and gs < pe:
                out[i] = j
                used.add(j)
                break
    return out


def _prf(tp_gold: int, tp_pred: int, n_gold: int, n_pred: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def _within(gold: GoldToponym, place: dict[str, Any]) -> bool:
    return haversine_km(gold.lat, gold.lon, place["lat"], place["lon"]) <= ACC_KM


def geoparse_texts(texts: list[str], batch_size: int = 16) -> list[list[dict[str, Any]]]:
    """Places per text, the way ``newsweave geoparse`` finds them, batched."""
    from newsweave.annotate import annotate_articles
    from newsweave.config import get_settings
    from newsweave.engines import ChainConfig
    from newsweave.engines.chain import load_models
    from newsweave.resolve import geoparse, text_article

    settings = get_settings()
    nlp, gaz = load_models(ChainConfig(model=settings.model, gazetteers=tuple(settings.gazetteers)))
    articles = [text_article(text) for text in texts]
    return [geoparse(article, doc, gaz)
            for article, doc in annotate_articles(nlp, articles, batch_size=batch_size)]


def score(gold_docs: list[list[GoldToponym]], pred_docs: list[list[dict[str, Any]]]) -> dict:
    """Detection P/R/F1 (exact and overlap) and accuracy@161 km."""
    n_gold = sum(len(g) for g in gold_docs)
    n_pred = sum(len(p) for p in pred_docs)
    out: dict[str, Any] = {"gold_toponyms": n_gold, "predicted_toponyms": n_pred}
    for rule in ("exact", "overlap"):
        tp = 0
        hits = 0
        for gold, pred in zip(gold_docs, pred_docs, strict=True):
            pairs = match_spans([(g.start, g.end) for g in gold],
                                [(p["start"], p["end"]) for p in pred], rule)
            tp += len(pairs)
            hits += sum(_within(gold[i], pred[j]) for i, j in pairs.items())
        out[rule] = {**_prf(tp, tp, n_gold, n_pred), "matched": tp,
                     "acc161": round(hits / tp, 4) if tp else 0.0}
        if rule == "overlap":
            out["acc161_end_to_end"] = round(hits / n_gold, 4) if n_gold else 0.0
    out["acc161"] = out["overlap"]["acc161"]
    out["f1"] = out["overlap"]["f1"]
    out["f1_exact"] = out["exact"]["f1"]
    return out


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score newsweave's geoparser on GeoWebNews.

    Args:
        data: the folder with ``GWN.xml`` and ``gwn_full.txt``.
        limit: score only the first ``limit`` articles (the gate test's fixed subset).

    Returns:
        ``{gold_toponyms, predicted_toponyms, exact: {...}, overlap: {...}, acc161,
        f1, f1_exact, acc161_end_to_end, articles, seconds}``; ``acc161`` and ``f1``
        use the overlap rule.
    """
    started = time.perf_counter()
    docs = load_gwn(Path(data))
    if limit is not None:
        docs = docs[:limit]
    preds = geoparse_texts([text for text, _ in docs])
    metrics = score([gold for _, gold in docs], preds)
    metrics["articles"] = len(docs)
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics
