"""Conflicts only where outlets really disagree (issue 15, point 4): one slot, ranges
for approximations, a quote never against itself, dates of telling are no scopes.
Invented reports; each test failed with the conflict rules of 2026-12-01."""

from __future__ import annotations

import pytest

from newsweave.corpus.facts.numbers import number_difference
from tests.corpus.test_corroborate import corroborate, make_claim, make_position


def _kinds(claims) -> list[str]:
    _, conflicts = corroborate(claims)
    return [c.kind for c in conflicts]


def _figure_kinds(a: str, fa: tuple, b: str, fb: tuple) -> list[str]:
    """The conflict kinds of two outlets' sentences, each with one figure
    ``(phrase, value, unit)``."""
    return _kinds([make_claim("c1", "a1", a, numbers=(fa,)),
                   make_claim("c2", "l1", b, numbers=(fb,))])


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


def _clause(text: str, verb: str, negated: bool = False,
            when: tuple[str, ...] | None = None) -> list[list[object]]:
    """One clause over the whole text; ``when`` (the act's days, as the parse
    gives them) is left out as in stores written before it when None."""
    return [[0, len(text), verb, negated] + ([list(when)] if when is not None else [])]


def test_a_negation_every_outlet_writes_is_no_denial() -> None:
    # one outlet negates the main verb, the other the clause after "said": both deny
    a = "According to the harbour office, the Port Elin permit had not been renewed by Tuesday."
    b = "The harbour office said the Port Elin permit hadn't been renewed by Tuesday."
    claims = [make_claim("c1", "a1", a, certainty="negated", clauses=_clause(a, "renew", True)),
              make_claim("c2", "l1", b, certainty="asserted", clauses=_clause(b, "say", False))]
    facts, _ = corroborate(claims)
    assert any(f.corroboration == 2 for f in facts)
    assert _kinds(claims) == []


def test_a_schedule_stated_as_a_fact_is_the_same_expectation() -> None:
    a = "Teodor Halvane will be sentenced on May 8 at the Tarvel court."
    b = "Teodor Halvane is scheduled to be sentenced on May 8 at the Tarvel court."
    claims = [make_claim("c1", "a1", a, certainty="expected"),
              make_claim("c2", "l1", b, certainty="asserted")]
    assert _kinds(claims) == []


def test_a_denied_act_against_a_stated_one_still_conflicts() -> None:
    a = "The Port Elin permit was renewed on Tuesday by the harbour office."
    b = "The Port Elin permit was not renewed on Tuesday by the harbour office."
    claims = [make_claim("c1", "a1", a, certainty="asserted", clauses=_clause(a, "renew", False)),
              make_claim("c2", "l1", b, certainty="negated", clauses=_clause(b, "renew", True))]
    assert _kinds(claims) == ["qualifier"]


