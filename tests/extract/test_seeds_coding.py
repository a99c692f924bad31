"""Event coding on the two real seed reports through the whole pipeline.

The seeds are read from ../shared at test time (skipped when absent); only short
anchors are written here. They carry no publication date, so what holds for
dates is narrower than for the rest: no news event may carry a date the text does
not give, and background events carry the years their own sentences state.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
MAIN_SEED = "000_be5a18dfd685721b.txt"


@pytest.fixture(scope="module")
def coded(seeds_run):
    if not (SEEDS / MAIN_SEED).is_file():
        pytest.skip("../shared/seeds is not present")
    from newsweave import Newsweave

    db, report = seeds_run
    assert report.errors == []
    with Newsweave(db) as nw:
        events = nw.rows("SELECT * FROM events")
        countries = {
            r["id"]: r["country"] for r in nw.rows("SELECT id, country FROM actor_records")
        }
        places = {r["id"]: r["name"] for r in nw.rows("SELECT id, name FROM places")}
    return events, countries, places


def _countries(ids, countries):
    return {countries.get(i) for i in ids or []} - {None}


def test_drone_strike_by_ukraine_on_russia(coded):
    events, countries, _ = coded
    strikes = [e for e in events if e["event"] == "ASSAULT" and e["mode"] == "drone"
               and not e["background"] and "UKR" in _countries(e["actors"], countries)]
    assert strikes
    assert any("RUS" in _countries(e["recipients"], countries) for e in strikes)


def test_barrage_has_numbers_actor_and_target(coded):
    events, countries, _ = coded
    barrages = [e for e in events if e["event"] == "ASSAULT"
                and {472.0, 162.0} <= {q["value"] for q in e["quantities"] or []}]
    assert len(barrages) == 1
    barrage = barrages[0]
    assert _countries(barrage["actors"], countries) == {"RUS"}
    # The target comes from "Ukrainian forces intercepting ... of them".
    assert _countries(barrage["recipients"], countries) == {"UKR"}
    assert {q["unit"] for q in barrage["quantities"]} == {"drones"}


def test_talks_have_mediator_host_and_place(coded):
    events, countries, places = coded
    consults = [e for e in events if e["event"] == "CONSULT" and not e["background"]]
    mediated = [e for e in consults if e["mode"] == "third-party"]
    assert any("TUR" in _countries(e["actors"], countries) for e in mediated)
    in_istanbul = [e for e in consults if places.get(e["place_id"]) == "Istanbul"]
    assert in_istanbul
    # The host opens the talks in Istanbul; the parties meet there.
    assert any("TUR" in _countries(e["actors"], countries) for e in in_istanbul)
    parties = [_countries(e["actors"], countries) | _countries(e["recipients"], countries)
               for e in in_istanbul]
    assert any({"RUS", "UKR"} <= p for p in parties)


def test_no_news_event_gets_a_date_the_text_does_not_give(coded):
    events, _, _ = coded
    news = [e for e in events if not e["background"]]
    assert news
    # The seeds have no publication date and their news sentences name no calendar
    # date: relative expressions ("overnight", "one day after") cannot become dates.
    assert all(e["date"] is None for e in news)


def test_background_events_carry_their_own_years(coded):
    events, _, _ = coded
    dated = [e for e in events if e["background"] and e["date"] is not None]
    assert len(dated) >= 3
    for event in dated:
        assert str(event["date"].year) in re.findall(r"\b(?:19|20)\d\d\b", event["text"])


def test_nothing_is_coded_from_the_headlines(coded):
    events, _, _ = coded
    raw = (SEEDS / MAIN_SEED).read_text(encoding="utf-8")
    tail = raw.split("Latest Updates", 1)[1]
    headlines = [line.strip() for line in tail.splitlines() if len(line.strip()) > 25]
    assert headlines
    for headline in headlines:
        assert not any(headline[:40] in e["text"] for e in events), headline
