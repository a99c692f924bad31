"""The story brief in Markdown, HTML and JSON, on the demo corpus."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from newsweave import Newsweave
from newsweave.present.brief import MIN_BRIEF_WORDS, Limits, count_words, render_markdown


@pytest.fixture(scope="module")
def main_brief(demo_db):
    with Newsweave(demo_db) as nw:
        story = nw.stories()[0]
        return (json.loads(nw.brief(story.id, "json")), nw.brief(story.id),
                nw.brief(story.id, "html"))


def test_json_brief_has_every_part(main_brief) -> None:
    data, _, _ = main_brief
    for key in ("title", "lead", "outlets", "facts", "conflicts", "positions", "timeline",
                "actors", "background"):
        assert data[key], key
    assert len(data["lead"]) < 600
    # key facts in order of importance: corroborated before single-source
    corroboration = [f["corroboration"] for f in data["facts"]]
    assert corroboration[0] >= 3
    shared = [f for f in data["facts"] if not f["single_source"]]
    single = [f for f in data["facts"] if f["single_source"]]
    assert shared and single and all(f["corroboration"] <= 1 for f in single)
    # background never mixes with today's facts
    background = {b["statement"] for b in data["background"]}
    assert not background & {f["statement"] for f in data["facts"]}


def test_conflicts_show_each_outlets_wording_and_value(main_brief) -> None:
    data, markdown, _ = main_brief
    numbers = [c for c in data["conflicts"] if c["kind"] == "number"]
    assert numbers
    for conflict in numbers:
        outlets = {s["outlet"] for s in conflict["sides"]}
        assert len(outlets) >= 2
        assert all(s["value"] and s["value"] in s["text"] for s in conflict["sides"])
        for side in conflict["sides"]:
            # every conflict in the full layout; the default brief shows as many as fit
            assert f"**{side['outlet']}** ({side['value']})" in render_markdown(data, Limits())
    assert any(f"| {c['id']} number |" in markdown for c in numbers)


def test_default_brief_is_at_most_a_third_of_its_sources(main_brief) -> None:
    data, markdown, html = main_brief
    assert count_words(markdown) <= max(MIN_BRIEF_WORDS, data["source_words"] / 3)
    assert count_words(render_markdown(data, Limits())) > count_words(markdown)
    # what the default leaves out stays in the JSON and behind a "more" in HTML
    assert "more facts</summary>" in html


def test_markdown_marks_corroboration_and_single_sources(main_brief) -> None:
    data, markdown, _ = main_brief
    for heading in ("### Facts", "### Where the outlets differ", "### Positions",
                    "### Timeline", "### Actors", "### Background"):
        assert heading in markdown
    assert "✔✔✔" in markdown and "| single source" in markdown
    single = next(f for f in data["facts"] if f["single_source"] and f["statement"] in markdown)
    assert f"{single['outlets'][0]} only" in markdown


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.classes: set[str] = set()
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        self._in_h2 = tag == "h2"
        self.classes.update(v for k, v in attrs if k == "class" and v)

    def handle_data(self, data):
        if self._in_h2:
            self.headings.append(data.strip())
            self._in_h2 = False


def test_html_brief_has_the_same_sections_escaped(main_brief) -> None:
    data, _, page = main_brief
    parser = _Sections()
    parser.feed(page)
    assert parser.headings == ["Facts", "Coverage", "Where the outlets differ", "Positions",
                               "Timeline", "Actors", "Background (not today's news)"]
    assert {"facts", "coverage", "left_out", "omissions", "conflict", "positions", "timeline",
            "actors", "background", "single"} <= parser.classes
    assert page.startswith("<!doctype html>") and "<script" not in page
    # a statement with an apostrophe is escaped, not pasted raw
    quoted = next(f["statement"] for f in data["facts"] if "'" in f["statement"])
    assert quoted.replace("'", "&#x27;") in page


def test_shared_facts_say_who_reported_first(main_brief) -> None:
    data, markdown, _ = main_brief
    shared = [f for f in data["facts"] if not f["single_source"]]
    assert all(f["lineage"]["first"]["outlet"] in f["outlets"] for f in shared)
    assert "· first: " in markdown


def test_near_repeats_are_shown_once() -> None:
    from newsweave.present.brief import _without_near_repeats

    facts = [{"statement": "The port of Elin reopened to ships on Monday."},
             {"statement": "The port of Elin reopened to ships on Monday, officials said."},
             {"statement": "The union called off the strike at Port Elin."}]
    assert _without_near_repeats(facts) == [facts[0], facts[2]]


def test_json_brief_has_the_coverage_grid_of_its_facts(main_brief) -> None:
    data, _, _ = main_brief
    coverage = data["coverage"]
    columns = [o["outlet"] for o in coverage["outlets"]]
    # every independent outlet is a column, the syndicated copy none
    assert sorted(columns) == data["outlets"]
    assert not {c["outlet"] for c in data["copies"]} & set(columns)
    facts = {f["fact_id"]: f for f in data["facts"]}
    for row in coverage["facts"]:
        stating = set(facts[row["fact_id"]]["outlets"])
        assert {o for o, c in row["cells"].items() if c in ("first", "reported")} == stating
        if row["sources"] >= 2:
            assert {o for o, c in row["cells"].items() if c == "left_out"} == set(columns) - stating
    # each omission is a fact at least two other sources state
    for omission in coverage["omissions"]:
        for fact in omission["facts"]:
            assert omission["outlet"] not in fact["reported_by"]
            assert len(fact["reported_by"]) >= 2


def test_markdown_brief_names_what_an_outlet_leaves_out(main_brief) -> None:
    data, markdown, _ = main_brief
    worst = data["coverage"]["omissions"][0]
    assert "### Coverage" in markdown
    assert f"- Left out by **{worst['outlet']}**: {worst['facts'][0]['label']}" in markdown


def test_left_out_lines_give_way_to_the_word_budget() -> None:
    """A brief at every floor and still too long keeps its omissions in the JSON only."""
    from newsweave.present.brief import brief_limits

    fact = {"fact_id": "f", "statement": "Talks opened at the palace.", "outlets": ["A", "B"],
            "corroboration": 2, "single_source": False, "certainty": "asserted",
            "conflicts": [], "lineage": {}}
    brief = {"title": "Talks", "start": None, "end": None, "articles": [],
             "outlets": ["A", "B", "C"], "copies": [], "extra_sources": [], "lead": "", "facts": [fact],
             "source_words": 0, "conflicts": [], "positions": [], "timeline": [], "actors": [],
             "background": [], "removed_lines": 0,
             "coverage": {"outlets": [], "facts": [], "omissions": [
                 {"outlet": "C", "facts": [{"fact_id": "f", "label": "word " * 200,
                                            "reported_by": ["A", "B"]}]}]}}
    assert brief_limits(brief).left_out_outlets == 0
    assert "Left out by" not in render_markdown(brief)
    brief["coverage"]["omissions"][0]["facts"][0]["label"] = "Talks opened at the palace."
    assert "- Left out by **C**: Talks opened at the palace. (2 others)" in render_markdown(brief)


def test_brief_positions_are_the_ones_the_corpus_stage_merged(demo_db) -> None:
    """Issue 18: the corpus stage writes each story's merged positions; the brief
    reads them and merges nothing again (positions in template paragraphs are
    left out there, as for facts)."""
    from newsweave.corpus.chrome.paragraphs import inside
    from newsweave.corpus.facts.positions import merge_positions

    with Newsweave(demo_db) as nw:
        reader = nw.reader
        story = nw.stories()[0]
        stored = reader.merged_positions(story.id)
        articles = {a["id"]: a for a in reader.story_articles(story.id)}
        chrome = reader.chrome_spans(story.id)
        canon = reader.actor_map()
        positions = [p for p in reader.positions(story.id)
                     if not inside(p.start, p.end, chrome.get(p.article_id, []))]
        for p in positions:
            p.party = canon.get(p.party, p.party)
        copies = {a: articles[a]["copy_of"] for a in articles if articles[a]["copy_of"]}
        again = merge_positions(positions, {a: v["outlet"] for a, v in articles.items()},
                                duplicates=copies)
        brief = json.loads(nw.brief(story.id, "json"))
    assert stored and len(stored) == len(again)
    assert sorted((r["party"], r["stance"], r["object"]) for r in stored) == sorted(
        (r["party"], r["stance"], r["object"]) for r in again)
    shown = {(row["party"], stance, item["object"])
             for row in brief["positions"] for stance in ("demands", "rejects", "offers", "supports")
             for item in row[stance]}
    assert shown <= {(r["party"], r["stance"], r["object"]) for r in stored}
    assert shown


def test_a_store_without_merged_positions_is_rebuilt_once(demo_db, tmp_path) -> None:
    import shutil

    from newsweave.corpus.update import update_corpus
    from newsweave.store import connect

    db = tmp_path / "old.duckdb"
    shutil.copy(demo_db, db)
    conn = connect(str(db))
    try:
        before = conn.execute("SELECT count(*) FROM story_positions").fetchall()[0][0]
        conn.execute("DELETE FROM story_positions")  # as a store written before the table
        update_corpus(conn)
        after = conn.execute("SELECT count(*) FROM story_positions").fetchall()[0][0]
        update_corpus(conn)
        again = conn.execute("SELECT count(*) FROM story_positions").fetchall()[0][0]
    finally:
        conn.close()
    assert before > 0 and after == before == again


def test_a_read_only_store_older_than_merged_positions_still_briefs(demo_db, tmp_path) -> None:
    import shutil

    from newsweave.store import connect

    db = tmp_path / "older.duckdb"
    shutil.copy(demo_db, db)
    conn = connect(str(db))
    conn.execute("DROP TABLE story_positions")
    conn.close()
    with Newsweave(db) as nw:
        brief = json.loads(nw.brief(nw.stories()[0].id, "json"))
    assert brief["positions"] == [] and brief["facts"]


def test_a_story_without_positions_says_so_instead_of_an_empty_table(main_brief) -> None:
    from newsweave.present.brief import render_html

    data = dict(main_brief[0], positions=[])
    markdown, page = render_markdown(data), render_html(data)
    section = markdown.split("### Positions", 1)[1].split("###", 1)[0]
    assert "No positions found." in section and "| party |" not in section
    assert "<p>No positions found.</p>" in page and "class='positions'" not in page
