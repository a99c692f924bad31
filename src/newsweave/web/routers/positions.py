"""``/api/positions``: who demands, rejects, offers or supports what."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import Page, PositionPublic
from newsweave.web.routers._common import Limit, Offset

router = APIRouter(prefix="/positions", tags=["positions"])


@router.get("", response_model=Page[PositionPublic], summary="List positions")
def list_positions(nw: ConnDep, story_id: str | None = None,
                   party: Annotated[str | None, Query(description="canonical actor id")] = None,
                   stance: Literal["demands", "rejects", "offers", "supports"] | None = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Positions with the report they come from."""
    total, rows = queries.list_positions(nw, story_id=story_id, party=party, stance=stance,
                                         limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}
