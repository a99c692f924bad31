"""Actors merged across articles: one canonical id per real actor, in the store.

Each article resolved its own actors (``actor_records``); this corpus stage
aggregates them per id in SQL (:func:`_actor_table`), merges spellings of one
actor across articles with :func:`~newsweave.resolve.actors.merge_actors`, and
writes ``actors`` (one row per canonical id) and ``actor_map`` (every id to
its canonical id), which the story and fact stages read.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from newsweave.records import Actor
from newsweave.store.rows import to_row
from newsweave.store.writer import insert_rows


def update_actors(conn: Any) -> dict[str, str]:
    """Merge actors across articles and store ``actors`` and ``actor_map``.

    Ids already stored keep their canonical id: a new spelling joins the group
    of a stored member under that member's id, so no stored fact changes its
    actor.

    Returns:
        ``{actor_id: canonical_id}`` for every actor id the store holds.
    """
    stored = dict(conn.execute("SELECT actor_id, canonical_id FROM actor_map").fetchall())
    mapping, table, votes = _canonical_actors(conn)
    if stored:
        groups: dict[str, list[str]] = defaultdict(list)
        for actor_id, canon in mapping.items():
            groups[canon].append(actor_id)
        for members in groups.values():
            keep = sorted(stored[m] for m in members if m in stored)
            for m in members:
                mapping[m] = stored.get(m) or (keep[0] if keep else mapping[m])
    actors = _actor_rows(table, mapping, votes)
    conn.execute("DELETE FROM actors")
    conn.execute("DELETE FROM actor_map")
    if actors:
        insert_rows(conn, "actors", actors)
    if mapping:
        insert_rows(conn, "actor_map", [{"actor_id": k, "canonical_id": v}
                                        for k, v in sorted(mapping.items())])
    return mapping


def _actor_table(conn: Any) -> tuple[list[Actor], dict[str, list[Actor]]]:
    """One record per actor id, aggregated in SQL over every article that names it.

    Name and kind come from its first article (by id); the sector is the most
    frequent non-empty value (ties: the one seen first); aliases are every alias
    any article gave it. The country is decided on evidence by
    :func:`~newsweave.resolve.actors.corpus_country` (stated countries before
    sentence guesses, an even split none), never by the order of article ids.
    """
    from newsweave.resolve.actors import corpus_country

    rows = conn.execute("""
        WITH base AS (SELECT id, first(name ORDER BY article_id, name) AS name,
                             first(kind ORDER BY article_id, name) AS kind,
                             list_sort(list_distinct(flatten(
                                 list(aliases) FILTER (WHERE aliases IS NOT NULL)))) AS aliases,
                             list(struct_pack(c := country, e := country_evidence))
                                 FILTER (WHERE coalesce(country, '') <> '') AS countries,
                             list(merges) FILTER (WHERE merges IS NOT NULL
                                                  AND merges::VARCHAR <> '[]') AS merges
                      FROM actor_records GROUP BY id),
             sectors AS (SELECT id, sector AS v, count(*) AS n, min(article_id) AS f
                         FROM actor_records WHERE coalesce(sector, '') <> ''
                         GROUP BY id, sector)
        SELECT base.id, base.name, base.kind, base.countries,
               (SELECT first(v ORDER BY n DESC, f, v) FROM sectors s WHERE s.id = base.id),
               base.aliases, base.merges
        FROM base ORDER BY base.id""").fetchall()
    actors = []
    votes_of: dict[str, list[Actor]] = {}
    for i, n, k, votes, sec, al, links in rows:
        records = _country_votes(i, votes)
        country = corpus_country(records, person=k == "person")
        actors.append(Actor(
            id=i, name=n, kind=k, country=country, sector=sec, aliases=list(al or []),
            country_evidence=_evidence_of(records, country), merges=_article_links(i, links)))
        votes_of[i] = records
    return actors, votes_of


def _country_votes(actor_id: str, votes: list[dict[str, Any]] | None) -> list[Actor]:
    """Per-article country records of one actor id (records written before the
    evidence was stored count as sentence guesses)."""
    return [Actor(id=actor_id, name="", kind="person", country=v["c"],
                  country_evidence=v["e"] or "sentence") for v in votes or []]


def _article_links(actor_id: str, links: list[Any] | None) -> list[dict[str, Any]]:
    """Each article's links of a mention to this actor id ("Senate" -> the article's
    one Senate, "John" -> the article's one John), counted over articles."""
    counts: Counter[tuple[str, str]] = Counter()
    for article in links or []:
        for link in json.loads(article) if isinstance(article, str) else article:
            counts[(link["mention"], link["reason"])] += 1
    return [{"actor_id": actor_id, "mention": m, "reason": r, "articles": n}
            for (m, r), n in sorted(counts.items())]


def _evidence_of(records: list[Actor], country: str | None) -> Any:
    """What the chosen country rests on: ``stated`` when any record states it."""
    if country is None:
        return None
    kinds = {r.country_evidence for r in records if r.country == country}
    return "stated" if "stated" in kinds else "sentence"


def merged_actor_map(conn: Any) -> dict[str, str]:
    """``{actor_id: canonical_id}`` from a fresh merge of every stored actor (nothing written)."""
    return _merged(_actor_table(conn)[0])


def _merged(actors: list[Actor]) -> dict[str, str]:
    from newsweave.resolve.actors import merge_actors

    mapping = dict(merge_actors(actors)) if actors else {}
    for actor in actors:
        mapping.setdefault(actor.id, actor.id)
    return mapping


def _canonical_actors(conn: Any) -> tuple[dict[str, str], list[Actor], dict[str, list[Actor]]]:
    """``({actor_id: canonical_id}, per-id actors, per-id country records)`` from a
    fresh merge of every actor."""
    actors, votes = _actor_table(conn)
    return _merged(actors), actors, votes


def _actor_rows(actors: list[Actor], mapping: dict[str, str],
                votes: dict[str, list[Actor]] | None = None) -> list[dict[str, Any]]:
    """The ``actors`` table: one row per canonical id, its members' names as aliases,
    the country its members' records give on evidence, and why each member merged."""
    from newsweave.resolve.actors import corpus_country, explain_merges

    votes = votes or {}
    merged = explain_merges(actors, mapping)
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        groups[mapping.get(actor.id, actor.id)].append(actor)
    rows = []
    for cid, group in sorted(groups.items()):
        head = next((a for a in group if a.id == cid), group[0])
        records = [r for a in group for r in votes.get(a.id, [a])]
        rows.append(to_row("actors", Actor(
            id=cid, name=head.name, kind=head.kind,
            country=(country := corpus_country(records, person=head.kind == "person")),
            sector=_most_common(a.sector for a in group),
            aliases=sorted({x for a in group for x in [a.name, *a.aliases]} - {head.name}),
            country_evidence=_evidence_of(records, country),
            merges=[m for a in group for m in a.merges] + merged.get(cid, []),
        )))
    return rows


def _most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
