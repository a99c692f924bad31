"""``/api/stories``: list and search stories, and one story's brief."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.present.brief import build_brief
from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import BriefPublic, Page, Problem, StoryPublic
from newsweave.web.routers._common import Limit, Offset, load_story

router = APIRouter(prefix="/stories", tags=["stories"])

Q = Annotated[str | None, Query(max_length=200,
                                description="words in the story title or an article's title or "
                                            "body (case-insensitive substring)")]


@router.get("", response_model=Page[StoryPublic], summary="List and search stories")
def list_stories(nw: ConnDep, q: Q = None,
                 date_from: Annotated[dt.date | None, Query(description="ends on or after")] = None,
                 date_to: Annotated[dt.date | None, Query(description="starts on or before")] = None,
                 outlet: Annotated[str | None, Query(description="an outlet reporting it")] = None,
                 actor: Annotated[str | None, Query(description="a canonical actor id "
                                                               "mentioned in it")] = None,
                 event_type: Annotated[str | None, Query(description="a PLOVER event type "
                                                                    "coded in it")] = None,
                 limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Stories matching every given filter, largest first."""
    filters = queries.StoryFilters(q=q, date_from=date_from, date_to=date_to, outlet=outlet,
                                   actor=actor, event_type=event_type)
    total, rows = queries.search_stories(nw, filters, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/{story_id}", response_model=BriefPublic, summary="One story's brief",
            responses={404: {"model": Problem}})
def get_story(story_id: str, nw: ConnDep) -> dict[str, Any]:
    """The story's brief as data: facts, conflicts, positions, timeline, actors."""
    brief = build_brief(nw, load_story(nw, story_id))
    for article in brief["articles"]:
        if "source_id" in article:
            article["source_id"] = queries.public_source_id(article["source_id"])
    return brief
