"""Copies found in the store: signatures kept per article, candidates by a band-key join.

The one implementation of the copy search: the corpus update runs it on the
store, and :func:`find_duplicates` runs the same functions on a private
in-memory store for a list of articles (what ``newsweave eval stories``
scores). Each article is signed once (:func:`store_signatures`: its MinHash, shingle
count and normalised length in ``dedupe_signatures``, its LSH band keys in
``dedupe_bands``), so an update compares new articles against stored
signatures without reading stored bodies again. :func:`new_duplicates` finds
the pairs that share a band key with a new article in a DuckDB join, verifies
each on its signatures (:func:`~newsweave.corpus.dedupe.minhash.is_copy`) and
names each group's original.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsweave.corpus.dedupe.minhash import (
    MinhashConfig,
    band_keys,
    find_root,
    is_copy,
    lsh_params,
    signature,
    union,
)
from newsweave.store.db import connect, ids_view
from newsweave.store.writer import insert_rows


@dataclass(slots=True)
class DedupeItem:
    """What dedupe needs to know about one article."""

    id: str
    outlet: str
    published: dt.date | None
    body: str


def find_duplicates(items: Sequence[DedupeItem], config: MinhashConfig | None = None
                    ) -> dict[str, str]:
    """Map each copy's id to the id of its original, as the corpus update would.

    The items go into a private in-memory store as new articles, are signed
    (:func:`store_signatures`) and compared (:func:`new_duplicates`): the code
    ``newsweave run`` runs, on these items alone.

    Args:
        items: the articles to compare; empty bodies are never duplicates, and
            an id given twice is one article (its first item counts).
        config: MinHash settings; ``MinhashConfig()`` when not given.

    Returns:
        ``{copy_id: original_id}``; originals and unique items are absent.
    """
    unique: dict[str, DedupeItem] = {}
    for item in items:
        unique.setdefault(item.id, item)
    if not unique:
        return {}
    conn = connect(":memory:")
    try:
        insert_rows(conn, "articles", [
            {"id": i.id, "outlet": i.outlet, "published": i.published, "body": i.body}
            for i in unique.values()])
        store_signatures(conn, [(i.id, i.body) for i in unique.values()], config)
        return new_duplicates(conn, set(unique), config)
    finally:
        conn.close()


def store_signatures(conn: Any, bodies: Sequence[tuple[str, str]],
                     config: MinhashConfig | None = None) -> None:
    """Sign each ``(article_id, body)`` and store its signature and LSH band keys.

    Args:
        conn: an open store connection (the caller owns the transaction).
        bodies: the articles to sign, none of them signed yet.
        config: MinHash settings; ``MinhashConfig()`` when not given. Every
            signature a store holds must use the same settings.
    """
    config = config or MinhashConfig()
    bands, rows = lsh_params(config)
    sig_rows: list[dict[str, Any]] = []
    band_rows: list[dict[str, Any]] = []
    for article_id, body in bodies:
        minhash, size, length = signature(body or "", config)
        sig_rows.append({"article_id": article_id, "shingles": size, "length": length,
                         "minhash": minhash.hashvalues.astype("<u8").tobytes()})
        if size:
            band_rows.extend({"article_id": article_id, "band": band, "key": key}
                             for band, key in band_keys(minhash, bands=bands, rows=rows))
    for table, table_rows in (("dedupe_signatures", sig_rows), ("dedupe_bands", band_rows)):
        if table_rows:
            insert_rows(conn, table, table_rows)


def update_duplicates(conn: Any, new_ids: set[str]) -> dict[str, str]:
    """Find the new articles that copy another (:func:`new_duplicates`) and store
    them in ``duplicates``; returns ``{copy_id: original_id}``."""
    copies = new_duplicates(conn, new_ids)
    if copies:
        insert_rows(conn, "duplicates", [{"copy_id": c, "original_id": o}
                                         for c, o in sorted(copies.items())])
    return copies


def new_duplicates(conn: Any, new_ids: set[str], config: MinhashConfig | None = None
                   ) -> dict[str, str]:
    """``{copy_id: original_id}`` for new articles that copy another article.

    Candidates are the pairs that share a band key with a new article (see
    :func:`candidate_pairs`), each verified on its signatures. Groups are the
    connected components of the verified pairs, so a chain of copies of copies
    ends in one group. A new copy of a stored article takes the stored
    article's original; a group of new articles takes its earliest published
    member, then the longest (normalised body), then the smallest id.

    Args:
        conn: an open store connection whose new articles are signed.
        new_ids: the articles to place; every other article is stored.
        config: the MinHash settings the signatures were made with.
    """
    config = config or MinhashConfig()
    pairs = candidate_pairs(conn, new_ids)
    if not pairs:
        return {}
    ids = {i for pair in pairs for i in pair}
    with ids_view(conn, "_nw_pair_ids", ids):
        signatures = {r[0]: (np.frombuffer(r[1], dtype="<u8"), r[2]) for r in conn.execute(
            "SELECT article_id, minhash, shingles FROM dedupe_signatures "
            "WHERE article_id IN (SELECT id FROM _nw_pair_ids)").fetchall()}
        info = {r[0]: r[1:] for r in conn.execute(
            "SELECT a.id, a.published, s.length FROM articles a "
            "JOIN dedupe_signatures s ON s.article_id = a.id "
            "WHERE a.id IN (SELECT id FROM _nw_pair_ids)").fetchall()}
        stored_original = dict(conn.execute(
            "SELECT copy_id, original_id FROM duplicates "
            "WHERE copy_id IN (SELECT id FROM _nw_pair_ids)").fetchall())
    parent = {i: i for i in ids}
    for a, b in pairs:
        if is_copy(*signatures[a], *signatures[b], config):
            union(parent, a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in sorted(ids):
        groups[find_root(parent, i)].append(i)

    def rank(m: str) -> tuple[dt.date, int, str]:
        # undated articles rank last: a dated one is more likely the source
        return (info[m][0] or dt.date.max, -(info[m][1] or 0), m)

    copies: dict[str, str] = {}
    for members in groups.values():
        fresh = [m for m in members if m in new_ids]
        if len(members) < 2 or not fresh:
            continue
        # a stored article stays what it is: new copies join its original
        stored = {stored_original.get(m, m) for m in members if m not in new_ids}
        original = min(stored or fresh, key=rank)
        copies.update({m: original for m in fresh if m != original})
    return dict(sorted(copies.items()))


# Members of one band bucket each new article is compared with: all of them in a
# bucket this small, else the bucket's first ones by id. A flood of wire copies
# puts thousands of articles in every bucket they share, and all their pairs
# (n^2 / 2 a band) ran the corpus stage out of memory; copies in one bucket agree
# on a whole band of their MinHash, so each meeting a few anchors joins them all.
MAX_BUCKET_ANCHORS = 32


def candidate_pairs(conn: Any, new_ids: set[str]) -> list[tuple[str, str]]:
    """LSH candidate pairs of the new articles: ids that share a ``(band, key)``.

    A join of ``dedupe_bands`` in DuckDB, restricted to pairs with a new
    article, so the work grows with the new articles, not with the store. In a
    bucket of more than :data:`MAX_BUCKET_ANCHORS` members, a new article is
    paired only with the bucket's first ``MAX_BUCKET_ANCHORS`` members by id, so
    a flood of copies costs pairs in proportion to its size.

    Returns:
        Sorted, distinct ``(id_a, id_b)`` pairs with ``id_a < id_b``.
    """
    if not new_ids:
        return []
    with ids_view(conn, "_nw_new", new_ids):
        return [tuple(pair) for pair in conn.execute(f"""
            WITH touched AS (
                SELECT DISTINCT band, key FROM dedupe_bands
                WHERE article_id IN (SELECT id FROM _nw_new)),
            members AS (
                SELECT b.band, b.key, b.article_id,
                       row_number() OVER (PARTITION BY b.band, b.key ORDER BY b.article_id)
                           AS rank
                FROM dedupe_bands b JOIN touched t ON b.band = t.band AND b.key = t.key),
            anchors AS (SELECT * FROM members WHERE rank <= {MAX_BUCKET_ANCHORS})
            SELECT DISTINCT least(a.article_id, m.article_id),
                            greatest(a.article_id, m.article_id)
            FROM members a JOIN anchors m ON a.band = m.band AND a.key = m.key
             AND a.article_id <> m.article_id
            WHERE a.article_id IN (SELECT id FROM _nw_new)
            ORDER BY 1, 2""").fetchall()]
