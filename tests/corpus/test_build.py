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


def _reports(tmp_path: Path, titles: list[str | None]) -> Path:
    """Two invented reports of one event, with the given titles (None: no title)."""
    import json

    bodies = [
        ("Port Elin has shipped grain from its four terminals since 1890. The harbour "
         "authority of Port Elin agreed on Friday to give the dockworkers of all four "
         "terminals a raise of nine percent, ending a strike that had halted the grain ships "
         "for two weeks. Teodor Halvane, who leads the union, said work would resume on "
         "Monday."),
        # a first sentence longer than the part of a body the stage reads for titles
        ("The walkout by the dockworkers of Port Elin was the longest at the harbour in more "
         "than a decade, union members said on the quay. "
         "Dockworkers in Port Elin ended their two-week strike on Friday after the harbour "
         "authority agreed to a raise of nine percent for the dockworkers of all four "
         "terminals, union leader Teodor Halvane said. Work resumes on Monday."),
    ]
    path = tmp_path / "reports.jsonl"
    lines = []
    for n, (body, title) in enumerate(zip(bodies, titles)):
        item = {"id": f"r{n}", "outlet": ["Coastline Daily", "The Northern Ledger"][n],
                "published": "2031-03-14", "text": body}
        if title is not None:
            item["title"] = title
        lines.append(json.dumps(item))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _titles(db: Path) -> list[str]:
    conn = connect(str(db))
    try:
        return [row[0] for row in conn.execute("SELECT title FROM stories").fetchall()]
    finally:
        conn.close()


def test_a_story_of_reports_without_headlines_is_titled_by_its_main_fact(tmp_path: Path) -> None:
    db = tmp_path / "untitled.duckdb"
    process([_reports(tmp_path, [None, None])], db=db)
    [title] = _titles(db)
    conn = connect(str(db))
    try:
        [(corroborated,)] = conn.execute(
            "SELECT statement FROM facts WHERE corroboration = 2 AND statement LIKE "
            "'%nine percent%'").fetchall()
    finally:
        conn.close()
    # not the cleaner's title (one report's first sentence, on the port's history
    # or the walkout's length) but the fact both outlets report
    assert title.rstrip("…") in corroborated


def test_a_story_keeps_the_headline_one_report_has(tmp_path: Path) -> None:
    db = tmp_path / "titled.duckdb"
    process([_reports(tmp_path, [None, "Port Elin dockers end strike after nine percent raise"])],
            db=db)
    assert _titles(db) == ["Port Elin dockers end strike after nine percent raise"]
