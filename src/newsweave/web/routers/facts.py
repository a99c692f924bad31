"""``/api/facts``: facts aligned across outlets, with corroboration and conflicts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import FactPublic, Page
from newsweave.web.routers._common import Limit, Offset

router = APIRouter(prefix="/facts", tags=["facts"])


@router.get("", response_model=Page[FactPublic], summary="List facts")
def list_facts(nw: ConnDep, story_id: str | None = None,
               outlet: Annotated[str | None, Query(description="an outlet stating it")] = None,
               min_corroboration: Annotated[int | None, Query(ge=0, le=1000)] = None,
               background: bool | None = None,
               limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Facts of a story (or all), most important first."""
    total, rows = queries.list_facts(nw, story_id=story_id, outlet=outlet,
                                     min_corroboration=min_corroboration, background=background,
                                     limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}
