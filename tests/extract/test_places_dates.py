"""Places and dates that hold on ordinary news (issue 16; sentences written for newsweave)."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2025, 6, 2)  # a Monday


def _events(analyser, text: str):
    return analyser.analyse(text, PUBLISHED).events


def test_party_and_state_notation_is_no_place(analyser) -> None:
    [event] = _events(analyser, "Sen. Rob Portman (R-Ohio) criticized the plan on Tuesday.")
    assert event.place_id is None


def test_an_age_is_not_a_year(analyser) -> None:
    [event] = _events(analyser, "Jordan Smith, 51, was arrested in Dallas on Monday.")
    assert (event.date, event.date_precision) == (PUBLISHED, "day")


def test_a_month_in_the_future_is_the_next_one(analyser) -> None:
    [event] = _events(analyser, "The two leaders will meet in May.")
    assert (event.date, event.date_precision) == (dt.date(2026, 5, 1), "month")
    [past] = _events(analyser, "The two leaders met in May.")
    assert past.date == dt.date(2025, 5, 1)


def test_a_past_year_in_a_relative_clause_does_not_make_background(analyser) -> None:
    [event] = _events(analyser, "Police arrested the mayor, who was elected in 2019, on Monday.")
    assert not event.background
    assert event.date == PUBLISHED
    [old] = _events(analyser, "In 2019, police arrested the mayor.")
    assert old.background and old.date == dt.date(2019, 1, 1)


def test_attacking_a_proposal_is_an_accusation(analyser) -> None:
    assert [e.event for e in _events(analyser, "The senator attacked the proposal.")] == ["ACCUSE"]


def test_party_and_state_notation_gives_the_legislator_a_country(analyser) -> None:
    result = analyser.analyse("Rep. Ann Lee (D-Calif.) spoke in Toronto on Friday.", PUBLISHED)
    assert {a.id: a.country for a in result.actors}["person:ann-lee"] == "USA"


def test_a_country_word_as_a_first_name_is_a_person(analyser) -> None:
    [event] = _events(analyser, "Jordan Smith criticized the governor on Tuesday.")
    assert event.actors == ["person:jordan-smith"]
    [arrest] = _events(analyser, "Israel Adesanya was arrested in Auckland.")
    assert arrest.recipients == ["person:israel-adesanya"]
    [attack] = _events(analyser, "Israel attacked Gaza on Monday.")
    assert attack.actors == ["state:ISR"]
