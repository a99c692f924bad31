"""The party of a position holds the stance (issue 16): never the outlet or the
reporting frame that carries it. Invented sentences; "the Harbour Gazette" and
"Velmar News Agency" are invented outlets."""

from __future__ import annotations

import pytest


def _positions(analyser, text: str) -> list[tuple[str, str, str]]:
    return [(p.party, p.stance, p.object) for p in analyser.analyse(text).positions]


@pytest.mark.parametrize("frame", [
    "The newspaper said", "The Harbour Gazette said", "Velmar News Agency reported",
    "The report said", "According to Reuters,", "The Harbour Gazette, citing Reuters, said",
])
def test_a_medium_that_reports_a_demand_does_not_hold_it(analyser, frame) -> None:
    found = _positions(analyser, f"{frame} Sudan must return the helicopter.")
    assert found == []


@pytest.mark.parametrize("frame", [
    "The Harbour Gazette, citing the ministry, said",
    "According to the ministry,",
])
def test_the_cited_source_holds_what_it_is_reported_to_demand(analyser, frame) -> None:
    found = _positions(analyser, f"{frame} Sudan must return the helicopter.")
    assert found == [("the ministry", "demands", "Sudan to return the helicopter")]


def test_the_holder_named_inside_the_report_keeps_the_position(analyser) -> None:
    assert _positions(analyser, "The Harbour Gazette reported that France demanded a "
                                "ceasefire.") == [("state:FRA", "demands", "a ceasefire")]
    assert _positions(analyser, "France rejected the plan, according to the newspaper.") == [
        ("state:FRA", "rejects", "the plan")]


def test_a_speaker_who_is_not_a_medium_still_holds_the_demand(analyser) -> None:
    assert _positions(analyser, "Russia said Sudan must return the helicopter.") == [
        ("state:RUS", "demands", "Sudan to return the helicopter")
    ]


def test_a_medium_is_not_the_actor_of_a_demand_it_reports(analyser) -> None:
    [event] = [e for e in analyser.analyse(
        "The Harbour Gazette said Sudan must return the helicopter.").events
        if e.event == "REQUEST"]
    assert event.actors == [] and event.recipients == ["state:SDN"]
    [spoken] = [e for e in analyser.analyse(
        "Russia said Sudan must return the helicopter.").events if e.event == "REQUEST"]
    assert spoken.actors == ["state:RUS"]
