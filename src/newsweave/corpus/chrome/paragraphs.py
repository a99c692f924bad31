"""Site chrome found across one outlet's articles: paragraphs, as the chrome rule sees them.

A line that stands in many of the same outlet's articles ("Follow us for live
updates", a standing disclaimer, a recycled background paragraph) is the
outlet's template, not the news of that article. The per-article cleaner
cannot see it (it reads one article at a time, and article ids are hashes of
the cleaned body, so bodies never change after they are stored); the chrome
stage finds such paragraphs from what the store holds
(:mod:`newsweave.corpus.chrome.templates`). This module says what a paragraph
is, how two are compared (:func:`paragraph_key`), how often one must recur,
and whether a record lies inside one (:func:`inside`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

# A paragraph counts as the outlet's template when at least this many of the
# outlet's articles carry it, and at least this share of them: a line in 3 of
# 3 articles is template, a quote repeated in 3 of 300 follow-ups is not.
MIN_ARTICLES = 3
MIN_SHARE = 0.3
_PARAGRAPH = re.compile(r"[^\n]+")


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


def inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)
