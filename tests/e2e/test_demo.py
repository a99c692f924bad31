"""End to end on the bundled demo corpus: the grouping it was written to have."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from newsweave import Newsweave, process
from newsweave.config import demo_corpus_dir
from newsweave.store import connect, table_counts
from tests.e2e._signals import terminal_ctrl_c

EXPECTED = json.loads((demo_corpus_dir() / "expected.json").read_text(encoding="utf-8"))


def _key(source_id: str) -> str:
    """Files are named by file name in expected.json, JSONL lines by their id."""
    return Path(source_id).name if ("/" in source_id or "\\" in source_id) else source_id


def test_every_demo_report_is_stored(demo_db):
    expected = {s for members in EXPECTED["stories"].values() for s in members}
    conn = connect(demo_db, read_only=True)
    stored = {_key(s) for (s,) in conn.execute("SELECT source_id FROM article_sources").fetchall()}
    conn.close()
    assert stored == expected


def test_story_grouping_matches_the_corpus_design(demo_db):
    with Newsweave(demo_db) as nw:
        rows = nw.rows("SELECT s.story_id, src.source_id FROM story_articles s "
                       "JOIN article_sources src ON src.article_id = s.article_id")
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[row["story_id"]].add(_key(row["source_id"]))
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, EXPECTED["stories"].values()))


def test_syndicated_copy_is_marked_as_a_copy(demo_db):
    with Newsweave(demo_db) as nw:
        rows = nw.rows("SELECT c.source_id AS copy, o.source_id AS original FROM duplicates d "
                       "JOIN articles c ON c.id = d.copy_id JOIN articles o ON o.id = d.original_id")
    pairs = {(_key(r["copy"]), _key(r["original"])) for r in rows}
    for item in EXPECTED["syndicated"]:
        assert (item["copy"], item["original"]) in pairs


def test_copy_never_raises_corroboration(demo_db):
    with Newsweave(demo_db) as nw:
        copies = {r["copy_id"] for r in nw.rows("SELECT copy_id FROM duplicates")}
        outlets = {r["id"]: r["outlet"] for r in nw.rows("SELECT id, outlet FROM articles")}
        for fact in nw.facts():
            independent = {m["outlet"] for m in fact["mentions"] if m["article_id"] not in copies}
            assert fact["corroboration"] == len(independent)
            assert all(outlets[m["article_id"]] == m["outlet"] for m in fact["mentions"])


def test_main_story_brief_has_corroboration_and_a_conflict(demo_db):
    with Newsweave(demo_db) as nw:
        main = nw.stories()[0]
        data = json.loads(nw.brief(main.id, "json"))
        markdown = nw.brief(main.id)
    assert any(f["corroboration"] >= 2 and len(f["outlets"]) >= 2 for f in data["facts"])
    assert data["conflicts"], "the main story should show at least one difference"
    assert all(len({s["outlet"] for s in c["sides"]}) >= 2 for c in data["conflicts"])
    assert data["positions"] and data["timeline"]
    for heading in ("### Facts", "### Where the outlets differ", "### Positions", "### Timeline"):
        assert heading in markdown


def test_unrelated_headlines_yield_no_event_or_fact(demo_db):
    with Newsweave(demo_db) as nw:
        texts = [r["text"] for r in nw.rows("SELECT text FROM events UNION ALL "
                                            "SELECT text FROM claims")]
    for headline in EXPECTED["unrelated_headlines"]:
        assert not any(headline.strip() in t for t in texts), headline


def test_rerun_changes_no_row_count(demo_db, tmp_path):
    db = tmp_path / "rerun.duckdb"  # a copy: the session's demo store is only read
    shutil.copyfile(demo_db, db)
    if Path(f"{demo_db}.wal").exists():
        shutil.copyfile(f"{demo_db}.wal", f"{db}.wal")
    conn = connect(db, read_only=True)
    before = table_counts(conn)
    conn.close()
    report = process(None, db=db)
    assert report.added == 0 and report.errors == []
    conn = connect(db, read_only=True)
    after = table_counts(conn)
    conn.close()
    assert after == before


def test_the_60_day_outlet_is_not_credited_with_the_30_day_fact(demo_db):
    """Issue 15: the Ledger gives a 60-day ceasefire, the others a 30-day one."""
    with Newsweave(demo_db) as nw:
        data = json.loads(nw.brief(nw.stories()[0].id, "json"))
    facts = data["facts"] + data.get("more_facts", [])
    thirty = [f for f in facts if "30-day ceasefire" in f["statement"]]
    sixty = [f for f in facts if "60-day ceasefire" in f["statement"]]
    assert thirty and sixty
    assert all("The Meridian Ledger" not in f["outlets"] for f in thirty)
    assert any("The Meridian Ledger" in f["outlets"] for f in sixty)
    clash = [c for c in data["conflicts"] if c["kind"] == "number"
             and {s["value"] for s in c["sides"]} >= {"30-day", "60-day"}]
    assert clash


def _story_of(nw: Newsweave, name: str) -> str:
    """The stored story id of a story of expected.json (the one holding its reports)."""
    members = set(EXPECTED["stories"][name])
    rows = nw.rows("SELECT s.story_id, src.source_id FROM story_articles s "
                   "JOIN article_sources src ON src.article_id = s.article_id")
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[row["story_id"]].add(_key(row["source_id"]))
    return next(story for story, sources in found.items() if sources == members)


def _names(statement: str) -> set[str]:
    """The capitalised words of an expected statement: what its fact must name."""
    return {w for w in statement.split() if w[:1].isupper()}


def test_coverage_shows_the_omission_the_corpus_was_written_to_have(demo_db):
    """Issue 19: the Tidewater Dispatch never says who leads the Maldrenian delegation."""
    assert EXPECTED["omissions"]
    with Newsweave(demo_db) as nw:
        for item in EXPECTED["omissions"]:
            data = json.loads(nw.brief(_story_of(nw, item["story"]), "json"))
            markdown = nw.brief(_story_of(nw, item["story"]))
            coverage = data["coverage"]
            rows = [r for r in coverage["facts"]
                    if _names(item["statement"]) <= set(r["statement"].replace(".", "").split())]
            assert rows, item["statement"]
            row = rows[0]
            assert row["cells"][item["outlet"]] == "left_out"
            assert {o for o, c in row["cells"].items() if c in ("first", "reported")} == set(
                item["reported_by"])
            left = next(o for o in coverage["omissions"] if o["outlet"] == item["outlet"])
            # the omission four others report leads the outlet's list
            assert left["facts"][0]["fact_id"] == row["fact_id"]
            assert f"Left out by **{item['outlet']}**: {row['label']}" in markdown


def test_a_rerun_with_nothing_new_loads_no_corpus_stage(demo_db, tmp_path):
    """Issue 18: the corpus stages' libraries take longer to import than the rest
    of a re-run; with nothing new and the corpus tables current they are skipped."""
    import subprocess
    import sys

    db = tmp_path / "rerun.duckdb"
    shutil.copyfile(demo_db, db)
    if Path(f"{demo_db}.wal").exists():
        shutil.copyfile(f"{demo_db}.wal", f"{db}.wal")
    code = ("import sys; from newsweave import process; r = process(None, db=sys.argv[1]); "
            "print(r.added, r.corpus.stories, any(m.startswith('newsweave.corpus.') "
            "and m != 'newsweave.corpus.summary' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                         text=True, check=True).stdout.split()
    conn = connect(db, read_only=True)
    stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    conn.close()
    assert out == ["0", str(stories), "False"]


def test_articles_stored_without_the_corpus_stages_are_placed_by_the_next_run(tmp_path):
    db = tmp_path / "later.duckdb"
    first = process(None, db=db, corpus=False)
    assert first.added > 0 and first.corpus is None
    second = process(None, db=db)
    assert second.added == 0 and second.corpus is not None and second.corpus.new == first.added
    assert second.corpus.stories > 0


def test_ctrl_c_in_the_corpus_stages_keeps_the_articles_and_the_next_run_finishes(tmp_path):
    """Ctrl-C while the corpus stages run Python code (not a DuckDB statement):
    the run says what it stored, the stages' half-done work is rolled back, and
    the same run again places the stored articles. Interrupted as the last stage
    starts, when the others have written the most."""
    stage = "corroborate"
    from newsweave.api import RunInterrupted

    def interrupt(name: str) -> None:
        if name == stage:
            raise KeyboardInterrupt

    db = tmp_path / "cut.duckdb"
    with pytest.raises(RunInterrupted) as caught:
        process(None, db=db, on_stage=interrupt)
    added = caught.value.report.added
    assert added > 0
    conn = connect(db, read_only=True)
    counts = table_counts(conn)
    conn.close()
    assert counts["articles"] == added
    assert counts["stories"] == 0 and counts["duplicates"] == 0
    again = process(None, db=db)
    assert again.added == 0 and again.corpus is not None and again.corpus.new == added
    assert again.corpus.stories > 0


def test_a_ctrl_c_that_code_below_swallows_still_stops_the_run(tmp_path):
    """A Ctrl-C whose KeyboardInterrupt something below the run swallows (a
    library's catch-all, DuckDB turning it into an error that a handler for bad
    input takes) is not lost: the run stops at the next article with what it
    stored, as for any Ctrl-C. Here the callback stands for that code: it gets
    the SIGINT and swallows the KeyboardInterrupt."""
    import os
    import signal

    from newsweave.api import RunInterrupted

    seen: list[object] = []

    def swallow(item: object) -> None:
        seen.append(item)
        if len(seen) == 3:
            try:
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(1000):  # the handler runs between two bytecodes
                    pass
            except KeyboardInterrupt:
                pass  # swallowed below the run

    db = tmp_path / "swallowed.duckdb"
    with terminal_ctrl_c():
        with pytest.raises(RunInterrupted) as caught:
            process(None, db=db, on_result=swallow)
        put_back = signal.getsignal(signal.SIGINT)
    assert 3 <= len(seen) < 19  # the demo's 19 reports: it stopped early
    assert caught.value.report.added == len(seen)
    assert put_back is signal.default_int_handler  # the run's own handler is gone
