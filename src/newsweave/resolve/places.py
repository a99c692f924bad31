"""Places: choose the GeoNames entry (or user place) a place name means.

Candidates come from the gazetteer; the choice ranks them by, in order of
weight: a country for a country name, the article's country context (the
countries it mentions), an exact primary-name match, capitals, and population.
Venues ("Istanbul's Çırağan Palace", "Ciragan Palace in Istanbul") resolve to
the city the text names beside them, else to the venue list's place.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING

from newsweave.records import Place
from newsweave.resolve.entities import POSSESSIVE, EntityInfo
from newsweave.resolve.gazetteer import Gazetteer, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Weights of the ranking; population adds log10(pop) / 2, i.e. at most about 3.6.
W_COUNTRY = 10.0
W_CONTEXT = 2.5
W_PRIMARY = 1.5
W_CAPITAL = 1.5


def score_place(place: Place, key: str, gaz: Gazetteer, context: Collection[str]) -> float:
    """How likely ``place`` is what the normalised name ``key`` means here."""
    score = 0.0
    if place.feature_class == "A" and place.country and gaz.country(key):
        score += W_COUNTRY
    if place.country in context:
        score += W_CONTEXT
    if normalise(place.name) == key:
        score += W_PRIMARY
    if gaz.is_capital(place):
        score += W_CAPITAL
    return score + math.log10(place.population + 1) / 2


def choose_place(name: str, gaz: Gazetteer, context: Collection[str] = ()) -> Place | None:
    """The best place for ``name`` given the article's countries, or ``None``.

    Args:
        name: a place name as written ("Istanbul", "Kiev", "the Donbas").
        gaz: the gazetteer.
        context: ISO3 codes of the countries the article mentions.
    """
    cands = gaz.place_candidates(name)
    if not cands:
        return None
    key = normalise(name)
    return max(cands, key=lambda p: score_place(p, key, gaz, context))


class PlaceResolver:
    """Resolves the place entities of one article.

    Args:
        doc: the annotated article.
        infos: the article's classified entities.
        gazetteer: lookups.
        context: ISO3 codes of the countries the article mentions.
    """

    def __init__(
        self, doc: Doc, infos: list[EntityInfo], gazetteer: Gazetteer, context: Collection[str]
    ) -> None:
        self.doc = doc
        self.infos = infos
        self.gaz = gazetteer
        self.context = context
        self.starts = {info.span.start: k for k, info in enumerate(infos)}
        self.ends = {info.span.end: k for k, info in enumerate(infos)}

    def resolve(self, k: int) -> Place | None:
        """The place entity ``k`` names (a venue resolves to its city)."""
        info = self.infos[k]
        if info.kind == "venue":
            return self._venue(k)
        if info.kind == "country" and info.key:
            return self.gaz.country_place(info.key)
        if info.kind == "seat" and info.key and info.key.startswith("gov:"):
            capital = self._seat_place(info)
            if capital is not None:
                return capital
        return choose_place(info.text, self.gaz, self.context)

    def _seat_place(self, info: EntityInfo) -> Place | None:
        """A seat used as a place: the city, within the seat's own country."""
        iso3 = (info.key or "")[4:]
        same = [p for p in self.gaz.place_candidates_raw(info.text) if p.country == iso3]
        if same:
            return max(same, key=lambda p: p.population)
        capital = self.gaz.countries[iso3].capital if iso3 in self.gaz.countries else None
        return choose_place(capital, self.gaz, [iso3]) if capital else None

    def _venue(self, k: int) -> Place | None:
        """"Istanbul's Çırağan Palace" / "Ciragan Palace in Istanbul" / the venue list."""
        span = self.infos[k].span
        owner = self._possessor(span.start) or self._in_place(span.end)
        if owner is not None:
            place = self.resolve(owner) if self.infos[owner].kind != "venue" else None
            if place is not None:
                return place
        venue = self.gaz.venue(self.infos[k].text)
        if venue is not None:
            return self.gaz.places.get(venue.place)
        return None

    def _possessor(self, start: int) -> int | None:
        i = start
        if i > 0 and self.doc[i - 1].text in POSSESSIVE:
            i -= 1
        k = self.ends.get(i)
        return k if k is not None and self._placelike(k) else None

    def _in_place(self, end: int) -> int | None:
        if end < len(self.doc) and self.doc[end].lower_ in ("in", "near", "outside"):
            k = self.starts.get(end + 1)
            return k if k is not None and self._placelike(k) else None
        return None

    def _placelike(self, k: int) -> bool:
        return self.infos[k].kind in ("place", "seat", "country")
