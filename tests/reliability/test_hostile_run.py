"""Inputs that once stopped a whole run, through the real chain and store."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsweave.api import process

REPORT = ("Title: Arrests in Lagos {n}\n\nPolice arrested {n} protesters in Lagos on Monday "
          "after a march against fuel prices, the Lagos State police command said. The "
          "protesters will appear in court within {n} days, officials added.\n")


def test_a_body_longer_than_spacy_takes_is_stored_uncoded_and_the_rest_coded(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"good-{n}.txt").write_text(REPORT.format(n=n + 2), encoding="utf-8")
    # one paragraph of 1.7 MB: over spaCy's max_length of 1,000,000 (error E088)
    paragraph = " ".join(f"The ferry number {n} left the harbour on time." for n in range(40_000))
    (folder / "huge.txt").write_text(f"Title: Ferries\n\n{paragraph}\n", encoding="utf-8")
    db = tmp_path / "long.duckdb"
    report = process([folder], db=db)
    assert report.errors == []
    assert report.added == 4
    (note,) = report.notes
    assert note.source_path == f"{folder}/huge.txt"
    assert "not coded" in note.reason and "longer than the 1,000,000" in note.reason
    conn = duckdb.connect(str(db), read_only=True)
    coded = dict(conn.execute(
        "SELECT a.source_path, count(m.article_id) FROM articles a "
        "LEFT JOIN mentions m ON m.article_id = a.id GROUP BY ALL").fetchall())
    conn.close()
    assert coded[f"{folder}/huge.txt"] == 0
    assert all(coded[f"{folder}/good-{n}.txt"] > 0 for n in range(3))
    again = process([folder], db=db)
    assert again.added == 0 and again.skipped == 4
