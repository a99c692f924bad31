"""The SQL behind the API and the pages: filters, pages of rows, one record with its parts.

Every query takes its values as parameters (never formatted into the SQL);
only fixed fragments chosen in this module are joined into the statements.
Text search is a case-insensitive substring match (DuckDB ``ILIKE``): the
``fts`` extension does not ship inside the duckdb wheel and would have to be
downloaded, which newsweave never does at run time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE, StoreReader

# ILIKE patterns escape their wildcards with this character.
_ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """A ``%text%`` ILIKE pattern with ``%``, ``_`` and the escape character escaped."""
    escaped = (text.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%")
               .replace("_", _ESCAPE + "_"))
    return f"%{escaped}%"


# Outlet filters match in any case ("harbour herald" finds "Harbour Herald"); a
# subquery rather than a list lambda, whose syntax changed between DuckDB versions.
_HAS_OUTLET = "lower(trim(?)) IN (SELECT lower(unnest({outlets})))"


@dataclass(slots=True)
class _Where:
    """WHERE conditions and their parameters, built up one filter at a time."""

    conditions: list[str]
    params: list[Any]

    @classmethod
    def new(cls) -> _Where:
        return cls([], [])

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conditions)) if self.conditions else ""


def actor_ids(nw: StoreReader, actor_id: str) -> list[str]:
    """The per-article actor ids that resolve to one canonical actor (itself included)."""
    rows = nw.rows("SELECT actor_id FROM actor_map WHERE canonical_id = ?", [actor_id])
    return sorted({actor_id, *(r["actor_id"] for r in rows)})


# --- stories ---------------------------------------------------------------

@dataclass(slots=True)
class StoryFilters:
    """What the story list can be narrowed by; ``None`` means no filter."""

    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str | None = None
    actor: str | None = None
    event_type: str | None = None


_STORY_COLUMNS = """
    s.id AS story_id, s.title, s.start, s."end", s.outlets, len(s.article_ids) AS articles
"""
_STORY_ORDER = "ORDER BY len(s.article_ids) DESC, s.start, s.id"


def _with_counts(nw: StoreReader, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add event, fact and conflict counts to story rows, counting for these stories only."""
    ids = [s["story_id"] for s in stories]
    if not ids:
        return stories
    counts = {
        # the events the story's event list shows (its default min_confidence)
        "events": "SELECT sa.story_id AS id, count(*) AS n FROM story_articles sa JOIN events e "
                  "ON e.article_id = sa.article_id WHERE list_contains(?, sa.story_id) "
                  f"AND {nw.confidence_sql()} >= {DEFAULT_MIN_CONFIDENCE!r} "
                  "GROUP BY sa.story_id",
        "facts": "SELECT story_id AS id, count(*) AS n FROM facts WHERE list_contains(?, story_id) "
                 "AND NOT background GROUP BY story_id",
        "conflicts": "SELECT story_id AS id, count(*) AS n FROM conflicts "
                     "WHERE list_contains(?, story_id) GROUP BY story_id",
    }
    for key, sql in counts.items():
        found = {r["id"]: r["n"] for r in nw.rows(sql, [ids])}
        for story in stories:
            story[key] = found.get(story["story_id"], 0)
    return stories


def _story_where(f: StoryFilters) -> _Where:
    where = _Where.new()
    if f.q:
        pattern = like_pattern(f.q)
        where.add("(s.title ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM story_articles sa "
                  "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id AND "
                  "(a.title ILIKE ? ESCAPE '\\' OR a.body ILIKE ? ESCAPE '\\')))",
                  pattern, pattern, pattern)
    if f.date_from:
        where.add('COALESCE(s."end", s.start) >= ?', f.date_from)
    if f.date_to:
        where.add('COALESCE(s.start, s."end") <= ?', f.date_to)
    if f.outlet:
        where.add(_HAS_OUTLET.format(outlets="s.outlets"), f.outlet)
    if f.actor:
        where.add("EXISTS (SELECT 1 FROM mentions m JOIN actor_map am ON am.actor_id = m.actor_id "
                  "JOIN story_articles sa ON sa.article_id = m.article_id "
                  "WHERE sa.story_id = s.id AND am.canonical_id = ?)", f.actor)
    if f.event_type:
        where.add("EXISTS (SELECT 1 FROM events e JOIN story_articles sa ON sa.article_id = "
                  "e.article_id WHERE sa.story_id = s.id AND e.event = ?)", f.event_type)
    return where


