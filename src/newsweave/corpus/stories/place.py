"""New articles placed in stories, in the store: the SQL half of the story stage.

New independent articles join the stored stories of their dates (or new
ones): the stored articles within reach are read from the store
(:func:`_window_articles`), what clustering sees of each article is read with
its resolved actors and places (:func:`story_items`), and
:func:`assign_stories` keeps every stored article in its story. The
clustering itself is :mod:`newsweave.corpus.stories.cluster`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any

from newsweave.corpus.actors.merge import merged_actor_map
from newsweave.corpus.stories.cluster import (
    DEFAULT_MAX_DAYS,
    DENSE_LIMIT,
    KEY_MAX_ARTICLES,
    StoryItem,
    assign_to_stories,
    cluster_stories,
)
from newsweave.store.db import ids_view, query_rows
from newsweave.store.writer import insert_rows


def story_id_for(key: str) -> str:
    """A stable story id from the story key (its earliest article's id)."""
    return "story-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def place_articles(conn: Any, actor_map: dict[str, str], originals: list[dict[str, Any]],
                   copies: dict[str, str]) -> dict[str, str]:
    """Place the new articles in stories and store them in ``story_articles``.

    Args:
        conn: an open store connection (the caller owns the transaction).
        actor_map: ``{actor_id: canonical_id}`` from the actor stage.
        originals: the new independent articles (rows with ``id, title, body,
            published``).
        copies: ``{copy_id: original_id}`` of the new copies; a copy joins its
            original's story, whether the original is new or stored.

    Returns:
        ``{article_id: story_id}`` of every new article.
    """
    story_of = _place_originals(conn, actor_map, originals)
    stored_story = dict(conn.execute(
        "SELECT article_id, story_id FROM story_articles WHERE article_id IN "
        "(SELECT original_id FROM duplicates)").fetchall())
    for copy_id, original_id in copies.items():
        story_of[copy_id] = (story_of.get(original_id) or stored_story.get(original_id)
                             or story_id_for(original_id))
    if story_of:
        insert_rows(conn, "story_articles", [{"story_id": s, "article_id": a}
                                             for a, s in sorted(story_of.items())])
    return story_of


def _place_originals(conn: Any, actor_map: dict[str, str],
                     originals: list[dict[str, Any]]) -> dict[str, str]:
    """Story ids of the new independent articles (see :func:`assign_stories`)."""
    if not originals:
        return {}
    window = _window_articles(conn, originals)
    stored = {a["id"]: a["story_id"] for a in window}
    items = story_items(conn, actor_map, [*originals, *window])
    placed = assign_stories(list(items.values()), stored)
    return {a["id"]: placed[a["id"]] for a in originals}


