"""``/api/events``: PLOVER events, filtered, paginated and exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from newsweave.present.plover import plover_records
from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE
from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import EventPublic, Page
from newsweave.web.routers._common import Limit, Offset

router = APIRouter(prefix="/events", tags=["events"])
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
) -> queries.EventFilters:
    """The event filters, shared by the list and the export."""
    return queries.EventFilters(story_id=story_id, event_type=event_type, actor=actor,
                                outlet=outlet, place_id=place_id, date_from=date_from,
                                date_to=date_to, background=background,
                                min_confidence=min_confidence)


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
def export_events(nw: ConnDep, filters: Filters,
                  format: Annotated[Literal["jsonl", "csv", "plover"], Query(
                      description="jsonl: the rows of /api/events; csv: the same, lists as "
                                  "JSON; plover: PLOVER records (as `newsweave export "
                                  "events`)")] = "jsonl") -> StreamingResponse:
    """Every event matching the filters (no pagination), as a download."""
    rows = queries.list_events(nw, filters, limit=None)
    if format == "plover":
        wanted = {r["event_id"] for r in rows}
        records = [r for r in plover_records(nw, filters.story_id, min_confidence=0)
                   if r["id"] in wanted]
        body: Iterator[str] = (json.dumps(r, default=str, ensure_ascii=False) + "\n"
                               for r in records)
    elif format == "csv":
        body = iter([_csv(rows)])
    else:
        body = (json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in rows)
    suffix = "csv" if format == "csv" else "jsonl"
    return StreamingResponse(body, media_type=EXPORT_MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="events.{suffix}"'})


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns = list(EventPublic.model_fields)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, default=str, ensure_ascii=False)
                         if isinstance(v, (list, dict)) else v for k, v in row.items()})
    return out.getvalue()