def search_stories(nw: StoreReader, f: StoryFilters, *, limit: int, offset: int
                   ) -> tuple[int, list[dict[str, Any]]]:
    """The stories matching the filters, largest first: ``(total, rows of this page)``."""
    where = _story_where(f)
    total = nw.rows(f"SELECT count(*) AS n FROM stories s{where.sql()}", where.params)[0]["n"]
    rows = nw.rows(f"SELECT {_STORY_COLUMNS} FROM stories s{where.sql()} {_STORY_ORDER} "
                   "LIMIT ? OFFSET ?", [*where.params, limit, offset])
    return total, _with_counts(nw, rows)


def filter_options(nw: StoreReader, *, max_actors: int = 100) -> dict[str, list[Any]]:
    """Values for the story list's filter menus: outlets, event types, most-mentioned actors."""
    outlets = [r["o"] for r in nw.rows(
        "SELECT DISTINCT unnest(outlets) AS o FROM stories ORDER BY o")]
    types = [r["event"] for r in nw.rows("SELECT DISTINCT event FROM events ORDER BY event")]
    actors = nw.rows(
        "SELECT a.id, a.name, count(*) AS n FROM mentions m JOIN actor_map am "
        "ON am.actor_id = m.actor_id JOIN actors a ON a.id = am.canonical_id "
        "GROUP BY a.id, a.name ORDER BY n DESC, a.name LIMIT ?", [max_actors])
    return {"outlets": outlets, "event_types": types,
            "actors": sorted(actors, key=lambda a: a["name"].lower())}


# --- articles --------------------------------------------------------------

