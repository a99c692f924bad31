"""``/api/places``: resolved places with their event counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import Page, PlacePublic
from newsweave.web.routers._common import Limit, Offset

router = APIRouter(prefix="/places", tags=["places"])


@router.get("", response_model=Page[PlacePublic], summary="List places")
def list_places(nw: ConnDep, story_id: Annotated[str | None, Query(
                    description="only places of this story's events")] = None,
                q: Annotated[str | None, Query(max_length=200)] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Places, those with the most events first."""
    total, rows = queries.list_places(nw, story_id=story_id, q=q, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}
