"""resolve.actors: people, governments, forces and organisations of one article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from resolve_helpers import actor, mention

from newsweave.records import Actor
from newsweave.resolve import merge_actors
from newsweave.resolve.actors import _alike_pairs, role_key

COORDINATING = "European leaders are coordinating with Kyiv to keep up pressure on Moscow."


def test_surname_links_to_full_name_with_title_role(resolve):
    res = resolve("Defence Minister Ilo Varrick led the delegation. Varrick said talks went well.")
    persons = [a for a in res.actors if a.kind == "person"]
    assert [a.id for a in persons] == ["person:ilo-varrick"]
    assert persons[0].sector == "GOV"
    assert mention(res, "Varrick").actor_id == "person:ilo-varrick"
    roles = {r.role: r for r in res.roles if r.actor_id == "person:ilo-varrick"}
    assert set(roles) == {"Defence Minister", "head of the delegation"}
    title = roles["Defence Minister"]
    assert res.mentions[0].article_id == title.article_id == "a1"
    assert (title.start, title.end, title.text) == (0, 16, "Defence Minister")
    assert title.date is not None


def test_possessive_surname_and_diacritics(resolve):
    res = resolve("Prime Minister Mária Kovács arrived in Vienna. Kovács’s aides said she'd stay.")
    assert mention(res, "Kovács").actor_id == "person:maria-kovacs"
    assert actor(res, "person:maria-kovacs").sector == "GOV"


@pytest.mark.parametrize(
    ("text", "span", "actor_id"),
    [
        ("Kyiv rejected the offer.", "Kyiv", "gov:UKR"),
        ("The Kremlin denied the report.", "Kremlin", "gov:RUS"),
        (COORDINATING, "Moscow", "gov:RUS"),
        (COORDINATING, "Kyiv", "gov:UKR"),
        ("Brussels said the sanctions would stay.", "Brussels", "org:eu"),
        ("Ukrainian forces shot down 20 drones.", "Ukrainian", "mil:UKR"),
        ("Russia’s delegation arrived late.", "Russia", "gov:RUS"),
        ("Russia condemned the strike.", "Russia", "state:RUS"),
        ("NATO ministers met on Thursday.", "NATO", "org:nato"),
        (
            "The Blue Harbour Trust said it would help.",
            "The Blue Harbour Trust",
            "org:blue-harbour-trust",
        ),
    ],
)
def test_states_governments_and_organisations(resolve, text, span, actor_id):
    m = mention(resolve(text), span)
    assert m.actor_id == actor_id
    assert m.place_id is None


@pytest.mark.parametrize(
    "text", ["The talks in Kyiv ended early.", "Russia failed to capture Kyiv in 2022."]
)
def test_capital_used_as_location_is_a_place(resolve, text):
    m = mention(resolve(text), "Kyiv")
    assert m.actor_id is None
    assert m.place_id == "703448"


def test_title_apposition_gives_country_and_role(resolve):
    res = resolve("Turkish Foreign Minister Hakan Fidan opened the meeting.")
    fidan = actor(res, "person:hakan-fidan")
    assert (fidan.country, fidan.sector) == ("TUR", "GOV")
    assert [r.role for r in res.roles] == ["Foreign Minister"]


def test_led_by_gives_head_of_delegation_and_country(resolve):
    res = resolve("Ukraine’s delegation, led by Defence Minister Ilo Varrick, arrived on Monday.")
    varrick = actor(res, "person:ilo-varrick")
    assert varrick.country == "UKR"
    roles = {r.role for r in res.roles}
    assert roles == {"Defence Minister", "head of Ukraine's delegation"}


def test_leading_clause_and_apposition_role(resolve):
    res = resolve("Leading Russia’s delegation is Pavel Ostrin, a longtime Kremlin insider.")
    ostrin = actor(res, "person:pavel-ostrin")
    assert ostrin.country == "RUS"
    roles = {r.role for r in res.roles if r.actor_id == ostrin.id}
    assert roles == {"head of Russia's delegation", "a longtime Kremlin insider"}


def test_stance_prefix_is_not_a_country(resolve):
    res = resolve("In 2009, Georgia’s pro-Russian governor, Levan Dadiani, rejected the plan.")
    assert actor(res, "person:levan-dadiani").country == "GEO"


def test_country_from_sentence_when_no_title(resolve):
    res = resolve("Olena Marchuk said Ukraine would not give up land.")
    assert actor(res, "person:olena-marchuk").country == "UKR"


def _person(pid: str, name: str) -> Actor:
    return Actor(id=pid, name=name, kind="person")


def test_merge_actors_spelling_variants_and_surnames():
    actors = [
        _person("person:volodymyr-zelenskyy", "Volodymyr Zelenskyy"),
        _person("person:volodymyr-zelensky", "Volodymyr Zelensky"),
        _person("person:volodymyr-zelensky", "Volodymyr Zelensky"),
        _person("person:zelenskiy", "Zelenskiy"),
        _person("person:anna-petrova", "Anna Petrova"),
        _person("person:olga-petrova", "Olga Petrova"),
        _person("person:petrova", "Petrova"),
        Actor(id="gov:UKR", name="Government of Ukraine", kind="state", country="UKR"),
    ]
    mapping = merge_actors(actors)
    assert mapping["person:volodymyr-zelenskyy"] == "person:volodymyr-zelensky"
    assert mapping["person:volodymyr-zelensky"] == "person:volodymyr-zelensky"
    assert mapping["person:zelenskiy"] == "person:volodymyr-zelensky"
    # Two different Petrovas: neither the full names nor the surname alone merge.
    assert mapping["person:anna-petrova"] == "person:anna-petrova"
    assert mapping["person:olga-petrova"] == "person:olga-petrova"
    assert mapping["person:petrova"] == "person:petrova"
    assert mapping["gov:UKR"] == "gov:UKR"


def test_role_key_folds_case_hyphens_and_spelling() -> None:
    assert role_key("Defense Minister") == role_key("defence minister") == "defence minister"
    assert role_key("Secretary-General") == role_key("secretary general")
    assert role_key("Labor Party leader") == role_key("Labour Party Leader")
    # different roles stay apart
    assert role_key("Foreign Minister") != role_key("Defence Minister")


@given(st.lists(st.text(alphabet="abcdeklmnorsvyz", min_size=1, max_size=14), max_size=25),
       st.lists(st.text(alphabet="abcdeklmnorsvyz", min_size=1, max_size=14), max_size=25),
       st.sampled_from([60, 80, 90]))
@settings(max_examples=150, deadline=None)
def test_alike_pairs_equal_every_pair_compared(left, right, threshold) -> None:
    # the length window drops no pair that reaches the threshold
    every = sorted((i, j) for i, a in enumerate(left) for j, b in enumerate(right)
                   if fuzz.ratio(a, b) >= threshold)
    assert _alike_pairs(left, right, threshold=threshold) == every
