"""Disasters and accidents with no human agent code no PLOVER event (issue 16).

The reports in ``data/no_agent_disasters.txt`` were written for this test:
earthquakes, floods, fires, explosions, crashes, spills, epidemics and storms.
PLOVER codes what actors do to each other; a quake that kills has no actor.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "no_agent_disasters.txt"


def _reports() -> list[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_set_is_large_enough() -> None:
    assert len(_reports()) >= 40


def test_no_disaster_or_accident_is_coded(analyser) -> None:
    coded = {s: [r["event"] for r in analyser.plover_events(s)] for s in _reports()}
    wrongly = {s: events for s, events in coded.items() if events}
    assert not wrongly, wrongly
