"""The coverage grid (issue 19, point 2) on inline fact records."""

from __future__ import annotations

from typing import Any

import pytest

from newsweave.present.coverage import (
    build_coverage,
    column_order,
    outlet_abbreviations,
    short_label,
)

OUTLETS = ["Harbourlight Times", "The Meridian Ledger", "Tidewater Dispatch",
           "Cobalt Bay Chronicle"]


# one article per outlet, a day apart in column order
PUBLISHED = {"harbourlight-1": "2031-06-02", "the-meridian-1": "2031-06-03",
             "tidewater-1": "2031-06-04", "cobalt-1": "2031-06-05"}


def article_of(outlet: str) -> str:
    return outlet.lower().replace("the ", "the-").split()[0].strip() + "-1"


def make_fact(fact_id: str, statement: str, outlets: list[str], *,
              sources: list[list[str]] | None = None, mentions: list[dict[str, Any]] | None = None,
              ) -> dict[str, Any]:
    """A brief fact as ``build_brief`` gives it: outlets, corroboration, mentions, lineage."""
    groups = sources if sources is not None else [[o] for o in outlets]
    if mentions is None:
        mentions = [{"outlet": o, "article_id": article_of(o), "start": 0, "end": 9,
                     "part": "body"} for o in outlets]
    return {"fact_id": fact_id, "statement": statement, "outlets": outlets,
            "corroboration": len(groups), "single_source": len(groups) <= 1,
            "mentions": mentions,
            "lineage": {"sources": [{"outlets": g, "quoted_from": None} for g in groups]}}


def test_an_outlet_leaves_out_a_fact_two_others_report():
    facts = [make_fact("oskane", "Ferrol Oskane heads the Maldrenian delegation.",
                       ["Harbourlight Times", "The Meridian Ledger", "Cobalt Bay Chronicle"])]
    grid = build_coverage(facts, OUTLETS, PUBLISHED)
    assert grid.rows[0].cells == {"Harbourlight Times": "first",
                                  "The Meridian Ledger": "reported",
                                  "Tidewater Dispatch": "left_out",
                                  "Cobalt Bay Chronicle": "reported"}
    assert [(o.outlet, [f.fact_id for f in o.facts]) for o in grid.omissions] == [
        ("Tidewater Dispatch", ["oskane"])]
    assert grid.omissions[0].facts[0].reported_by == [
        "Harbourlight Times", "The Meridian Ledger", "Cobalt Bay Chronicle"]


def test_a_fact_only_one_other_outlet_reports_is_not_left_out():
    facts = [make_fact("solo", "The session lasted about 90 minutes.", ["Tidewater Dispatch"])]
    grid = build_coverage(facts, OUTLETS, PUBLISHED)
    assert set(grid.rows[0].cells.values()) == {"reported", "not_reported"}
    assert grid.omissions == []


def test_a_fact_only_a_reprint_carries_is_no_row():
    copy_only = make_fact("copy", "This story was first published by the Ledger.",
                          ["Southwind Wire"], sources=[])
    grid = build_coverage([copy_only], OUTLETS, PUBLISHED)
    assert grid.rows == [] and grid.omissions == []


def test_one_statement_is_one_row_the_shared_fact_kept():
    single = make_fact("single", "The talks lasted two hours.", ["Tidewater Dispatch"])
    shared = make_fact("shared", "The talks  lasted two hours.", OUTLETS[:2])
    grid = build_coverage([single, shared], OUTLETS, PUBLISHED)
    assert [r.fact_id for r in grid.rows] == ["shared"]


def test_outlets_quoting_one_speaker_are_one_source():
    """Two outlets carrying the same quotation are one source: not two others."""
    quoted = make_fact("quote", "\"We will not trade land for peace,\" Dravenko said.",
                       ["Harbourlight Times", "The Meridian Ledger"],
                       sources=[["Harbourlight Times", "The Meridian Ledger"]])
    grid = build_coverage([quoted], OUTLETS, PUBLISHED)
    assert grid.rows[0].sources == 1
    assert grid.omissions == []
    assert grid.rows[0].cells["Tidewater Dispatch"] == "not_reported"


def test_the_first_reporter_is_marked_and_counted():
    facts = [make_fact("a", "Talks opened at Corvane Palace.", OUTLETS[1:]),
             make_fact("b", "Quellan mediates.", OUTLETS[:2])]
    grid = build_coverage(facts, OUTLETS, PUBLISHED)
    assert grid.rows[0].first == ["The Meridian Ledger"]
    assert grid.rows[0].cells["The Meridian Ledger"] == "first"
    assert grid.rows[0].cells["Tidewater Dispatch"] == "reported"
    assert grid.rows[1].first == ["Harbourlight Times"]
    totals = {c.outlet: (c.reported, c.first, c.left_out) for c in grid.outlets}
    assert totals == {"Harbourlight Times": (1, 1, 1), "The Meridian Ledger": (2, 1, 0),
                      "Tidewater Dispatch": (1, 0, 1), "Cobalt Bay Chronicle": (1, 0, 1)}


