"""Where a person lives or comes from, told differently by two outlets (issue 15,
point 4: "a place"). Invented reports and places."""

from __future__ import annotations

from newsweave.corpus.facts.corroborate import corroborate_story
from newsweave.records import Place
from tests.corpus.test_corroborate import OUTLETS, make_claim

VALIK = "person:oren-valik"
LOEN = "person:mara-loen"
# two towns of like size 20 km apart, a big city, and a small place within it
DUNMORE = Place("p:1", "Dunmore", "ELN", 44.90, -93.30, "P", 86_000)
TARVEL = Place("p:2", "Tarvel Heights", "ELN", 44.98, -93.27, "P", 410_000)
KORRIN = Place("p:3", "Korrin", "ELN", 40.70, -73.80, "P", 2_300_000)
SOUTH_ELIN = Place("p:4", "South Elin", "ELN", 40.67, -73.81, "P", 76_000)
COLDWATER = Place("p:5", "Coldwater Point", "ELN", 40.79, -73.84, "P", 27_000)
ELIN = Place("p:6", "Elin", "ELN", 44.0, -93.0, "A", 0)


def _places(claims, places) -> list[list[str]]:
    _, conflicts = corroborate_story("story-1", claims, [], OUTLETS, {}, places=places)
    return [sorted(s.value for s in c.sides) for c in conflicts if c.kind == "place"]


def test_a_person_of_two_towns_is_a_place_conflict() -> None:
    # the first outlet names him by surname only: the story's actors know him
    claims = [
        make_claim("c1", "a1", "Police stopped Valik, of Dunmore, after the crash on Harbour "
                               "Road on Friday night."),
        make_claim("c2", "l1", "Oren Valik, 36, of Tarvel Heights, was charged with vehicular "
                               "homicide on Saturday.", actors=[VALIK]),
    ]
    places = {"a1": {"dunmore": DUNMORE}, "l1": {"tarvel heights": TARVEL}}
    assert _places(claims, places) == [["Dunmore", "Tarvel Heights"]]


def test_who_lived_in_a_town_is_where_a_person_lives() -> None:
    claims = [
        make_claim("c1", "a1", "Mara Loen, who lived in South Elin, was walking to the harbour "
                               "when the van struck her.", actors=[LOEN]),
        make_claim("c2", "l1", "Police found Mara Loen, 59, of Coldwater Point, lying in the "
                               "road on Friday.", actors=[LOEN]),
    ]
    places = {"a1": {"south elin": SOUTH_ELIN}, "l1": {"coldwater point": COLDWATER}}
    assert _places(claims, places) == [["Coldwater Point", "South Elin"]]


def test_a_city_and_a_place_it_may_hold_agree() -> None:
    # Korrin is 85 times as populous and a few kilometres away: Coldwater Point may
    # lie in it; a region holds any place of its country
    for big, name in ((KORRIN, "Korrin"), (ELIN, "Elin")):
        claims = [
            make_claim("c1", "a1", f"Mara Loen, 59, of {name}, had just parked her car.",
                       actors=[LOEN]),
            make_claim("c2", "l1", "Police found Mara Loen, 59, of Coldwater Point, lying in "
                                   "the road on Friday.", actors=[LOEN]),
        ]
        places = {"a1": {name.lower(): big}, "l1": {"coldwater point": COLDWATER}}
        assert _places(claims, places) == []


def test_a_name_after_of_that_is_no_resolved_place_is_left_out() -> None:
    claims = [
        make_claim("c1", "a1", "Jana Ilves of Brightwave said the port would reopen on Monday.",
                   actors=["person:jana-ilves", "org:brightwave"]),
        make_claim("c2", "l1", "Jana Ilves of Dunmore said the port would reopen on Monday.",
                   actors=["person:jana-ilves"]),
    ]
    assert _places(claims, {"l1": {"dunmore": DUNMORE}}) == []


def test_a_title_of_a_state_is_no_residence() -> None:
    claims = [
        make_claim("c1", "a1", "Secretary of State Jana Ilves met the Elin delegation on Monday.",
                   actors=["person:jana-ilves"]),
        make_claim("c2", "l1", "Jana Ilves, of Dunmore, met the Elin delegation on Monday.",
                   actors=["person:jana-ilves"]),
    ]
    places = {"a1": {"state jana ilves": TARVEL}, "l1": {"dunmore": DUNMORE}}
    assert _places(claims, places) == []


def test_two_places_a_city_may_hold_still_conflict_beside_it() -> None:
    claims = [
        make_claim("c1", "a1", "Mara Loen, 59, of Korrin, had just parked her car.",
                   actors=[LOEN]),
        make_claim("c2", "l1", "Police found Mara Loen, 59, of Coldwater Point, lying in "
                               "the road on Friday.", actors=[LOEN]),
        make_claim("c3", "r1", "Mara Loen, who lived in South Elin, was walking to the "
                               "harbour.", actors=[LOEN]),
    ]
    places = {"a1": {"korrin": KORRIN}, "l1": {"coldwater point": COLDWATER},
              "r1": {"south elin": SOUTH_ELIN}}
    assert _places(claims, places) == [["Coldwater Point", "South Elin"]]
