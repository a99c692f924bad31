"""Wishes, plans, questions, conditionals and negated acts code no realised event (issue 16).

``data/unrealised_acts.tsv`` (written for this test) gives each sentence with the
PLOVER type of the act that did not take place. The codebook lets such a sentence
become a THREATEN, an AGREE or a REQUEST, or nothing, but never the act itself:
certainty and negation must reach the event type, not only the certainty flag.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "unrealised_acts.tsv"


def _cases() -> list[tuple[str, str]]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [(text, event) for text, event in rows]


def test_the_set_is_large_enough_and_well_formed() -> None:
    from newsweave.evaluate.events import PENTA_OF_TYPE

    cases = _cases()
    assert len(cases) >= 40
    assert {event for _, event in cases} <= set(PENTA_OF_TYPE)


def test_no_unrealised_act_is_coded_as_its_own_type(analyser) -> None:
    wrongly = {}
    for text, event in _cases():
        coded = [r["event"] for r in analyser.plover_events(text)]
        if event in coded:
            wrongly[text] = coded
    assert not wrongly, wrongly
