"""One act of one party, worded differently, is one fact (issue 15, point 2: the
frame decides, not the words). Invented reports; each test failed before
``align.same_act``."""

from __future__ import annotations

import pytest

from tests.corpus.test_corroborate import corroborate, fact_of, make_claim


def _one_fact(a: str, b: str, verb_a: str, verb_b: str, actors: list[str], *,
              when_a: tuple[str, ...] = (), when_b: tuple[str, ...] = (),
              events: tuple[str, str] = ("COERCE", "COERCE")) -> bool:
    claims = [make_claim("c1", "a1", a, actors=actors, event_type=events[0],
                         clauses=[[0, len(a), verb_a, False, list(when_a)]]),
              make_claim("c2", "l1", b, actors=actors, event_type=events[1],
                         clauses=[[0, len(b), verb_b, False, list(when_b)]])]
    facts, _ = corroborate(claims)
    return fact_of(facts, "c1") is fact_of(facts, "c2")


A = "Police in Port Elin arrested Ilves Baro at his home on the harbour road late at night."
B = "Officers arrested Baro at a house near the harbour, the Courier reported."


def test_one_arrest_worded_two_ways_is_one_fact() -> None:
    assert _one_fact(A, B, "arrest", "arrest", ["person:ilves-baro"])


def test_the_frame_alone_does_not_make_one_fact() -> None:
    # the same act of one party, and nothing else in common: two arrests as likely
    assert not _one_fact("Police in Port Elin arrested Ilves Baro after a long search of the "
                         "hills north of Tarvel.",
                         "Baro was arrested by officers following a raid, the Courier reported.",
                         "arrest", "arrest", ["person:ilves-baro"])


@pytest.mark.parametrize(("verb_a", "verb_b", "when_a", "when_b", "events"), [
    # two acts
    ("arrest", "question", (), (), ("COERCE", "COERCE")),
    # a verb of being or remaining is no act
    ("remain", "remain", (), (), ("COERCE", "COERCE")),
    # one act on two days is two arrests (or a date conflict, shown only when words tie them)
    ("arrest", "arrest", ("Monday",), ("Friday",), ("COERCE", "COERCE")),
    # an act the event coder does not code in both: the verb alone is no frame
    # ("Holder understands the mistrust" / "Holder understood the desire")
    ("arrest", "arrest", (), (), ("COERCE", "")),
    ("arrest", "arrest", (), (), ("", "")),
])
def test_no_one_act_without_the_same_act(verb_a, verb_b, when_a, when_b, events) -> None:
    assert not _one_fact(A, B, verb_a, verb_b, ["person:ilves-baro"], when_a=when_a,
                         when_b=when_b, events=events)


def test_the_same_act_of_no_shared_party_is_not_one_fact() -> None:
    b = "Officers arrested Oskar Lund at a house near the harbour, the Courier reported."
    claims = [make_claim("c1", "a1", A, actors=["person:ilves-baro"], event_type="COERCE",
                         clauses=[[0, len(A), "arrest", False, []]]),
              make_claim("c2", "l1", b, actors=["person:oskar-lund"], event_type="COERCE",
                         clauses=[[0, len(b), "arrest", False, []]])]
    facts, _ = corroborate(claims)
    assert fact_of(facts, "c1") is not fact_of(facts, "c2")


def test_the_same_act_with_other_figures_is_not_one_fact_by_its_frame() -> None:
    # "the attack killed 40" / "three were killed in another strike": words must tie them
    a = "The shelling of the Tarvel school killed 40 people, the Elin agency said."
    b = "In a separate strike, three people were killed at a school run by the Elin agency."
    claims = [make_claim("c1", "a1", a, actors=["org:elin-agency"], event_type="ASSAULT",
                         numbers=(("40 people", 40, "people"),),
                         clauses=[[0, len(a), "kill", False, []]]),
              make_claim("c2", "l1", b, actors=["org:elin-agency"], event_type="ASSAULT",
                         numbers=(("three people", 3, "people"),),
                         clauses=[[0, len(b), "kill", False, []]])]
    facts, _ = corroborate(claims)
    assert fact_of(facts, "c1") is not fact_of(facts, "c2")
