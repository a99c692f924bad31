"""Run the corpus stages over what the store holds and rewrite the corpus tables.

The corpus tables are derived data: they are rebuilt in one transaction, so a
reader never sees half of them and a re-run on the same articles gives the
same rows.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from newsweave.corpus.stories import StoryItem
from newsweave.records import Actor, Claim, Conflict, Event, Fact, Position, Quantity
from newsweave.store.writer import insert_rows

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class CorpusSummary:
    """Counts from one corpus rebuild."""

    articles: int
    duplicates: int
    stories: int
    facts: int
    conflicts: int
    actors: int


def story_id_for(key: str) -> str:
    """A stable story id from the story key (its earliest article's id)."""
    return "story-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def rebuild_corpus(conn: Any) -> CorpusSummary:
    """Dedupe, cluster into stories, merge actors and corroborate facts; store it all.

    Stories are incremental (see :func:`assign_stories`): stored articles keep
    their story, new ones join one or start their own.
    """
    from newsweave.corpus.chrome import inside, repeated_paragraphs
    from newsweave.corpus.corroborate import corroborate_story
    from newsweave.corpus.dedupe import DedupeItem, find_duplicates
    from newsweave.resolve.actors import merge_actors

    articles = _fetch(conn, "SELECT id, outlet, published, title, body FROM articles "
                            "ORDER BY published NULLS LAST, id")
    outlets = {a["id"]: a["outlet"] for a in articles}
    # Exact copies share one article id (the hash of the body) and are listed
    # as extra rows of `article_sources`; near copies are found here.
    near = find_duplicates([DedupeItem(id=a["id"], outlet=a["outlet"],
                                       published=a["published"], body=a["body"])
                            for a in articles], conn=conn)
    duplicates = dict(near)
    repeated, chrome = repeated_paragraphs(
        (a["id"], a["outlet"], a["body"]) for a in articles if a["id"] not in near)
    chrome_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in chrome:
        chrome_of[span.article_id].append((span.start, span.end))

    actor_map, actors = _canonical_actors(conn, merge_actors)
    items = story_items(conn, actor_map, articles)
    originals = [items[a["id"]] for a in articles if a["id"] not in near]
    story_of = assign_stories(originals, _stored_stories(conn))
    for copy_id, original_id in near.items():
        story_of[copy_id] = story_of.get(original_id) or story_id_for(original_id)

    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        members[story_of[a["id"]]].append(a)

    claims_by_article = _claims_by_article(conn, actor_map)
    positions_by_article = _positions_by_article(conn, actor_map)
    events_by_article = _events_by_article(conn)
    story_rows, link_rows, fact_rows, conflict_rows = [], [], [], []
    for story_id, group in sorted(members.items()):
        story_rows.append(_story_row(story_id, group, duplicates))
        link_rows.extend({"story_id": story_id, "article_id": a["id"]} for a in group)
        # Nothing is taken from an outlet's repeated template paragraphs.
        claims = [c for a in group for c in claims_by_article.get(a["id"], [])
                  if not inside(c.start, c.end, chrome_of[a["id"]])]
        positions = [p for a in group for p in positions_by_article.get(a["id"], [])
                     if not inside(p.start, p.end, chrome_of[a["id"]])]
        events = [e for a in group for e in events_by_article.get(a["id"], [])
                  if not inside(e.start, e.end, chrome_of[a["id"]])]
        facts, conflicts = corroborate_story(story_id, claims, positions, outlets, duplicates,
                                             events)
        fact_rows.extend(_fact_row(f) for f in facts)
        conflict_rows.extend(_conflict_row(c) for c in conflicts)

    tables = {
        "duplicates": [{"copy_id": c, "original_id": o} for c, o in sorted(duplicates.items())],
        "stories": story_rows,
        "story_articles": link_rows,
        "actors": [_actor_row(a) for a in actors],
        "actor_map": [{"actor_id": k, "canonical_id": v} for k, v in sorted(actor_map.items())],
        "facts": fact_rows,
        "conflicts": conflict_rows,
        "repeated_lines": [{"outlet": o, "text": t, "articles": n}
                           for o, lines in sorted(repeated.items())
                           for t, n in sorted(lines.items())],
        "chrome_spans": [{"article_id": c.article_id, "start": c.start, "end": c.end}
                         for c in chrome],
    }
    _replace_tables(conn, tables)
    return CorpusSummary(articles=len(articles), duplicates=len(duplicates),
                         stories=len(story_rows), facts=len(fact_rows),
                         conflicts=len(conflict_rows), actors=len(actors))


def assign_stories(items: list[StoryItem], stored: dict[str, str]) -> dict[str, str]:
    """Story ids for ``items``, keeping the stories already stored.

    Articles that already belong to a story stay in it, under the same story id;
    new articles join the stored story they are most alike (see
    :func:`~newsweave.corpus.stories.assign_to_stories`) or are clustered among
    themselves into new stories. Nothing already stored is reclustered, so a
    second run with more reports keeps every story id readers may have linked to.

    Args:
        items: the independent articles (copies excluded).
        stored: ``{article_id: story_id}`` from the store's ``story_articles``.

    Returns:
        ``{article_id: story_id}`` for every item.
    """
    from newsweave.corpus.stories import assign_to_stories, cluster_stories

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


def _stored_stories(conn: Any) -> dict[str, str]:
    rows = _fetch(conn, "SELECT article_id, story_id FROM story_articles ORDER BY article_id")
    return {r["article_id"]: r["story_id"] for r in rows}


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
    if actor_map is None:
        from newsweave.resolve.actors import merge_actors
        actor_map, _ = _canonical_actors(conn, merge_actors)
    if articles is None:
        articles = _fetch(conn, "SELECT id, title, body, published FROM articles ORDER BY id")
    per_article_actors: dict[str, set[str]] = defaultdict(set)
    per_article_places: dict[str, set[str]] = defaultdict(set)
    for row in _fetch(conn, "SELECT article_id, actor_id, place_id FROM mentions"):
        if row["actor_id"]:
            per_article_actors[row["article_id"]].add(actor_map.get(row["actor_id"],
                                                                    row["actor_id"]))
        if row["place_id"]:
            per_article_places[row["article_id"]].add(row["place_id"])
    return {a["id"]: StoryItem(id=a["id"], title=a["title"] or "", body=a["body"],
                               published=a["published"],
                               actors=sorted(per_article_actors[a["id"]]),
                               places=sorted(per_article_places[a["id"]]))
            for a in articles}


def _fetch(conn: Any, sql: str) -> list[dict[str, Any]]:
    cursor = conn.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _canonical_actors(conn: Any, merge_actors: Any) -> tuple[dict[str, str], list[Actor]]:
    rows = _fetch(conn, "SELECT id, name, kind, country, sector, aliases FROM actor_records "
                        "ORDER BY id, article_id")
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_id[row["id"]].append(row)
    firsts = [Actor(id=i, name=rs[0]["name"], kind=rs[0]["kind"],
                    country=_most_common(r["country"] for r in rs),
                    sector=_most_common(r["sector"] for r in rs),
                    aliases=sorted({al for r in rs for al in (r["aliases"] or [])}))
              for i, rs in by_id.items()]
    mapping = dict(merge_actors(firsts)) if firsts else {}
    for actor in firsts:
        mapping.setdefault(actor.id, actor.id)
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in firsts:
        groups[mapping[actor.id]].append(actor)
    canon = []
    for cid, group in sorted(groups.items()):
        head = next((a for a in group if a.id == cid), group[0])
        canon.append(Actor(
            id=cid, name=head.name, kind=head.kind,
            country=_most_common(a.country for a in group),
            sector=_most_common(a.sector for a in group),
            aliases=sorted({x for a in group for x in [a.name, *a.aliases]} - {head.name}),
        ))
    return mapping, canon


def _most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _quantities(raw: str | None) -> list[Quantity]:
    return [Quantity(**q) for q in json.loads(raw or "[]")]


def _claims_by_article(conn: Any, actor_map: dict[str, str]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = defaultdict(list)
    for r in _fetch(conn, "SELECT * FROM claims ORDER BY article_id, start"):
        out[r["article_id"]].append(Claim(
            id=r["id"], article_id=r["article_id"], start=r["start"], end=r["end"],
            text=r["text"], subject=actor_map.get(r["subject"], r["subject"]),
            predicate=r["predicate"], object=r["object"] or "", event_type=r["event_type"],
            actors=[actor_map.get(a, a) for a in (r["actors"] or [])],
            quantities=_quantities(r["quantities"]), certainty=r["certainty"],
            background=bool(r["background"]), date=r["date"],
            date_precision=r["date_precision"],
        ))
    return out


def _events_by_article(conn: Any) -> dict[str, list[Event]]:
    """The coded events (type, trigger and sentence span) that fact alignment reads."""
    out: dict[str, list[Event]] = defaultdict(list)
    for r in _fetch(conn, 'SELECT id, article_id, event, start, "end", text, trigger '
                          "FROM events ORDER BY article_id, start, id"):
        out[r["article_id"]].append(Event(id=r["id"], article_id=r["article_id"],
                                          event=r["event"], start=r["start"], end=r["end"],
                                          text=r["text"], trigger=r["trigger"] or ""))
    return out


def _positions_by_article(conn: Any, actor_map: dict[str, str]) -> dict[str, list[Position]]:
    out: dict[str, list[Position]] = defaultdict(list)
    for r in _fetch(conn, "SELECT * FROM positions ORDER BY article_id, start"):
        out[r["article_id"]].append(Position(
            id=r["id"], article_id=r["article_id"], party=actor_map.get(r["party"], r["party"]),
            stance=r["stance"], object=r["object"], start=r["start"], end=r["end"],
            text=r["text"], certainty=r["certainty"],
        ))
    return out


def _story_row(story_id: str, group: list[dict[str, Any]], duplicates: dict[str, str]
               ) -> dict[str, Any]:
    originals = [a for a in group if a["id"] not in duplicates] or group
    dates = [a["published"] for a in group if a["published"]]
    # The title of the earliest independent report names the story.
    head = originals[0]
    return {
        "id": story_id, "title": head["title"] or head["body"][:80],
        "start": min(dates) if dates else None, "end": max(dates) if dates else None,
        "article_ids": [a["id"] for a in group],
        "outlets": sorted({a["outlet"] for a in group}),
    }


def _fact_row(f: Fact) -> dict[str, Any]:
    return {
        "id": f.id, "story_id": f.story_id, "statement": f.statement, "outlets": f.outlets,
        "corroboration": f.corroboration, "event_type": f.event_type,
        "certainty": f.certainty, "background": f.background, "date": f.date,
        "importance": float(f.importance),
        "mentions": json.dumps([asdict(m) for m in f.mentions]),
    }


def _conflict_row(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id, "story_id": c.story_id, "kind": c.kind, "topic": c.topic,
        "fact_id": c.fact_id, "sides": json.dumps([asdict(s) for s in c.sides]),
    }


def _actor_row(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
            "sector": a.sector, "aliases": a.aliases}


def _replace_tables(conn: Any, tables: dict[str, list[dict[str, Any]]]) -> None:
    conn.execute("BEGIN TRANSACTION")
    try:
        for name, rows in tables.items():
            conn.execute(f"DELETE FROM {name}")
            if rows:
                insert_rows(conn, name, rows)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


