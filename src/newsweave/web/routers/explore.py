"""The events explorer: every event of the corpus, filtered, on a map, a timeline and a table.

``GET /explore`` is a GET form, so a filtered view is a URL to share; its
download links are ``/api/events/export`` with the same filters. The map's
country outlines come from ``GET /map/countries.json`` (see
:mod:`newsweave.web.geo`), one cached file that the page's script draws.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE, StoreReader
from newsweave.web import charts, geo, queries
from newsweave.web.deps import ConnDep
from newsweave.web.routers._common import MAX_OFFSET
from newsweave.web.routers.pages import TEMPLATES, _date_or_none, _empty_to_none

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
EXPORT_FORMATS = (("csv", "CSV"), ("jsonl", "JSONL"), ("plover", "PLOVER JSONL"))
# the form's fields in the order of the page's URL (and of the export's)
FILTER_FIELDS = ("date_from", "date_to", "event_type", "mode", "actor", "country", "place",
                 "outlet", "place_id", "min_confidence", "background")
# the page shows the news of the day unless asked for background (history an article
# recalls) too: the explorer's ``background`` values and the filter each means
BACKGROUND = {"": False, "false": False, "true": True, "any": None}
BASEMAP_MAX_AGE = 86_400


def explorer_filters(date_from: str | None, date_to: str | None, event_type: str | None,
                     mode: str | None, actor: str | None, country: str | None,
                     place: str | None, outlet: str | None, place_id: str | None,
                     min_confidence: str | None, background: str | None = None
                     ) -> queries.EventFilters:
    """The form's fields as event filters (a blank field is no filter).

    Raises:
        HTTPException: 400 for a date that is not YYYY-MM-DD or a confidence outside 0-1.
    """
    return queries.EventFilters(
        date_from=_date_or_none(date_from, "date_from"),
        date_to=_date_or_none(date_to, "date_to"),
        event_type=_empty_to_none(event_type), mode=_empty_to_none(mode),
        actor=_empty_to_none(actor), country=_empty_to_none(country),
        place=_empty_to_none(place), outlet=_empty_to_none(outlet),
        place_id=_empty_to_none(place_id), min_confidence=_confidence(min_confidence),
        background=_background(background))


def _background(value: str | None) -> bool | None:
    key = (value or "").strip().lower()
    if key not in BACKGROUND:
        raise HTTPException(400, f"background: one of false, true, any; not {value!r}")
    return BACKGROUND[key]


def _confidence(value: str | None) -> float:
    value = _empty_to_none(value)
    if value is None:
        return DEFAULT_MIN_CONFIDENCE
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise HTTPException(400, f"min_confidence: a number from 0 to 1, not {value!r}")
    return number


def filter_params(f: queries.EventFilters, *, export: bool = False) -> dict[str, str]:
    """The filters as URL parameters, the set ones only (the same names as the export's).

    Args:
        f: the filters.
        export: the parameters of ``/api/events/export``, whose ``background`` is a
            plain true / false / absent (the page's default, news only, is ``false``).
    """
    params: dict[str, str] = {}
    for name in FILTER_FIELDS:
        value = getattr(f, name)
        if name == "min_confidence":
            if value != DEFAULT_MIN_CONFIDENCE:
                params[name] = f"{value:g}"
        elif name == "background":
            if export and value is not None:
                params[name] = str(value).lower()
            elif not export and value is not False:
                params[name] = "any" if value is None else "true"
        elif value is not None:
            params[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return params


def explore_url(params: dict[str, str], **changes: Any) -> str:
    """``/explore`` with ``params`` and ``changes`` (a ``None`` change drops that filter)."""
    merged = {**params}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "/explore" + ("?" + urlencode(merged) if merged else "")


def export_links(params: dict[str, str]) -> list[dict[str, str]]:
    """The download links: the streamed export with the page's filters."""
    return [{"label": label, "format": fmt,
             "href": "/api/events/export?" + urlencode({"format": fmt, **params})}
            for fmt, label in EXPORT_FORMATS]


def place_filter_href(params: dict[str, str]) -> Callable[[geo.MapPlace], str]:
    """A mark of one place leads to the events there: the page filtered on the place."""
    def href(place: geo.MapPlace) -> str:
        return explore_url(params, place_id=place.place_id, page=None) + "#events"
    return href


def country_options(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The country menu: each ISO code with its name (pycountry's, the store's, or the code)."""
    import pycountry

    out = []
    for r in rows:
        known = pycountry.countries.get(alpha_3=r["code"])
        out.append({"code": r["code"], "name": known.name if known else r["name"] or r["code"]})
    return sorted(out, key=lambda c: c["name"].lower())


def _options(request: Request, nw: StoreReader) -> dict[str, Any]:
    """The filter menus, read once: the app holds the database read-only."""
    state = request.app.state
    if getattr(state, "explorer_options", None) is None:
        options = queries.explorer_options(nw)
        options["countries"] = country_options(options["countries"])
        state.explorer_options = options
    return state.explorer_options


def _with_chosen_actor(options: dict[str, Any], actor: str | None) -> dict[str, Any]:
    """The menus, with the chosen actor in the actor menu even when it is not among the
    most mentioned (an actor page's link names any actor)."""
    if not actor or any(a["id"] == actor for a in options["actors"]):
        return options
    return {**options, "actors": [{"id": actor, "name": actor}, *options["actors"]]}


def _table_rows(nw: StoreReader, events: list[dict[str, Any]],
                precision: dict[str, str]) -> list[dict[str, Any]]:
    """The page's events with canonical actor names and the precision of their place."""
    names = queries.actor_names(nw, [a for e in events for a in (e["actors"] or [])
                                     + (e["recipients"] or [])])
    for e in events:
        e["who"] = [names.get(a, {"id": a, "name": a}) for a in e["actors"] or []]
        e["whom"] = [names.get(a, {"id": a, "name": a}) for a in e["recipients"] or []]
        e["precision"] = precision.get(e["place_id"] or "", "")
    return events


@router.get("/explore", response_class=HTMLResponse)
def explore_page(request: Request, nw: ConnDep,
                 date_from: str | None = None, date_to: str | None = None,
                 event_type: str | None = None, mode: str | None = None,
                 actor: str | None = None, country: str | None = None,
                 place: Annotated[str | None, Query(max_length=200)] = None,
                 outlet: str | None = None, place_id: str | None = None,
                 min_confidence: str | None = None, background: str | None = None,
                 page: Annotated[int, Query(ge=1, le=MAX_OFFSET // PAGE_SIZE)] = 1
                 ) -> HTMLResponse:
    """Events across the corpus: filter bar, map, timeline by day and type, table, downloads."""
    f = explorer_filters(date_from, date_to, event_type, mode, actor, country, place, outlet,
                         place_id, min_confidence, background)
    params = filter_params(f)
    span = queries.event_span(nw, f)
    unit = queries.timeline_unit(span.first, span.last)
    chart = charts.count_chart(queries.event_counts(nw, f, unit), unit, span.first, span.last)
    for bar in chart.bars:
        bar.href = explore_url(params, date_from=bar.start, date_to=bar.end,
                               event_type=bar.event, page=None)
    places = geo.map_places(queries.event_places(nw, f))
    world = geo.world_map(places, place_filter_href(params), "#map")
    precision = {p.place_id: p.precision for p in places}
    events = _table_rows(nw, queries.list_events(nw, f, limit=PAGE_SIZE,
                                                 offset=(page - 1) * PAGE_SIZE), precision)
    pages = max(1, math.ceil(span.total / PAGE_SIZE))
    options = _with_chosen_actor(_options(request, nw), f.actor)
    return TEMPLATES.TemplateResponse(request, "explore.html", {
        "f": f, "params": params, "options": options, "span": span, "chart": chart,
        "unit": unit, "places": places, "world_map_data": world,
        "events": events, "page": page, "pages": pages,
        "first_row": (page - 1) * PAGE_SIZE + 1 if events else 0,
        "prev_url": explore_url(params, page=page - 1) + "#events" if page > 1 else None,
        "next_url": explore_url(params, page=page + 1) + "#events" if page < pages else None,
        "downloads": export_links(filter_params(f, export=True)), "filtered": bool(params),
        "place_name": next((p.name for p in places if p.place_id == f.place_id), f.place_id),
        "clear_place_url": explore_url(params, place_id=None, page=None),
        "precisions": geo.PRECISIONS, "default_confidence": DEFAULT_MIN_CONFIDENCE})


@router.get("/map/countries.json")
def countries_json(request: Request) -> Response:
    """The map's country outlines (Natural Earth, simplified, projected), cached by the browser."""
    base = geo.basemap()
    headers = {"Cache-Control": f"public, max-age={BASEMAP_MAX_AGE}", "ETag": base.etag,
               "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == base.etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(base.gzipped, media_type="application/json",
                        headers={**headers, "Content-Encoding": "gzip"})
    return Response(base.body, media_type="application/json", headers=headers)