def test_outlets_of_one_day_are_first_together_and_a_one_day_fact_has_no_first():
    same_day = {**PUBLISHED, "the-meridian-1": "2031-06-02"}
    facts = [make_fact("a", "Talks opened.", OUTLETS[:3]),
             make_fact("b", "Quellan mediates.", OUTLETS[:2])]
    grid = build_coverage(facts, OUTLETS, same_day)
    assert grid.rows[0].first == ["Harbourlight Times", "The Meridian Ledger"]
    assert grid.rows[1].first == []
    assert set(grid.rows[1].cells.values()) == {"reported", "left_out"}


def test_an_undated_report_leaves_the_fact_without_a_first():
    undated = {**PUBLISHED, "tidewater-1": None}
    grid = build_coverage([make_fact("a", "Talks opened.", OUTLETS[:3])], OUTLETS, undated)
    assert grid.rows[0].first == []


def test_rows_put_the_most_reported_facts_first_and_single_sources_last():
    facts = [make_fact("single", "Residents complained about road closures.", OUTLETS[3:]),
             make_fact("two", "Quellan offered monitors.", OUTLETS[:2]),
             make_fact("four", "Veskarian drones struck two air bases.", OUTLETS),
             make_fact("three", "Halvane leads the Veskarian team.", OUTLETS[1:])]
    grid = build_coverage(facts, OUTLETS, PUBLISHED)
    assert [r.fact_id for r in grid.rows] == ["four", "three", "two", "single"]
    # equal lists in column order
    assert [(o.outlet, [f.fact_id for f in o.facts]) for o in grid.omissions] == [
        ("Harbourlight Times", ["three"]), ("Tidewater Dispatch", ["two"]),
        ("Cobalt Bay Chronicle", ["two"])]


def test_the_outlet_leaving_out_most_comes_first_its_most_reported_omission_first():
    facts = [make_fact("two", "Quellan offered monitors.", OUTLETS[:2]),
             make_fact("three", "Halvane leads the Veskarian team.", OUTLETS[:3])]
    grid = build_coverage(facts, OUTLETS, PUBLISHED)
    assert [(o.outlet, [f.fact_id for f in o.facts]) for o in grid.omissions] == [
        ("Cobalt Bay Chronicle", ["three", "two"]), ("Tidewater Dispatch", ["two"])]


def test_each_cell_links_to_the_outlets_body_span_before_its_headline():
    mentions = [{"article_id": "h1", "outlet": "Harbourlight Times", "start": 0, "end": 40,
                 "part": "title"},
                {"article_id": "h1", "outlet": "Harbourlight Times", "start": 120, "end": 190,
                 "part": "body"},
                {"article_id": "s1", "outlet": "Southwind Wire", "start": 5, "end": 9,
                 "part": "body"}]
    fact = make_fact("a", "Talks opened.", ["Harbourlight Times", "The Meridian Ledger"],
                     mentions=mentions)
    row = build_coverage([fact], OUTLETS, PUBLISHED).rows[0]
    assert row.evidence == {"Harbourlight Times": {"article_id": "h1", "start": 120,
                                                   "end": 190, "part": "body"}}


def test_to_dict_is_the_json_shape():
    grid = build_coverage([make_fact("a", "Talks opened.", OUTLETS[:2])], OUTLETS, PUBLISHED)
    data = grid.to_dict()
    assert set(data) == {"outlets", "facts", "omissions"}
    assert data["facts"][0]["cells"]["Cobalt Bay Chronicle"] == "left_out"
    assert data["omissions"][0]["facts"][0]["fact_id"] == "a"
    assert data["outlets"][0] == {"outlet": "Harbourlight Times", "abbr": "HT", "reported": 1,
                                  "first": 1, "left_out": 0}


def test_min_other_sources_is_checked():
    with pytest.raises(ValueError, match="at least 1"):
        build_coverage([], OUTLETS, min_other_sources=0)


@pytest.mark.parametrize(("statement", "label"), [
    ("Talks opened.", "Talks opened."),
    ("one two three four five six seven eight nine ten eleven twelve",
     "one two three four five six seven eight nine ten …"),
])
def test_short_label(statement, label):
    assert short_label(statement) == label


def test_abbreviations_are_short_and_distinct():
    names = ["The Meridian Ledger", "Cobalt Bay Chronicle", "Reuters", "bbc.co.uk", "BBC",
             "Meridian Lines"]
    abbrs = outlet_abbreviations(names)
    assert abbrs["The Meridian Ledger"] == "ML"
    assert abbrs["Cobalt Bay Chronicle"] == "CBC"
    assert abbrs["Reuters"] == "Reut"
    assert abbrs["bbc.co.uk"] == "bbc"
    assert abbrs["BBC"] == "BBC2"  # the same letters, told apart by number
    assert abbrs["Meridian Lines"] == "ML2"
    assert len(set(abbrs.values())) == len(names)


def test_columns_follow_the_first_report_and_skip_copies():
    articles = [{"outlet": "Tidewater Dispatch", "published": "2031-06-04", "copy_of": None},
                {"outlet": "Southwind Wire", "published": "2031-06-01", "copy_of": "x"},
                {"outlet": "Cobalt Bay Chronicle", "published": "2031-06-03", "copy_of": None},
                {"outlet": "Harbourlight Times", "published": None, "copy_of": None},
                {"outlet": "Tidewater Dispatch", "published": "2031-06-02", "copy_of": None}]
    assert column_order(articles) == ["Tidewater Dispatch", "Cobalt Bay Chronicle",
                                      "Harbourlight Times"]
