"""Facts of the touched stories, in the store: the SQL half of the fact stage.

:func:`corroborate_stories` reads each batch of stories (articles, claims,
positions, events, copies and template spans), runs
:func:`~newsweave.corpus.facts.corroborate.corroborate_story` and
:func:`~newsweave.corpus.facts.positions.merge_positions` on each, and
writes ``stories``, ``facts``, ``conflicts`` and ``story_positions``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.clean.document import MAX_TITLE_CHARS, title_of
from newsweave.corpus.chrome.paragraphs import inside
from newsweave.corpus.facts.corroborate import corroborate_story
from newsweave.corpus.facts.positions import fold_surnames, merge_positions
from newsweave.corpus.facts.words import _fold
from newsweave.extract.facts import title_repeats_body
from newsweave.records import Claim, Event, Place, Position, Story
from newsweave.store.db import ids_view, query_rows
from newsweave.store.reader import (
    claims_by_article,
    events_by_article,
    place_mentions_by_article,
    positions_by_article,
)
from newsweave.store.rows import to_row
from newsweave.store.writer import insert_rows

# Articles corroborated per batch: bounds the memory of one step.
BATCH = 5000


def corroborate_stories(conn: Any, story_ids: list[str], actor_map: dict[str, str]) -> None:
    """Rewrite the story rows, facts, conflicts and merged positions of ``story_ids``.

    Stories are read and corroborated a batch of about ``BATCH`` articles at a
    time; records inside template paragraphs (``chrome_spans``) are left out.

    Args:
        conn: an open store connection (the caller owns the transaction).
        story_ids: the stories to corroborate again (new, grown, or whose
            template paragraphs changed).
        actor_map: ``{actor_id: canonical_id}`` from the actor stage.
    """
    if not story_ids:
        return
    with ids_view(conn, "_nw_touched", story_ids):
        for table, column in (("stories", "id"), ("facts", "story_id"),
                              ("conflicts", "story_id"), ("story_positions", "story_id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _nw_touched)")
        sizes = conn.execute("SELECT story_id, count(*) FROM story_articles WHERE story_id IN "
                             "(SELECT id FROM _nw_touched) GROUP BY 1 ORDER BY 1").fetchall()
    for batch in _batches(sizes, BATCH):
        with ids_view(conn, "_nw_batch", batch):
            data = _batch_data(conn, actor_map)
        for table, rows in _batch_rows(batch, data).items():
            if rows:
                insert_rows(conn, table, rows)


def _batch_rows(batch: list[str], data: _BatchData) -> dict[str, list[dict[str, Any]]]:
    """The ``stories``, ``facts``, ``conflicts`` and ``story_positions`` rows of one batch."""
    rows: dict[str, list[dict[str, Any]]] = {
        "stories": [], "facts": [], "conflicts": [], "story_positions": []}
    for story_id in batch:
        group = data.members[story_id]
        ids = [a["id"] for a in group]
        outlets = {a["id"]: a["outlet"] for a in group}
        positions = fold_surnames(_outside_chrome(data.positions, ids, data.chrome))
        facts, conflicts = corroborate_story(
            story_id, _outside_chrome(data.claims, ids, data.chrome), positions,
            outlets, data.duplicates, _outside_chrome(data.events, ids, data.chrome),
            published={a["id"]: a["published"] for a in group}, places=data.places)
        rows["stories"].append(_story_row(story_id, group, data.duplicates,
                                          facts[0].statement if facts else None))
        rows["facts"].extend(to_row("facts", f) for f in facts)
        rows["conflicts"].extend(to_row("conflicts", c) for c in conflicts)
        rows["story_positions"].extend(
            {**merged, "story_id": story_id, "objects": json.dumps(merged["objects"]),
             "position_ids": json.dumps(merged["position_ids"]),
             "evidence": json.dumps(merged["evidence"], ensure_ascii=False)}
            for merged in merge_positions(positions, outlets, duplicates=data.duplicates))
    return rows


def _outside_chrome(records: dict[str, list[Any]], article_ids: list[str],
                    chrome: dict[str, list[tuple[int, int]]]) -> list[Any]:
    """The articles' records, in article order, except those inside template paragraphs."""
    return [r for a in article_ids for r in records.get(a, [])
            if not inside(r.start, r.end, chrome.get(a, []))]


