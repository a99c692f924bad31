"""Buffered, all-or-nothing writes of per-article results into DuckDB."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import duckdb
import pyarrow as pa

from newsweave.clean.outlets import OutletNames
from newsweave.records import ArticleResult
from newsweave.store.db import database_path, full, is_full_error, rollback
from newsweave.store.rows import to_row


# The per-article tables, each with the ArticleResult list that fills it.
_RECORD_TABLES = (("mentions", "mentions"), ("actor_records", "actors"), ("roles", "roles"),
                  ("places", "places"), ("events", "events"), ("claims", "claims"),
                  ("positions", "positions"))


def _article_rows(result: ArticleResult) -> dict[str, list[dict[str, Any]]]:
    """All rows one article contributes, by table."""
    a = result.article
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows["articles"].append(to_row("articles", a, ingested_at=dt.datetime.now()))
    for table, attribute in _RECORD_TABLES:
        for record in getattr(result, attribute):
            # every row names its article (places have no article column)
            rows[table].append(to_row(table, record, article_id=a.id))
    return rows


def insert_rows(conn: Any, table: str, rows: list[dict[str, Any]], *, where: str = "") -> None:
    """Bulk-insert dict rows through one Arrow table (never row by row).

    Args:
        conn: a DuckDB connection (the caller owns the transaction).
        table: the target table; the rows' keys are its column names.
        rows: at least one row, all with the same keys.
        where: an optional filter over the staged rows, named ``_nw_rows``.
    """
    quoted = ", ".join(f'"{c}"' for c in rows[0])
    conn.register("_nw_rows", pa.Table.from_pylist(rows))
    try:
        conn.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _nw_rows {where}")
    except BaseException:
        # a failed or interrupted INSERT aborts the transaction, which then refuses
        # the unregister too: that refusal must not hide the error (an interrupt
        # would read as a failure); the next register replaces the staged rows
        with contextlib.suppress(duckdb.Error):
            conn.unregister("_nw_rows")
        raise
    conn.unregister("_nw_rows")


def _stored_outlets(conn: Any) -> list[str]:
    """The outlet names the store holds, the first stored first."""
    return [row[0] for row in conn.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
        "ORDER BY min(ingested_at) NULLS LAST, outlet").fetchall()]


class ArticleWriter:
    """Buffers article results and writes them in bulk, one transaction per flush.

    An article whose id is already stored is skipped (its source is still
    recorded), so re-running on the same input adds nothing. A flush either
    writes every buffered article completely or nothing at all.

    Each article's outlet is given its one name in the store
    (:class:`newsweave.clean.outlets.OutletNames`): the user's aliases, then the
    spelling already stored for it in another case.

    Args:
        conn: an open DuckDB connection with the schema created.
        batch_size: articles buffered before a flush.
        outlet_aliases: from :func:`newsweave.clean.outlets.load_outlet_aliases`.
        stored: the ids of the articles the store holds, when the caller has just
            read them on this connection (a run does, to skip known articles before
            annotation): then no article costs a lookup of its own. ``None``:
            each article is looked up in the store.
    """

    def __init__(self, conn: Any, *, batch_size: int = 64,
                 outlet_aliases: Mapping[str, str] | None = None,
                 stored: frozenset[str] | None = None) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.conn = conn
        self.batch_size = batch_size
        self._buffer: list[ArticleResult] = []
        self._sources: list[dict[str, Any]] = []
        self._seen: set[str] = set()
        self.added = 0
        self.skipped = 0
        self._outlets = OutletNames(_stored_outlets(conn), outlet_aliases)
        self._stored = stored
        # a flush began and did not reach its bookkeeping (an error or Ctrl-C)
        self._unfinished = False

    def __enter__(self) -> ArticleWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()

    def write(self, result: ArticleResult) -> bool:
        """Buffer one result; returns False when the article is already stored."""
        aid = result.article.id
        a = result.article
        a.outlet = self._outlets.fold(a.outlet)
        self._sources.append({
            "article_id": aid, "source_id": a.source_id, "source_path": a.source_path,
            "outlet": a.outlet, "url": a.url,
        })
        if aid in self._seen or self._exists(aid):
            self.skipped += 1
            return False
        self._seen.add(aid)
        self._buffer.append(result)
        if len(self._buffer) >= self.batch_size:
            self.flush()
        return True

    def flush(self) -> None:
        """Write the buffered articles in one transaction.

        Flushing again after a flush cut short (Ctrl-C) stores nothing twice:
        articles the store already holds are counted, not written
        (:meth:`_drop_committed`)."""
        if not self._buffer and not self._sources:
            return
        if self._unfinished:
            # only a flush cut short can leave stored articles in the buffer: the
            # store is asked once then, not on every flush
            self._drop_committed()
        self._unfinished = True
        tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if self._sources:
            tables["article_sources"] = list(
                {(r["article_id"], r["source_id"]): r for r in self._sources}.values()
            )
        for result in self._buffer:
            for table, rows in _article_rows(result).items():
                tables[table].extend(rows)
        try:
            # BEGIN inside the try: Ctrl-C can land just after DuckDB opened the
            # transaction, and the flush the interrupted run makes must find it
            # rolled back
            self.conn.execute("BEGIN TRANSACTION")
            for table, rows in tables.items():
                self._insert(table, rows)
            self.conn.execute("COMMIT")
        except BaseException as exc:
            # Ctrl-C too (a KeyboardInterrupt between two INSERTs): the transaction
            # must end here, or the flush the interrupted run makes cannot begin
            rollback(self.conn)
            if isinstance(exc, Exception) and is_full_error(exc):
                raise full(database_path(self.conn), exc,
                           lost=f"the last {len(self._buffer)} articles were not stored") from exc
            raise
        self._written()

    def _written(self) -> None:
        """Count the buffered articles as stored and empty the buffer."""
        self.added += len(self._buffer)
        self._buffer.clear()
        self._sources.clear()
        self._unfinished = False

    def _drop_committed(self) -> None:
        """Take out of the buffer the articles an earlier, interrupted flush of
        this writer already committed, counting them as added. Ctrl-C can land
        after DuckDB made a COMMIT durable (during the statement, or just after
        it returned): the interrupted run then stores what it buffered, and
        writing those articles again would fail on their keys."""
        ids = [r.article.id for r in self._buffer]
        if not ids:
            return
        stored = {row[0] for row in self.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
        if stored:
            self.added += len(stored)
            self._buffer = [r for r in self._buffer if r.article.id not in stored]

    def _exists(self, article_id: str) -> bool:
        if self._stored is not None:
            return article_id in self._stored
        return self._exists_in_store(article_id)

    def _exists_in_store(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if table == "places":
            rows = list({r["id"]: r for r in rows}.values())
        # Rows that may already be stored are filtered by an anti-join.
        guard = {
            "places": "WHERE id NOT IN (SELECT id FROM places)",
            "article_sources": "WHERE NOT EXISTS (SELECT 1 FROM article_sources s "
            "WHERE s.article_id = _nw_rows.article_id AND s.source_id = _nw_rows.source_id)",
        }.get(table, "")
        insert_rows(self.conn, table, rows, where=guard)
