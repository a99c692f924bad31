"""Countries from countryinfo: demonyms (with plurals), capitals as seats, a person's country."""

from __future__ import annotations

import pytest
from resolve_helpers import actor, mention


@pytest.mark.parametrize(
    ("word", "iso3"),
    [("Zimbabwean", "ZWE"), ("Zimbabweans", "ZWE"), ("Ghanaian", "GHA"), ("Ugandans", "UGA"),
     ("Kyrgyz", "KGZ"), ("Somalis", "SOM"), ("Sri Lankans", "LKA"),
     # a demonym several countries share goes to the more populous one
     ("Congolese", "COD"), ("Chinese", "CHN"), ("Indian", "IND"),
     # from data/words/demonyms.toml: what countryinfo lacks or spells otherwise
     ("Poles", "POL"), ("Turks", "TUR"), ("Czechs", "CZE"), ("Britons", "GBR"),
     ("Palestinians", "PSE"), ("Tajik", "TJK"), ("Saudis", "SAU")],
)
def test_demonyms_for_every_country(gaz, word, iso3):
    entry = gaz.country_by_demonym(word)
    assert entry is not None and entry.iso3 == iso3


def test_the_override_demonyms_come_before_countryinfo_s(gaz):
    assert gaz.countries["POL"].demonyms[:3] == ["Polish", "Pole", "Poles"]
    # countryinfo's "Tadzhik" (and its plural) still follow
    assert gaz.countries["TJK"].demonyms[-2:] == ["Tadzhik", "Tadzhiks"]


def test_invariant_demonyms_get_no_invented_plural(gaz):
    assert gaz.country_by_demonym("Swisss") is None
    assert gaz.country_by_demonym("Malagasys") is None


@pytest.mark.parametrize("word", ["Heard", "Wallis", "Djiboutis"])
def test_no_everyday_words_or_names_become_demonyms(gaz, word):
    # from "Heard and McDonald Islander" and a demonym that is the country's own name
    assert gaz.country_by_demonym(word) is None
    assert word not in {p["pattern"] for p in gaz.ruler_patterns() if p["label"] == "NORP"}


@pytest.mark.parametrize(("capital", "seat"), [("Harare", "gov:ZWE"), ("Accra", "gov:GHA"),
                                               ("Kampala", "gov:UGA"), ("Bishkek", "gov:KGZ")])
def test_capitals_of_states_may_stand_for_governments(gaz, capital, seat):
    assert gaz.capital_seat(capital) == seat


@pytest.mark.parametrize(
    "name",
    # a common word or first name, a bigger namesake elsewhere, a territory's capital,
    # a capital named like its country, a curated seat of an organisation
    ["Victoria", "Lima", "San Jose", "Hamilton", "Douglas", "Singapore", "Brussels"],
)
def test_ambiguous_capitals_are_not_seats(gaz, name):
    assert gaz.capital_seat(name) is None


def test_capitals_add_no_ruler_patterns_for_common_words(gaz):
    texts = {p["pattern"] for p in gaz.ruler_patterns()}
    assert "Victoria" not in texts and "Lima" not in texts
    seats = [p for p in gaz.ruler_patterns() if p["pattern"] == "Harare"]
    assert seats and all(p.get("id") == "city" for p in seats)  # still undoable as a first name


def test_capital_acting_is_the_government(resolve):
    res = resolve("Harare rejected the report on Monday.")
    assert mention(res, "Harare").actor_id == "gov:ZWE"


@pytest.mark.parametrize(
    "text", ["The summit was held in Harare last week.", "Harare is a city of two million people."]
)
def test_capital_not_acting_is_the_city(resolve, text):
    m = mention(res := resolve(text), "Harare")
    assert m.actor_id is None and m.place_id is not None
    assert next(p for p in res.places if p.id == m.place_id).country == "ZWE"


def test_demonym_is_not_an_organisation(resolve):
    res = resolve("Ugandan officials met Ghanaian officials in Accra.")
    assert mention(res, "Ugandan").actor_id == "gov:UGA"
    assert mention(res, "Ghanaian").actor_id == "gov:GHA"


def test_title_elsewhere_in_the_article_beats_the_sentence(resolve):
    res = resolve("Russian President Pavel Drovin spoke on Monday. "
                  "Later, Drovin said Armenia had betrayed its allies.")
    assert actor(res, "person:pavel-drovin").country == "RUS"


def test_what_a_person_talks_about_gives_way_to_other_countries(resolve):
    res = resolve("Moldova's parliament said Maria Popescu told Romania the border would stay open.")
    assert actor(res, "person:maria-popescu").country == "MDA"


def test_several_countries_in_the_sentence_give_no_guess(resolve):
    res = resolve("On Monday Maria Popescu met Armenian and Azerbaijani leaders in Armenia.")
    assert actor(res, "person:maria-popescu").country is None


def test_one_country_in_a_lone_sentence_still_votes(resolve):
    res = resolve("President Tomas Ruvik threatened to impose a curfew in Zambia.")
    assert actor(res, "person:tomas-ruvik").country == "ZMB"
