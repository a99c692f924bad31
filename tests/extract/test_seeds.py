"""The extract stage on the news paragraphs of seed report 000 (read at run time)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.extract._helpers import extract, make_article

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED = "000_"
BACKGROUND_HEADING = "Background of the conflict"


def news_body(text: str) -> str:
    """The news paragraphs: from the first full sentence line up to the background heading."""
    lines = [line.strip() for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if len(line.split()) >= 8 and line.endswith("."))
    last = lines.index(BACKGROUND_HEADING)
    kept = [line for line in lines[first:last] if line and not line.startswith("See also")]
    return "\n\n".join(kept)


@pytest.fixture(scope="module")
def extraction(nlp, gazetteer):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    path = next(SEEDS.glob(f"{SEED}*.txt"), None)
    if path is None:
        pytest.skip("seed 000 is not present")
    body = news_body(path.read_text(encoding="utf-8"))
    return extract(nlp, gazetteer,
                   make_article(body, published=dt.date(2025, 6, 2), article_id="seed000"))


def test_drone_strike_is_an_assault_by_ukraine(extraction):
    strikes = [e for e in extraction.events if e.event == "ASSAULT" and e.mode == "drone"]
    assert any("state:UKR" in e.actors for e in strikes)


def test_drone_barrage_carries_both_numbers(extraction):
    barrages = [
        e
        for e in extraction.events
        if e.event == "ASSAULT" and {472.0, 162.0} <= {q.value for q in e.quantities}
    ]
    assert barrages and "state:RUS" in barrages[0].actors
    assert {q.unit for q in barrages[0].quantities} == {"drones"}


def test_talks_are_consult_events(extraction):
    consults = [e for e in extraction.events if e.event == "CONSULT"]
    assert consults
    assert any(e.mode == "third-party" and "state:TUR" in e.actors for e in consults)
    assert any(e.place_id == "745044" for e in consults)


def test_ukraine_demands_are_listed_one_per_item(extraction):
    demands = [
        p for p in extraction.positions if p.party == "gov:UKR" and p.stance == "demands"
    ]
    assert len(demands) >= 4


def test_every_span_points_into_the_body(extraction):
    for record in [*extraction.events, *extraction.claims, *extraction.positions]:
        assert record.end > record.start
    assert extraction.claims
