"""Run the corpus stages in order over what the store holds, in one transaction.

The corpus tables are derived data. :func:`update_corpus` updates them in one
transaction, so a reader never sees half of them, and a re-run on the same
articles changes nothing. The update is incremental: only articles not yet in
a story are signed, compared and placed, and only the stories they join (or
whose template paragraphs change) are corroborated again. State kept for that
(``dedupe_signatures``, ``dedupe_bands``, ``paragraphs``) lives in the store
next to the tables it explains. :func:`rebuild_corpus` clears it all and
rebuilds from scratch.

Each stage is a folder holding its algorithm and its SQL, in flow order:
:mod:`~newsweave.corpus.dedupe`, :mod:`~newsweave.corpus.chrome`,
:mod:`~newsweave.corpus.actors`, :mod:`~newsweave.corpus.stories`,
:mod:`~newsweave.corpus.facts`. This module only orders them, and signs new
articles for the first two in one read of their bodies.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from newsweave.corpus.actors.merge import update_actors
from newsweave.corpus.chrome.templates import store_paragraphs, update_chrome
from newsweave.corpus.dedupe.copies import store_signatures, update_duplicates
from newsweave.corpus.facts.rewrite import corroborate_stories
from newsweave.corpus.stories.place import place_articles, stories_of
from newsweave.corpus.summary import CorpusSummary, corpus_counts, corpus_outdated
from newsweave.store.db import ids_view, query_rows, rollback

# Tables that only record how the corpus tables were reached (see the module doc).
STATE_TABLES = ("dedupe_signatures", "dedupe_bands", "paragraphs")
# Rebuilt from scratch on every update: small, and derived from every article.
WHOLE_TABLES = ("actors", "actor_map", "repeated_lines", "chrome_spans")
# Every corpus table, cleared by a rebuild.
CORPUS_TABLES = (*STATE_TABLES, "duplicates", "stories", "story_articles",
                 "facts", "conflicts", "story_positions", *WHOLE_TABLES)
# Articles signed per batch: bounds the memory of one step.
BATCH = 5000

# The corpus stages in the order they run (the keys of CorpusSummary.seconds).
STAGES = ("sign", "dedupe", "chrome", "actors", "stories", "corroborate")


def update_corpus(conn: Any, *, on_stage: Callable[[str], None] | None = None
                  ) -> CorpusSummary:
    """Bring the corpus tables up to date with the articles stored since the last
    update (what ``newsweave run`` does after storing).

    New articles (those in no story yet) are signed and compared with every
    stored signature (near copies, via LSH band keys joined in DuckDB), placed
    into the stored stories of their dates or into new ones (see
    :func:`~newsweave.corpus.stories.place.assign_stories`), and the stories
    they touch are corroborated again. Stored articles keep their story and
    their original. A store that predates a corpus table it should hold
    (:func:`~newsweave.corpus.summary.corpus_outdated`) is rebuilt instead.

    Args:
        conn: an open store connection.
        on_stage: called with each stage's name (see ``STAGES``) as it starts
            (progress display).

    Returns:
        Totals over the store after the update, with the number of new
        articles and of stories corroborated again.
    """
    return _run(conn, full=corpus_outdated(conn), on_stage=on_stage)


def rebuild_corpus(conn: Any, *, on_stage: Callable[[str], None] | None = None
                   ) -> CorpusSummary:
    """Forget every corpus table and its state, and rebuild them from scratch.

    Every article is new again: stories are reclustered, and their ids may
    change. Arguments and result as :func:`update_corpus`.
    """
    return _run(conn, full=True, on_stage=on_stage)


def _run(conn: Any, *, full: bool, on_stage: Callable[[str], None] | None) -> CorpusSummary:
    """The update (after clearing every corpus table when ``full``) in one transaction."""
    conn.execute("BEGIN TRANSACTION")
    try:
        if full:
            for name in CORPUS_TABLES:
                conn.execute(f"DELETE FROM {name}")
        seconds: dict[str, float] = {}
        new, touched = _update(conn, _Stopwatch(seconds, on_stage))
        conn.execute("COMMIT")
    except BaseException:
        # Ctrl-C too: the stages' half-done work goes, the stored articles stay
        rollback(conn)
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
    new = query_rows(conn, "SELECT id, outlet, published, title, body FROM articles "
                      "WHERE id NOT IN (SELECT article_id FROM story_articles) "
                      "ORDER BY published NULLS LAST, id")
    unsigned = _sign_articles(conn)
    watch.lap("sign")
    if not new and not unsigned:
        return 0, 0
    copies = update_duplicates(conn, {a["id"] for a in new})
    watch.lap("dedupe")
    changed = update_chrome(conn)
    watch.lap("chrome")
    actor_map = update_actors(conn)
    watch.lap("actors")
    story_of = place_articles(conn, actor_map, [a for a in new if a["id"] not in copies],
                              copies)
    touched = set(story_of.values()) | stories_of(conn, changed)
    watch.lap("stories")
    corroborate_stories(conn, sorted(touched), actor_map)
    watch.lap("corroborate")
    return len(new), len(touched)


def _sign_articles(conn: Any) -> set[str]:
    """Sign every article without a stored signature, for dedupe and chrome; their ids.

    One read of each batch's bodies serves both stages' signatures (MinHash
    and band keys, paragraph keys), so later updates compare new articles
    against what is stored without reading stored bodies again.
    """
    unsigned = [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM dedupe_signatures) "
        "ORDER BY id").fetchall()]
    for at in range(0, len(unsigned), BATCH):
        with ids_view(conn, "_nw_sign", unsigned[at:at + BATCH]):
            # read the batch whole, then write: one statement per connection at a time
            batch = conn.execute("SELECT id, outlet, body FROM articles "
                                 "WHERE id IN (SELECT id FROM _nw_sign) ORDER BY id").fetchall()
        store_signatures(conn, [(article_id, body) for article_id, _, body in batch])
        store_paragraphs(conn, batch)
    return set(unsigned)
