"""The read side of the store: stories, events, facts, positions, roles and actors as records.

Everything that reads a newsweave database goes through here: the public
:class:`~newsweave.api.Newsweave` facade, the brief, the web pages and the
corpus stages (which read the per-article records they align). Rows become
records through :mod:`newsweave.store.rows` only.

>>> from newsweave.store import connect
>>> reader = StoreReader(connect("news.duckdb", read_only=True))  # doctest: +SKIP
>>> story = reader.stories()[0]                                   # doctest: +SKIP
>>> reader.events(story.id)[:1]                                   # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import duckdb

from newsweave.records import Actor, Claim, Event, Fact, Place, Position, Role, Story
from newsweave.store.db import EXPORT_QUERIES, query_rows
from newsweave.store.rows import from_row

# Stories, largest first (the order of `newsweave stories` and the API).
_STORY_ORDER = "ORDER BY len(article_ids) DESC, start, id"
_IN_STORY = "article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"

# Events the coder is less sure of than this are hidden by default in the brief,
# the API and the pages: a noun or obligation reading (0.6) that is also
# expected, negated or hypothetical and has no named actor (0.6 x 0.8 x 0.7 =
# 0.34; see newsweave.extract.events._confidence). A higher default would hide
# events the seeds and the demo corpus keep (their lowest are 0.50 and 0.37).
# Events stored before confidence existed count as sure (1.0).
DEFAULT_MIN_CONFIDENCE = 0.35


class StoreReader:
    """Records of one open store connection (or cursor).

    Args:
        conn: a DuckDB connection or cursor of a newsweave database; the
            reader does not own it and never closes it.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn
        self._columns: dict[tuple[str, str], bool] = {}

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of any SQL query as dicts (JSON columns decoded)."""
        return query_rows(self.conn, sql, params)

    # --- stories -------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return [from_row(Story, r) for r in self.rows(f"SELECT * FROM stories {_STORY_ORDER}")]

    def story(self, story_id: str) -> Story | None:
        """One story by id (a single indexed read), or None."""
        rows = self.rows("SELECT * FROM stories WHERE id = ?", [story_id])
        return from_row(Story, rows[0]) if rows else None

    def story_articles(self, story_id: str) -> list[dict[str, Any]]:
        """The story's articles (no bodies) by date: outlet, title, url, source,
        how many lines were removed, and the original each copy repeats."""
        return self.rows(
            "SELECT a.id, a.outlet, a.title, a.url, a.published, a.source_id, len(a.removed) AS "
            "removed, d.original_id AS copy_of FROM articles a JOIN story_articles s "
            "ON s.article_id = a.id LEFT JOIN duplicates d ON d.copy_id = a.id "
            "WHERE s.story_id = ? ORDER BY a.published, a.id", [story_id])

    def extra_sources(self, story_id: str) -> list[dict[str, Any]]:
        """Exact copies in the story: one stored article read from more than one source."""
        return self.rows(
            "SELECT src.article_id, src.outlet, src.source_id FROM article_sources src "
            "JOIN articles a ON a.id = src.article_id JOIN story_articles s "
            "ON s.article_id = a.id WHERE s.story_id = ? AND src.source_id <> a.source_id "
            "ORDER BY src.source_id", [story_id])

    def conflicts(self, story_id: str) -> list[dict[str, Any]]:
        """The story's conflicts: differences of figures first, then qualifiers,
        positions and conditions."""
        return self.rows("SELECT * FROM conflicts WHERE story_id = ? ORDER BY CASE kind "
                         "WHEN 'number' THEN 0 WHEN 'qualifier' THEN 1 WHEN 'position' THEN 2 "
                         "ELSE 3 END, id", [story_id])

    def chrome_spans(self, story_id: str) -> dict[str, list[tuple[int, int]]]:
        """``{article_id: [(start, end)]}``: the story's template paragraphs."""
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for r in self.rows(f'SELECT article_id, start, "end" FROM chrome_spans WHERE {_IN_STORY}',
                           [story_id]):
            spans[r["article_id"]].append((r["start"], r["end"]))
        return spans

    # --- article text --------------------------------------------------------

    def text(self, article_id: str) -> tuple[str, list[tuple[int, int]]]:
        """An article's body and sentence spans."""
        row = self.rows("SELECT body, sentences FROM articles WHERE id = ?", [article_id])[0]
        return row["body"], [tuple(s) for s in row["sentences"] or []]  # type: ignore[misc]

    def bodies(self, article_ids: list[str]) -> list[str]:
        """The bodies of the given articles (empty for a NULL body)."""
        if not article_ids:
            return []
        return [r["body"] or "" for r in self.rows(
            "SELECT body FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [article_ids])]

    def articles(self) -> dict[str, dict[str, Any]]:
        """``{article_id: {id, outlet, url, title, published}}`` of every article."""
        return {r["id"]: r for r in self.rows(
            "SELECT id, outlet, url, title, published FROM articles")}

    # --- per-article records -------------------------------------------------

    def has_column(self, table: str, column: str) -> bool:
        """Whether the file's ``table`` has ``column`` (a file written by an older
        version and opened read-only may lack the columns added since)."""
        known = self._columns
        if (table, column) not in known:
            known[(table, column)] = bool(self.conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = ? "
                "AND column_name = ?", [table, column]).fetchall())
        return known[(table, column)]

    def confidence_sql(self, alias: str = "e") -> str:
        """The SQL of an event's confidence: 1.0 where it was not stored."""
        return (f"COALESCE({alias}.confidence, 1.0)" if self.has_column("events", "confidence")
                else "1.0")

    def events(self, story_id: str | None = None, *,
               min_confidence: float = 0.0) -> list[Event]:
        """PLOVER events by date, optionally of one story, leaving out those the
        coder is less sure of than ``min_confidence`` (events stored without a
        confidence count as sure)."""
        sql = "SELECT e.* FROM events e"
        where = [f"{self.confidence_sql()} >= ?"]
        params: list[Any] = [min_confidence]
        if story_id:
            sql += " JOIN story_articles s ON s.article_id = e.article_id"
            where.append("s.story_id = ?")
            params.append(story_id)
        sql += " WHERE " + " AND ".join(where)
        # a NULL confidence (an event stored before it existed) takes the default, 1.0
        return [from_row(Event, r)
                for r in self.rows(sql + " ORDER BY e.date, e.article_id, e.start", params)]

    def positions(self, story_id: str) -> list[Position]:
        """The story's positions as stored (parties not yet canonical), in text order."""
        return [from_row(Position, r) for r in self.rows(
            "SELECT p.* FROM positions p JOIN story_articles s ON s.article_id = p.article_id "
            "WHERE s.story_id = ? ORDER BY p.article_id, p.start", [story_id])]

    def merged_positions(self, story_id: str) -> list[dict[str, Any]]:
        """The story's positions merged per party, stance and object, as the corpus
        stage wrote them (:func:`newsweave.corpus.facts.positions.merge_positions`):
        ``party``, ``stance``, ``object``, ``objects``, ``outlets``,
        ``corroboration``, ``certainty``, ``position_ids`` and ``evidence``.

        A file written before the table existed, opened read-only, has none: its
        stories show no positions until ``newsweave run`` or ``rebuild`` updates it.
        """
        if not self.has_column("story_positions", "story_id"):
            return []
        rows = self.rows("SELECT * FROM story_positions WHERE story_id = ? "
                         "ORDER BY party, stance, object", [story_id])
        for row in rows:
            row.pop("story_id", None)
            for key in ("objects", "position_ids", "evidence"):
                row[key] = json.loads(row[key]) if isinstance(row[key], str) else row[key]
        return rows

    def roles(self, story_id: str) -> list[Role]:
        """The roles the story's articles give their actors."""
        return [from_row(Role, r) for r in self.rows(
            f"SELECT * FROM roles WHERE {_IN_STORY}", [story_id])]

    def mentioned_actors(self, story_id: str) -> list[str]:
        """The actor id of every resolved mention in the story (one per mention)."""
        return [r["actor_id"] for r in self.rows(
            f"SELECT actor_id FROM mentions WHERE {_IN_STORY} AND actor_id IS NOT NULL",
            [story_id])]

    # --- corpus tables -------------------------------------------------------

    def facts(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Facts as exported: outlets, mentions, corroboration and conflict ids."""
        return self.rows(f"SELECT * FROM ({EXPORT_QUERIES['facts']})"
                         + (" WHERE story_id = ?" if story_id else ""),
                         [story_id] if story_id else [])

    def fact_records(self, story_id: str | None = None) -> list[Fact]:
        """Facts as :class:`~newsweave.records.Fact` records."""
        return [from_row(Fact, r, id=r["fact_id"]) for r in self.facts(story_id)]

    def actors(self) -> list[Actor]:
        """Canonical actors (aliases merged across articles), by id."""
        return [from_row(Actor, r) for r in self.rows("SELECT * FROM actors ORDER BY id")]

    def actor_map(self) -> dict[str, str]:
        """``{per-article actor id: canonical id}``."""
        return dict(self.conn.execute("SELECT actor_id, canonical_id FROM actor_map").fetchall())

    def places(self) -> dict[str, Place]:
        """``{place id: Place}`` of every resolved place."""
        return {r["id"]: from_row(Place, r) for r in self.rows("SELECT * FROM places")}


# --- what the corpus stages read, a batch of articles at a time ------------------
# ``where`` is a fixed SQL condition on ``article_id`` chosen by the caller
# (a temporary table of the batch), never text from outside.

def claims_by_article(conn: Any, actor_map: dict[str, str], where: str = "TRUE",
                      ) -> dict[str, list[Claim]]:
    """Claims by article in text order, subjects and actors made canonical."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for r in query_rows(conn, f"SELECT * FROM claims WHERE {where} ORDER BY article_id, start"):
        out[r["article_id"]].append(from_row(
            Claim, r, subject=actor_map.get(r["subject"], r["subject"]),
            actors=[actor_map.get(a, a) for a in (r["actors"] or [])]))
    return out


def events_by_article(conn: Any, where: str = "TRUE", actor_map: dict[str, str] | None = None,
                      ) -> dict[str, list[Event]]:
    """The coded events that fact alignment reads (type, trigger, sentence span, and
    who acted on whom, made canonical by ``actor_map``)."""
    canonical = actor_map or {}
    out: dict[str, list[Event]] = defaultdict(list)
    for r in query_rows(conn, 'SELECT id, article_id, event, start, "end", text, trigger, '
                        f"actors, recipients FROM events WHERE {where} "
                        "ORDER BY article_id, start, id"):
        out[r["article_id"]].append(from_row(
            Event, r, actors=[canonical.get(a, a) for a in (r["actors"] or [])],
            recipients=[canonical.get(a, a) for a in (r["recipients"] or [])]))
    return out


def place_mentions_by_article(conn: Any, where: str = "TRUE"
                              ) -> dict[str, list[tuple[str, Place]]]:
    """Each article's resolved place mentions: the words as written and the place
    (``where`` may use ``m.article_id``)."""
    out: dict[str, list[tuple[str, Place]]] = defaultdict(list)
    for r in query_rows(conn, f"""
            SELECT m.article_id, m.text, p.* FROM mentions m JOIN places p ON p.id = m.place_id
            WHERE {where} ORDER BY m.article_id, m.start"""):
        article_id, text = r.pop("article_id"), r.pop("text")
        out[article_id].append((text, from_row(Place, r)))
    return out


def positions_by_article(conn: Any, actor_map: dict[str, str], where: str = "TRUE",
                         ) -> dict[str, list[Position]]:
    """Positions by article in text order, parties made canonical."""
    out: dict[str, list[Position]] = defaultdict(list)
    for r in query_rows(conn, f"SELECT * FROM positions WHERE {where} ORDER BY article_id, start"):
        out[r["article_id"]].append(from_row(
            Position, r, party=actor_map.get(r["party"], r["party"])))
    return out
