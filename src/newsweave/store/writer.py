"""Buffered, all-or-nothing writes of per-article results into DuckDB."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from dataclasses import asdict
from typing import Any

import duckdb
import pyarrow as pa

from newsweave.records import ArticleResult, Quantity
from newsweave.store.db import database_path, full, is_full_error

LOGGER = logging.getLogger(__name__)


def quantities_json(quantities: list[Quantity]) -> str:
    """Quantities as a JSON array string for the ``quantities`` columns."""
    return json.dumps([asdict(q) for q in quantities])


def _article_rows(result: ArticleResult) -> dict[str, list[dict[str, Any]]]:
    """All rows one article contributes, by table."""
    a = result.article
    aid = a.id
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows["articles"].append({
        "id": aid, "source_id": a.source_id, "source_path": a.source_path,
        "outlet": a.outlet, "url": a.url, "title": a.title, "published": a.published,
        "body": a.body, "removed": list(a.removed), "language": a.language,
        "sentences": json.dumps(a.sentences), "ingested_at": dt.datetime.now(),
    })
    for m in result.mentions:
        rows["mentions"].append({
            "article_id": aid, "start": m.start, "end": m.end, "text": m.text,
            "label": m.label, "actor_id": m.actor_id, "place_id": m.place_id,
        })
    for actor in result.actors:
        rows["actor_records"].append({
            "article_id": aid, "id": actor.id, "name": actor.name, "kind": actor.kind,
            "country": actor.country, "sector": actor.sector, "aliases": list(actor.aliases),
            "country_evidence": actor.country_evidence, "merges": json.dumps(actor.merges),
        })
    for r in result.roles:
        rows["roles"].append({
            "actor_id": r.actor_id, "role": r.role, "article_id": aid, "start": r.start,
            "end": r.end, "text": r.text, "date": r.date,
        })
    for p in result.places:
        rows["places"].append({
            "id": p.id, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
            "feature_class": p.feature_class, "population": p.population,
        })
    for e in result.events:
        rows["events"].append({
            "id": e.id, "article_id": aid, "event": e.event, "mode": e.mode,
            "context": list(e.context), "actors": list(e.actors),
            "recipients": list(e.recipients), "date": e.date,
            "date_precision": e.date_precision, "place_id": e.place_id,
            "quantities": quantities_json(e.quantities), "certainty": e.certainty,
            "background": e.background, "start": e.start, "end": e.end,
            "text": e.text, "trigger": e.trigger, "confidence": e.confidence,
        })
    for c in result.claims:
        rows["claims"].append({
            "id": c.id, "article_id": aid, "start": c.start, "end": c.end, "text": c.text,
            "subject": c.subject, "predicate": c.predicate, "object": c.object,
            "event_type": c.event_type, "actors": list(c.actors),
            "quantities": quantities_json(c.quantities), "certainty": c.certainty,
            "background": c.background, "date": c.date, "date_precision": c.date_precision,
            "clauses": json.dumps(c.clauses),
        })
    for p in result.positions:
        rows["positions"].append({
            "id": p.id, "article_id": aid, "party": p.party, "stance": p.stance,
            "object": p.object, "start": p.start, "end": p.end, "text": p.text,
            "certainty": p.certainty, "object_start": p.object_start,
            "object_end": p.object_end,
        })
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
    finally:
        conn.unregister("_nw_rows")


class ArticleWriter:
    """Buffers article results and writes them in bulk, one transaction per flush.

    An article whose id is already stored is skipped (its source is still
    recorded), so re-running on the same input adds nothing. A flush either
    writes every buffered article completely or nothing at all.

    Args:
        conn: an open DuckDB connection with the schema created.
        batch_size: articles buffered before a flush.
    """

    def __init__(self, conn: Any, *, batch_size: int = 64) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.conn = conn
        self.batch_size = batch_size
        self._buffer: list[ArticleResult] = []
        self._sources: list[dict[str, Any]] = []
        self._seen: set[str] = set()
        self.added = 0
        self.skipped = 0

    def __enter__(self) -> "ArticleWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()

    def write(self, result: ArticleResult) -> bool:
        """Buffer one result; returns False when the article is already stored."""
        aid = result.article.id
        a = result.article
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
        """Write the buffered articles in one transaction."""
        if not self._buffer and not self._sources:
            return
        tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if self._sources:
            tables["article_sources"] = list(
                {(r["article_id"], r["source_id"]): r for r in self._sources}.values()
            )
        for result in self._buffer:
            for table, rows in _article_rows(result).items():
                tables[table].extend(rows)
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for table, rows in tables.items():
                self._insert(table, rows)
            self.conn.execute("COMMIT")
        except Exception as exc:
            self._rollback()
            if is_full_error(exc):
                raise full(database_path(self.conn), exc,
                           lost=f"the last {len(self._buffer)} articles were not stored") from exc
            raise
        self.added += len(self._buffer)
        self._buffer.clear()
        self._sources.clear()

    def _rollback(self) -> None:
        """Undo the open transaction, if DuckDB has not already ended it.

        A failed COMMIT (a full disk) ends the transaction itself, and a
        second ROLLBACK would hide the real error behind "no transaction is
        active".
        """
        try:
            self.conn.execute("ROLLBACK")
        except duckdb.Error:
            LOGGER.debug("rollback after a failed write: no open transaction", exc_info=True)

    def _exists(self, article_id: str) -> bool:
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
