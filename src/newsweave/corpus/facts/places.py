"""Where a person lives or comes from, told differently by two outlets.

News names a person with their town ("Oren Valik, 36, of Dunmore"; "Mara Loen,
who lived in South Elin"). Two outlets that give one person two towns disagree on
a place (issue 15, point 4). The person is found by surname among the story's
person actors, whatever sentence named them in full. Both towns must be places
the resolve stage found in their articles (a name after "of" that is no place,
"Jana Ilves of Brightwave", is left out), and they must be two places: a town
given with its state ("Dunmore, Elin") agrees with the town alone, and a place
tens of times more populous close by may hold the other ("of Queens" / "of
College Point": :func:`_may_hold`). Compared across the whole story: an outlet
names a person's town once, rarely in the sentence another outlet gives it in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsweave.corpus.facts.align import _stable_id
from newsweave.corpus.facts.clauses import _Prepared
from newsweave.corpus.facts.figures import _side
from newsweave.corpus.facts.words import _fold
from newsweave.gazetteer import haversine_km
from newsweave.records import Conflict, Fact, Place

_CAPITALISED = r"[A-Z][\w'\u2019.-]*"
_NAME = rf"(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}})"
_PLACE = rf"(?P<place>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}})"
_AGE = r"(?:,\s*(?:an?\s+)?\d{1,3}(?:\s*-\s*year\s*-\s*old)?)?"
# "Oren Valik, 36, of Dunmore", "Valik of Dunmore"; "Mara Loen, who lived in South Elin"
_RESIDENCE_RES = (
    re.compile(_NAME + _AGE + r",?\s+(?:of|from)\s+" + _PLACE),
    re.compile(_NAME + _AGE + r",\s+who\s+(?:lived|lives|resided|resides)\s+"
               r"(?:[a-z]+\s+){0,4}?in\s+" + _PLACE),
)
_PERSON_KIND = "person"
# a place this many times more populous than another, this close, may hold it
_HOLDS_POPULATION = 20
_HOLDS_KM = 30.0


@dataclass(frozen=True, slots=True)
class Residence:
    """One outlet's town for one person: the mention, the person's actor id and
    the town as written."""

    piece: _Prepared
    person: str
    name: str
    place: str
    resolved: Place


def residence_conflicts(story_id: str, prepared: list[_Prepared],
                        fact_of: Mapping[tuple[str, int], Fact],
                        places: Mapping[str, Mapping[str, Place]]) -> list[Conflict]:
    """Place conflicts of a story: each person that two or more outlets give
    different towns (:func:`residences`); the conflict belongs to the fact of its
    first side's mention. ``places``: each article's resolved places by the folded
    name its text gives them."""
    by_person: dict[str, list[Residence]] = {}
    for found in residences(prepared, places):
        by_person.setdefault(found.person, []).append(found)
    conflicts = []
    for person, found in sorted(by_person.items()):
        sides = _most_precise(list({r.piece.outlet: r for r in reversed(found)}.values())[::-1])
        camps = _camps([r.resolved for r in sides])
        if len(set(camps)) < 2:
            continue
        shown = [_side(r.piece, r.place) for r in sides]
        for side, camp in zip(shown, camps):
            side.camp = camp
        first = sides[0].piece
        fact = fact_of.get((first.claim.id, first.start))
        conflicts.append(Conflict(
            id=_stable_id("place", story_id, [r.piece.claim.id for r in sides] + [person]),
            story_id=story_id, kind="place", topic=f"where {sides[0].name} lives",
            sides=shown, fact_id=fact.id if fact is not None else None))
    return conflicts


def residences(prepared: list[_Prepared], places: Mapping[str, Mapping[str, Place]]
               ) -> list[Residence]:
    """Each body mention's towns for the story's people, one per claim and person
    (a claim cut into pieces is read once); a town its article's places do not
    resolve is left out."""
    people = _people_by_surname(prepared)
    found: dict[tuple[str, str], Residence] = {}
    for p in prepared:
        if not p.compared:
            continue
        for pattern in _RESIDENCE_RES:
            for match in pattern.finditer(p.claim.text):
                person = people.get(_surname(match.group("name")))
                place = match.group("place")
                resolved = places.get(p.claim.article_id, {}).get(_fold(place))
                if person is None or resolved is None:
                    continue
                found.setdefault((p.claim.id, person),
                                 Residence(p, person, match.group("name"), place, resolved))
    return list(found.values())


def _people_by_surname(prepared: list[_Prepared]) -> dict[str, str]:
    """The story's person actors by the last word of their id ("person:oren-valik"
    under "valik"); a surname two people share names neither."""
    ids: dict[str, set[str]] = {}
    for p in prepared:
        for actor in p.claim.actors:
            kind, _, slug = actor.partition(":")
            if kind == _PERSON_KIND and slug:
                ids.setdefault(slug.split("-")[-1], set()).add(actor)
    return {surname: next(iter(found)) for surname, found in ids.items() if len(found) == 1}


def _surname(name: str) -> str:
    """The last word of a name, folded, without a possessive."""
    last = name.split()[-1]
    return re.sub(r"['\u2019]s?$", "", _fold(last)).replace("'", "")


def _most_precise(sides: list[Residence]) -> list[Residence]:
    """The sides whose town may hold no other side's town: "of Korrin" says nothing
    against "of Coldwater Point" or "of South Elin", which may both lie in it, while
    those two are two places."""
    return [r for r in sides if not any(
        o.resolved.id != r.resolved.id and _may_hold(r.resolved, o.resolved) for o in sides)]


def _camps(places: list[Place]) -> list[int]:
    """For each town, the first earlier town it agrees with: the same place, or
    one that may hold the other (:func:`_may_hold`)."""
    camps: list[int] = []
    for k, mine in enumerate(places):
        camps.append(next((camps[j] for j, other in enumerate(places[:k])
                           if mine.id == other.id or _may_hold(mine, other)
                           or _may_hold(other, mine)), k))
    return camps


def _may_hold(big: Place, small: Place) -> bool:
    """Whether ``big`` may hold ``small``: a region or country holds any place of
    its country; a place :data:`_HOLDS_POPULATION` times more populous within
    :data:`_HOLDS_KM` may be the borough or city a neighbourhood lies in
    ("Queens" and "College Point"). Two towns of like size apart are two places
    ("Bloomington" and "Minneapolis")."""
    if big.feature_class == "A":
        return big.country == small.country
    return (big.population >= _HOLDS_POPULATION * max(small.population, 1)
            and haversine_km(big.lat, big.lon, small.lat, small.lon) <= _HOLDS_KM)
