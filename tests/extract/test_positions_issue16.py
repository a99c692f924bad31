"""Positions after issue 16 (sentences written for newsweave): negation reaches the
stance, questions state no position, and the demanded thing is worded as the text words it."""

from __future__ import annotations


def _positions(analyser, text: str) -> list[tuple[str, str, str]]:
    return [(p.party, p.stance, p.object) for p in analyser.analyse(text).positions]


def test_a_refused_support_is_a_rejection(analyser) -> None:
    assert _positions(analyser, "France will not support the plan.") == [
        ("state:FRA", "rejects", "the plan")
    ]


def test_a_question_states_no_position(analyser) -> None:
    assert _positions(analyser, "Will Germany support the plan?") == []


def test_an_obligation_names_the_demanded_act_once(analyser) -> None:
    assert _positions(analyser, "Russia said Sudan must return the helicopter.") == [
        ("state:RUS", "demands", "Sudan to return the helicopter")
    ]


def test_the_object_has_its_own_span(analyser) -> None:
    text = "France will not support the plan for the port."
    [position] = analyser.analyse(text).positions
    assert text[position.object_start:position.object_end] == position.object
    obligation = "Russia said Sudan must return the helicopter."
    [demand] = analyser.analyse(obligation).positions
    assert obligation[demand.object_start:demand.object_end] == "return the helicopter"
