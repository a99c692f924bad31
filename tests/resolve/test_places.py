"""resolve.places and the gazetteer: choosing the place a name means."""

from __future__ import annotations

import json

import pytest
from resolve_helpers import mention

from newsweave.resolve import choose_place, load_gazetteer
from newsweave.gazetteer import normalise


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
        ("The mediator welcomed both teams at Istanbul’s Çırağan Palace.", "Çırağan Palace"),
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


# ---- geoparse: every toponym, the way `newsweave geoparse` reports them ------------
@pytest.fixture(scope="module")
def geoparse_text(nlp, gaz):
    from newsweave.annotate import annotate_articles
    from newsweave.resolve import geoparse, text_article

    def _run(text: str) -> dict[str, dict]:
        [(art, doc)] = list(annotate_articles(nlp, [text_article(text)]))
        return {t["text"]: t for t in geoparse(art, doc, gaz)}

    return _run


def test_geoparse_reports_metonyms_and_adjectival_demonyms(geoparse_text):
    found = geoparse_text("Moscow said on Monday that Syrian troops had left the border.")
    assert found["Moscow"]["country"] == "RUS"
    assert found["Syrian"]["country"] == "SYR"


def test_geoparse_skips_demonyms_that_name_people(geoparse_text):
    found = geoparse_text("The Syrians who fled were counted in Lebanon.")
    assert "Syrians" not in found and found["Lebanon"]["country"] == "LBN"


def test_geoparse_finds_states_provinces_and_small_towns(geoparse_text):
    found = geoparse_text("Storms hit New Jersey and Tamil Nadu, and a barn burned in Parkland, Florida.")
    assert (found["New Jersey"]["country"], found["New Jersey"]["lat"]) == ("USA", pytest.approx(40.2, abs=1.0))
    assert found["Tamil Nadu"]["country"] == "IND"
    assert found["Parkland"]["country"] == "USA"


def test_geoparse_regions_from_bodies_and_adjectives(geoparse_text):
    found = geoparse_text("The EU backed new European rules for Central American ports.")
    assert found["EU"]["name"] == "Europe"
    assert found["European"]["name"] == "Europe"
    assert found["Central American"]["name"] == "Central America"


def test_geoparse_place_inside_an_organisation_name(geoparse_text):
    found = geoparse_text("She studied at the University of Ohio before moving.")
    assert found["Ohio"]["country"] == "USA"


def test_surname_tagged_as_org_is_not_a_place(geoparse_text):
    # "Balart" is one of Ballarat's alternate names; as a speaker it is a person.
    found = geoparse_text("Balart said the ferry would sail. Mary agreed with him.")
    assert "Balart" not in found and "Mary" not in found


def test_country_centres_are_geonames_points():
    gaz = load_gazetteer()
    rus = gaz.country_place("RUS")
    assert (rus.lat, rus.lon) == pytest.approx((60.0, 100.0), abs=0.01)


def test_city_beats_the_region_named_after_it():
    gaz = load_gazetteer()
    place = choose_place("Istanbul", gaz)
    assert (place.id, place.feature_class) == ("745044", "P")


def test_seat_that_is_a_building_lies_in_the_capital(geoparse_text):
    found = geoparse_text("The White House said the visit would go ahead.")
    assert found["White House"]["lat"] == pytest.approx(38.9, abs=0.2)


def test_capitalised_dateline_is_a_toponym(geoparse_text):
    found = geoparse_text("NAIROBI (Wire) - Rains flooded the market on Monday.")
    assert found["NAIROBI"]["country"] == "KEN"


def test_capitalised_acronym_opening_a_line_is_not_a_place(geoparse_text):
    found = geoparse_text("NASA - The probe reached orbit on Monday.")
    assert "NASA" not in found