def _window_articles(conn: Any, originals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored independent articles of the stories new articles could join.

    In a small store, every one. In a large one, the stories with a member
    published within ``DEFAULT_MAX_DAYS`` of the new articles, and, where
    either side is undated, the stories with a member naming one of the new
    articles' resolved actors or places (one that at most ``KEY_MAX_ARTICLES``
    articles name). An undated article that shares no such name with a story
    is not compared with it: at scale the text alone is not searched.
    """
    stored = conn.execute("SELECT count(*) FROM story_articles").fetchall()[0][0]
    columns = "a.id, a.outlet, a.published, a.title, a.body, sa.story_id"
    independent = ("FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                   "WHERE sa.article_id NOT IN (SELECT copy_id FROM duplicates)")
    if stored + len(originals) <= DENSE_LIMIT:
        return query_rows(conn, f"SELECT {columns} {independent} ORDER BY a.id")
    dates = [a["published"] for a in originals if a["published"]]
    with ids_view(conn, "_nw_new", [a["id"] for a in originals]):
        try:
            return _window_query(conn, columns, independent, dates)
        finally:
            conn.execute("DROP TABLE IF EXISTS _nw_window")


def _window_query(conn: Any, columns: str, independent: str, dates: list[dt.date]
                  ) -> list[dict[str, Any]]:
    """The stored articles of the stories within reach of the new ones (in ``_nw_new``)."""
    conn.execute("CREATE OR REPLACE TEMP TABLE _nw_window (story_id VARCHAR)")
    if dates:
        conn.execute(f"""INSERT INTO _nw_window SELECT DISTINCT sa.story_id {independent}
            AND a.published BETWEEN ?::DATE - {DEFAULT_MAX_DAYS}
                                AND ?::DATE + {DEFAULT_MAX_DAYS}""",
                     [min(dates), max(dates)])
    # Names shared with the new articles, where either side has no date.
    # A name most stored articles carry (a country, a president) is no
    # evidence of one story, and would pull in every story there is.
    for column in ("actor_id", "place_id"):
        conn.execute(f"""INSERT INTO _nw_window SELECT DISTINCT sa.story_id
            FROM (SELECT DISTINCT mn.{column} AS entity, na.published FROM mentions mn
                  JOIN articles na ON na.id = mn.article_id
                  WHERE mn.article_id IN (SELECT id FROM _nw_new)
                    AND mn.{column} IS NOT NULL) m
            JOIN mentions x ON x.{column} = m.entity
            JOIN story_articles sa ON sa.article_id = x.article_id
            JOIN articles a ON a.id = x.article_id
            WHERE m.entity IN (SELECT {column} FROM mentions WHERE {column} IS NOT NULL
                               GROUP BY {column}
                               HAVING count(DISTINCT article_id) <= {KEY_MAX_ARTICLES})
              AND (a.published IS NULL OR m.published IS NULL)""")
    return query_rows(conn, f"""SELECT {columns} {independent}
        AND sa.story_id IN (SELECT story_id FROM _nw_window) ORDER BY a.id""")


def stories_of(conn: Any, article_ids: set[str]) -> set[str]:
    """The ids of the stories that hold any of ``article_ids``."""
    if not article_ids:
        return set()
    with ids_view(conn, "_nw_changed", article_ids):
        return {r[0] for r in conn.execute(
            "SELECT DISTINCT story_id FROM story_articles "
            "WHERE article_id IN (SELECT id FROM _nw_changed)").fetchall()}


def assign_stories(items: list[StoryItem], stored: dict[str, str]) -> dict[str, str]:
    """Story ids for ``items``, keeping the stories already stored.

    Articles that already belong to a story stay in it, under the same story id;
    new articles join the stored story they are most alike (see
    :func:`~newsweave.corpus.stories.cluster.assign_to_stories`) or are clustered among
    themselves into new stories. Nothing already stored is reclustered, so a
    second run with more reports keeps every story id readers may have linked to.

    Args:
        items: the independent articles (copies excluded).
        stored: ``{article_id: story_id}`` from the store's ``story_articles``.

    Returns:
        ``{article_id: story_id}`` for every item.
    """
    known = [it for it in items if it.id in stored]
    fresh = [it for it in items if it.id not in stored]
    if not known:
        return {aid: story_id_for(key) for aid, key in cluster_stories(items).items()}
    existing: dict[str, list[StoryItem]] = defaultdict(list)
    for it in known:
        existing[stored[it.id]].append(it)
    result = {it.id: stored[it.id] for it in known}
    for aid, key in assign_to_stories(fresh, existing).items():
        result[aid] = key if key in existing else story_id_for(key)
    return result


def story_items(conn: Any, actor_map: dict[str, str] | None = None,
                articles: list[dict[str, Any]] | None = None) -> dict[str, StoryItem]:
    """What story clustering sees of each stored article: text, date, resolved actors and places.

    Args:
        conn: an open store connection.
        actor_map: ``{actor_id: canonical_id}`` from the actor merge; computed
            when not given.
        articles: article rows (``id, title, body, published``); all stored
            articles when not given.

    Returns:
        ``{article_id: StoryItem}``.
    """
    from newsweave.resolve.actors import story_key

    if actor_map is None:
        actor_map = merged_actor_map(conn)
    if articles is None:
        articles = query_rows(conn, "SELECT id, title, body, published FROM articles ORDER BY id")
    with ids_view(conn, "_nw_items", [a["id"] for a in articles]):
        # one row per article, its distinct ids listed by DuckDB
        entities = {r[0]: (r[1], r[2]) for r in conn.execute("""
            SELECT article_id, list(DISTINCT actor_id) FILTER (WHERE actor_id IS NOT NULL),
                   list(DISTINCT place_id) FILTER (WHERE place_id IS NOT NULL)
            FROM mentions WHERE article_id IN (SELECT id FROM _nw_items)
            GROUP BY article_id""").fetchall()}
    items = {}
    for a in articles:
        actors, places = entities.get(a["id"], (None, None))
        items[a["id"]] = StoryItem(
            id=a["id"], title=a["title"] or "", body=a["body"], published=a["published"],
            actors=sorted({story_key(actor_map.get(x, x)) for x in actors or []}),
            places=sorted(places or []))
    return items
