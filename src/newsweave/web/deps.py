"""Request dependencies: a read-only view of the database per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import duckdb
from fastapi import Depends, Request

from newsweave.api import Newsweave


class _CursorNewsweave(Newsweave):
    """A :class:`Newsweave` over a cursor of the app's shared read-only connection.

    DuckDB connections are not safe to share between threads, but cursors of one
    connection are; each request (run in FastAPI's thread pool) gets its own.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: str) -> None:
        self.path = path
        self.conn = conn


def get_newsweave(request: Request) -> Iterator[Newsweave]:
    """Yield a per-request reader, closed when the response is sent."""
    base: Newsweave = request.app.state.newsweave
    nw = _CursorNewsweave(base.conn.cursor(), base.path)
    try:
        yield nw
    finally:
        nw.close()


ConnDep = Annotated[Newsweave, Depends(get_newsweave)]