def test_a_figure_restated_in_another_unit_is_not_a_second_figure() -> None:
    # the extractor reads only the bracketed figure of "$US1 million ($1.52 million)"
    a = "Damage to the harbour pier was estimated at $US1 million ($1.52 million), officials said."
    b = "Damage to the harbour pier was estimated at $1 million, officials said Saturday."
    claims = [make_claim("c1", "a1", a, numbers=(("$1.52 million", 1.52e6, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$1 million", 1e6, "usd"),))]
    assert _kinds(claims) == []


def test_a_part_of_a_sum_is_not_the_sum() -> None:
    a = "Orvane Mining will pay for the copper mine, including $281 million in cash."
    b = "Orvane Mining will pay $334 million for the copper mine."
    claims = [make_claim("c1", "a1", a, numbers=(("$281 million", 281e6, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$334 million", 334e6, "usd"),))]
    assert _kinds(claims) == []


def test_outlets_that_agree_stand_in_one_camp_of_a_conflict() -> None:
    text = "The Tarvel ferry left Port Elin at {} on Friday with 40 passengers aboard."
    claims = [
        make_claim("c1", "a1", text.format("about 7 p.m."), numbers=(("about 7", 7, "p.m."),)),
        make_claim("c2", "l1", text.format("around 7 p.m."), numbers=(("around 7", 7, "p.m."),)),
        make_claim("c3", "b1", text.format("9 p.m."), numbers=(("9", 9, "p.m."),)),
    ]
    _, conflicts = corroborate(claims)
    numbers = [c for c in conflicts if c.kind == "number"]
    assert len(numbers) == 1
    camps = {s.value: s.camp for s in numbers[0].sides}
    assert camps["about 7"] == camps["around 7"] != camps["9"]


def test_a_qualifier_before_a_currency_sign_is_read() -> None:
    # "more than $40,000" / "an estimated $40,000": the sign sits between them
    a = "The fire at the Tarvel library caused more than $40,000 in damage, officials said."
    b = "The fire at the Tarvel library caused an estimated $40,000 in damage, officials said."
    claims = [make_claim("c1", "a1", a, numbers=(("$40,000", 40000, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$40,000", 40000, "usd"),))]
    assert _kinds(claims) == ["qualifier"]


def test_a_part_named_after_the_figure_is_not_the_whole() -> None:
    a = "Orvane Mining said $281 million of the purchase price for the copper mine is in cash."
    b = "Orvane Mining will pay $334 million for the copper mine, the company said."
    claims = [make_claim("c1", "a1", a, numbers=(("$281 million", 281e6, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$334 million", 334e6, "usd"),))]
    assert _kinds(claims) == []


def test_a_hedge_every_outlet_writes_is_no_difference() -> None:
    a = "Attackers could use the flaw in the Tarvel browser to run code, Orvane said."
    b = "Orvane said the flaw in the Tarvel browser could let attackers run code."
    claims = [make_claim("c1", "a1", a, certainty="hypothetical"),
              make_claim("c2", "l1", b, certainty="asserted")]
    assert _kinds(claims) == []


@pytest.mark.parametrize("a, b", [
    # a named week is no span; spans that overlap are no difference
    ("Halvane returned for the Port Elin side in Week 16 after his injury.",
     "Halvane returned for the Port Elin side in weeks 14 to 16 after his injury."),
    ("Orvane expects to ship the first Tarvel servers within the year.",
     "Orvane will ship the first Tarvel servers by the end of this year, it said."),
])
def test_time_scopes_that_do_not_clash_are_no_condition(a: str, b: str) -> None:
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert "condition" not in _kinds(claims)


def test_a_span_against_a_date_still_differs() -> None:
    a = "The Port Elin union will end the strike over two years, its leader said."
    b = "The Port Elin union will end the strike this year, its leader said."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert _kinds(claims) == ["condition"]


def test_a_share_of_a_count_is_not_the_count() -> None:
    a = "Teodor Halvane grabbed 6 of his team-high 11 rebounds in the second half at Port Elin."
    b = "Teodor Halvane grabbed 11 rebounds in the second half at Port Elin, his coach said."
    claims = [make_claim("c1", "a1", a, numbers=(("6 of his team-high 11 rebounds", 6.0, "rebounds"),)),
              make_claim("c2", "l1", b, numbers=(("11 rebounds", 11.0, "rebounds"),))]
    assert _kinds(claims) == []


def test_all_of_a_count_is_the_count() -> None:
    a = "Teodor Halvane scored all 11 of his points in the second half at Port Elin."
    b = "Teodor Halvane scored 14 points in the second half at Port Elin, his coach said."
    claims = [make_claim("c1", "a1", a, numbers=(("11 of his points", 11.0, ""),)),
              make_claim("c2", "l1", b, numbers=(("14 points", 14.0, ""),))]
    assert _kinds(claims) == ["number"]


def test_a_vague_count_agrees_with_a_figure_it_covers() -> None:
    a = "Thousands of people marched through Port Elin on Sunday against the closure."
    b = "About 21,000 people marched through Port Elin on Sunday against the closure."
    claims = [make_claim("c1", "a1", a, numbers=(("Thousands", 2000.0, "people"),)),
              make_claim("c2", "l1", b, numbers=(("About 21,000", 21000.0, "people"),))]
    # as the extract stage stores a vague count: its floor, the word as its approximation
    claims[0].quantities[0].approx = "thousands"
    assert _kinds(claims) == []


def test_a_telephone_number_counts_nothing() -> None:
    a = "Anyone who saw the Port Elin fire is asked to call the police at 745-4811."
    b = "Anyone who saw the Port Elin fire is asked to call the police at (907) 745-4811."
    claims = [make_claim("c1", "a1", a, numbers=(("745", 745.0, ""),)),
              make_claim("c2", "l1", b, numbers=(("907", 907.0, ""),))]
    assert _kinds(claims) == []


def test_the_dead_and_the_hurt_are_two_tolls() -> None:
    a = "At least three people were killed by the strong quake in Tarvel province on Tuesday."
    b = "At least five people were injured by the strong quake in Tarvel province on Tuesday."
    claims = [make_claim("c1", "a1", a, numbers=(("At least three people", 3.0, "people"),)),
              make_claim("c2", "l1", b, numbers=(("At least five people", 5.0, "people"),))]
    assert _kinds(claims) == []


def test_two_tolls_of_the_dead_still_conflict() -> None:
    a = "At least three people were killed by the strong quake in Tarvel province on Tuesday."
    b = "Five people were killed by the strong quake in Tarvel province on Tuesday, police said."
    claims = [make_claim("c1", "a1", a, numbers=(("At least three people", 3.0, "people"),)),
              make_claim("c2", "l1", b, numbers=(("Five people", 5.0, "people"),))]
    assert _kinds(claims) == ["number"]


# -- clock times (2026-12-07): a time of day is a figure, a qualified one a range ----

def _timed(article: str, text: str, claim_id: str):
    return make_claim(claim_id, article, text)


def test_two_exact_clock_times_of_one_call_conflict() -> None:
    claims = [_timed("a1", "The first emergency call about the Port Elin fire came at 3:33 a.m.",
                     "c1"),
              _timed("l1", "The first emergency call about the Port Elin fire came at 3:30 a.m.",
                     "c2")]
    conflicts = corroborate(claims)[1]
    assert [c.kind for c in conflicts] == ["number"]
    assert sorted(s.value for s in conflicts[0].sides) == ["3:30 a.m.", "3:33 a.m."]


@pytest.mark.parametrize(("a", "b"), [
    ("shortly after 3:30 a.m.", "at 3:33 a.m."),
    ("at about 7 p.m.", "at 7:01 p.m."),
    ("around 1:30 a.m.", "at 1:30 a.m."),
    ("by 6:40 a.m.", "at 6:40 a.m."),
])
def test_a_qualified_clock_time_agrees_with_a_time_it_covers(a: str, b: str) -> None:
    claims = [_timed("a1", f"The first emergency call about the Port Elin fire came {a}.", "c1"),
              _timed("l1", f"The first emergency call about the Port Elin fire came {b}.", "c2")]
    assert _kinds(claims) == []


def test_clock_times_are_read_as_minutes_after_midnight() -> None:
    from newsweave.corpus.facts.clock import clock_times

    times = clock_times("Seen at 3:33 a.m., put out shortly after 12 p.m. and by 7:05 P.M.", 10)
    assert [(q.value, q.low, q.high) for q in times] == [
        (213.0, None, None), (720.0, 720.0, 740.0), (1145.0, 1085.0, 1145.0)]
    assert times[0].start == 10 + len("Seen at ") and times[0].text == "3:33 a.m."


# -- positions (2026-12-07): who stands against whom ----------------------------------

UNION, AUTHORITY, COUNCIL = "org:port-elin-union", "org:port-elin-harbour", "org:elin-council"


def _position_conflicts(positions) -> list:
    return [c for c in corroborate([], positions)[1] if c.kind == "position"]


def test_parties_that_reject_one_proposal_stand_in_one_camp() -> None:
    conflicts = _position_conflicts([
        make_position("p1", "a1", UNION, "demands", "a 9% raise",
                      "The union demands a 9% raise."),
        make_position("p2", "l1", AUTHORITY, "rejects", "a 9% raise",
                      "The harbour authority rejects a 9% raise.", start=40),
        make_position("p3", "r1", COUNCIL, "rejects", "the raise",
                      "The council also rejects the raise.", start=80),
    ])
    assert len(conflicts) == 1
    camps = {s.value.split(" ")[0]: s.camp for s in conflicts[0].sides}
    assert camps[AUTHORITY] == camps[COUNCIL] != camps[UNION]


@pytest.mark.parametrize("demand", [
    "changes to the harbour plan",                  # to change it is not to back it
    "the council to scrap the harbour plan",        # to undo it is to be against it
    "the authority to rewrite the harbour plan",
])
def test_a_demand_to_act_on_a_thing_is_not_support_for_it(demand: str) -> None:
    conflicts = _position_conflicts([
        make_position("p1", "a1", UNION, "demands", demand, f"The union demands {demand}."),
        make_position("p2", "l1", AUTHORITY, "rejects", "the harbour plan",
                      "The harbour authority rejects the harbour plan.", start=60),
    ])
    assert conflicts == []


def test_a_call_to_accept_a_thing_is_support_for_it() -> None:
    conflicts = _position_conflicts([
        make_position("p1", "a1", UNION, "demands", "the council to accept the harbour plan",
                      "The union urged the council to accept the harbour plan."),
        make_position("p2", "l1", AUTHORITY, "rejects", "the harbour plan",
                      "The harbour authority rejects the harbour plan.", start=60),
    ])
    assert len(conflicts) == 1


def test_clock_times_in_another_zone_do_not_compare() -> None:
    claims = [_timed("a1", "The Port Elin final kicks off at 3:30 p.m. Saturday at Elin Park.",
                     "c1"),
              _timed("l1", "The Port Elin final kicks off at 1:30 p.m. PST Saturday at Elin Park.",
                     "c2")]
    assert _kinds(claims) == []


# -- certainty (2026-12-07): a denial or a hedge of the same act, nothing else --------

def test_an_expectation_and_its_outcome_do_not_disagree() -> None:
    # one report was written before the event, the other after it
    a = "Mara Loen will be introduced as the new head of the Port Elin union on Tuesday."
    b = "Mara Loen was introduced as the new head of the Port Elin union on Tuesday."
    claims = [make_claim("c1", "a1", a, certainty="expected",
                         clauses=_clause(a, "introduce", False)),
              make_claim("c2", "l1", b, certainty="asserted",
                         clauses=_clause(b, "introduce", False))]
    assert _kinds(claims) == []


def test_a_negation_in_both_sentences_is_no_denial() -> None:
    # the parse puts one outlet's negation in a second clause: both still write it
    a = ("Ilves knocked Baro down with a right hand in the fifth round at Elin Park, and the "
         "challenger never recovered.")
    b = "Baro never recovered from the right hand Ilves landed in the fifth round at Elin Park."
    claims = [make_claim("c1", "a1", a, certainty="asserted", clauses=_clause(a, "knock", False)),
              make_claim("c2", "l1", b, certainty="negated", clauses=_clause(b, "recover", True))]
    assert _kinds(claims) == []


def test_a_denial_of_another_act_is_no_denial() -> None:
    a = "The Tarvel council approved the Port Elin harbour budget on Tuesday after a long debate."
    b = "The Tarvel council did not publish the Port Elin harbour budget on Tuesday after the debate."
    claims = [make_claim("c1", "a1", a, certainty="asserted", clauses=_clause(a, "approve", False)),
              make_claim("c2", "l1", b, certainty="negated", clauses=_clause(b, "publish", True))]
    assert _kinds(claims) == []


# -- figures (2026-12-07) ----------------------------------------------------------

def test_an_outlet_that_also_gives_the_figure_does_not_disagree_on_it() -> None:
    # the second outlet lists one count of one charge and three of another; the
    # first gives the three: they agree on the three
    a = "Teodor Halvane was charged on Friday with three counts of harbour fraud at Port Elin."
    b = ("Teodor Halvane was charged on Friday with one count of perjury and three counts "
         "of harbour fraud at Port Elin.")
    claims = [make_claim("c1", "a1", a, numbers=(("three counts", 3, "counts"),)),
              make_claim("c2", "l1", b, numbers=(("one count", 1, "count"),
                                                 ("three counts", 3, "counts")))]
    assert _kinds(claims) == []


def test_a_scaled_figure_of_a_price_is_a_part_of_it() -> None:
    # the extract stage keeps "of the purchase price" in the figure's text
    a = "Tarvel Shipping said $281 million of the purchase price for Elin Docks will be in cash."
    b = "Tarvel Shipping will pay $334 million for Elin Docks, the company said."
    claims = [make_claim("c1", "a1", a, numbers=(("$281 million of the purchase price", 281e6,
                                                  "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$334 million", 334e6, "usd"),))]
    assert len(corroborate(claims)[0]) == 1
    assert _kinds(claims) == []


def test_an_age_is_not_a_span_of_years() -> None:
    a = "Teodor Halvane was sentenced at the Port Elin court, and the 37-year-old will serve it."
    b = "Teodor Halvane was sentenced at the Port Elin court to 45 years for the fraud."
    claims = [make_claim("c1", "a1", a, numbers=(("37-year", 37, "year"),)),
              make_claim("c2", "l1", b, numbers=(("45 years", 45, "years"),))]
    assert len(corroborate(claims)[0]) == 1
    assert _kinds(claims) == []


def test_figures_of_two_named_people_are_two_slots() -> None:
    a = "Ilves finished the Tarvel final with 16 points and nine rebounds for Elin."
    b = "Halvane Baro finished the Tarvel final with 20 points and eight rebounds for Elin."
    claims = [make_claim("c1", "a1", a, numbers=(("16 points", 16, "points"),
                                                 ("nine rebounds", 9, "rebounds"))),
              make_claim("c2", "l1", b, numbers=(("20 points", 20, "points"),
                                                 ("eight rebounds", 8, "rebounds")))]
    assert _kinds(claims) == []


def test_figures_of_one_named_person_still_conflict() -> None:
    a = "Police said Ilves finished the Tarvel final with 16 points and nine rebounds for Elin."
    b = "Ilves finished the Tarvel final with 18 points and nine rebounds for Elin, officials said."
    claims = [make_claim("c1", "a1", a, numbers=(("16 points", 16, "points"),
                                                 ("nine rebounds", 9, "rebounds"))),
              make_claim("c2", "l1", b, numbers=(("18 points", 18, "points"),
                                                 ("nine rebounds", 9, "rebounds")))]
    assert _kinds(claims) == ["number"]


def test_a_qualifier_before_an_article_is_read() -> None:
    a = "Police said more than a hundred people joined the vigil at Port Elin on Saturday."
    b = "Police said more than 100 people joined the vigil at Port Elin on Saturday."
    claims = [make_claim("c1", "a1", a, numbers=(("hundred people", 100, "people"),)),
              make_claim("c2", "l1", b, numbers=(("more than 100 people", 100, "people"),))]
    assert _kinds(claims) == []


def test_figures_for_two_named_places_are_two_slots() -> None:
    # a province's toll and one town's toll, by the same official
    a = "The storm injured more than 200 people and damaged 300 houses in Veskaria, officials said."
    b = "At least five people were injured and 10 houses were damaged in Tarvel, officials said."
    claims = [make_claim("c1", "a1", a, numbers=(("more than 200 people", 200, "people"),
                                                 ("300 houses", 300, "houses"))),
              make_claim("c2", "l1", b, numbers=(("At least five people", 5, "people"),
                                                 ("10 houses", 10, "houses")))]
    assert _kinds(claims) == []


def test_figures_for_one_named_place_still_conflict() -> None:
    a = "The storm damaged 300 houses in Tarvel on Sunday, officials said."
    b = "The storm damaged 340 houses in Tarvel City on Sunday, officials said."
    claims = [make_claim("c1", "a1", a, numbers=(("300 houses", 300, "houses"),)),
              make_claim("c2", "l1", b, numbers=(("340 houses", 340, "houses"),))]
    assert _kinds(claims) == ["number"]


# -- dates (2026-12-07): one act on two days -------------------------------------------

def test_one_act_on_two_weekdays_is_a_date_conflict() -> None:
    a = "The Tarvel council voted 396-9 on Wednesday to reaffirm the Port Elin harbour charter."
    b = "The Tarvel council voted on Tuesday to reaffirm the Port Elin harbour charter."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    conflicts = corroborate(claims)[1]
    assert [c.kind for c in conflicts] == ["date"]
    assert sorted(s.value for s in conflicts[0].sides) == ["Tuesday", "Wednesday"]


def test_one_act_in_two_years_is_a_date_conflict() -> None:
    a = "Voters in 2009 approved a $3 million bond to buy the Port Elin harbour properties."
    b = "Port Elin voters in 2010 approved a $3 million bond to buy the harbour properties."
    claims = [make_claim("c1", "a1", a, numbers=(("$3 million", 3e6, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$3 million", 3e6, "usd"),))]
    assert [c.kind for c in corroborate(claims)[1]] == ["date"]


def test_the_same_day_named_alike_is_no_date_conflict() -> None:
    a = "The Tarvel council voted on Tuesday to reaffirm the Port Elin harbour charter."
    b = "On Tuesday the Tarvel council voted to reaffirm the harbour charter of Port Elin."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert _kinds(claims) == []


def test_a_sentence_naming_two_days_is_not_set_against_one() -> None:
    # which of its days is the act's cannot be told from the words
    a = "The Tarvel council, which met on Monday, voted on Tuesday to reaffirm the harbour charter."
    b = "The Tarvel council voted on Wednesday to reaffirm the Port Elin harbour charter."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert "date" not in _kinds(claims)


@pytest.mark.parametrize(("a", "b"), [
    # "Sunday's final" names an event, not the day of the act
    ("An arrest for drunk driving will not keep Ilves out of Sunday's Tarvel final at Elin Park.",
     "Ilves was arrested for drunk driving on Tuesday, before the Tarvel final at Elin Park."),
    # the day something was said is not the day it happened
    ("The Port Elin pier fire destroyed the harbour office, the harbour master said Saturday.",
     "The Port Elin pier fire destroyed the harbour office on Friday night."),
    # a span's first year is not the year of its end
    ("Baro set the Tarvel scoring record from 1974 to 1978 with 2,290 points for Elin.",
     "Baro set the Tarvel scoring record in 1978 with 2,290 points for Elin."),
])
def test_a_day_of_another_act_is_no_date_conflict(a: str, b: str) -> None:
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert "date" not in _kinds(claims)


def test_a_day_given_to_another_verb_is_no_date_conflict() -> None:
    a = "Ilves tweeted on Tuesday that he had accepted an invitation to meet Baro at Port Elin."
    b = "On Wednesday, Baro expressed surprise that Ilves had accepted an invitation to meet at Port Elin."
    claims = [make_claim("c1", "a1", a, clauses=_clause(a, "tweet", False)),
              make_claim("c2", "l1", b, clauses=_clause(b, "express", False))]
    assert "date" not in _kinds(claims)


def test_a_figure_in_reported_speech_belongs_to_the_speech() -> None:
    # "Halvane said Veskaria wants 60 days": Veskaria's figure, against Veskaria's 30
    a = "Halvane told reporters that Veskaria wants a 60-day ceasefire at the Ondravel talks."
    b = "Veskaria is asking for a 30-day ceasefire at the Ondravel talks."
    claims = [make_claim("c1", "a1", a, numbers=(("60-day", 60, "day"),)),
              make_claim("c2", "l1", b, numbers=(("30-day", 30, "day"),))]
    assert _kinds(claims) == ["number"]


def test_another_persons_equal_figure_is_no_agreement() -> None:
    # the second outlet's $80 million is two other players' deal; Baro's is $82 million
    a = "Elin signed free agent Halvane Baro to a five-year, $80 million contract in the summer."
    b = ("Elin signed free agent Halvane Baro to an $82 million deal and re-signed Ilves and "
         "Oskar for $80 million and $25 million, respectively.")
    claims = [make_claim("c1", "a1", a, numbers=(("$80 million contract", 80e6, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$82 million deal", 82e6, "usd"),
                                                 ("$80 million", 80e6, "usd"),
                                                 ("$25 million", 25e6, "usd")))]
    assert _kinds(claims) == ["number"]


@pytest.mark.parametrize("demand", [
    "any harbour plan to include the dockworkers' pension fund",  # a condition on it
    "renegotiate the harbour plan as mayor",                        # an act on it
])
def test_a_demanded_act_on_a_thing_is_not_support_for_it(demand: str) -> None:
    conflicts = _position_conflicts([
        make_position("p1", "a1", UNION, "demands", demand, f"The union demands {demand}."),
        make_position("p2", "l1", AUTHORITY, "rejects", "the harbour plan",
                      "The harbour authority rejects the harbour plan.", start=80),
    ])
    assert conflicts == []


def test_a_demand_to_support_a_thing_still_opposes_its_rejection() -> None:
    conflicts = _position_conflicts([
        make_position("p1", "a1", UNION, "demands", "support the harbour plan",
                      "The union asks everyone to support the harbour plan."),
        make_position("p2", "l1", AUTHORITY, "rejects", "the harbour plan",
                      "The harbour authority rejects the harbour plan.", start=80),
    ])
    assert len(conflicts) == 1


def test_people_sheltering_are_not_the_dead() -> None:
    a = ("Some 30 people were killed and 55 others injured when three shells landed at the "
         "perimeter of the Tarvel school.")
    b = ("Ilves said that three shells landed at the perimeter of the Tarvel school where 350 "
         "people were taking shelter.")
    claims = [make_claim("c1", "a1", a, numbers=(("Some 30 people", 30.0, "people"),
                                                 ("55 others", 55.0, "others"))),
              make_claim("c2", "l1", b, numbers=(("350 people", 350.0, "people"),))]
    assert _kinds(claims) == []


def test_another_count_adds_to_the_toll_it_is_not_the_toll() -> None:
    a = ("Another four people died in hospitals in the Tarvel district from injuries in the "
         "quake, he said.")
    b = ("Officials say at least 24 people were killed and more than 200 injured by the quake "
         "in the Tarvel district.")
    claims = [make_claim("c1", "a1", a, numbers=(("four people", 4.0, "people"),)),
              make_claim("c2", "l1", b, numbers=(("at least 24 people", 24.0, "people"),
                                                 ("more than 200", 200.0, "")))]
    assert _kinds(claims) == []



# -- a figure's time frame: a running total, a count since a date, one day's count ------

@pytest.mark.parametrize(("a", "fa", "b", "fb"), [
    # one day's toll against the running toll
    ("Five Tarvel soldiers were killed on Wednesday in the fighting near Elin.",
     ("Five Tarvel soldiers", 5.0, "soldiers"),
     "Tarvel has so far lost seven soldiers in the fighting near Elin.",
     ("seven soldiers", 7.0, "soldiers")),
    # a count since a date against the whole count
    ("Police said Ilves had been arrested four times on charges of theft in Elin.",
     ("four times", 4.0, "times"),
     ("Police said Ilves had been arrested three times since October on charges of theft "
      "in Elin."), ("three times", 3.0, "times")),
    # a season's count against a count over the last games
    ("Ilves, the Tarvel league leader, has 11 touchdowns for the Elin club this season.",
     ("11 touchdowns", 11.0, "touchdowns"),
     ("Ilves, the Tarvel league leader, has two touchdowns for the Elin club in his last two "
      "games."), ("two touchdowns", 2.0, "touchdowns")),
])
def test_figures_of_two_time_frames_are_two_slots(a: str, fa: tuple, b: str, fb: tuple) -> None:
    claims = [make_claim("c1", "a1", a, numbers=(fa,)), make_claim("c2", "l1", b, numbers=(fb,))]
    facts, _ = corroborate(claims)
    assert len(facts) == 1  # one fact: the test is about its figures
    assert _kinds(claims) == []


def test_figures_of_one_time_frame_still_conflict() -> None:
    a = "Tarvel has so far lost seven soldiers in the fighting near Elin."
    b = "Tarvel has lost nine soldiers in the fighting near Elin so far."
    claims = [make_claim("c1", "a1", a, numbers=(("seven soldiers", 7.0, "soldiers"),)),
              make_claim("c2", "l1", b, numbers=(("nine soldiers", 9.0, "soldiers"),))]
    assert _kinds(claims) == ["number"]


def test_a_sum_in_all_is_not_the_sum_asked_for() -> None:
    a = "Ilves requested $5.7 billion for the Elin harbour wall, while Tarvel vowed to block it."
    b = ("With $1.4 billion approved on Thursday, Ilves would have about $8 billion in all for "
         "the Elin harbour wall, more than the $5.7 billion he requested.")
    claims = [make_claim("c1", "a1", a, numbers=(("$5.7 billion", 5.7e9, "usd"),)),
              make_claim("c2", "l1", b, numbers=(("$1.4 billion", 1.4e9, "usd"),
                                                 ("$8 billion", 8e9, "usd"),
                                                 ("$5.7 billion", 5.7e9, "usd")))]
    assert _kinds(claims) == []


def test_a_figures_noun_is_not_read_across_another_figure() -> None:
    # "24-24 with a 45-yard field goal": the score counts no yards
    a = "Ilves tied the game at 24-24 with a 45-yard field goal for Elin in the final quarter."
    b = "Ilves kicked a game-tying 45-yard field goal for Elin in the final quarter."
    claims = [make_claim("c1", "a1", a, numbers=(("24-24", 24.0, ""), ("45-yard", 45.0, ""))),
              make_claim("c2", "l1", b, numbers=(("45-yard", 45.0, ""),))]
    assert _kinds(claims) == []


def test_compound_figures_of_two_things_are_two_slots() -> None:
    a = "Ilves, a four-time Elin all-star, was named coach of the Tarvel club on Monday."
    b = "Ilves, a five-time Elin defensive honoree, was named coach of the Tarvel club on Monday."
    claims = [make_claim("c1", "a1", a, numbers=(("four-time", 4.0, ""),)),
              make_claim("c2", "l1", b, numbers=(("five-time", 5.0, ""),))]
    assert _kinds(claims) == []


def test_compound_figures_of_one_thing_still_conflict() -> None:
    a = "Ilves filed a 31-page complaint against the Tarvel council on Monday."
    b = "Ilves filed a 30-page complaint against the Tarvel council on Monday."
    claims = [make_claim("c1", "a1", a, numbers=(("31-page", 31.0, ""),)),
              make_claim("c2", "l1", b, numbers=(("30-page", 30.0, ""),))]
    assert _kinds(claims) == ["number"]



def test_figures_joined_in_a_ratio_share_their_noun() -> None:
    a = "Ilves said the Tarvel council has a one-in-three chance of losing its majority."
    b = "Ilves said the Tarvel council has a 1 in 3 chance of losing its majority."
    # the extract stage reads both as one share of 33.3 %
    claims = [make_claim("c1", "a1", a, numbers=(("one-in-three chance", 100 / 3, "%"),)),
              make_claim("c2", "l1", b, numbers=(("1 in 3 chance", 100 / 3, "%"),))]
    assert _kinds(claims) == []


def test_a_side_joins_a_clash_only_in_the_slot_of_every_side() -> None:
    # the unnamed forward's nine rebounds may be Ilves's eight or Baro's nine, but
    # Ilves's eight and Baro's nine are two players' lines, never one clash
    a = "The forward finished with 20 points and nine rebounds in the final game."
    b = "Ilves finished with 20 points and eight rebounds in the final game."
    c = "Baro finished with 20 points and nine rebounds in the final game."
    claims = [make_claim("c1", "a1", a, numbers=(("20 points", 20.0, "points"),
                                                 ("nine rebounds", 9.0, "rebounds"))),
              make_claim("c2", "l1", b, numbers=(("20 points", 20.0, "points"),
                                                 ("eight rebounds", 8.0, "rebounds"))),
              make_claim("c3", "r1", c, numbers=(("20 points", 20.0, "points"),
                                                 ("nine rebounds", 9.0, "rebounds")))]
    facts, conflicts = corroborate(claims)
    assert len(facts) == 1
    for conflict in conflicts:
        camps = {side.claim_id: side.camp for side in conflict.sides}
        assert not ("c2" in camps and "c3" in camps and camps["c2"] != camps["c3"])


@pytest.mark.parametrize(("a", "fa", "b", "fb"), [
    # a version is part of a product's name
    ("The flaw was reported after the release of Elin Browser 8, Tarvel said.", ("8", 8.0),
     "The flaw was reported after the release of Elin Browser 6, Tarvel said.", ("6", 6.0)),
    # a house number is part of an address
    ("The Tarvel council met at Harbour Street 12 to approve the budget.", ("12", 12.0),
     "The Tarvel council met at Harbour Street 14 to approve the budget.", ("14", 14.0)),
])
def test_a_number_in_a_name_counts_nothing(a: str, fa: tuple, b: str, fb: tuple) -> None:
    claims = [make_claim("c1", "a1", a, numbers=((*fa, ""),)),
              make_claim("c2", "l1", b, numbers=((*fb, ""),))]
    facts, _ = corroborate(claims)
    assert len(facts) == 1
    assert _kinds(claims) == []


# -- one figure qualified differently anywhere in a fact ---------------------------------

def _prepared(texts: list[tuple[str, str, str]]):
    from newsweave.corpus.facts.align import prepare_story
    from tests.corpus.test_corroborate import OUTLETS
    claims = [make_claim(f"c{k}", article, text, numbers=((figure, 1e6, "usd"),))
              for k, (article, text, figure) in enumerate(texts)]
    return prepare_story(claims, OUTLETS, {}, [])


def test_a_figure_qualified_differently_in_two_statements_of_a_fact_is_compared() -> None:
    from newsweave.corpus.facts.figures import qualifier_clashes
    members = _prepared([
        ("a1", "An overnight fire did an estimated $1 million damage to the Elin chapel.",
         "$1 million"),
        ("l1", "Pastor Ilves estimates damages at more than $1 million to the Elin chapel.",
         "$1 million"),
    ])
    clashes = qualifier_clashes(members, compared=set())
    assert [(c.kind, sorted(p.outlet for p, _ in c.sides)) for c in clashes] == [
        ("qualifier", ["Coastline Daily", "The Northern Ledger"])]
    # a pair already set side by side within one statement is not shown twice
    pair = frozenset(p.claim.id for p in members)
    assert qualifier_clashes(members, compared={pair}) == []


def test_one_figure_of_two_acts_is_not_compared_across_a_fact() -> None:
    from newsweave.corpus.facts.figures import qualifier_clashes
    # one figure, nothing else in common around it: two acts of one story
    members = _prepared([
        ("a1", "With $1 million left in the fund, Baro closed the Elin office.", "$1 million"),
        ("l1", "Halvane raised more than $1 million for the Tarvel campaign.", "$1 million"),
    ])
    assert qualifier_clashes(members, compared=set()) == []


def test_common_capitalised_words_name_no_one() -> None:
    # "Police" and "Officials" opening a sentence are no two people's figures
    a = "Police say the storm left about 300 homes without power in Tarvel overnight."
    b = "Officials said more than 300 homes in Tarvel were left without power by the storm."
    claims = [make_claim("c1", "a1", a, numbers=(("300 homes", 300.0, "homes"),)),
              make_claim("c2", "l1", b, numbers=(("300 homes", 300.0, "homes"),))]
    assert _kinds(claims) == ["qualifier"]


def test_every_and_all_say_the_same() -> None:
    a = "Every councillor on the Tarvel harbour board on Monday demanded Ilves step down."
    b = "All nine councillors on the Tarvel harbour board on Monday demanded Ilves step down."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    facts, _ = corroborate(claims)
    assert len(facts) == 1
    assert _kinds(claims) == []


def test_across_facts_two_words_around_the_figure_must_agree() -> None:
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import qualifier_clashes
    from tests.corpus.test_corroborate import OUTLETS

    def pieces(a: str, b: str):
        claims = [make_claim("c1", "a1", a, numbers=(("$1 million", 1e6, "usd"),)),
                  make_claim("c2", "l1", b, numbers=(("$1 million", 1e6, "usd"),))]
        return prepare_story(claims, OUTLETS, {}, [])

    # one word in common around the figure ("repairs"): a fund and a bill
    one = pieces("The city fund holds around $1 million for repairs, its manager said.",
                 "The storm left at least $1 million of repairs, officials said.")
    assert qualifier_clashes(one, compared=set(), shared=2) == []
    assert len(qualifier_clashes(one, compared=set(), shared=1)) == 1
    # two ("damage", "storm"): one figure
    two = pieces("The storm did around $1 million in damage to the harbour.",
                 "At least $1 million in storm damage was done to the harbour.")
    assert len(qualifier_clashes(two, compared=set(), shared=2)) == 1


def test_the_people_a_hospital_took_in_are_not_the_toll() -> None:
    a = "A doctor said the Elin hospital had received around 50 people with injuries from the quake."
    b = "The quake in Elin injured at least 50 people, a doctor said."
    claims = [make_claim("c1", "a1", a, numbers=(("50 people", 50.0, "people"),)),
              make_claim("c2", "l1", b, numbers=(("50 people", 50.0, "people"),))]
    assert _kinds(claims) == []


def test_a_qualifier_before_a_ratio_qualifies_its_whole() -> None:
    # "as many as 1 in 500 users" against "one in every 500 users": the same share
    a = "Elin Soft estimated that as many as 1 in 500 users of its browser had been exposed."
    b = "Elin Soft estimated that one in every 500 users of its browser had been exposed."
    # the extract stage reads both as one share of 0.2 %, the hedge in the first
    claims = [make_claim("c1", "a1", a, numbers=(("as many as 1 in 500 users", 0.2, "%"),)),
              make_claim("c2", "l1", b, numbers=(("one in every 500 users", 0.2, "%"),))]
    assert _kinds(claims) == ["qualifier"]



def test_a_maximum_of_a_figure_is_up_to_it() -> None:
    a = "Ilves faces a maximum sentence of 15 years in prison if convicted in Elin."
    b = "Ilves faces up to 15 years in prison if convicted in Elin."
    claims = [make_claim("c1", "a1", a, numbers=(("15 years", 15.0, "years"),)),
              make_claim("c2", "l1", b, numbers=(("15 years", 15.0, "years"),))]
    assert _kinds(claims) == []



def test_a_figure_of_another_thing_first_does_not_hide_a_clash() -> None:
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import qualifier_clashes
    from tests.corpus.test_corroborate import OUTLETS

    texts = [("a1", "The Tarvel fund holds $1 million for repairs, its manager said."),
             ("r1", "An overnight fire did an estimated $1 million damage to the Elin chapel."),
             ("l1", "Pastor Ilves estimates damages at more than $1 million to the Elin chapel.")]
    claims = [make_claim(f"c{k}", article, text, numbers=(("$1 million", 1e6, "usd"),))
              for k, (article, text) in enumerate(texts)]
    clashes = qualifier_clashes(prepare_story(claims, OUTLETS, {}, []), compared=set())
    assert [sorted(p.outlet for p, _ in c.sides) for c in clashes] == [
        ["Elin Radio", "The Northern Ledger"]]


@pytest.mark.parametrize(("a", "fa", "b", "fb"), [
    # the first of two quakes is not "the quake" another outlet dates later
    ("The quake struck off the Elin coast at dawn, 75 kilometers west of Tarvel, the "
     "survey said.", ("75 kilometers", 75.0, "kilometers"),
     "The first quake struck off the Elin coast at dawn, about 135 kilometers west of "
     "Tarvel, the survey said.", ("about 135 kilometers", 135.0, "kilometers")),
    # one final chance is not the chances the side had before
    ("The Tarvel side had two chances to tie the score against Elin in the last minutes.",
     ("two chances", 2.0, "chances"),
     "The Tarvel side had one final chance to tie the score against Elin in the last minutes.",
     ("one final chance", 1.0, "chance")),
])
def test_a_figure_of_the_first_or_final_one_is_another_occasion(
        a: str, fa: tuple, b: str, fb: tuple) -> None:
    assert _figure_kinds(a, fa, b, fb) == []


def test_figures_of_the_first_one_in_both_outlets_still_conflict() -> None:
    a = "The first quake struck off the Elin coast at dawn, 75 kilometers west of Tarvel."
    b = "The first quake struck off the Elin coast at dawn, 135 kilometers west of Tarvel."
    claims = [make_claim("c1", "a1", a, numbers=(("75 kilometers", 75.0, "kilometers"),)),
              make_claim("c2", "l1", b, numbers=(("135 kilometers", 135.0, "kilometers"),))]
    assert _kinds(claims) == ["number"]


def test_a_figure_before_a_singular_unit_describes_the_noun_after_it() -> None:
    # "an 80 yard touchdown pass", written without its hyphen, is a pass, not a drive
    a = "Ilves won it for Tarvel with an 80 yard touchdown pass against Elin on Sunday."
    b = "Ilves won it for Tarvel with a 73 yard winning drive against Elin on Sunday."
    claims = [make_claim("c1", "a1", a, numbers=(("80 yard", 80.0, "yard"),)),
              make_claim("c2", "l1", b, numbers=(("73 yard", 73.0, "yard"),))]
    assert _kinds(claims) == []


def test_unhyphenated_compounds_of_one_thing_still_conflict() -> None:
    a = "Ilves won it for Tarvel with an 80 yard touchdown pass against Elin on Sunday."
    b = "Ilves won it for Tarvel with a 73 yard touchdown pass against Elin on Sunday."
    claims = [make_claim("c1", "a1", a, numbers=(("80 yard", 80.0, "yard"),)),
              make_claim("c2", "l1", b, numbers=(("73 yard", 73.0, "yard"),))]
    assert _kinds(claims) == ["number"]


@pytest.mark.parametrize(("a", "fa", "b", "fb"), [
    # a 10-8 round is a judge's score for one round, not ten rounds
    ("Ilves beat Baro in Tarvel over six-plus rounds, the judges said on Sunday.",
     ("over six-plus rounds", 6.0, "rounds"),
     "Ilves beat Baro in Tarvel in a 10-8 round, the judges said on Sunday.",
     ("10-8 round", 10.0, "round")),
    # a record of 58 wins and 3 losses (51 by knockout) is not 58 knockouts
    ("Ilves beat Baro in Tarvel and improved to 58 - 3 (51 KO) on Sunday.",
     ("58 - 3 (51 KO", 58.0, "ko"),
     "Ilves beat Baro in Tarvel for his 58th win, 51 by KO, on Sunday.",
     ("51 by KO", 51.0, "ko")),
])
def test_a_score_or_record_is_no_count(a: str, fa: tuple, b: str, fb: tuple) -> None:
    assert _figure_kinds(a, fa, b, fb) == []


def test_two_records_still_conflict() -> None:
    a = "Ilves beat Baro in Tarvel on Sunday and improved his record to 53-3."
    b = "Ilves beat Baro in Tarvel on Sunday and improved his record to 52-3."
    claims = [make_claim("c1", "a1", a, numbers=(("53-3", 53.0, ""),)),
              make_claim("c2", "l1", b, numbers=(("52-3", 52.0, ""),))]
    assert _kinds(claims) == ["number"]


def test_a_time_things_began_is_not_the_time_they_ended() -> None:
    a = ("Voters in Tarvel began to cast their ballots at 8:00 am local time on Sunday in "
         "the Elin election.")
    b = "The Tarvel booths in the Elin election were closed at 6:00 p.m. local time on Sunday."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert _kinds(claims) == []


def test_one_time_things_began_still_conflicts() -> None:
    a = "Voting in the Tarvel election began at 8:00 am local time on Sunday, officials said."
    b = "Voting in the Tarvel election began at 7:00 am local time on Sunday, officials said."
    claims = [make_claim("c1", "a1", a), make_claim("c2", "l1", b)]
    assert _kinds(claims) == ["number"]


def test_two_stat_lines_differing_in_every_figure_are_two_games() -> None:
    # every figure of one line differs from the other's: two games, not one misreported
    a = "Ilves finished the Tarvel win over Elin on Sunday with 25 points and 16 rebounds."
    b = "Ilves finished the Tarvel win over Elin on Sunday with 22 points and nine rebounds."
    claims = [make_claim("c1", "a1", a, numbers=(("25 points", 25.0, "points"),
                                                 ("16 rebounds", 16.0, "rebounds"))),
              make_claim("c2", "l1", b, numbers=(("22 points", 22.0, "points"),
                                                 ("nine rebounds", 9.0, "rebounds")))]
    assert _kinds(claims) == []


def test_a_stat_line_agreeing_but_in_one_figure_still_conflicts() -> None:
    a = "Ilves finished the Tarvel win over Elin on Sunday with 25 points and 16 rebounds."
    b = "Ilves finished the Tarvel win over Elin on Sunday with 22 points and 16 rebounds."
    claims = [make_claim("c1", "a1", a, numbers=(("25 points", 25.0, "points"),
                                                 ("16 rebounds", 16.0, "rebounds"))),
              make_claim("c2", "l1", b, numbers=(("22 points", 22.0, "points"),
                                                 ("16 rebounds", 16.0, "rebounds")))]
    assert _kinds(claims) == ["number"]


@pytest.mark.parametrize(("fa", "fb", "kinds"), [
    (("about 150 metres", 150.0, "metres"), ("about 60m", 60.0, "m"), ["number"]),
    (("60 meters", 60.0, "meters"), ("more than 60m", 60.0, "m"), ["qualifier"]),
    (("200ft", 200.0, "ft"), ("150 feet", 150.0, "feet"), ["number"]),
])
def test_a_unit_abbreviated_or_spelt_otherwise_is_the_same_unit(fa, fb, kinds) -> None:
    text = "Ilves died on Friday after falling {} from a ridge near the Tarvel hut."
    claims = [make_claim("c1", "a1", text.format(fa[0]), numbers=(fa,)),
              make_claim("c2", "l1", text.format(fb[0]), numbers=(fb,))]
    assert _kinds(claims) == kinds


@pytest.mark.parametrize(("a", "qa", "b", "qb", "expected"), [
    (4.8, "", 5.0, "nearly", None),         # 4 minutes 48 seconds is "just under five minutes"
    (5.0, "nearly", 4.7, "about", None),
    (5.5, "", 5.0, "nearly", "number"),     # above "nearly five" is another figure
    (4.0, "", 5.0, "nearly", "number"),     # a fifth below is not near it
    (5.0, "", 5.0, "nearly", "qualifier"),  # "nearly five" against "five"
    (5.0, "nearly", 5.0, "under", None),    # "nearly five" and "up to five" both stop short
])
def test_nearly_a_figure_covers_a_figure_just_below_it(a, qa, b, qb, expected) -> None:
    assert number_difference(a, qa, b, qb) == expected


def test_a_speakers_name_does_not_set_a_figure_apart() -> None:
    """Who said it ("Varga said Tuesday that", "officials in Tarvel said") is a source,
    not the owner of the figure: one toll told by two speakers is one slot."""
    claims = [
        make_claim("c1", "a1", "Harbour master Ilse Varga said Tuesday that at least 40 "
                               "dockworkers were hurt in the Port Elin blast.",
                   numbers=(("at least 40 dockworkers", 40, "dockworkers"),)),
        make_claim("c2", "l1", "Officials in Tarvel said 35 dockworkers were hurt in the "
                               "Port Elin blast.",
                   numbers=(("35 dockworkers", 35, "dockworkers"),)),
    ]
    facts, _ = corroborate(claims)
    assert len(facts) <= 2  # one fact, or the two figures' parts of it
    assert _kinds(claims) == ["number"]


def test_a_speaker_telling_of_their_own_figure_still_owns_it() -> None:
    """"Ilves said he raised" and "Baro said he raised": each speaker tells of their own
    sum (the reported clause's subject points back to them), two slots."""
    claims = [
        make_claim("c1", "a1", "In June Ilves said he raised $40,000 for the Tarvel race.",
                   numbers=(("$40,000", 40000, "usd"),)),
        make_claim("c2", "l1", "In June Baro said he raised $25,000 for the Tarvel race.",
                   numbers=(("$25,000", 25000, "usd"),)),
    ]
    assert _kinds(claims) == []


def test_an_age_belongs_to_the_person_it_describes() -> None:
    """"61-year-old Edda Morn" and "24-year-old Tom Aske" are two people's ages: the
    driver's age never clashes with the walker's, while the walker's two ages do."""
    claims = [
        make_claim("c1", "a1", "According to a police release, 61-year-old Edda Morn was "
                               "crossing Quay Street at about 7 p.m. when 24-year-old Tom Aske "
                               "struck her with his van.",
                   numbers=(("61", 61.0, ""), ("24", 24.0, ""))),
        make_claim("c2", "l1", "Investigators say 60-year-old Edda Morn was hit while crossing "
                               "Quay Street at about 7 p.m.",
                   numbers=(("60", 60.0, ""),)),
    ]
    _, conflicts = corroborate(claims)
    assert [sorted(s.value for s in c.sides) for c in conflicts] == [["60", "61"]]


def test_a_part_told_in_words_is_a_part() -> None:
    """"Three of the four dockworkers" counts a part of the four, written in words as in
    digits: it never clashes with the whole toll."""
    claims = [
        make_claim("c1", "a1", "Five dockworkers died at Port Elin on Monday, four of them in "
                               "the crane collapse.",
                   numbers=(("Five dockworkers", 5.0, "dockworkers"),)),
        make_claim("c2", "l1", "Three of the four dockworkers killed in the crane collapse at "
                               "Port Elin died on Monday.",
                   numbers=(("Three of the four dockworkers", 3.0, "dockworkers"),)),
    ]
    assert _kinds(claims) == []


def test_one_moment_timed_differently_in_two_statements_clashes() -> None:
    """"A caller reported the fire at 4:17 a.m." / "the fire call came in at 4:10 a.m.":
    two statements of one fact, worded apart, timing one moment differently; a time
    of something else in the fact ("the ferry left at 4:10 a.m.") is no clash."""
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import clock_clashes
    from tests.corpus.test_corroborate import OUTLETS

    claims = [
        make_claim("c1", "a1", "A 911 caller reported the Lark Hotel fire at 4:17 a.m."),
        make_claim("c2", "l1", "Fire chief Ana Brell says the hotel fire call came in at "
                               "4:10 a.m."),
        make_claim("c3", "l1", "The last ferry left Tarvel harbour at 4:10 a.m.", start=200),
    ]
    pieces = prepare_story(claims, OUTLETS, {}, [])
    clashes = clock_clashes(pieces, set())
    assert [sorted(q.text for _, q in c.sides) for c in clashes] == [["4:10 a.m.", "4:17 a.m."]]
    assert {p.claim.id for c in clashes for p, _ in c.sides} == {"c1", "c2"}
    # a pair already compared within one statement is not shown twice
    assert clock_clashes(pieces, {frozenset(("c1", "c2"))}) == []


def test_a_range_covering_two_times_does_not_merge_their_camps() -> None:
    """"shortly after 4:10" agrees with 4:17 and with 4:10, but 4:17 and 4:10 still
    disagree: the later 4:10 keeps a camp of its own."""
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import _camps
    from tests.corpus.test_corroborate import OUTLETS

    claims = [
        make_claim("c1", "a1", "The call about the Lark Hotel fire came at 4:17 a.m."),
        make_claim("c2", "l1", "The call about the Lark Hotel fire came shortly after 4:10 a.m."),
        make_claim("c3", "r1", "The call about the Lark Hotel fire came at 4:10 a.m."),
    ]
    pieces = {p.claim.id: p for p in prepare_story(claims, OUTLETS, {}, [])}
    sides = [(pieces[c], pieces[c].quantities[0][0]) for c in ("c1", "c2", "c3")]
    assert _camps(sides) == [0, 0, 2]


def test_content_words_in_the_generic_stop_list_are_compared_around_figures() -> None:
    """scikit-learn's stop list holds words that carry news ("fire", "bill", "call",
    "interest"): around a figure, two mentions of one slot often share little else."""
    from newsweave.corpus.facts.words import slot_tokens

    assert {"fire", "call"} <= slot_tokens("the fire call came in")
    assert "bill" in slot_tokens("the Senate passed the bill")
    assert "inter" in slot_tokens("interest rates rose")
    assert "the" not in slot_tokens("the bill") and "whom" not in slot_tokens("to whom")


def test_a_figure_with_its_own_noun_is_no_part_of_what_follows() -> None:
    """"1,200 residents of Tarvel's old town" counts residents; only a bare figure
    ("1,200 of the residents") is a part of what follows "of"."""
    claims = [
        make_claim("c1", "a1", "As many as 1,200 residents of Tarvel's old town fled the "
                               "flood on Monday.",
                   numbers=(("1,200 residents", 1200.0, "residents"),)),
        make_claim("c2", "l1", "On Monday 1,200 residents fled the flood in Tarvel's old town.",
                   numbers=(("1,200 residents", 1200.0, "residents"),)),
    ]
    assert _kinds(claims) == ["qualifier"]


def test_a_figure_that_keeps_a_close_bound_differs_by_qualifier() -> None:
    """"$716 million" and "more than $700 million" are one sum told with a difference
    of qualifier, wherever in the fact each stands; "$900 million" is past the bound
    by too much to be read as the same figure, and a plain figure below "more than"
    breaks the bound (a clash, not a qualifier)."""
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import qualifier_clashes
    from newsweave.corpus.facts.numbers import within_bound
    from tests.corpus.test_corroborate import OUTLETS

    texts = [("a1", "The ad says Ilves has cut $716 million from the Tarvel harbour fund.",
              "$716 million", 716e6),
             ("l1", "Baro's team noted that Ilves took more than $700 million out of the "
                    "Tarvel harbour fund.", "more than $700 million", 700e6)]
    claims = [make_claim(f"c{k}", article, text, numbers=((phrase, value, "usd"),))
              for k, (article, text, phrase, value) in enumerate(texts)]
    clashes = qualifier_clashes(prepare_story(claims, OUTLETS, {}, []), compared=set())
    assert [(c.kind, sorted(p.outlet for p, _ in c.sides)) for c in clashes] == [
        ("qualifier", ["Coastline Daily", "The Northern Ledger"])]
    assert within_bound(716, "", 700, "over") and within_bound(13, "", 12, "over")
    assert within_bound(2.5e6, "", 2.6e6, "under") and within_bound(4.8, "", 5, "nearly")
    assert not within_bound(900, "", 700, "over") and not within_bound(690, "", 700, "over")
    assert not within_bound(700, "", 700, "over")  # the same figure: qualifier_clashes' own case


# -- a plain figure against a bound, across two facts ------------------------------------

def test_across_facts_a_plain_figure_against_its_bound_needs_one_word() -> None:
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import qualifier_clashes
    from tests.corpus.test_corroborate import OUTLETS

    def pieces(a: str, fa: str, b: str, fb: str):
        claims = [make_claim("c1", "a1", a, numbers=((fa, 30.0, "hours"),)),
                  make_claim("c2", "l1", b, numbers=((fb, 30.0, "hours"),))]
        return prepare_story(claims, OUTLETS, {}, [])

    # one word in common around the figure ("deliberation"): a plain figure and a
    # floor of it are one quantity told precisely and hedged
    plain = pieces("The Tarvel jury could not agree on a sentence after 30 hours of deliberation.",
                   "30 hours",
                   "After more than 30 hours of deliberations, jurors in the Ilves case were "
                   "deadlocked.", "more than 30 hours")
    assert qualifier_clashes(plain, compared=set(), shared=2) == []
    clashes = qualifier_clashes(plain, compared=set(), shared=2, shared_plain=1)
    assert [(c.kind, sorted(p.outlet for p, _ in c.sides)) for c in clashes] == [
        ("qualifier", ["Coastline Daily", "The Northern Ledger"])]
    # two hedged figures with one word in common are two vague counts of two things
    hedged = pieces("The Tarvel jury could not agree on a sentence after about 30 hours of "
                    "deliberation.", "about 30 hours",
                    "After more than 30 hours of deliberations, jurors in the Ilves case were "
                    "deadlocked.", "more than 30 hours")
    assert qualifier_clashes(hedged, compared=set(), shared=2, shared_plain=1) == []


@pytest.mark.parametrize(("text", "figure", "value", "expected"), [
    # "over" after a measured figure is the span it took, not a floor
    ("The panel deliberated Ilves's fate for 40 hours over four days.", "over four days", 4, ""),
    ("Tarvel will spend $5 million over two years on the harbour.", "over two years", 2, ""),
    # ... and before a figure of its own, a floor
    ("The Elin side rushed for over 350 yards and lost.", "over 350 yards", 350, "over"),
    ("Over 2,000 people marched in Tarvel on Sunday.", "Over 2,000 people", 2000, "over"),
])
def test_over_after_a_measured_figure_is_a_span(text: str, figure: str, value: float,
                                                 expected: str) -> None:
    from newsweave.corpus.facts.numbers import _approx
    from newsweave.records import Quantity

    start = text.index(figure)
    q = Quantity(value=value, text=figure, unit="", start=start, end=start + len(figure),
                 approx="over")
    assert _approx(q, make_claim("c1", "a1", text)) == expected


@pytest.mark.parametrize("verb", ["includes", "included"])
def test_includes_marks_a_part_as_including_does(verb: str) -> None:
    # both figures are parts of the same record: one slot, qualified differently
    a = f"Ilves's record of 284-286 {verb} nearly four years as coach of Tarvel."
    b = "Ilves is 284-286 lifetime, including four years in Tarvel."
    claims = [make_claim("c1", "a1", a, numbers=(("four years", 4.0, "years"),)),
              make_claim("c2", "l1", b, numbers=(("four years", 4.0, "years"),))]
    assert _kinds(claims) == ["qualifier"]


def test_a_number_word_opening_a_sentence_names_no_one() -> None:
    from newsweave.corpus.facts.numbers import _names
    assert _names(["SEVENTEEN", "hours", "after", "the", "Tarvel", "strike"]) == _names(
        ["hours", "after", "the", "Tarvel", "strike"])
    assert not _names(["Seventeen", "Forty", "TWELVE"])


def _apart(a: tuple[str, str, float], b: tuple[str, str, float]) -> bool:
    """Whether ``_slots_apart`` sets apart the figures of two invented claims, each
    ``(text, figure as written, value)``, from two outlets."""
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import _slots_apart
    from tests.corpus.test_corroborate import OUTLETS

    claims = [make_claim(cid, article, text, numbers=((figure, value, ""),))
              for cid, article, (text, figure, value) in (("c1", "a1", a), ("c2", "l1", b))]
    (p, qa), (o, qb) = [(p, q) for p in prepare_story(claims, OUTLETS, {}, [])
                        for q, _ in p.quantities]
    return _slots_apart(p, qa, o, qb)


def test_one_owner_is_not_set_apart_by_another_name_in_the_clause() -> None:
    a = (("Ilves will likely die in prison after Judge Edda Morn handed down the maximum "
          "sentence on each of 54 charges."), "54 charges", 54.0)
    assert not _apart(a, ("Ilves faced more than 50 charges in the case.", "50 charges", 50.0))
    # ... but two owners are two slots
    assert _apart(a, ("Baro faced more than 50 charges in the case.", "50 charges", 50.0))


@pytest.mark.parametrize(("record", "figure"), [
    (("It was the first time in league history that a team rushed for over 350 yards and "
      "lost."), "over 350 yards"),
    ("Tarvel became only the fifth side to rush for more than 350 yards in a season.",
     "more than 350 yards"),
])
def test_a_bound_in_a_record_is_its_threshold_not_a_report(record: str, figure: str) -> None:
    report = ("Tarvel finished the game with 352 yards rushing.", "352 yards", 352.0)
    assert _apart((record, figure, 350.0), report)
    # the same bound told as what happened is the same slot
    told = ("Tarvel rushed for over 350 yards in the game.", "over 350 yards", 350.0)
    assert not _apart(told, report)


def test_history_alone_frames_no_record() -> None:
    from newsweave.corpus.facts.numbers import record_threshold
    from newsweave.records import Quantity

    text = "Tarvel saw the worst riots in its history, with more than 100 people hurt."
    figure = "more than 100 people"
    start = text.index(figure)
    q = Quantity(value=100.0, text=figure, unit="people", start=start,
                 end=start + len(figure), approx="more than")
    assert not record_threshold(q, make_claim("c1", "a1", text))


@pytest.mark.parametrize(("a", "fa", "b", "fb"), [
    # what a player needed to break a record is not what he scored
    (("The Tarvel senior needed nine points in the game against Elin on Thursday to pass "
      "Baro for the record."), ("nine points", 9.0, "point"),
     ("Ilves passed Baro for the record while posting 20 points in the game against Elin on "
      "Thursday."), ("20 points", 20.0, "point")),
    ("The Elin council needs 12 votes on Monday to pass the harbour budget.",
     ("12 votes", 12.0, "vote"),
     "The Elin council passed the harbour budget on Monday with 15 votes.",
     ("15 votes", 15.0, "vote")),
])
def test_a_figure_needed_is_not_the_figure_reached(a: str, fa: tuple, b: str, fb: tuple) -> None:
    assert _figure_kinds(a, fa, b, fb) == []


def test_two_figures_needed_still_conflict() -> None:
    a = "The Elin council needs 12 votes on Monday to pass the harbour budget."
    b = "The Elin council needs 14 votes on Monday to pass the harbour budget."
    claims = [make_claim("c1", "a1", a, numbers=(("12 votes", 12.0, "vote"),)),
              make_claim("c2", "l1", b, numbers=(("14 votes", 14.0, "vote"),))]
    assert _kinds(claims) == ["number"]


@pytest.mark.parametrize(("a", "qa", "b", "qb", "expected"), [
    # a bound is a range too when set against a range or a vague count:
    ((2000.0, 20000.0), "", 300, "over", None),      # "thousands" / "more than 300"
    ((2000.0, 20000.0), "", 300, "under", "number"),  # "thousands" / "up to 300"
    ((40.0, 60.0), "", 70, "under", None),           # "40 to 60" / "up to 70"
    ((40.0, 60.0), "", 70, "over", "number"),        # "40 to 60" / "more than 70"
    ((40.0, 60.0), "", 30, "about", "number"),       # "40 to 60" / "about 30"
    ((40.0, 60.0), "", 63, "about", None),           # "about 63" reaches 60
    ((40.0, 60.0), "", 50, "", None),
    ((40.0, 60.0), "", 70, "", "number"),
])
def test_a_bound_against_a_range_is_a_range(a, qa, b, qb, expected) -> None:
    assert number_difference(a, qa, b, qb) == expected
    assert number_difference(b, qb, a, qa) == expected


@pytest.mark.parametrize(("a", "fa", "b", "fb"), [
    # "three-plus" is more than three, as "just over three" is
    ("Ilves compiled a 162-139 record in three-plus seasons at Tarvel.",
     ("three-plus seasons", 3.0, "seasons"),
     "In just over three seasons at Tarvel, Ilves compiled a record of 162-139.",
     ("three seasons", 3.0, "seasons")),
    ("The Elin strike drew 100+ dockworkers to the harbour on Friday.",
     ("100+ dockworkers", 100.0, "dockworkers"),
     "More than 100 dockworkers joined the Elin strike at the harbour on Friday.",
     ("More than 100 dockworkers", 100.0, "dockworkers")),
])
def test_a_figure_plus_is_a_floor(a: str, fa: tuple, b: str, fb: tuple) -> None:
    assert _figure_kinds(a, fa, b, fb) == []


def test_a_figure_plus_against_the_plain_figure_is_a_qualifier() -> None:
    assert _figure_kinds(
        "The Elin strike drew 100+ dockworkers to the harbour on Friday.",
        ("100+ dockworkers", 100.0, "dockworkers"),
        "The Elin strike drew 100 dockworkers to the harbour on Friday.",
        ("100 dockworkers", 100.0, "dockworkers")) == ["qualifier"]


def test_years_of_other_acts_in_two_reports_are_no_date_conflict() -> None:
    # the parse dates neither act: 2002 and 2004 are two past disasters
    a = ("Atur said a girl was killed in the Tarvel earthquakes, which rekindled memories of "
         "quakes that hit the town in 2002.")
    b = ("The Tarvel earthquakes killed a girl in a country still recovering from such a "
         "disaster in 2004.")
    claims = [make_claim("c1", "a1", a, clauses=_clause(a, "kill", when=())),
              make_claim("c2", "l1", b, clauses=_clause(b, "kill", when=()))]
    assert "date" not in _kinds(claims)


def test_days_the_parse_gives_the_act_are_compared() -> None:
    a = "Ilves checked into the Port Elin clinic late Thursday, sources told the Tarvel Courier."
    b = "Early Friday morning, Ilves checked into the Port Elin clinic, dodging arrest."
    claims = [make_claim("c1", "a1", a, clauses=_clause(a, "check", when=("Thursday",))),
              make_claim("c2", "l1", b, clauses=_clause(b, "check", when=("Friday",)))]
    conflicts = corroborate(claims)[1]
    assert [c.kind for c in conflicts] == ["date"]
    assert sorted(s.value for s in conflicts[0].sides) == ["Friday", "Thursday"]


def test_a_figure_a_name_possesses_is_that_name_s_slot() -> None:
    """"Aske's record ... of 4,051 yards" is Aske's figure: set against Dolan's own
    total in a sentence that never names Aske, it is another slot, not a
    misreported figure (the record that was broken and the one that was set)."""
    assert _figure_kinds(
        "Dolan set the league rookie record for passing yards in a season with 4,183 yards.",
        ("4,183 yards", 4183, "yards"),
        "Dolan broke Tom Aske's league rookie record for passing yards in a season of 4,051 "
        "yards.", ("4,051 yards", 4051, "yards")) == []


@pytest.mark.parametrize("b", [
    "Dolan broke Tom Aske's old league rookie record of 4,015 passing yards in the second quarter.",
    "Dolan broke the league rookie record of 4,015 passing yards that Tom Aske set a year ago.",
])
def test_one_possessed_figure_told_twice_still_conflicts(b: str) -> None:
    """The same possessor's figure in both outlets, or a sentence that names the
    possessor beside a plain figure, is one slot: the figures still clash."""
    a = "Dolan broke Tom Aske's league rookie record of 4,051 passing yards in the second quarter."
    assert _figure_kinds(a, ("4,051 passing yards", 4051, "yards"),
                         b, ("4,015 passing yards", 4015, "yards")) == ["number"]


def test_one_owner_s_figure_qualified_differently_across_facts_is_compared() -> None:
    """Two facts of a story, worded apart, give one owner's count, one plainly
    and one as a bound ("each of 54 charges" / "more than 50 charges"): the owner
    named at the head of each clause is what the two share, however far from
    the figure, so the qualifier difference is shown."""
    assert _figure_kinds(
        "Ilves will likely die in prison after Judge Arvo Lind handed down the maximum "
        "sentence on each of 54 charges.", ("54 charges", 54, "charges"),
        "Ilves faced more than 50 charges in the case.",
        ("more than 50 charges", 50, "charges")) == ["qualifier"]


def test_a_part_that_equals_another_outlet_s_whole_is_no_agreement() -> None:
    """"Five drones were launched, of which four were shot down" against "Four
    drones were launched": the four shot down are a part of the five, so they do
    not make the second outlet agree with the first (the clause that gives them is
    not the statement the other outlet makes); the launches still differ."""
    claims = [
        make_claim("c1", "a1", "Five drones were launched at the Tarvel depot, of which four "
                               "were shot down, the army said.",
                   numbers=(("Five drones", 5.0, "drones"), ("four", 4.0, "drones"))),
        make_claim("c2", "l1", "Four drones were launched at the Tarvel depot overnight.",
                   numbers=(("Four drones", 4.0, "drones"),)),
    ]
    assert _kinds(claims) == ["number"]


def test_a_figure_the_other_outlet_gives_too_is_not_set_against_another() -> None:
    """"Ilves played 11 seasons for Tarvel and coached for seven" against "Ilves
    coached seven seasons at Tarvel": the second outlet's seven is the first's
    seven, so it is not set against the first's eleven."""
    claims = [
        make_claim("c1", "a1", "Ilves played for Tarvel for 11 seasons and served as an "
                               "assistant coach for seven, the club said.",
                   numbers=(("11 seasons", 11.0, "seasons"), ("seven", 7.0, "seasons"))),
        make_claim("c2", "l1", "Ilves returns to Tarvel after seven seasons as an assistant "
                               "coach there, the club said.",
                   numbers=(("seven seasons", 7.0, "seasons"),)),
    ]
    assert _kinds(claims) == []



def test_a_hedge_inside_the_figure_s_words_is_among_the_words_around_it() -> None:
    """The extract stage reads "an estimated" into the figure's words ("an estimated
    $2 million"); the words around a figure, which tie two statements' mentions of
    one quantity across a story ("an estimated $2 million in damage" / "estimates
    damages at more than $2 million"), must still hold "estimated"."""
    from newsweave.corpus.facts.align import prepare_story
    from newsweave.corpus.facts.figures import _surroundings
    from tests.corpus.test_corroborate import OUTLETS

    claim = make_claim("c1", "a1", "The Tarvel chapel received an estimated $2 million in damage "
                                   "from the blaze on Friday night.",
                       numbers=(("an estimated $2 million", 2e6, "USD"),))
    [piece] = prepare_story([claim], OUTLETS, {}, {})
    [(figure, _)] = piece.quantities
    assert {"estim", "damag"} <= _surroundings(piece, figure)


def test_people_and_a_person_count_one_thing() -> None:
    """"people" is the plural of "person": "five people were killed" and "killed
    one person" give one toll differently."""
    assert _figure_kinds(
        "The Tarvel quake on Sunday killed five people, the harbour master said.",
        ("five people", 5.0, "people"),
        "The Tarvel quake on Sunday killed one person, the harbour master said.",
        ("one person", 1.0, "person")) == ["number"]


def test_women_and_men_are_two_nouns() -> None:
    """A noun that ends with another is the same thing only as a compound of it
    ("dockworkers" are workers): "women" are not "men"."""
    assert _figure_kinds(
        "Five women were hurt when the Tarvel ferry ran aground, the harbour master said.",
        ("Five women", 5.0, "women"),
        "Three men were hurt when the Tarvel ferry ran aground, the harbour master said.",
        ("Three men", 3.0, "men")) == []


def test_a_compound_of_a_noun_still_counts_it() -> None:
    assert _figure_kinds(
        "More than 2,000 dockworkers joined the Varna Bay walkout on Thursday.",
        ("More than 2,000 dockworkers", 2000.0, "dockworkers"),
        "Some 2,000 workers joined the Varna Bay walkout on Thursday.",
        ("2,000 workers", 2000.0, "workers")) == ["qualifier"]


def test_a_person_is_no_son() -> None:
    assert _figure_kinds(
        "The Tarvel ferry fire killed one person, the harbour master said on Monday.",
        ("one person", 1.0, "person"),
        "The Tarvel ferry fire killed two sons of Ilves, the harbour master said on Monday.",
        ("two sons", 2.0, "sons")) == []
