"""What the corpus tables hold, read without loading the corpus stages.

``newsweave run`` on input it has already stored adds nothing; asking these
questions first lets it skip the corpus stages, whose libraries (scikit-learn,
SciPy) take longer to import than the rest of such a run
(``benchmarks/rerun.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The tables whose totals a summary gives, in its field order.
COUNTED = ("articles", "duplicates", "stories", "facts", "conflicts", "actors")


@dataclass(slots=True)
class CorpusSummary:
    """Counts from one corpus update (totals over the whole store)."""

    articles: int
    duplicates: int
    stories: int
    facts: int
    conflicts: int
    actors: int
    new: int = 0
    touched: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def corpus_counts(conn: Any, **extra: Any) -> CorpusSummary:
    """The store's totals as a :class:`CorpusSummary` (``extra``: its other fields)."""
    counts = {t: _count(conn, f"SELECT count(*) FROM {t}") for t in COUNTED}
    return CorpusSummary(**counts, **extra)


def corpus_outdated(conn: Any) -> bool:
    """Whether stories exist but a corpus table added since holds nothing for them
    (a store written before ``story_positions``): then every story is rebuilt once."""
    return bool(_count(conn, "SELECT count(*) FROM stories")
                and _count(conn, "SELECT count(*) FROM positions")
                and not _count(conn, "SELECT count(*) FROM story_positions"))


def corpus_pending(conn: Any) -> bool:
    """Whether the corpus tables lag the stored articles: an article in no story
    (stored by a run without the corpus stages, or one stopped during them), or a
    store older than a corpus table (:func:`corpus_outdated`)."""
    unplaced = _count(conn, "SELECT count(*) FROM articles "
                            "WHERE id NOT IN (SELECT article_id FROM story_articles)")
    return bool(unplaced) or corpus_outdated(conn)


def _count(conn: Any, sql: str) -> int:
    return int(conn.execute(sql).fetchall()[0][0])
