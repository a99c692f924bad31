"""``/api/actors``: canonical actors, and one actor's roles, events and positions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import ActorDetail, ActorPublic, Page, Problem
from newsweave.web.routers._common import Limit, Offset

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=Page[ActorPublic], summary="List actors")
def list_actors(nw: ConnDep,
                q: Annotated[str | None, Query(max_length=200, description="in the name, id "
                                                                           "or aliases")] = None,
                kind: Annotated[str | None, Query(description="person, organisation, state, "
                                                              "group")] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Actors, most mentioned first."""
    total, rows = queries.list_actors(nw, q=q, kind=kind, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/{actor_id}", response_model=ActorDetail, summary="One actor",
            responses={404: {"model": Problem}})
def get_actor(actor_id: str, nw: ConnDep) -> dict[str, Any]:
    """The actor with the roles the text gives it, its events, positions and stories."""
    actor = queries.actor_detail(nw, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return actor
