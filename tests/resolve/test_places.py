"""resolve.places and the gazetteer: choosing the place a name means."""

from __future__ import annotations

import json

import pytest
from resolve_helpers import mention

from newsweave.resolve import choose_place, load_gazetteer
from newsweave.resolve.gazetteer import normalise


def test_talks_in_istanbul(resolve):
    res = resolve("Talks in Istanbul began on Monday.")
    m = mention(res, "Istanbul")
    assert m.actor_id is None
    [place] = [p for p in res.places if p.id == m.place_id]
    assert (place.name, place.country) == ("Istanbul", "TUR")
    assert place.lat == pytest.approx(41.0, abs=0.2)
    assert place.lon == pytest.approx(29.0, abs=0.2)


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("Fidan opened the talks at Istanbul’s Çırağan Palace.", "Çırağan Palace"),
        ("The delegations met at the Ciragan Palace in Istanbul.", "Ciragan Palace"),
        ("The delegations met at the Ciragan Palace on Monday.", "Ciragan Palace"),
    ],
)
def test_venue_resolves_to_its_city(resolve, text, venue):
    assert mention(resolve(text), venue).place_id == "745044"


def test_unknown_venue_takes_the_city_named_beside_it(resolve):
    res = resolve("Envoys gathered at the Grand Orvel Hotel in Geneva.")
    venues = [m for m in res.mentions if m.label == "FAC"]
    assert venues and all(m.place_id == "2660646" for m in venues)


def test_country_in_a_locative_phrase_is_actor_and_place(resolve):
    m = mention(resolve("Fighting continued in Ukraine overnight."), "Ukraine")
    assert m.actor_id == "state:UKR"
    assert m.place_id is not None


def test_regions_from_the_lexicon(resolve):
    res = resolve("Russia annexed Crimea and backed separatists in the Donbas.")
    assert mention(res, "Crimea").place_id == "lex:crimea"
    assert mention(res, "Crimea").actor_id is None


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Moscow", (), "RUS"),
        ("Donetsk", (), "UKR"),
        ("Kiev", (), "UKR"),
        ("Washington", ("USA",), "USA"),
        ("Chișinău", (), "MDA"),
        ("Turkey", (), "TUR"),
    ],
)
def test_choose_place(gaz, name, context, country):
    place = choose_place(name, gaz, context)
    assert place is not None and place.country == country


def test_normalise_folds_case_accents_dots_and_the():
    assert normalise("the U.S.") == "us"
    assert normalise("Çırağan Palace") == "ciragan palace"
    assert normalise("Putin’s") == "putin"


def test_user_gazetteer_adds_entries(tmp_path):
    path = tmp_path / "gaz.json"
    path.write_text(json.dumps({
        "countries": [{"iso3": "XAR", "name": "Arvenia", "demonyms": ["Arvenian"],
                       "capital": "Tollin", "seats": ["Tollin", "the Lantern House"],
                       "lat": 45.1, "lon": 30.2}],
        "places": [{"id": "user:tollin", "name": "Tollin", "country": "XAR", "lat": 45.12,
                    "lon": 30.21, "feature_class": "P", "population": 900000}],
        "venues": [{"name": "Amber Palace", "place": "user:tollin"}],
        "organisations": [{"id": "org:bay-council", "name": "Bay Council",
                           "aliases": ["the Council"], "sector": "IGO"}],
        "titles": ["High Warden"],
    }), encoding="utf-8")
    gaz = load_gazetteer([path])
    assert gaz is load_gazetteer([path])
    assert gaz.country_of("Arvenian") == "XAR"
    assert gaz.seat("Lantern House") == "gov:XAR"
    assert choose_place("Tollin", gaz).id == "user:tollin"
    assert gaz.venue("Amber Palace").place == "user:tollin"
    assert gaz.organisation("the Council").id == "org:bay-council"
    assert gaz.title_sector("High Warden") == (True, None)
    assert {"label": "FAC", "pattern": "Amber Palace"} in gaz.ruler_patterns()


def test_missing_user_gazetteer_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        load_gazetteer([tmp_path / "nope.json"])
