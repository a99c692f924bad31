"""Run the corpus stages over what the store holds and update the corpus tables.

The corpus tables are derived data. :func:`update_corpus` updates them in one
transaction, so a reader never sees half of them, and a re-run on the same
articles changes nothing. The update is incremental: only articles not yet in
a story are signed, compared and placed, and only the stories they join (or
whose template paragraphs change) are corroborated again. State kept for that
(``dedupe_signatures``, ``dedupe_bands``, ``paragraphs``) lives in the store
next to the tables it explains. ``full=True`` clears it all and rebuilds from
scratch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from newsweave.corpus.stories import DEFAULT_MAX_DAYS, DENSE_LIMIT, KEY_MAX_ARTICLES, StoryItem
from newsweave.corpus.summary import CorpusSummary, corpus_counts, corpus_outdated
from newsweave.records import Actor, Claim, Event, Position, Story
from newsweave.store.db import query_rows
from newsweave.store.reader import claims_by_article, events_by_article, positions_by_article
from newsweave.store.rows import to_row
from newsweave.store.writer import insert_rows

LOGGER = logging.getLogger(__name__)

# Tables that only record how the corpus tables were reached (see the module doc).
STATE_TABLES = ("dedupe_signatures", "dedupe_bands", "paragraphs")
# Rebuilt from scratch on every update: small, and derived from every article.
WHOLE_TABLES = ("actors", "actor_map", "repeated_lines", "chrome_spans")
# Articles signed, or corroborated, per batch: bounds the memory of one step.
BATCH = 5000


def story_id_for(key: str) -> str:
    """A stable story id from the story key (its earliest article's id)."""
    return "story-" + hashlib.sha1(key.encode()).hexdigest()[:10]


# The corpus stages in the order they run (the keys of CorpusSummary.seconds).
STAGES = ("sign", "dedupe", "chrome", "actors", "stories", "corroborate")


def update_corpus(conn: Any, *, on_stage: Callable[[str], None] | None = None
                  ) -> CorpusSummary:
    """Bring the corpus tables up to date with the articles stored since the last
    update (what ``newsweave run`` does after storing): :func:`rebuild_corpus`
    with ``full=False``, or a full rebuild when the store predates a corpus
    table it should hold (:func:`~newsweave.corpus.summary.corpus_outdated`)."""
    return rebuild_corpus(conn, full=corpus_outdated(conn), on_stage=on_stage)


def rebuild_corpus(conn: Any, *, full: bool = True,
                   on_stage: Callable[[str], None] | None = None) -> CorpusSummary:
    """Dedupe, cluster into stories, merge actors and corroborate facts; store it all.

    New articles (those in no story yet) are signed and compared with every
    stored signature (near copies, via LSH band keys joined in DuckDB), placed
    into the stored stories of their dates or into new ones (see
    :func:`assign_stories`), and the stories they touch are corroborated
    again. Stored articles keep their story and their original.

    Args:
        conn: an open store connection.
        full: forget every derived table and state, and rebuild from scratch
            (stories are then reclustered, and their ids may change); False
            only updates (:func:`update_corpus` says so by its name).
        on_stage: called with each stage's name (see ``STAGES``) as it starts
            (progress display).

    Returns:
        Totals over the store after the update, with the number of new
        articles and of stories corroborated again.
    """
    conn.execute("BEGIN TRANSACTION")
    try:
        if full:
            for name in (*STATE_TABLES, "duplicates", "stories", "story_articles",
                         "facts", "conflicts", "story_positions", *WHOLE_TABLES):
                conn.execute(f"DELETE FROM {name}")
        seconds: dict[str, float] = {}
        new, touched = _update(conn, _Stopwatch(seconds, on_stage))
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return corpus_counts(conn, new=new, touched=touched, seconds=seconds)


class _Stopwatch:
    """Adds the time since the last lap to a named stage (for ``CorpusSummary.seconds``)."""

    def __init__(self, seconds: dict[str, float],
                 on_stage: Callable[[str], None] | None = None) -> None:
        self.seconds = seconds
        self.on_stage = on_stage
        self.last = time.perf_counter()
        if on_stage is not None:
            on_stage(STAGES[0])

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self.last, 3)
        self.last = now
        following = STAGES.index(stage) + 1
        if self.on_stage is not None and following < len(STAGES):
            self.on_stage(STAGES[following])


