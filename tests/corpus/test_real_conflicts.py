"""Conflicts only where outlets really disagree (issue 15, point 4): one slot, ranges
for approximations, a quote never against itself, dates of telling are no scopes.
Invented reports; each test failed with the conflict rules of 2026-12-01."""

from __future__ import annotations

import pytest

from newsweave.corpus.corroborate import number_difference
from tests.corpus.test_corroborate import corroborate, make_claim


def _kinds(claims) -> list[str]:
    _, conflicts = corroborate(claims)
    return [c.kind for c in conflicts]


def test_two_candidates_sums_are_two_slots_not_a_conflict() -> None:
    claims = [
        make_claim("c1", "a1", "In June Ilves raised $40,000 for the Tarvel race, ahead of Baro.",
                   numbers=(("$40,000", 40000, "usd"),)),
        make_claim("c2", "l1", "In June Baro raised $25,000 for the Tarvel race, behind Ilves.",
                   numbers=(("$25,000", 25000, "usd"),)),
    ]
    facts, _ = corroborate(claims)
    assert len(facts) == 1  # one fact about the race's money: the test is about its numbers
    assert _kinds(claims) == []


def test_the_same_sum_from_two_outlets_still_conflicts() -> None:
    claims = [
        make_claim("c1", "a1", "In June Ilves raised $40,000 for the Tarvel race.",
                   numbers=(("$40,000", 40000, "usd"),)),
        make_claim("c2", "l1", "In June Ilves raised $45,000 for the Tarvel race.",
                   numbers=(("$45,000", 45000, "usd"),)),
    ]
    assert _kinds(claims) == ["number"]


def test_about_a_figure_agrees_with_the_figure() -> None:
    claims = [
        make_claim("c1", "a1", "About 1,200 dockworkers joined the walkout at Port Elin.",
                   numbers=(("About 1,200 dockworkers", 1200, "dockworkers"),)),
        make_claim("c2", "l1", "1,200 dockworkers joined the walkout at Port Elin.",
                   numbers=(("1,200 dockworkers", 1200, "dockworkers"),)),
    ]
    assert _kinds(claims) == []


def test_an_identical_quote_is_not_set_against_itself() -> None:
    claims = [
        make_claim("c1", "a1", "The harbour at Port Elin could close next week, the harbour "
                               "master said.", certainty="hypothetical"),
        make_claim("c2", "l1", "The harbour at Port Elin could close next week.",
                   certainty="asserted"),
    ]
    assert _kinds(claims) == []


def test_dates_of_telling_are_not_time_scopes() -> None:
    claims = [
        make_claim("c1", "a1", "Earlier this month the Tarvel council approved the new harbour "
                               "budget."),
        make_claim("c2", "l1", "Last week the Tarvel council approved the new harbour budget."),
    ]
    assert "condition" not in _kinds(claims)


@pytest.mark.parametrize(("a", "qa", "b", "qb", "expected"), [
    (40, "", 40, "about", None),            # a figure and about that figure agree
    (40, "about", 41, "", None),            # about 40 covers 41
    (40, "over", 40, "", "qualifier"),      # "more than 40" against "40"
    (40000, "about", 40000, "over", "qualifier"),
    (2.6e6, "under", 2.6e6, "", "qualifier"),  # "up to 2.6 million" against "2.6 million"
    (2.5e6, "", 2.6e6, "under", "number"),  # "2.5 million" against "up to 2.6 million"
    (31, "", 30, "", "number"),             # a 31-page against a 30-page filing
    (40, "over", 40, "over", None),
])
def test_number_difference(a, qa, b, qb, expected) -> None:
    assert number_difference(a, qa, b, qb) == expected


def test_an_outlet_with_another_figure_is_not_credited_with_the_fact() -> None:
    claims = [
        make_claim("c1", "a1", "Veskaria is asking for a 30-day ceasefire in Ondravel.",
                   numbers=(("30-day", 30, "day"),)),
        make_claim("c2", "r1", "Veskaria wants a 30-day ceasefire in Ondravel.",
                   numbers=(("30-day", 30, "day"),)),
        make_claim("c3", "l1", "Veskaria wants a 60-day ceasefire in Ondravel.",
                   numbers=(("60-day", 60, "day"),)),
    ]
    facts, conflicts = corroborate(claims)
    by_outlets = {tuple(f.outlets): f for f in facts}
    assert set(by_outlets) == {("Coastline Daily", "Elin Radio"), ("The Northern Ledger",)}
    assert by_outlets[("Coastline Daily", "Elin Radio")].corroboration == 2
    [conflict] = [c for c in conflicts if c.kind == "number"]
    assert {s.outlet for s in conflict.sides} == {"Coastline Daily", "Elin Radio",
                                                  "The Northern Ledger"}
