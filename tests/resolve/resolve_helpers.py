"""Helpers shared by the resolve tests (inline articles, finding mentions and actors)."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.records import Actor, Article, Mention, Resolution

PUBLISHED = dt.date(2025, 6, 2)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A simple splitter for test texts: after . ! ? followed by a capital."""
    spans, start = [], 0
    for m in re.finditer(r"(?<![A-Z]\.[A-Z])[.!?]\s+(?=[A-Z])", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def make_article(text: str, *, published: dt.date | None = PUBLISHED, id: str = "a1") -> Article:
    return Article(
        id=id, source_id=id, source_path=f"{id}.txt", outlet="test", url=None, title="",
        published=published, body=text, sentences=split_sentences(text),
    )


def mention(res: Resolution, text: str, nth: int = 0) -> Mention:
    """The nth mention whose text is ``text``."""
    found = [m for m in res.mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in res.mentions]}"
    return found[nth]


def actor(res: Resolution, actor_id: str) -> Actor:
    found = [a for a in res.actors if a.id == actor_id]
    assert found, f"no actor {actor_id!r} in {[a.id for a in res.actors]}"
    return found[0]