@dataclass(slots=True)
class _BatchData:
    """What corroboration reads of one batch of stories."""

    members: dict[str, list[dict[str, Any]]]
    duplicates: dict[str, str]
    chrome: dict[str, list[tuple[int, int]]]
    claims: dict[str, list[Claim]]
    positions: dict[str, list[Position]]
    events: dict[str, list[Event]]
    places: dict[str, dict[str, Place]]


def _batch_data(conn: Any, actor_map: dict[str, str]) -> _BatchData:
    """Read the articles, claims, positions and events of the stories in ``_nw_batch``."""
    def in_batch(column: str = "article_id") -> str:
        return (f"{column} IN (SELECT article_id FROM story_articles "
                "WHERE story_id IN (SELECT id FROM _nw_batch))")

    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # the body's opening only: enough to tell the cleaner's title (a first sentence
    # cut to MAX_TITLE_CHARS) from a headline (_story_row)
    for row in query_rows(conn, f"""
            SELECT sa.story_id, a.id, a.outlet, a.published, a.title,
                   left(a.body, {_BODY_CHARS}) AS body
            FROM story_articles sa JOIN articles a ON a.id = sa.article_id
            WHERE sa.story_id IN (SELECT id FROM _nw_batch)
            ORDER BY a.published NULLS LAST, a.id"""):
        members[row.pop("story_id")].append(row)
    chrome: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in conn.execute(
            f'SELECT article_id, start, "end" FROM chrome_spans WHERE {in_batch()}').fetchall():
        chrome[article_id].append((start, end))
    return _BatchData(
        members=members,
        duplicates=dict(conn.execute(
            f"SELECT copy_id, original_id FROM duplicates WHERE {in_batch('copy_id')}"
        ).fetchall()),
        chrome=chrome,
        claims=claims_by_article(conn, actor_map, in_batch()),
        positions=positions_by_article(conn, actor_map, in_batch()),
        events=events_by_article(conn, in_batch(), actor_map),
        places=_places_by_article(conn, in_batch("m.article_id")))


def _places_by_article(conn: Any, where: str) -> dict[str, dict[str, Place]]:
    """Each article's resolved places by the folded name its text gives them."""
    return {article_id: {_fold(text): place for text, place in found}
            for article_id, found in place_mentions_by_article(conn, where).items()}


def _batches(sizes: Sequence[tuple[str, int]], limit: int) -> Iterable[list[str]]:
    """Story ids in batches of about ``limit`` articles (a bigger story is a batch alone)."""
    batch: list[str] = []
    total = 0
    for story_id, size in sizes:
        if batch and total + size > limit:
            yield batch
            batch, total = [], 0
        batch.append(story_id)
        total += size
    if batch:
        yield batch


# Characters of each body read for the story row: the cleaner's title, cut from a
# first sentence, lies well inside them.
_BODY_CHARS = 4 * MAX_TITLE_CHARS


def _story_row(story_id: str, group: list[dict[str, Any]], duplicates: dict[str, str],
               main_fact: str | None = None) -> dict[str, Any]:
    """The story's row. The headline of the earliest independent report that has
    one names the story; when no report has a headline of its own (the cleaner
    titled each by its first sentence), the story's most important fact does."""
    originals = [a for a in group if a["id"] not in duplicates] or group
    dates = [a["published"] for a in group if a["published"]]
    headed = [a for a in originals if a["title"] and not title_repeats_body(a["title"], a["body"])]
    head = (headed or originals)[0]
    title = head["title"] if headed or not main_fact else title_of(main_fact)
    return to_row("stories", Story(
        id=story_id, title=title or head["body"][:80],
        start=min(dates) if dates else None, end=max(dates) if dates else None,
        article_ids=[a["id"] for a in group], outlets=sorted({a["outlet"] for a in group})))
