"""Incremental stories through the real pipeline: a second run keeps story ids."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsweave import process
from newsweave.config import demo_corpus_dir, demo_gazetteer, get_settings
from newsweave.store import connect

FIRST = ["harbourlight-2031-06-03-ondravel-talks.html",
         "meridian-ledger-2031-06-03-ceasefire-talks.txt",
         "harbourlight-2031-05-24-saltreach-floods.txt",
         "northgate-2031-05-25-aubel-floods.html"]
SECOND = ["tidewater-2031-06-03-peace-talks.txt", "cobalt-2031-06-04-ondravel-talks.txt",
          "cobalt-2031-05-24-saltreach-rescue.txt", "northgate-2031-06-02-brannick-court.txt"]


def _stories(db: Path) -> dict[str, str]:
    conn = connect(str(db))
    try:
        rows = conn.execute("SELECT s.source_path, l.story_id FROM article_sources s "
                            "JOIN story_articles l ON l.article_id = s.article_id").fetchall()
    finally:
        conn.close()
    return {Path(path).name: story for path, story in rows}


def _copy(names: list[str], folder: Path) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(demo_corpus_dir() / name, folder / name)
    return folder


def test_second_run_keeps_story_ids_and_new_reports_join(tmp_path: Path) -> None:
    settings = get_settings().with_(gazetteers=(str(demo_gazetteer()),))
    db = tmp_path / "news.duckdb"
    process([_copy(FIRST, tmp_path / "first")], db=db, settings=settings)
    before = _stories(db)
    talks, floods = before[FIRST[0]], before[FIRST[2]]
    assert before[FIRST[1]] == talks and before[FIRST[3]] == floods and talks != floods

    process([_copy(SECOND, tmp_path / "second")], db=db, settings=settings)
    after = _stories(db)
    assert {name: after[name] for name in FIRST} == before
    assert after[SECOND[0]] == talks and after[SECOND[1]] == talks
    assert after[SECOND[2]] == floods
    # a report of another event starts a story of its own
    assert after[SECOND[3]] not in {talks, floods}
