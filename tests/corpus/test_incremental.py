"""The incremental corpus update: only new articles are compared and placed.

Articles are written straight into a real DuckDB store (no spaCy), then
:func:`update_corpus` runs on it, once over everything and again after more
articles arrive; :func:`rebuild_corpus` (from scratch) must reach what the
incremental path reached.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from newsweave.corpus.chrome.templates import repeated_paragraphs
from newsweave.corpus.stories import cluster, place
from newsweave.corpus.stories.cluster import StoryItem, cluster_stories
from newsweave.corpus.update import STAGES, rebuild_corpus, update_corpus
from newsweave.store import connect
from newsweave.store.writer import ArticleWriter
from tests.conftest import make_result

FOOTER = "Follow the Quillport Courier for hourly updates from the estuary."
FLOOD = ("The river Omberline burst its banks at Quillport on Tuesday.\n"
         "Rescuers from Vessany moved 340 families to the old grain hall.\n"
         "Mayor Tirelda Monsk asked the province for twelve pumps and a field kitchen.\n"
         "Water stood a metre deep along the Saltmarket for most of the afternoon.")
STRIKE = ("Tram drivers in Corvallen stopped work at dawn over unpaid night shifts.\n"
          "The Corvallen transit board offered a review of rosters by the end of May.\n"
          "Union leader Aspen Greywater said the walkout would last three days.\n"
          "Commuters crowded the ferries across the Dunmere channel instead.")


def _store(db: Path, bodies: list[tuple[str, str, str, dt.date]]) -> None:
    conn = connect(str(db))
    try:
        with ArticleWriter(conn) as writer:
            for article_id, outlet, body, day in bodies:
                result = make_result(body, outlet=outlet, published=day, article_id=article_id)
                # each event its own actor (make_result names the same one everywhere)
                actor = "org:" + article_id.split("-")[0]
                result.mentions[0].actor_id = result.actors[0].id = actor
                writer.write(result)
    finally:
        conn.close()


def _rebuild(db: Path, *, full: bool = False, on_stage=None):  # noqa: ANN202, ANN001
    conn = connect(str(db))
    try:
        if full:
            return rebuild_corpus(conn, on_stage=on_stage)
        return update_corpus(conn, on_stage=on_stage)
    finally:
        conn.close()


def _table(db: Path, sql: str) -> list[tuple]:
    conn = connect(str(db), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


DAY = dt.date(2031, 5, 20)
FIRST = [("flood-a", "Courier", FLOOD, DAY),
         ("strike-a", "Ledger", STRIKE, DAY)]
# a wire reprint: the credit line added, the last sentence dropped
REPRINT = ("flood-copy", "Gazette",
           "By the Estuary Wire\n" + "\n".join(FLOOD.split("\n")[:3]), DAY)
FOLLOW_UP = ("flood-b", "Beacon",
             "Floodwater from the Omberline covered the Saltmarket in Quillport overnight.\n"
             "About 340 families spent the night in the old grain hall, Vessany rescuers said.\n"
             "Tirelda Monsk, the mayor, repeated her call for pumps from the province.\n"
             "Six pumps arrived by evening, a provincial spokesman said.",
             DAY + dt.timedelta(days=1))


@pytest.mark.parametrize("large", [False, True], ids=["small-store", "large-store"])
def test_new_articles_join_stored_stories_and_copies_their_originals(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool) -> None:
    if large:
        # the path of a store too big to compare with whole: date window, candidate pairs
        monkeypatch.setattr(place, "DENSE_LIMIT", 1)
        monkeypatch.setattr(cluster, "DENSE_LIMIT", 1)
    db = tmp_path / "c.duckdb"
    _store(db, FIRST)
    first = _rebuild(db)
    assert (first.new, first.articles, first.stories) == (2, 2, 2)
    before = dict(_table(db, "SELECT article_id, story_id FROM story_articles"))

    _store(db, [REPRINT, FOLLOW_UP])
    second = _rebuild(db)
    after = dict(_table(db, "SELECT article_id, story_id FROM story_articles"))
    assert second.new == 2 and second.touched == 1
    assert {k: after[k] for k in before} == before
    assert after["flood-copy"] == after["flood-b"] == before["flood-a"]
    assert _table(db, "SELECT copy_id, original_id FROM duplicates") == [("flood-copy", "flood-a")]


def test_rerun_on_the_same_articles_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    _store(db, [*FIRST, REPRINT, FOLLOW_UP])
    started: list[str] = []
    first = _rebuild(db, on_stage=started.append)
    assert started == list(STAGES) == list(first.seconds)
    tables = ["story_articles", "stories", "facts", "conflicts", "duplicates",
              "dedupe_signatures", "dedupe_bands", "paragraphs", "actors"]
    before = {t: sorted(map(str, _table(db, f"SELECT * FROM {t}"))) for t in tables}
    again = _rebuild(db)
    assert (again.new, again.touched) == (0, 0)
    assert {t: sorted(map(str, _table(db, f"SELECT * FROM {t}"))) for t in tables} == before


def test_incremental_and_full_rebuild_agree(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    _store(db, FIRST)
    _rebuild(db)
    _store(db, [REPRINT, FOLLOW_UP])
    _rebuild(db)
    query = ("SELECT list(article_id ORDER BY article_id) FROM story_articles "
             "GROUP BY story_id ORDER BY 1")
    incremental = _table(db, query)
    copies = _table(db, "SELECT * FROM duplicates")
    full = _rebuild(db, full=True)
    assert _table(db, query) == incremental
    assert _table(db, "SELECT * FROM duplicates") == copies
    assert full.new == 4


def test_template_paragraphs_found_in_two_updates_match_a_search_over_all(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    bodies = [(f"courier-{i}", "Courier", f"{line}\n{FOOTER}", DAY)
              for i, line in enumerate(FLOOD.split("\n"))]
    _store(db, bodies[:2])
    _rebuild(db)
    # two articles are not yet a template (MIN_ARTICLES = 3)
    assert _table(db, "SELECT * FROM chrome_spans") == []

    _store(db, bodies[2:])
    summary = _rebuild(db)
    repeated, spans = repeated_paragraphs((a, o, b) for a, o, b, _ in bodies)
    assert sorted(_table(db, 'SELECT article_id, start, "end" FROM chrome_spans')) == \
        sorted((s.article_id, s.start, s.end) for s in spans)
    assert _table(db, "SELECT outlet, text, articles FROM repeated_lines") == \
        [("Courier", t, n) for t, n in repeated["Courier"].items()]
    # the first two articles' spans changed: their stories were corroborated again too
    assert summary.touched == len({s for (s,) in _table(db, "SELECT story_id FROM story_articles")})


# ---- clustering at scale: candidate pairs give the dense answer ----------------------

_SYLLABLES = ["ka", "lo", "mi", "ren", "tov", "sa", "zel", "dun", "bri", "ost", "val", "quen"]


def _invented_stories(n_stories: int, per_story: int, seed: int = 3) -> list[StoryItem]:
    """Reports of invented events: each story its own names, place, numbers and words."""
    rng = np.random.default_rng(seed)

    def word(k: int) -> str:
        return "".join(rng.choice(_SYLLABLES, k))

    items = []
    for s in range(n_stories):
        person, place = word(3).title(), word(2).title()
        topic = [word(3) for _ in range(6)]
        count = int(rng.integers(10, 900))
        day = dt.date(2031, 1, 1) + dt.timedelta(days=int(rng.integers(0, 60)))
        for k in range(per_story):
            picked = rng.choice(topic, 4, replace=False)
            body = (f"Officials said {person} reached {place} as {count} people waited. "
                    f"The {' '.join(picked)} drew comment from {word(2).title()}.")
            items.append(StoryItem(id=f"s{s:03d}-{k}", title=f"{place} {picked[0]}", body=body,
                                   published=day + dt.timedelta(days=int(k % 2))))
    return items


def test_blocked_clustering_equals_the_dense_clustering(monkeypatch: pytest.MonkeyPatch) -> None:
    items = _invented_stories(60, 4)
    dense = cluster_stories(items)
    monkeypatch.setattr(cluster, "DENSE_LIMIT", 10)
    blocked = cluster_stories(items)
    assert blocked == dense
    # and the stories are the invented ones
    assert len(set(dense.values())) == 60
