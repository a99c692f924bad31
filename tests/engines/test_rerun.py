"""A re-run of the same input does no annotation work (issue 18): an article the
store holds is recognised right after cleaning, by the hash of its body."""

from __future__ import annotations

from newsweave import process
from newsweave.engines.chain import observe_articles

# invented reports
REPORTS = {
    "a.txt": "Title: Port reopens\nSource: Coastline Daily\n\nThe port of Elin reopened on "
             "Monday after a three-day strike by dockworkers. The harbour authority said "
             "ships would dock again from Tuesday.\n",
    "b.txt": "Title: Strike ends\nSource: The Northern Ledger\n\nDockworkers at Port Elin "
             "ended their strike on Monday. The union said its members had won a raise.\n",
}


def test_a_rerun_annotates_nothing_and_stores_nothing_twice(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "r.duckdb"
    counts = []
    for _ in range(2):
        analysed = []
        with observe_articles(analysed.append):
            report = process([folder], db=db)
        counts.append((len(analysed), report.added, report.skipped))
    assert counts == [(2, 2, 0), (0, 0, 2)]