def _update(conn: Any, watch: _Stopwatch) -> tuple[int, int]:
    """The corpus update inside the caller's transaction; (new articles, touched stories)."""
    from newsweave.resolve.actors import merge_actors

    new = query_rows(conn, "SELECT id, outlet, published, title, body FROM articles "
                      "WHERE id NOT IN (SELECT article_id FROM story_articles) "
                      "ORDER BY published NULLS LAST, id")
    unsigned = _sign_articles(conn)
    watch.lap("sign")
    if not new and not unsigned:
        return 0, 0
    copies = _new_duplicates(conn, {a["id"] for a in new})
    if copies:
        insert_rows(conn, "duplicates", [{"copy_id": c, "original_id": o}
                                         for c, o in sorted(copies.items())])
    originals = [a for a in new if a["id"] not in copies]
    # A copy repeats its original by design: it is no evidence of a template.
    conn.execute("DELETE FROM paragraphs WHERE article_id IN (SELECT copy_id FROM duplicates)")
    watch.lap("dedupe")
    changed = _update_chrome(conn)
    watch.lap("chrome")
    actor_map = _update_actors(conn, merge_actors)
    watch.lap("actors")
    story_of = _place_articles(conn, actor_map, originals)
    stored_story = dict(conn.execute(
        "SELECT article_id, story_id FROM story_articles WHERE article_id IN "
        "(SELECT original_id FROM duplicates)").fetchall())
    for copy_id, original_id in copies.items():
        story_of[copy_id] = (story_of.get(original_id) or stored_story.get(original_id)
                             or story_id_for(original_id))
    if story_of:
        insert_rows(conn, "story_articles", [{"story_id": s, "article_id": a}
                                             for a, s in sorted(story_of.items())])
    touched = set(story_of.values()) | _stories_of(conn, changed)
    watch.lap("stories")
    _corroborate(conn, sorted(touched), actor_map)
    watch.lap("corroborate")
    return len(new), len(touched)


def _ids_table(conn: Any, name: str, ids: Iterable[str]) -> None:
    """Register ``ids`` as a one-column view ``name`` (column ``id``) for joins."""
    conn.register(name, pa.table({"id": pa.array(sorted(set(ids)), pa.string())}))


# ---- dedupe ------------------------------------------------------------------------


def _sign_articles(conn: Any) -> set[str]:
    """Sign every article without a stored signature; returns their ids.

    Each body's MinHash, its LSH band keys and its paragraph keys (for the
    outlet-template search) are stored, so later updates compare new articles
    against stored signatures without reading stored bodies again.
    """
    from newsweave.corpus.chrome import paragraph_key, paragraphs
    from newsweave.corpus.dedupe import MinhashConfig, band_keys, lsh_params, signature

    config = MinhashConfig()
    bands, rows = lsh_params(config)
    unsigned = [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM dedupe_signatures) "
        "ORDER BY id").fetchall()]
    for at in range(0, len(unsigned), BATCH):
        _ids_table(conn, "_nw_sign", unsigned[at:at + BATCH])
        try:
            # read the batch whole, then write: one statement per connection at a time
            batch = conn.execute("SELECT id, outlet, body FROM articles "
                                 "WHERE id IN (SELECT id FROM _nw_sign) ORDER BY id").fetchall()
        finally:
            conn.unregister("_nw_sign")
        sig_rows: list[dict[str, Any]] = []
        band_rows: list[dict[str, Any]] = []
        para_rows: list[dict[str, Any]] = []
        for article_id, outlet, body in batch:
            minhash, size, length = signature(body or "", config)
            sig_rows.append({"article_id": article_id, "shingles": size, "length": length,
                             "minhash": minhash.hashvalues.astype("<u8").tobytes()})
            if size:
                band_rows.extend({"article_id": article_id, "band": band, "key": key}
                                 for band, key in band_keys(minhash, bands=bands, rows=rows))
            para_rows.extend({"article_id": article_id, "outlet": outlet, "start": start,
                              "end": end, "hash": paragraph_key(text)}
                             for start, end, text in paragraphs(body or ""))
        for table, table_rows in (("dedupe_signatures", sig_rows), ("dedupe_bands", band_rows),
                                  ("paragraphs", para_rows)):
            if table_rows:
                insert_rows(conn, table, table_rows)
    return set(unsigned)


