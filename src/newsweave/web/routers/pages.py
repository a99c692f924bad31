"""The web pages: story list, story, article and actor, rendered on the server with Jinja2."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from newsweave.present.brief import STANCES, build_brief
from newsweave.present.coverage import PAGE_ROWS, SHOWN_ROWS
from newsweave.web import charts, geo, highlight, queries
from newsweave.web.deps import ConnDep
from newsweave.web.routers._common import MAX_OFFSET, load_story

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")
PAGE_SIZE = 20


HUES = 24  # the badge colour classes hue-0 .. hue-23 of style.css, 15 degrees apart


def outlet_hue(name: str) -> int:
    """A stable colour class (0-23, ``hue-N`` in style.css) for an outlet's badge."""
    return int(hashlib.sha1(name.encode()).hexdigest()[:6], 16) % HUES


def shown_date(value: dt.date | str | None, precision: str | None = None) -> str:
    """A date as precise as the text gave it: ``2031-03-14``, ``2031-03`` (month) or ``2031``."""
    if value is None:
        return "undated"
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return {"year": text[:4], "month": text[:7]}.get(precision or "day", text)


def web_url(url: str | None) -> bool:
    """Whether ``url`` may be a link: an http(s) address, never ``javascript:`` or a file."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def file_name(path: str | None) -> str:
    """The input's file name only: the server's folders are nobody else's business."""
    return queries.source_file(path) or ""


TEMPLATES.env.filters["hue"] = outlet_hue
TEMPLATES.env.filters["when"] = shown_date
TEMPLATES.env.filters["file_name"] = file_name
TEMPLATES.env.tests["web_url"] = web_url


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def _empty_to_none(value: str | None) -> str | None:
    """Form fields left blank arrive as empty strings; they mean no filter."""
    return value.strip() or None if value is not None else None


