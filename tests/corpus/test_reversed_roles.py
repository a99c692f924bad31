"""Who did what to whom (issue 15, point 2): two outlets' clauses of one event type
whose actor and recipient are swapped state two facts ("Veskaria accused Maldar" /
"Maldar accused Veskaria"), however alike their words. Invented reports; the test
of the swap failed before ``align._roles_reversed``."""

from __future__ import annotations

from newsweave.corpus.facts.corroborate import corroborate_story
from newsweave.records import Event
from tests.corpus.test_corroborate import OUTLETS, fact_of, make_claim

VES, MAL = "state:VES", "state:MAL"


def _facts(a: str, b: str, roles_a: tuple[str, str], roles_b: tuple[str, str]):
    claims = [make_claim("c1", "a1", a, actors=[VES, MAL], event_type="ACCUSE"),
              make_claim("c2", "l1", b, actors=[VES, MAL], event_type="ACCUSE")]
    events = [Event(id="e1", article_id="a1", event="ACCUSE", start=0, end=len(a), text=a,
                    actors=[roles_a[0]], recipients=[roles_a[1]], trigger="accused"),
              Event(id="e2", article_id="l1", event="ACCUSE", start=0, end=len(b), text=b,
                    actors=[roles_b[0]], recipients=[roles_b[1]], trigger="accused")]
    facts, _ = corroborate_story("story-1", claims, [], OUTLETS, {}, events)
    return fact_of(facts, "c1"), fact_of(facts, "c2")


A = "Veskaria accused Maldar on Monday of shelling the Orvane border post overnight."
B = "Maldar accused Veskaria on Monday of shelling the Orvane border post overnight."


def test_an_accusation_and_its_reverse_are_two_facts() -> None:
    first, second = _facts(A, B, (VES, MAL), (MAL, VES))
    assert first is not second


def test_one_accusation_told_twice_is_one_fact() -> None:
    b = "On Monday Veskaria accused Maldar of shelling the Orvane border post overnight."
    first, second = _facts(A, b, (VES, MAL), (VES, MAL))
    assert first is second