def _new_duplicates(conn: Any, new_ids: set[str]) -> dict[str, str]:
    """``{copy_id: original_id}`` for new articles that copy another article.

    Candidates are the pairs that share a band key with a new article (a
    DuckDB join on the stored keys), verified on their signatures as in
    :func:`~newsweave.corpus.dedupe.find_duplicates`. A new copy of a stored
    article takes the stored article's original; a group of new copies takes
    its earliest, then longest, member.
    """
    from newsweave.corpus.dedupe import MinhashConfig, find_root, is_copy, union

    if not new_ids:
        return {}
    config = MinhashConfig()
    _ids_table(conn, "_nw_new", new_ids)
    try:
        pairs = conn.execute("""
            SELECT DISTINCT least(a.article_id, b.article_id), greatest(a.article_id, b.article_id)
            FROM dedupe_bands a JOIN dedupe_bands b ON a.band = b.band AND a.key = b.key
             AND a.article_id <> b.article_id
            WHERE a.article_id IN (SELECT id FROM _nw_new)
            ORDER BY 1, 2""").fetchall()
    finally:
        conn.unregister("_nw_new")
    if not pairs:
        return {}
    ids = {i for pair in pairs for i in pair}
    _ids_table(conn, "_nw_pair_ids", ids)
    try:
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
    finally:
        conn.unregister("_nw_pair_ids")
    parent = {i: i for i in ids}
    for a, b in pairs:
        if is_copy(*signatures[a], *signatures[b], config):
            union(parent, a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in sorted(ids):
        groups[find_root(parent, i)].append(i)
    def rank(m: str) -> tuple[dt.date, int, str]:
        # as find_duplicates: earliest, then longest, then smallest id
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


# ---- outlet templates (chrome) ------------------------------------------------------


def _update_chrome(conn: Any) -> set[str]:
    """Recompute repeated paragraphs and chrome spans in SQL; ids whose spans changed."""
    from newsweave.corpus.chrome import MIN_ARTICLES, MIN_SHARE, normalise_paragraph

    before = set(conn.execute('SELECT article_id, start, "end" FROM chrome_spans').fetchall())
    conn.execute(f"""
        CREATE OR REPLACE TEMP TABLE _nw_repeated AS
        WITH per_outlet AS (SELECT outlet, count(DISTINCT article_id) AS n
                            FROM paragraphs GROUP BY outlet),
             per_key AS (SELECT outlet, hash, count(DISTINCT article_id) AS k,
                                min(article_id) AS example
                         FROM paragraphs GROUP BY outlet, hash)
        SELECT per_key.* FROM per_key JOIN per_outlet USING (outlet)
        WHERE k >= greatest({MIN_ARTICLES}, {MIN_SHARE} * n)""")
    spans = conn.execute("""
        SELECT p.article_id, p.start, p."end" FROM paragraphs p
        JOIN _nw_repeated r USING (outlet, hash) ORDER BY 1, 2""").fetchall()
    lines = conn.execute("""
        SELECT r.outlet, substring(a.body, p.start + 1, p."end" - p.start), r.k
        FROM _nw_repeated r JOIN paragraphs p
          ON p.outlet = r.outlet AND p.hash = r.hash AND p.article_id = r.example
        JOIN articles a ON a.id = p.article_id""").fetchall()
    conn.execute("DROP TABLE _nw_repeated")
    conn.execute("DELETE FROM chrome_spans")
    conn.execute("DELETE FROM repeated_lines")
    if spans:
        insert_rows(conn, "chrome_spans", [{"article_id": a, "start": s, "end": e}
                                           for a, s, e in spans])
    if lines:
        insert_rows(conn, "repeated_lines", [
            {"outlet": o, "text": normalise_paragraph(t), "articles": k}
            for o, t, k in sorted({(o, normalise_paragraph(t), k) for o, t, k in lines})])
    return {a for a, _, _ in before ^ set(spans)}


# ---- actors ------------------------------------------------------------------------


def _update_actors(conn: Any, merge_actors: Any) -> dict[str, str]:
    """Merge actors across articles; stored ids keep their canonical id."""
    stored = dict(conn.execute("SELECT actor_id, canonical_id FROM actor_map").fetchall())
    mapping, table, votes = _canonical_actors(conn, merge_actors)
    if stored:
        # A new spelling joins the group of a stored member under that
        # member's canonical id, so no stored fact changes its actor.
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


# ---- stories -----------------------------------------------------------------------


def _place_articles(conn: Any, actor_map: dict[str, str],
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
    _ids_table(conn, "_nw_new", [a["id"] for a in originals])
    try:
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
    finally:
        conn.unregister("_nw_new")
        conn.execute("DROP TABLE IF EXISTS _nw_window")


def _stories_of(conn: Any, article_ids: set[str]) -> set[str]:
    if not article_ids:
        return set()
    _ids_table(conn, "_nw_changed", article_ids)
    try:
        return {r[0] for r in conn.execute(
            "SELECT DISTINCT story_id FROM story_articles "
            "WHERE article_id IN (SELECT id FROM _nw_changed)").fetchall()}
    finally:
        conn.unregister("_nw_changed")


# ---- corroboration -----------------------------------------------------------------


def _corroborate(conn: Any, story_ids: list[str], actor_map: dict[str, str]) -> None:
    """Rewrite the story rows, facts and conflicts of ``story_ids``, a batch at a time."""
    from newsweave.corpus.facts.corroborate import corroborate_story, merge_positions

    if not story_ids:
        return
    _ids_table(conn, "_nw_touched", story_ids)
    try:
        for table, column in (("stories", "id"), ("facts", "story_id"),
                              ("conflicts", "story_id"), ("story_positions", "story_id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _nw_touched)")
        sizes = conn.execute("SELECT story_id, count(*) FROM story_articles WHERE story_id IN "
                             "(SELECT id FROM _nw_touched) GROUP BY 1 ORDER BY 1").fetchall()
    finally:
        conn.unregister("_nw_touched")
    for batch in _batches(sizes, BATCH):
        _ids_table(conn, "_nw_batch", batch)
        try:
            data = _batch_data(conn, actor_map)
        finally:
            conn.unregister("_nw_batch")
        story_rows, fact_rows, conflict_rows, position_rows = [], [], [], []
        for story_id in batch:
            group = data.members[story_id]
            ids = [a["id"] for a in group]
            outlets = {a["id"]: a["outlet"] for a in group}
            positions = _outside_chrome(data.positions, ids, data.chrome)
            story_rows.append(_story_row(story_id, group, data.duplicates))
            facts, conflicts = corroborate_story(
                story_id, _outside_chrome(data.claims, ids, data.chrome), positions,
                outlets, data.duplicates, _outside_chrome(data.events, ids, data.chrome),
                published={a["id"]: a["published"] for a in group})
            fact_rows.extend(to_row("facts", f) for f in facts)
            conflict_rows.extend(to_row("conflicts", c) for c in conflicts)
            position_rows.extend(
                {**merged, "story_id": story_id, "objects": json.dumps(merged["objects"]),
                 "position_ids": json.dumps(merged["position_ids"]),
                 "evidence": json.dumps(merged["evidence"], ensure_ascii=False)}
                for merged in merge_positions(positions, outlets, duplicates=data.duplicates))
        for table, rows in (("stories", story_rows), ("facts", fact_rows),
                            ("conflicts", conflict_rows), ("story_positions", position_rows)):
            if rows:
                insert_rows(conn, table, rows)


def _outside_chrome(records: dict[str, list[Any]], article_ids: list[str],
                    chrome: dict[str, list[tuple[int, int]]]) -> list[Any]:
    """The articles' records, in article order, except those inside template paragraphs."""
    from newsweave.corpus.chrome import inside

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


def _batch_data(conn: Any, actor_map: dict[str, str]) -> _BatchData:
    """Read the articles, claims, positions and events of the stories in ``_nw_batch``."""
    def in_batch(column: str = "article_id") -> str:
        return (f"{column} IN (SELECT article_id FROM story_articles "
                "WHERE story_id IN (SELECT id FROM _nw_batch))")

    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in query_rows(conn, """
            SELECT sa.story_id, a.id, a.outlet, a.published, a.title, left(a.body, 80) AS body
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
        events=events_by_article(conn, in_batch()))


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
    from newsweave.resolve.actors import merge_actors, story_key

    if actor_map is None:
        actor_map = _merged(_actor_table(conn)[0], merge_actors)
    if articles is None:
        articles = query_rows(conn, "SELECT id, title, body, published FROM articles ORDER BY id")
    _ids_table(conn, "_nw_items", [a["id"] for a in articles])
    try:
        # one row per article, its distinct ids listed by DuckDB
        entities = {r[0]: (r[1], r[2]) for r in conn.execute("""
            SELECT article_id, list(DISTINCT actor_id) FILTER (WHERE actor_id IS NOT NULL),
                   list(DISTINCT place_id) FILTER (WHERE place_id IS NOT NULL)
            FROM mentions WHERE article_id IN (SELECT id FROM _nw_items)
            GROUP BY article_id""").fetchall()}
    finally:
        conn.unregister("_nw_items")
    items = {}
    for a in articles:
        actors, places = entities.get(a["id"], (None, None))
        items[a["id"]] = StoryItem(
            id=a["id"], title=a["title"] or "", body=a["body"], published=a["published"],
            actors=sorted({story_key(actor_map.get(x, x)) for x in actors or []}),
            places=sorted(places or []))
    return items


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


def _merged(actors: list[Actor], merge_actors: Any) -> dict[str, str]:
    mapping = dict(merge_actors(actors)) if actors else {}
    for actor in actors:
        mapping.setdefault(actor.id, actor.id)
    return mapping


def _canonical_actors(conn: Any, merge_actors: Any
                      ) -> tuple[dict[str, str], list[Actor], dict[str, list[Actor]]]:
    """``({actor_id: canonical_id}, per-id actors, per-id country records)`` from a
    fresh merge of every actor."""
    actors, votes = _actor_table(conn)
    return _merged(actors, merge_actors), actors, votes


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


def _story_row(story_id: str, group: list[dict[str, Any]], duplicates: dict[str, str]
               ) -> dict[str, Any]:
    originals = [a for a in group if a["id"] not in duplicates] or group
    dates = [a["published"] for a in group if a["published"]]
    # The title of the earliest independent report names the story.
    head = originals[0]
    return to_row("stories", Story(
        id=story_id, title=head["title"] or head["body"][:80],
        start=min(dates) if dates else None, end=max(dates) if dates else None,
        article_ids=[a["id"] for a in group], outlets=sorted({a["outlet"] for a in group})))
