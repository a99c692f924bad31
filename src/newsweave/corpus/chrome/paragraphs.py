"""Site chrome found across one outlet's articles: paragraphs the outlet repeats.

A line that stands in many of the same outlet's articles ("Follow us for live
updates", a standing disclaimer, a recycled background paragraph) is the
outlet's template, not the news of that article. The per-article cleaner
cannot see it (it reads one article at a time, and article ids are hashes of
the cleaned body, so bodies never change after they are stored); this corpus
stage finds such paragraphs from what the store holds, records them for audit
(``repeated_lines``) and marks their spans (``chrome_spans``) so that no fact,
position or timeline entry is taken from them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# A paragraph counts as the outlet's template when at least this many of the
# outlet's articles carry it, and at least this share of them: a line in 3 of
# 3 articles is template, a quote repeated in 3 of 300 follow-ups is not.
MIN_ARTICLES = 3
MIN_SHARE = 0.3
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(slots=True)
class ChromeSpan:
    """A span of an article's body that repeats across its outlet's articles."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str


def normalise_paragraph(text: str) -> str:
    """A paragraph as it is compared: lower-cased, whitespace folded."""
    return " ".join(text.lower().split())


def paragraph_key(text: str) -> int:
    """A 63-bit key of the normalised paragraph, for grouping in SQL (BIGINT)."""
    digest = hashlib.blake2b(normalise_paragraph(text).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def paragraphs(body: str) -> Iterable[tuple[int, int, str]]:
    """``(start, end, text)`` of each non-blank line of ``body``, stripped."""
    for match in _PARAGRAPH.finditer(body):
        text = match.group().strip()
        if text:
            start = match.start() + match.group().index(text)
            yield start, start + len(text), text


def repeated_paragraphs(articles: Iterable[tuple[str, str, str]], *,
                        min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE
                        ) -> tuple[dict[str, dict[str, int]], list[ChromeSpan]]:
    """Find the paragraphs each outlet repeats, and where they stand.

    Args:
        articles: ``(article_id, outlet, body)`` of independent articles (leave
            syndicated copies out: a copy repeats its original by design).
        min_articles: least number of the outlet's articles carrying a paragraph.
        min_share: least share of the outlet's articles carrying it.

    Returns:
        ``({outlet: {paragraph: articles}}, spans)``.
    """
    if min_articles < 2:
        raise ValueError(f"min_articles must be at least 2, got {min_articles}")
    bodies: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for article_id, outlet, body in articles:
        bodies[outlet].append((article_id, body))
    repeated: dict[str, dict[str, int]] = {}
    spans: list[ChromeSpan] = []
    for outlet, items in sorted(bodies.items()):
        counts = Counter(key for _, body in items
                         for key in {normalise_paragraph(t) for _, _, t in paragraphs(body)})
        needed = max(min_articles, min_share * len(items))
        keys = {k: n for k, n in counts.items() if n >= needed}
        if not keys:
            continue
        repeated[outlet] = keys
        for article_id, body in items:
            spans += [ChromeSpan(article_id, outlet, s, e, t)
                      for s, e, t in paragraphs(body) if normalise_paragraph(t) in keys]
    return repeated, spans


def inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)
