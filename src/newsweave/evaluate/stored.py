"""The stored stories the evaluations read, as the corroborate stage reads them.

Shared by the fact, paraphrase and training evaluations (it imports none of
them): each stored story with its claims, positions, outlets, copies and
events, the facts the corroborate stage makes of it, and each MSRP pair as a
story of two one-sentence reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.corpus.facts.samefact import SameFactModel


@dataclass(slots=True)
class StoryInput:
    """Everything the corroborate stage reads of one stored story."""

    story_id: str
    claims: list[Any]
    positions: list[Any]
    outlets: dict[str, str]
    duplicates: dict[str, str]
    events: list[Any]


def _stored_evidence(conn: Any, actor_map: dict[str, str]) -> tuple[dict, dict, dict]:
    """Claims, positions and events of every stored article, by article id."""
    from newsweave.store.reader import claims_by_article as _claims_by_article
    from newsweave.store.reader import events_by_article as _events_by_article
    from newsweave.store.reader import positions_by_article as _positions_by_article

    return (_claims_by_article(conn, actor_map), _positions_by_article(conn, actor_map),
            _events_by_article(conn, actor_map=actor_map))


def stored_stories(db: Path) -> Iterator[StoryInput]:
    """The stories of a store with the evidence the corroborate stage reads."""
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        actor_map = dict(conn.execute("SELECT actor_id, canonical_id FROM actor_map").fetchall())
        members: dict[str, list[str]] = defaultdict(list)
        for story, article in conn.execute(
                "SELECT story_id, article_id FROM story_articles ORDER BY 1, 2").fetchall():
            members[story].append(article)
        outlets = dict(conn.execute("SELECT id, outlet FROM articles").fetchall())
        duplicates = dict(conn.execute("SELECT copy_id, original_id FROM duplicates").fetchall())
        claims, positions, events = _stored_evidence(conn, actor_map)
    finally:
        conn.close()
    for story, articles in sorted(members.items()):
        yield StoryInput(
            story_id=story, claims=[c for a in articles for c in claims.get(a, [])],
            positions=[p for a in articles for p in positions.get(a, [])],
            outlets={a: outlets.get(a) or "" for a in articles},
            duplicates={a: duplicates[a] for a in articles if a in duplicates},
            events=[e for a in articles for e in events.get(a, [])])


def story_facts(story: StoryInput, model: SameFactModel | None = None) -> list[Any]:
    """The facts the corroborate stage makes of one story (with ``model``, the
    learned decision instead of the default)."""
    from newsweave.corpus.facts.corroborate import corroborate_story

    facts, _ = corroborate_story(story.story_id, story.claims, story.positions, story.outlets,
                                 story.duplicates, story.events, model=model)
    return facts


def states_one_fact(story: StoryInput, model: SameFactModel | None = None) -> bool:
    """Whether the corroborate stage puts every report of ``story`` in one fact (a
    story of one report: the two texts are one stored text, so yes)."""
    articles = set(story.outlets)
    return len(articles) == 1 or any(
        {m.article_id for m in f.mentions} >= articles for f in story_facts(story, model))


def paraphrase_inputs(pairs: list[Any], db: Path) -> list[StoryInput | None]:
    """Each MSRP pair as the story corroboration sees: two one-sentence reports of
    two outlets, or one report when both sentences are one stored text (None when
    a sentence was not stored, or one of two stated nothing the extract stage
    keeps)."""
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        article_of = dict(conn.execute(
            "SELECT source_id, article_id FROM article_sources").fetchall())
        claims, positions, events = _stored_evidence(conn, {})
    finally:
        conn.close()
    out: list[StoryInput | None] = []
    for p in pairs:
        a, b = article_of.get(p.id_a), article_of.get(p.id_b)
        articles = list(dict.fromkeys(x for x in (a, b) if x is not None))
        if None in (a, b) or (len(articles) == 2 and not (claims.get(a) and claims.get(b))):
            out.append(None)
            continue
        out.append(StoryInput(
            story_id="pair", claims=[c for x in articles for c in claims.get(x, [])],
            positions=[q for x in articles for q in positions.get(x, [])],
            outlets={a: f"outlet-{p.id_a}", b: f"outlet-{p.id_b}"}, duplicates={},
            events=[e for x in articles for e in events.get(x, [])]))
    return out
