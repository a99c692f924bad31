"""Query parameters and lookups shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

from newsweave.records import Story
from newsweave.store.reader import StoreReader

MAX_LIMIT = 100
# OFFSET must fit DuckDB's BIGINT; no real page lies anywhere near this
MAX_OFFSET = 1_000_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page (at most 100)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]


def load_story(reader: StoreReader, story_id: str) -> Story:
    """One story by id (a single indexed read); raises a 404 ``HTTPException`` when absent."""
    story = reader.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return story
