"""Paragraphs an outlet repeats across its articles are its template, not news."""

from __future__ import annotations

import json

import pytest

from newsweave.corpus.chrome.paragraphs import inside
from newsweave.corpus.chrome.templates import repeated_paragraphs

FOOTER = "Follow the Harbour Herald for live updates from the port."
STORIES = [
    "Dockworkers walked out at the north gate on Monday.",
    "The harbour authority offered a review of shift rules.",
    "Talks between the union and the authority opened in Varna Bay.",
    "Police detained 14 protesters near the container terminal.",
]


def _articles(outlet: str, footer: str | None, n: int) -> list[tuple[str, str, str]]:
    return [(f"{outlet}-{i}", outlet, STORIES[i] + (f"\n\n{footer}" if footer else ""))
            for i in range(n)]


def test_footer_repeated_by_one_outlet_is_found_with_its_spans():
    articles = _articles("Herald", FOOTER, 4) + _articles("Ledger", None, 3)
    repeated, spans = repeated_paragraphs(articles)
    assert set(repeated) == {"Herald"}
    assert list(repeated["Herald"].values()) == [4]
    assert len(spans) == 4
    for span in spans:
        body = dict((a, b) for a, _, b in articles)[span.article_id]
        assert body[span.start:span.end] == FOOTER


def test_same_line_across_different_outlets_is_not_chrome():
    articles = [(f"a{i}", f"Outlet {i}", f"{STORIES[0]}\n\n{STORIES[1]}") for i in range(5)]
    repeated, spans = repeated_paragraphs(articles)
    assert repeated == {} and spans == []


def test_rare_repeat_in_a_large_outlet_is_kept():
    many = [(f"h{i}", "Herald", f"Report number {i} on the strike.") for i in range(20)]
    quoted = [(f"q{i}", "Herald", f"Follow-up {i}.\n\n{STORIES[3]}") for i in range(3)]
    repeated, _ = repeated_paragraphs(many + quoted)
    assert repeated == {}


def test_inside_and_argument_check():
    assert inside(5, 10, [(0, 10)]) and not inside(5, 12, [(0, 10)])
    with pytest.raises(ValueError, match="min_articles"):
        repeated_paragraphs([], min_articles=1)


def test_template_paragraph_yields_no_fact_and_is_kept_for_audit(tmp_path):
    from newsweave import Newsweave, process

    template = "The Herald Trust condemned all violence and demanded an independent inquiry."
    reports = [
        "Dockworkers walked out at the north gate of Varna Bay on Monday, halting container "
        "traffic. The union demanded a raise of nine percent this year.",
        "Farmers blocked the coastal road near Elin with tractors on Tuesday. The farmers "
        "union rejected the new water tariff and called for talks with the ministry.",
        "Police detained 14 protesters outside the parliament in Tollin on Wednesday. The "
        "interior ministry said the protest had not been authorised.",
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(reports):
        (folder / f"herald-{i}.txt").write_text(
            f"Title: Report {i}\nSource: Harbour Herald\nDate: 2031-03-1{i}\n\n"
            f"{text}\n\n{template}\n", encoding="utf-8")
    db = tmp_path / "chrome.duckdb"
    report = process([folder], db=db)
    assert report.errors == [] and report.added == 3
    with Newsweave(db) as nw:
        lines = nw.rows("SELECT outlet, text, articles FROM repeated_lines")
        assert lines == [{"outlet": "Harbour Herald", "text": template.lower(), "articles": 3}]
        # the per-article stages did take claims from it; the corpus stages drop them
        claims = [r["text"] for r in nw.rows("SELECT text FROM claims")]
        assert any("Herald Trust" in c for c in claims)
        statements = [f["statement"] for f in nw.facts()]
        assert statements and not any("Herald Trust" in s for s in statements)
        for story in nw.stories():
            timeline = json.loads(nw.brief(story.id, "json"))["timeline"]
            assert not any("Herald Trust" in t["text"] for t in timeline)