def _date_or_none(value: str | None, field: str) -> dt.date | None:
    value = _empty_to_none(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise HTTPException(400, f"{field}: use YYYY-MM-DD, not {value!r}") from exc


@router.get("/")
def story_list(request: Request, nw: ConnDep,
               q: Annotated[str | None, Query(max_length=200)] = None,
               date_from: str | None = None, date_to: str | None = None,
               outlet: str | None = None, actor: str | None = None,
               event_type: str | None = None,
               page: Annotated[int, Query(ge=1, le=MAX_OFFSET // PAGE_SIZE)] = 1
               ) -> HTMLResponse:
    """The story list with search and filters."""
    filters = queries.StoryFilters(
        q=_empty_to_none(q), date_from=_date_or_none(date_from, "date_from"),
        date_to=_date_or_none(date_to, "date_to"), outlet=_empty_to_none(outlet),
        actor=_empty_to_none(actor), event_type=_empty_to_none(event_type))
    total, stories = queries.search_stories(nw, filters, limit=PAGE_SIZE,
                                            offset=(page - 1) * PAGE_SIZE)
    params = {k: v for k, v in {"q": filters.q, "date_from": filters.date_from,
                                "date_to": filters.date_to, "outlet": filters.outlet,
                                "actor": filters.actor, "event_type": filters.event_type}.items()
              if v}
    pages = max(1, math.ceil(total / PAGE_SIZE))
    return _render(request, "stories.html", stories=stories, total=total, filters=filters,
                   options=_filter_options(request, nw), page=page, pages=pages,
                   prev_url="?" + urlencode({**params, "page": page - 1}) if page > 1 else None,
                   next_url="?" + urlencode({**params, "page": page + 1}) if page < pages
                   else None, filtered=bool(params))


@router.get("/stories")
def story_list_alias(request: Request) -> RedirectResponse:
    """``/stories`` is the story list at ``/``, with the same parameters."""
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=307)


def _filter_options(request: Request, nw: Any) -> dict[str, list[Any]]:
    """The filter menus, read once: the app holds the database read-only, so they never change."""
    state = request.app.state
    if getattr(state, "filter_options", None) is None:
        state.filter_options = queries.filter_options(nw)
    return state.filter_options


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str, nw: ConnDep) -> HTMLResponse:
    """One story: facts, coverage grid, conflicts, positions, timeline chart, map, actors,
    reports."""
    story = load_story(nw, story_id)
    brief = build_brief(nw, story)
    items = _timeline_items(nw, brief)
    places = queries.story_places(nw, story_id)
    mapped = geo.map_places(places)
    for place, projected in zip(places, mapped):
        place["precision"] = geo.PRECISIONS.get(projected.precision, projected.precision)
    return _render(request, "story.html", b=brief, stances=STANCES, timeline=items,
                   timeline_chart=charts.timeline_chart(items), places=places,
                   world_map_data=story_map(mapped), first_mention=_first_mentions,
                   coverage_rows=(SHOWN_ROWS, PAGE_ROWS))


def place_row_href(place: geo.MapPlace) -> str:
    """A story map's mark of one place leads to the place's row under the map."""
    return f"#place-{place.place_id}"


def story_map(places: list[geo.MapPlace]) -> geo.WorldMap:
    """The story's map: the explorer's map, closer in, its marks leading to the rows."""
    return geo.world_map(places, place_row_href, "#story-map",
                         min_degrees=geo.STORY_VIEW_DEGREES)


def _timeline_items(nw: Any, brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The brief's timeline as chart items; the story's own events when the brief has none."""
    source = brief["timeline"]
    if not source:
        source = [{"date": e["date"], "date_precision": e["date_precision"],
                   "event": e["event"], "mode": e["mode"],
                   "actors": e["actors"], "recipients": e["recipients"], "place": e["place"],
                   "quantities": [q["text"] for q in e["quantities"] or []],
                   "certainty": e["certainty"], "text": e["text"], "outlets": [e["outlet"]],
                   "evidence": [{"article_id": e["article_id"], "outlet": e["outlet"],
                                 "start": e["start"], "end": e["end"]}]}
                  for e in queries.list_events(
                      nw, queries.EventFilters(story_id=brief["story_id"], background=False),
                      limit=None)]
    items = []
    for k, t in enumerate(source, 1):
        who = ", ".join(t["actors"]) or "?"
        if t["recipients"]:
            who += " → " + ", ".join(t["recipients"])
        title = " · ".join(x for x in (shown_date(t["date"], t.get("date_precision")),
                                       t["event"], who,
                                       t.get("place") or "", ", ".join(t["outlets"])) if x)
        items.append({**t, "who": who, "title": title, "href": f"#tl-{k}", "anchor": f"tl-{k}"})
    return items


def _first_mentions(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For each outlet of a fact, timeline row or position, the first span it comes from
    (for the outlet badge's link to the report)."""
    out: dict[str, dict[str, Any]] = {}
    for m in row.get("mentions") or row.get("evidence") or []:
        if not m.get("copy"):
            out.setdefault(m.get("outlet", "?"), m)
    return out


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, nw: ConnDep,
                 hl: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$",
                                                 description="START-END to mark")] = None
                 ) -> HTMLResponse:
    """One article: its text with evidence highlighted, removed lines folded away."""
    article = queries.article_detail(nw, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    target = tuple(int(x) for x in hl.split("-")) if hl else None
    runs = highlight.cut_runs(article["body"], highlight.article_spans(article),
                              target=target)  # type: ignore[arg-type]
    counts = {k: len(article[k]) for k in ("claims", "events", "positions", "mentions")}
    return _render(request, "article.html", a=article, runs=runs, counts=counts)


@router.get("/actors")
def actor_list(request: Request, nw: ConnDep,
               q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """Actors, most mentioned first."""
    total, actors = queries.list_actors(nw, q=_empty_to_none(q), kind=None, limit=100, offset=0)
    return _render(request, "actors.html", actors=actors, total=total, q=q or "")


@router.get("/actors/{actor_id}")
def actor_page(request: Request, actor_id: str, nw: ConnDep) -> HTMLResponse:
    """One actor: roles, events and positions, each linked to its report."""
    actor = queries.actor_detail(nw, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return _render(request, "actor.html", actor=actor, stances=STANCES)
