"""``/api/events``: PLOVER events, filtered, paginated and exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from newsweave.present.plover import plover_record
from newsweave.records import Event
from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE, StoreReader
from newsweave.store.rows import from_row
from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import EventPublic, Page
from newsweave.web.routers._common import Limit, Offset
from newsweave.web.security import asked_for_head

router = APIRouter(prefix="/events", tags=["events"])
# An export is streamed a chunk of rows at a time and bounded, so that one request
# can neither hold the whole events table in memory nor run without end.
EXPORT_CHUNK = 1000
EXPORT_MAX_ROWS = 100_000
EXPORT_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "plover": "application/x-ndjson"}


def event_filters(
        story_id: str | None = None,
        event_type: Annotated[str | None, Query(description="PLOVER type, e.g. PROTEST")] = None,
        actor: Annotated[str | None, Query(description="canonical actor id, as actor "
                                                       "or recipient")] = None,
        outlet: str | None = None,
        place_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        background: Annotated[bool | None, Query(description="true: only background; "
                                                             "false: only news of the day")] = None,
        min_confidence: Annotated[float, Query(
            ge=0, le=1, description="hide events the coder is less sure of (0-1); 0 shows "
                                    "every event")] = DEFAULT_MIN_CONFIDENCE,
        mode: Annotated[str | None, Query(description="PLOVER mode, e.g. drone")] = None,
        country: Annotated[str | None, Query(
            description="ISO 3166 alpha-3 code of the event place's country")] = None,
        place: Annotated[str | None, Query(
            max_length=200, description="words of the event place's name (any case)")] = None,
) -> queries.EventFilters:
    """The event filters, shared by the list, the export and the explorer's downloads."""
    return queries.EventFilters(story_id=story_id, event_type=event_type, actor=actor,
                                outlet=outlet, place_id=place_id, date_from=date_from,
                                date_to=date_to, background=background,
                                min_confidence=min_confidence, mode=mode, country=country,
                                place=place)


Filters = Annotated[queries.EventFilters, Depends(event_filters)]


@router.get("", response_model=Page[EventPublic], summary="List events")
def list_events(nw: ConnDep, filters: Filters, limit: Limit = 50, offset: Offset = 0
                ) -> dict[str, Any]:
    """Events matching every given filter, in date order."""
    return {"total": queries.count_events(nw, filters), "limit": limit, "offset": offset,
            "items": queries.list_events(nw, filters, limit=limit, offset=offset)}


@router.get("/export", summary="Export events",
            responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {}},
                             "description": "every matching event, one per line"}})
def export_events(request: Request, filters: Filters,
                  format: Annotated[Literal["jsonl", "csv", "plover"], Query(
                      description="jsonl: the rows of /api/events; csv: the same, lists as "
                                  "JSON; plover: PLOVER records (as `newsweave export "
                                  "events`)")] = "jsonl",
                  limit: Annotated[int, Query(
                      ge=1, le=EXPORT_MAX_ROWS,
                      description=f"at most this many events (at most {EXPORT_MAX_ROWS:,}); "
                                  "narrow the filters or page /api/events for more")
                  ] = EXPORT_MAX_ROWS) -> StreamingResponse:
    """Every event matching the filters (up to ``limit``), streamed as a download.

    HEAD gets the same headers and no body, without reading a single event.
    """
    body = iter(()) if asked_for_head(request.scope) else _export_lines(
        request.app.state.conn, filters, format, limit)
    suffix = "csv" if format == "csv" else "jsonl"
    return StreamingResponse(body, media_type=EXPORT_MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="events.{suffix}"'})


def _export_lines(conn: Any, filters: queries.EventFilters, format: str, limit: int
                  ) -> Iterator[str]:
    """The export's body in ``format`` (``jsonl``, ``csv`` or ``plover``), lazily."""
    chunks = _event_chunks(conn, filters, limit)
    if format == "plover":
        return _plover_lines(conn, chunks)
    if format == "csv":
        return _csv_lines(chunks)
    return (json.dumps(r, default=str, ensure_ascii=False) + "\n"
            for rows in chunks for r in rows)


def _event_chunks(conn: Any, filters: queries.EventFilters, limit: int
                  ) -> Iterator[list[dict[str, Any]]]:
    """The matching events, ``EXPORT_CHUNK`` rows at a time, ``limit`` in all.

    The stream outlives the request's dependencies, so it reads through a cursor
    of its own, closed when the stream ends or the client goes away.
    """
    cursor = conn.cursor()
    try:
        reader = StoreReader(cursor)
        for offset in range(0, limit, EXPORT_CHUNK):
            rows = queries.list_events(reader, filters, limit=min(EXPORT_CHUNK, limit - offset),
                                       offset=offset)
            if rows:
                yield rows
            if len(rows) < EXPORT_CHUNK:
                return
    finally:
        cursor.close()


def _plover_lines(conn: Any, chunks: Iterator[list[dict[str, Any]]]) -> Iterator[str]:
    """PLOVER records of the exported events, in export order, built a chunk at a time.

    Only the lookups (canonical actors, places, article metadata) are read whole;
    the events themselves are read per chunk, as the other formats are.
    """
    cursor = conn.cursor()
    try:
        reader = StoreReader(cursor)
        canon = reader.actor_map()
        actors = {a.id: a for a in reader.actors()}
        places = reader.places()
        articles = reader.articles()
        for rows in chunks:
            ids = [r["event_id"] for r in rows]
            events = {r["id"]: from_row(Event, r) for r in reader.rows(
                "SELECT * FROM events WHERE list_contains(?::VARCHAR[], id)", [ids])}
            for event_id in ids:
                event = events.get(event_id)
                if event is None:
                    continue
                event.actors = [canon.get(a, a) for a in event.actors]
                event.recipients = [canon.get(r, r) for r in event.recipients]
                record = plover_record(event, actors, places, articles.get(event.article_id))
                yield json.dumps(record, default=str, ensure_ascii=False) + "\n"
    finally:
        cursor.close()


def _csv_lines(chunks: Iterator[list[dict[str, Any]]]) -> Iterator[str]:
    """The header, then one block of CSV lines per chunk (lists and objects as JSON)."""
    columns = list(EventPublic.model_fields)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for rows in chunks:
        for row in rows:
            writer.writerow({k: json.dumps(v, default=str, ensure_ascii=False)
                             if isinstance(v, (list, dict)) else v for k, v in row.items()})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.tell():
        yield out.getvalue()
