"""Request dependencies: a read-only reader of the database per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from newsweave.store.reader import StoreReader


def get_reader(request: Request) -> Iterator[StoreReader]:
    """Yield a per-request reader over its own cursor, closed when the response is sent.

    DuckDB connections are not safe to share between threads, but cursors of one
    connection are; each request (run in FastAPI's thread pool) gets its own.
    """
    cursor = request.app.state.conn.cursor()
    try:
        yield StoreReader(cursor)
    finally:
        cursor.close()


ConnDep = Annotated[StoreReader, Depends(get_reader)]
