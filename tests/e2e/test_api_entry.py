"""The Python API's entry points take what a user would pass them, and refuse what they cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.api import Newsweave, count_inputs, process
from newsweave.store import StoreError

REPORT = ("Title: Pier repairs\n\nWorkers began repairing the pier at Saltreach on Monday after "
          "a storm damaged two of its pillars, the harbour board said.\n")


def test_a_string_path_is_one_path_not_characters(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "pier.txt").write_text(REPORT, encoding="utf-8")
    report = process(str(folder), db=tmp_path / "s.duckdb", corpus=False)
    assert report.added == 1 and report.errors == []
    assert count_inputs(str(folder)) == 1
    report = process(folder / "pier.txt", db=tmp_path / "s.duckdb", corpus=False)
    assert report.skipped == 1 and report.added == 0


def test_an_empty_list_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    report = process([], db=db)
    assert report.added == 0 and report.skipped == 0 and report.errors == []
    assert report.corpus is None and not db.exists()


@pytest.mark.parametrize("db, words", [("", "no database given"),
                                       ("missing.duckdb", "no database at missing.duckdb")])
def test_newsweave_refuses_an_empty_or_missing_database(tmp_path: Path, monkeypatch, db: str,
                                                        words: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=words):
        Newsweave(db)
    assert not (tmp_path / "missing.duckdb").exists()
