"""Places: choose the GeoNames entry (or user place) a place name means.

Candidates come from the gazetteer; the choice ranks them by, in order of
weight: a country for a country name, the article's country context (the
countries it mentions), an exact primary-name match, capitals, and population.
Venues ("Istanbul's Çırağan Palace", "Ciragan Palace in Istanbul") resolve to
the city the text names beside them, else to the venue list's place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.annotate import doc_text
from newsweave.gazetteer import Gazetteer, normalise
from newsweave.records import Place
from newsweave.resolve.entities import POSSESSIVE, EntityInfo

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Weights of the ranking; population adds log10(pop) / 2, i.e. at most about 3.6.
W_COUNTRY = 10.0
W_CONTEXT = 2.5
W_PRIMARY = 3.0
W_CAPITAL = 1.5
# Lexicon entries were written for the names the news uses ("the Atlantic").
W_CURATED = 4.0
# A seat of power names a city of its country only if the city is this big.
SEAT_CITY_MIN_POPULATION = 15_000
# A city this big beats the admin region named after it.
NAMESAKE_CITY_MIN_POPULATION = 100_000


def score_place(place: Place, key: str, gaz: Gazetteer, context: Collection[str]) -> float:
    """How likely ``place`` is what the normalised name ``key`` means here."""
    score = 0.0
    if place.feature_class == "A" and place.country and gaz.country(key):
        score += W_COUNTRY
    if place.country in context:
        score += W_CONTEXT
    if normalise(place.name) == key or _curated(place):
        score += W_PRIMARY  # a lexicon's aliases are chosen, not alternate spellings
    if gaz.is_capital(place):
        score += W_CAPITAL
    if _curated(place):
        score += W_CURATED
    return score + math.log10(place.population + 1) / 2


def _curated(place: Place) -> bool:
    """A place from a hand-written lexicon or a user file (not a bulk table)."""
    pid = place.id
    return not (pid.isdigit() or pid.startswith(("rg:", "adm:", "iso:")))


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
    best = max(cands, key=lambda p: score_place(p, key, gaz, context))
    return _city_over_namesake_region(best, cands)


def _city_over_namesake_region(best: Place, cands: list[Place]) -> Place:
    """A region named after its city (Istanbul, New York) gives way to the city.

    The news says "Istanbul" for the city far more often than for the province,
    and the region's summed population would otherwise outrank the city.
    """
    if best.feature_class != "A" or best.id.startswith("iso:") or not best.id.startswith("adm:"):
        return best
    same = [p for p in cands if p.feature_class == "P" and p.country == best.country
            and normalise(p.name) == normalise(best.name)
            and p.population >= NAMESAKE_CITY_MIN_POPULATION]
    return max(same, key=lambda p: p.population) if same else best


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
        # The city, not a region of the same name (Washington, not Washington State).
        # A seat that is a building (the White House, the Kremlin) is in the capital,
        # not in a village of the same name: only a real city counts here.
        same = [p for p in self.gaz.place_candidates_raw(info.text)
                if p.country == iso3 and p.feature_class == "P"
                and p.population >= SEAT_CITY_MIN_POPULATION]
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


@dataclass(slots=True)
class Toponym:
    """A place name in the text (character offsets) and the place it means."""

    start: int
    end: int
    text: str
    place: Place


# Entity labels that may carry a place inside a longer name ("University of Ohio",
# "the Dubai World Cup", "Syrian Observatory for Human Rights").
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
# A place found inside another name must be at least this big: small towns share
# their names with firms and people far more often than they are meant.
EMBEDDED_MIN_POPULATION = 100_000
# A dateline names a city of at least this size (datelines name the city reported from).
DATELINE_MIN_POPULATION = 15_000
# Dependency relations of a demonym that modifies a noun ("Syrian forces"): a place
# reference in geoparsing; "the Syrians" (people) is not.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def article_context(infos: list[EntityInfo]) -> set[str]:
    """ISO3 codes of the countries an article names (by name, demonym or seat)."""
    context = {i.key for i in infos if i.kind in ("country", "demonym") and i.key}
    context |= {i.key[4:] for i in infos if i.kind == "seat" and i.key and i.key[:4] == "gov:"}
    return context


def find_toponyms(doc: Doc, infos: list[EntityInfo], gaz: Gazetteer) -> list[Toponym]:
    """Every toponym of a document resolved to a place, in text order.

    Places, venues, countries and seats of power count whatever their role in the
    sentence (a metonym is still a toponym); demonyms count when they modify a
    noun; places inside other names count when the gazetteer knows them well.
    """
    resolver = PlaceResolver(doc, infos, gaz, article_context(infos))
    out: list[Toponym] = []
    covered: set[int] = set()
    for k, info in enumerate(infos):
        place = None
        if info.kind in ("place", "venue", "seat", "country"):
            place = resolver.resolve(k)
        elif info.kind == "demonym" and info.key and _is_modifier(info.span):
            place = gaz.country_place(info.key)
        elif info.kind == "unknown" and _is_modifier(info.span):
            place = gaz.region_by_demonym(info.text)
        elif info.kind == "org" and info.key:
            place = _org_area(info.key, gaz)
        if place is not None:
            start = info.span.start_char
            out.append(Toponym(start, start + len(info.text), info.text, place))
            covered.update(range(info.span.start, info.span.end))
    for ent in doc.ents:
        if ent.label_ in EMBEDDING_LABELS and not covered.intersection(range(ent.start, ent.end)):
            out.extend(_embedded(ent, gaz, resolver.context))
    taken = [(t.start, t.end) for t in out]
    for top in _datelines(doc_text(doc), gaz, resolver.context):
        if not any(s < top.end and top.start < e for s, e in taken):
            out.append(top)
    return sorted(out, key=lambda t: t.start)


# "BEIRUT (Reuters) -", "SAN DIEGO —", "TORONTO:": a capitalised place opening a
# paragraph before a dash, bracket, comma or colon. The NER misses these (its
# patterns are case-sensitive and all-capital words look like acronyms).
_DATELINE = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?=[ \t]*[,(:\u2014\u2013-])")


def _datelines(text: str, gaz: Gazetteer, context: Collection[str]) -> list[Toponym]:
    out = []
    for m in _DATELINE.finditer(text):
        name = m.group(1)
        if len(name.replace(".", "")) < 3:
            continue
        place = _known_place(name.title(), None, gaz, context)
        if place is not None:
            out.append(Toponym(m.start(1), m.end(1), name, place))
    return out


def _org_area(org_id: str, gaz: Gazetteer) -> Place | None:
    """The region a regional body stands for ("the EU" -> Europe), if the lexicon says."""
    org = gaz.organisations.get(org_id)
    return gaz.region(org.area) if org is not None and org.area else None


def _is_modifier(span) -> bool:
    root = span.root
    if root.tag_ in ("NNS", "NNPS"):
        return False
    return root.dep_ in MODIFIER_DEPS or root.pos_ == "ADJ"


def _embedded(ent, gaz: Gazetteer, context: Collection[str]) -> list[Toponym]:
    """Toponyms inside a longer name: the longest known place names, left to right."""
    out: list[Toponym] = []
    i = ent.start
    while i < ent.end:
        found = None
        for j in range(ent.end, i, -1):
            if (i, j) == (ent.start, ent.end):
                continue  # the whole name was classified already: not a place
            sub = ent.doc[i:j]
            if not sub[0].is_title and not sub[0].is_upper:
                break
            place = _known_place(sub.text, sub, gaz, context)
            if place is not None:
                found = (j, place)
                break
        if found is None:
            i += 1
            continue
        j, place = found
        sub = ent.doc[i:j]
        out.append(Toponym(sub.start_char, sub.end_char, sub.text, place))
        i = j
    return out


def _known_place(text: str, sub, gaz: Gazetteer, context: Collection[str]) -> Place | None:
    if not text[:1].isupper():
        return None
    country = gaz.country(text) or gaz.country_by_demonym(text)
    if country is not None:
        return gaz.country_place(country.iso3)
    region = gaz.region_by_demonym(text) or gaz.region(text)
    if region is not None:
        return region
    cands = gaz.named_places(text, EMBEDDED_MIN_POPULATION if sub is not None else DATELINE_MIN_POPULATION)
    if not cands:
        return None
    key = normalise(text)
    return max(cands, key=lambda p: score_place(p, key, gaz, context))