def list_articles(nw: StoreReader, *, story_id: str | None, outlet: str | None, q: str | None,
                  limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Articles (without bodies) matching the filters, by date: ``(total, rows)``."""
    where = _Where.new()
    if story_id:
        where.add("sa.story_id = ?", story_id)
    if outlet:
        where.add("lower(a.outlet) = lower(trim(?))", outlet)
    if q:
        pattern = like_pattern(q)
        where.add("(a.title ILIKE ? ESCAPE '\\' OR a.body ILIKE ? ESCAPE '\\')", pattern, pattern)
    base = ("FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
            "LEFT JOIN duplicates d ON d.copy_id = a.id" + where.sql())
    total = nw.rows(f"SELECT count(*) AS n {base}", where.params)[0]["n"]
    rows = nw.rows("SELECT a.id AS article_id, a.outlet, a.title, a.url, a.published, "
                   "sa.story_id, d.original_id AS duplicate_of, length(a.body) AS chars "
                   f"{base} ORDER BY a.published, a.id LIMIT ? OFFSET ?",
                   [*where.params, limit, offset])
    return total, rows


def source_file(path: str | None) -> str | None:
    """An input's file name only (``report.html``, ``feed.xml:3``): the server's folders
    are nobody else's business, on a page or in the API."""
    return PurePath(path).name or None if path else None


def public_source_id(value: str | None) -> str | None:
    """An input's id as the web may show it: a web address as it is, anything else (a
    file's path, ``path:line`` of a feed entry) cut to its last part."""
    if not value or urlsplit(value).scheme.lower() in ("http", "https"):
        return value
    return source_file(value)


def article_detail(nw: StoreReader, article_id: str) -> dict[str, Any] | None:
    """One article with its body, removed lines and every evidence span in it."""
    rows = nw.rows(
        "SELECT a.id AS article_id, a.outlet, a.title, a.url, a.published, a.source_path, "
        "a.language, a.body, a.removed, a.sentences, sa.story_id, s.title AS story_title, "
        "d.original_id AS duplicate_of FROM articles a "
        "LEFT JOIN story_articles sa ON sa.article_id = a.id "
        "LEFT JOIN stories s ON s.id = sa.story_id "
        "LEFT JOIN duplicates d ON d.copy_id = a.id WHERE a.id = ?", [article_id])
    if not rows:
        return None
    article = rows[0]
    article["source_file"] = source_file(article.pop("source_path"))
    article["removed"] = list(article["removed"] or [])
    article["sentences"] = [list(s) for s in article["sentences"] or []]
    article["events"] = nw.rows(
        "SELECT id, event, mode, start, \"end\", text, date, date_precision, certainty, "
        "background, "
        f"{_optional(nw, 'events', 'events', 'confidence', 'DOUBLE')} "
        "FROM events WHERE article_id = ? ORDER BY start", [article_id])
    # a headline claim's span indexes the title, not the body: it is not drawn
    # over the body (stores written before headline claims have no "part")
    in_body = "AND part IS DISTINCT FROM 'title' " if nw.has_column("claims", "part") else ""
    article["claims"] = nw.rows(
        "SELECT id, start, \"end\", text, event_type, certainty, background FROM claims "
        f"WHERE article_id = ? {in_body}ORDER BY start", [article_id])
    article["positions"] = nw.rows(
        "SELECT p.id, p.start, p.\"end\", p.text, p.stance, p.object, p.certainty, "
        f"{_object_span(nw)}, "
        "COALESCE(m.canonical_id, p.party) AS party FROM positions p "
        "LEFT JOIN actor_map m ON m.actor_id = p.party WHERE p.article_id = ? ORDER BY p.start",
        [article_id])
    article["mentions"] = nw.rows(
        "SELECT m.start, m.\"end\", m.text, m.label, COALESCE(am.canonical_id, m.actor_id) "
        "AS actor_id, m.place_id FROM mentions m LEFT JOIN actor_map am "
        "ON am.actor_id = m.actor_id WHERE m.article_id = ? ORDER BY m.start", [article_id])
    return article


# --- events ----------------------------------------------------------------

@dataclass(slots=True)
class EventFilters:
    """What the event list can be narrowed by; ``None`` means no filter."""

    story_id: str | None = None
    event_type: str | None = None
    actor: str | None = None
    outlet: str | None = None
    place_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    background: bool | None = None
    # events the coder is less sure of are hidden unless asked for (0 shows all)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    # the PLOVER mode (e.g. "drone" of ASSAULT), the ISO 3166 alpha-3 code of the
    # event place's country, and words of the place's name (any case)
    mode: str | None = None
    country: str | None = None
    place: str | None = None


_EVENT_BASE = """
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN story_articles sa ON sa.article_id = e.article_id
    LEFT JOIN (SELECT id, any_value(name) AS name, any_value(lat) AS lat,
                      any_value(lon) AS lon FROM places GROUP BY id) p ON p.id = e.place_id
"""

_EVENT_COLUMNS = """
    e.id AS event_id, e.article_id, a.outlet, sa.story_id, e.event, e.mode, e.context,
    e.actors, e.recipients, e.date, e.date_precision, e.place_id, p.name AS place,
    p.lat, p.lon, e.quantities, e.certainty, e.background, e.start, e."end", e.text, e.trigger
"""


def _event_columns(nw: StoreReader) -> str:
    """The event columns, with the confidence where the file stores it."""
    stored = nw.has_column("events", "confidence")
    return _EVENT_COLUMNS + (", e.confidence" if stored else ", NULL::DOUBLE AS confidence")


def _optional(nw: StoreReader, table: str, alias: str, column: str, kind: str) -> str:
    """``alias.column``, or a typed NULL where an older file lacks the column."""
    if nw.has_column(table, column):
        return f"{alias}.{column}"
    return f"NULL::{kind} AS {column}"


def _event_where(nw: StoreReader, f: EventFilters) -> _Where:
    where = _Where.new()
    if f.story_id:
        where.add("sa.story_id = ?", f.story_id)
    if f.event_type:
        where.add("e.event = ?", f.event_type)
    if f.actor:
        ids = actor_ids(nw, f.actor)
        where.add("(list_has_any(e.actors, ?::VARCHAR[]) OR list_has_any(e.recipients, "
                  "?::VARCHAR[]))", ids, ids)
    if f.outlet:
        where.add("lower(a.outlet) = lower(trim(?))", f.outlet)
    if f.place_id:
        where.add("e.place_id = ?", f.place_id)
    if f.mode:
        where.add("e.mode = ?", f.mode)
    if f.country:
        where.add("e.place_id IN (SELECT id FROM places WHERE country = upper(trim(?)))",
                  f.country)
    if f.place:
        where.add("e.place_id IN (SELECT id FROM places WHERE name ILIKE ? ESCAPE '\\')",
                  like_pattern(f.place.strip()))
    if f.date_from:
        where.add("e.date >= ?", f.date_from)
    if f.date_to:
        where.add("e.date <= ?", f.date_to)
    if f.background is not None:
        where.add("e.background = ?", f.background)
    if f.min_confidence > 0:
        where.add(f"{nw.confidence_sql()} >= ?", f.min_confidence)
    return where


def _event_from(f: EventFilters) -> str:
    """The narrowest FROM that the filters need (joins only for outlet and story)."""
    return ("FROM events e" + (" JOIN articles a ON a.id = e.article_id" if f.outlet else "")
            + (" JOIN story_articles sa ON sa.article_id = e.article_id" if f.story_id else ""))


def count_events(nw: StoreReader, f: EventFilters) -> int:
    """How many events match the filters."""
    where = _event_where(nw, f)
    return nw.rows(f"SELECT count(*) AS n {_event_from(f)}{where.sql()}", where.params)[0]["n"]


def list_events(nw: StoreReader, f: EventFilters, *, limit: int | None, offset: int = 0
                ) -> list[dict[str, Any]]:
    """Events matching the filters in date order; ``limit=None`` returns them all (export)."""
    where = _event_where(nw, f)
    # Date, then storage order (each article's events were written together, in
    # text order). The page's row ids are picked on these narrow integer keys
    # first and only those rows' wide columns read: sorting every full row on
    # string keys took most of the time of a deep page on 100,000 events.
    order = "ORDER BY e.date NULLS LAST, e.rowid"
    params = list(where.params)
    page = f"SELECT e.rowid {_event_from(f)}{where.sql()} {order}"
    if limit is not None:
        page += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    picked = _EVENT_BASE.replace("FROM events e", "FROM (SELECT rowid AS rid, * FROM events "
                                                   f"WHERE rowid IN ({page})) e", 1)
    sql = f"SELECT {_event_columns(nw)} {picked} ORDER BY e.date NULLS LAST, e.rid"
    return nw.rows(sql, params)


# --- actors, places, positions, facts ------------------------------------------

def list_actors(nw: StoreReader, *, q: str | None, kind: str | None, limit: int, offset: int
                ) -> tuple[int, list[dict[str, Any]]]:
    """Canonical actors with their mention counts, most mentioned first."""
    where = _Where.new()
    if q:
        pattern = like_pattern(q)
        where.add("(a.name ILIKE ? ESCAPE '\\' OR a.id ILIKE ? ESCAPE '\\' OR "
                  "array_to_string(a.aliases, ' ') ILIKE ? ESCAPE '\\')",
                  pattern, pattern, pattern)
    if kind:
        where.add("a.kind = ?", kind)
    total = nw.rows(f"SELECT count(*) AS n FROM actors a{where.sql()}", where.params)[0]["n"]
    rows = nw.rows(
        "SELECT a.id AS actor_id, a.name, a.kind, a.country, a.sector, a.aliases, "
        "COALESCE(c.n, 0) AS mentions FROM actors a LEFT JOIN (SELECT am.canonical_id, "
        "count(*) AS n FROM mentions m JOIN actor_map am ON am.actor_id = m.actor_id "
        f"GROUP BY am.canonical_id) c ON c.canonical_id = a.id{where.sql()} "
        "ORDER BY mentions DESC, a.name, a.id LIMIT ? OFFSET ?", [*where.params, limit, offset])
    return total, rows


def actor_detail(nw: StoreReader, actor_id: str) -> dict[str, Any] | None:
    """One actor with its roles, events, positions and stories."""
    merges = _optional(nw, "actors", "actors", "merges", "JSON")
    evidence = _optional(nw, "actors", "actors", "country_evidence", "VARCHAR")
    rows = nw.rows("SELECT id AS actor_id, name, kind, country, sector, aliases, "
                   f"{merges}, {evidence} FROM actors WHERE id = ?", [actor_id])
    if not rows:
        return None
    actor = rows[0]
    actor["aliases"] = list(actor["aliases"] or [])
    actor["merges"] = list(actor["merges"] or [])
    ids = actor_ids(nw, actor_id)
    actor["roles"] = nw.rows(
        "SELECT r.role, r.text, r.date, r.start, r.\"end\", r.article_id, a.outlet, a.title "
        "FROM roles r JOIN articles a ON a.id = r.article_id "
        "WHERE list_contains(?::VARCHAR[], r.actor_id) ORDER BY r.role, a.published, a.outlet",
        [ids])
    actor["events"] = list_events(nw, EventFilters(actor=actor_id), limit=None)
    actor["positions"] = nw.rows(
        "SELECT p.id AS position_id, p.stance, p.object, p.text, p.certainty, p.start, "
        f"p.\"end\", {_object_span(nw)}, p.article_id, a.outlet, sa.story_id FROM positions p "
        "JOIN articles a ON a.id = p.article_id LEFT JOIN story_articles sa "
        "ON sa.article_id = p.article_id WHERE list_contains(?::VARCHAR[], p.party) "
        "ORDER BY p.stance, p.object, a.outlet", [ids])
    actor["stories"] = nw.rows(
        "SELECT s.id AS story_id, s.title, s.start, count(*) AS mentions FROM mentions m "
        "JOIN story_articles sa ON sa.article_id = m.article_id JOIN stories s "
        "ON s.id = sa.story_id WHERE list_contains(?::VARCHAR[], m.actor_id) "
        "GROUP BY s.id, s.title, s.start ORDER BY mentions DESC, s.id", [ids])
    return actor


def list_places(nw: StoreReader, *, story_id: str | None, q: str | None, limit: int, offset: int
                ) -> tuple[int, list[dict[str, Any]]]:
    """Resolved places with how many events happen there (per story when asked)."""
    where = _Where.new()
    if q:
        where.add("p.name ILIKE ? ESCAPE '\\'", like_pattern(q))
    if story_id:
        where.add("p.id IN (SELECT e.place_id FROM events e JOIN story_articles sa "
                  "ON sa.article_id = e.article_id WHERE sa.story_id = ?)", story_id)
    counts = ("(SELECT e.place_id, count(*) AS n FROM events e JOIN story_articles sa "
              "ON sa.article_id = e.article_id" + (" WHERE sa.story_id = ?" if story_id else "")
              + " GROUP BY e.place_id)")
    places = ("(SELECT id, any_value(name) AS name, any_value(country) AS country, "
              "any_value(lat) AS lat, any_value(lon) AS lon, any_value(feature_class) AS "
              "feature_class, max(population) AS population FROM places GROUP BY id)")
    total = nw.rows(f"SELECT count(*) AS n FROM {places} p{where.sql()}", where.params)[0]["n"]
    rows = nw.rows(
        "SELECT p.id AS place_id, p.name, p.country, p.lat, p.lon, p.feature_class, "
        f"p.population, COALESCE(c.n, 0) AS events FROM {places} p LEFT JOIN {counts} c "
        f"ON c.place_id = p.id{where.sql()} ORDER BY events DESC, p.name, p.id LIMIT ? OFFSET ?",
        [*([story_id] if story_id else []), *where.params, limit, offset])
    return total, rows


def list_positions(nw: StoreReader, *, story_id: str | None, party: str | None,
                   stance: str | None, limit: int, offset: int
                   ) -> tuple[int, list[dict[str, Any]]]:
    """Positions (who demands, rejects, offers or supports what), with outlet and story."""
    where = _Where.new()
    if story_id:
        where.add("sa.story_id = ?", story_id)
    if party:
        where.add("COALESCE(m.canonical_id, p.party) = ?", party)
    if stance:
        where.add("p.stance = ?", stance)
    base = ("FROM positions p JOIN articles a ON a.id = p.article_id "
            "LEFT JOIN story_articles sa ON sa.article_id = p.article_id "
            "LEFT JOIN actor_map m ON m.actor_id = p.party "
            "LEFT JOIN actors act ON act.id = COALESCE(m.canonical_id, p.party)" + where.sql())
    total = nw.rows(f"SELECT count(*) AS n {base}", where.params)[0]["n"]
    rows = nw.rows(
        "SELECT p.id AS position_id, COALESCE(m.canonical_id, p.party) AS party, "
        "act.name AS party_name, p.stance, p.object, p.text, p.certainty, p.start, p.\"end\", "
        f"{_object_span(nw)}, p.article_id, a.outlet, sa.story_id {base} "
        "ORDER BY sa.story_id, party, p.stance, p.id LIMIT ? OFFSET ?",
        [*where.params, limit, offset])
    return total, rows


def _object_span(nw: StoreReader) -> str:
    """The columns of a position's object span (``p``), NULL in files without them."""
    return ", ".join(_optional(nw, "positions", "p", c, "INTEGER")
                     for c in ("object_start", "object_end"))


def list_facts(nw: StoreReader, *, story_id: str | None, outlet: str | None,
               min_corroboration: int | None, background: bool | None, limit: int, offset: int
               ) -> tuple[int, list[dict[str, Any]]]:
    """Facts with outlets, mentions, corroboration counts and the ids of their conflicts."""
    where = _Where.new()
    if story_id:
        where.add("f.story_id = ?", story_id)
    if outlet:
        where.add(_HAS_OUTLET.format(outlets="f.outlets"), outlet)
    if min_corroboration is not None:
        where.add("f.corroboration >= ?", min_corroboration)
    if background is not None:
        where.add("f.background = ?", background)
    total = nw.rows(f"SELECT count(*) AS n FROM facts f{where.sql()}", where.params)[0]["n"]
    rows = nw.rows(
        "SELECT f.id AS fact_id, f.story_id, f.statement, f.outlets, f.corroboration, "
        "f.event_type, f.certainty, f.background, f.date, f.importance, f.mentions, "
        "COALESCE((SELECT list(c.id ORDER BY c.id) FROM conflicts c WHERE c.fact_id = f.id), "
        f"[]::VARCHAR[]) AS conflicts FROM facts f{where.sql()} "
        "ORDER BY f.story_id, f.importance DESC, f.id LIMIT ? OFFSET ?",
        [*where.params, limit, offset])
    return total, rows


def story_places(nw: StoreReader, story_id: str) -> list[dict[str, Any]]:
    """The places of one story's events, each with its event count, event types and
    GeoNames feature class (how precise the place is)."""
    return nw.rows(
        "SELECT p.id AS place_id, p.name, p.country, p.lat, p.lon, p.feature_class, "
        "count(*) AS events, list(DISTINCT e.event ORDER BY e.event) AS event_types "
        "FROM events e JOIN story_articles sa ON sa.article_id = e.article_id "
        "JOIN (SELECT id, any_value(name) AS name, any_value(country) AS country, "
        "any_value(lat) AS lat, any_value(lon) AS lon, any_value(feature_class) AS "
        "feature_class FROM places GROUP BY id) p "
        "ON p.id = e.place_id WHERE sa.story_id = ? AND p.lat IS NOT NULL AND p.lon IS NOT NULL "
        "GROUP BY p.id, p.name, p.country, p.lat, p.lon, p.feature_class "
        "ORDER BY events DESC, p.name", [story_id])


# --- the events explorer ---------------------------------------------------------

# the bins of the explorer's timeline, narrowest first: a bin of each is tried until
# the filtered events' date range needs at most this many of them
TIMELINE_UNITS = (("day", 1), ("week", 7), ("month", 31), ("year", 366))
MAX_TIMELINE_BINS = 120


@dataclass(slots=True)
class EventSpan:
    """How many events match, how many are dated, and their first and last dates."""

    total: int
    dated: int
    first: dt.date | None
    last: dt.date | None


def event_span(nw: StoreReader, f: EventFilters) -> EventSpan:
    """The number of matching events and the range of their dates, in one scan."""
    where = _event_where(nw, f)
    row = nw.rows(f"SELECT count(*) AS total, count(e.date) AS dated, min(e.date) AS first, "
                  f"max(e.date) AS last {_event_from(f)}{where.sql()}", where.params)[0]
    return EventSpan(row["total"], row["dated"], row["first"], row["last"])


def timeline_unit(first: dt.date | None, last: dt.date | None) -> str:
    """The narrowest bin (``day``, ``week``, ``month``, ``year``) giving at most
    ``MAX_TIMELINE_BINS`` bins between ``first`` and ``last``."""
    if first is None or last is None:
        return "day"
    days = (last - first).days + 1
    for unit, length in TIMELINE_UNITS:
        if days / length <= MAX_TIMELINE_BINS:
            return unit
    return "year"


def event_counts(nw: StoreReader, f: EventFilters, unit: str) -> list[dict[str, Any]]:
    """``[{bin, event, n}]``: dated matching events counted per bin and PLOVER type.

    Args:
        nw: the reader.
        f: the filters.
        unit: ``day``, ``week`` (from Monday), ``month`` or ``year``.
    """
    if unit not in dict(TIMELINE_UNITS):
        raise ValueError(f"unit must be one of {[u for u, _ in TIMELINE_UNITS]}, not {unit!r}")
    where = _event_where(nw, f)
    where.add("e.date IS NOT NULL")
    # the unit is one of four fixed words, checked above, never text from outside
    return nw.rows(f"SELECT CAST(date_trunc('{unit}', e.date) AS DATE) AS bin, e.event, "
                   f"count(*) AS n {_event_from(f)}{where.sql()} GROUP BY ALL ORDER BY bin, "
                   "e.event", where.params)


def event_places(nw: StoreReader, f: EventFilters) -> list[dict[str, Any]]:
    """The places of the matching events with their event counts, most events first."""
    where = _event_where(nw, f)
    where.add("e.place_id IS NOT NULL")
    return nw.rows(
        f"WITH counted AS (SELECT e.place_id, count(*) AS events {_event_from(f)}{where.sql()} "
        "GROUP BY e.place_id) SELECT c.place_id, p.name, p.country, p.lat, p.lon, "
        "p.feature_class, c.events FROM counted c JOIN (SELECT id, any_value(name) AS name, "
        "any_value(country) AS country, any_value(lat) AS lat, any_value(lon) AS lon, "
        "any_value(feature_class) AS feature_class FROM places GROUP BY id) p "
        "ON p.id = c.place_id WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
        "ORDER BY c.events DESC, p.name", where.params)


def explorer_options(nw: StoreReader) -> dict[str, list[Any]]:
    """The explorer's filter menus: event types, modes, countries of event places, outlets
    and the most-mentioned actors."""
    options = filter_options(nw)
    options["modes"] = [r["mode"] for r in nw.rows(
        "SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL ORDER BY mode")]
    # a country's name from its own place row where the gazetteer stored one
    options["countries"] = nw.rows(
        "SELECT p.country AS code, any_value(c.name) AS name FROM places p "
        "LEFT JOIN places c ON c.id = 'iso:' || p.country WHERE p.country IS NOT NULL "
        "AND p.id IN (SELECT DISTINCT place_id FROM events) GROUP BY p.country ORDER BY code")
    options["outlets"] = [r["outlet"] for r in nw.rows(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")]
    return options


def actor_names(nw: StoreReader, ids: list[str]) -> dict[str, dict[str, str]]:
    """``{per-article actor id: {id, name}}``: the canonical actor each id stands for."""
    if not ids:
        return {}
    rows = nw.rows("SELECT am.actor_id, a.id, a.name FROM actor_map am JOIN actors a "
                   "ON a.id = am.canonical_id WHERE am.actor_id IN (SELECT unnest(?::VARCHAR[]))",
                   [sorted(set(ids))])
    return {r["actor_id"]: {"id": r["id"], "name": r["name"]} for r in rows}
