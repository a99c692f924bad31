"""Geometry of the charts the templates draw as inline SVG.

The story page's timeline puts each event on a date axis, one lane per PLOVER
event type, with undated events in a column of their own; the explorer's timeline
stacks event counts per day, week, month or year by type. (The maps of both pages
are :mod:`newsweave.web.geo`'s.)
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

TIMELINE_WIDTH = 900
LANE_HEIGHT = 30
LANE_LABEL_WIDTH = 110
UNDATED_WIDTH = 110
AXIS_HEIGHT = 34


@dataclass(slots=True)
class ChartPoint:
    """One mark: position, radius, tooltip and the link it goes to."""

    x: float
    y: float
    r: float
    title: str
    href: str = ""
    kind: str = ""


@dataclass(slots=True)
class Chart:
    """An SVG picture's size and parts."""

    width: float
    height: float
    points: list[ChartPoint] = field(default_factory=list)
    lanes: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)
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
