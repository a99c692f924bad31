"""Query parameters and lookups shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

from newsweave.api import Newsweave
from newsweave.records import Story

MAX_LIMIT = 100
# OFFSET must fit DuckDB's BIGINT; no real page lies anywhere near this
MAX_OFFSET = 1_000_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page (at most 100)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]


def load_story(nw: Newsweave, story_id: str) -> Story:
    """One story by id (a single indexed read); raises a 404 ``HTTPException`` when absent."""
    rows = nw.rows('SELECT id, title, article_ids, outlets, start, "end" FROM stories '
                   "WHERE id = ?", [story_id])
    if not rows:
        raise HTTPException(404, f"no story {story_id!r}")
    r = rows[0]
    return Story(id=r["id"], title=r["title"], article_ids=list(r["article_ids"]),
                 outlets=list(r["outlets"]), start=r["start"], end=r["end"])
