"""Opening the DuckDB file, reading tables, and exporting them."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from newsweave.store.schema import create_schema

LOGGER = logging.getLogger(__name__)

ExportFormat = Literal["jsonl", "csv", "parquet"]

# The tables `newsweave export` offers, each as the query that produces it.
EXPORT_QUERIES: dict[str, str] = {
    "articles": """
        SELECT a.id, a.source_id, a.source_path, a.outlet, a.url, a.title, a.published,
               a.language, a.body, a.removed, sa.story_id, d.original_id AS duplicate_of
        FROM articles a
        LEFT JOIN story_articles sa ON sa.article_id = a.id
        LEFT JOIN duplicates d ON d.copy_id = a.id
        ORDER BY a.published, a.id
    """,
    "events": """
        SELECT e.*, a.outlet, sa.story_id
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN story_articles sa ON sa.article_id = e.article_id
        ORDER BY e.date, e.article_id, e.start
    """,
    "facts": """
        SELECT id AS fact_id, story_id, statement, outlets, mentions, corroboration,
               COALESCE((SELECT list(c.id) FROM conflicts c WHERE c.fact_id = f.id),
                        []::VARCHAR[]) AS conflicts,
               -- event_type ... importance, and lineage where the file has it (a
               -- file written before it existed and opened read-only has not)
               f.* EXCLUDE (id, story_id, statement, outlets, mentions, corroboration)
        FROM facts f ORDER BY story_id, importance DESC, id
    """,
    "positions": """
        SELECT p.*, a.outlet, sa.story_id,
               COALESCE(m.canonical_id, p.party) AS party_id
        FROM positions p JOIN articles a ON a.id = p.article_id
        LEFT JOIN story_articles sa ON sa.article_id = p.article_id
        LEFT JOIN actor_map m ON m.actor_id = p.party
        ORDER BY sa.story_id, party_id, p.stance
    """,
    "actors": """
        SELECT a.*, COALESCE((SELECT list(DISTINCT r.role) FROM roles r
                              JOIN actor_map m ON m.actor_id = r.actor_id
                              WHERE m.canonical_id = a.id), []::VARCHAR[]) AS roles
        FROM actors a ORDER BY a.id
    """,
    "places": "SELECT * FROM places ORDER BY id",
    "stories": """
        SELECT s.id AS story_id, s.title, s.article_ids,
               (SELECT list(a.source_id ORDER BY a.source_id) FROM articles a
                WHERE list_contains(s.article_ids, a.id)) AS source_ids,
               s.outlets, s.start, s."end"
        FROM stories s ORDER BY len(s.article_ids) DESC, s.id
    """,
    "conflicts": """
        SELECT id AS conflict_id, story_id, kind, topic, fact_id, sides
        FROM conflicts ORDER BY story_id, id
    """,
    # each outlet's template paragraphs, kept out of facts (for audit)
    "repeated_lines": """
        SELECT outlet, text, articles FROM repeated_lines
        ORDER BY outlet, articles DESC, text
    """,
}


# DuckDB's lock error names the holder: "Conflicting lock is held in ... (PID 123)".
LOCK_HOLDER_RE = re.compile(r"\(PID (\d+)\)")


class StoreError(Exception):
    """The database cannot be opened or used."""


class DamagedStore(StoreError):
    """The database file is damaged (truncated, corrupt, or not a DuckDB file)."""


class StoreFull(StoreError):
    """The disk (or the file size limit) has no room for the next write."""


# Words of DuckDB's errors for a file it cannot read back.
DAMAGE_MARKERS = ("not a valid duckdb database", "corrupt database", "checksum",
                  "could not read enough bytes", "serialization error", "invalid block",
                  "failed to load metadata")
# Words of the operating system's errors when a write finds no room.
FULL_MARKERS = ("no space left on device", "file too large", "disk quota exceeded",
                "not enough space")


def is_damage_error(exc: BaseException) -> bool:
    """True when a DuckDB error says the file cannot be read back (damaged)."""
    text = str(exc).lower()
    return any(marker in text for marker in DAMAGE_MARKERS)


def is_interrupted(exc: BaseException) -> bool:
    """True when an error is DuckDB stopping a statement on Ctrl-C: its
    ``InterruptException``, the plain ``RuntimeError("Query interrupted")`` some
    of its calls (an Arrow insert) raise instead, or the error it wraps around a
    ``KeyboardInterrupt`` raised while it reads registered Arrow rows ("reading
    the schema of the object registered as ... failed: KeyboardInterrupt")."""
    if isinstance(exc, duckdb.InterruptException):
        return True
    text = str(exc).lower()
    if isinstance(exc, RuntimeError) and "query interrupted" in text:
        return True
    return isinstance(exc, duckdb.Error) and "keyboardinterrupt" in text


def is_full_error(exc: BaseException) -> bool:
    """True when an error says the disk (or the file size limit) has no room."""
    text = str(exc).lower()
    return any(marker in text for marker in FULL_MARKERS)


def damaged(path: str, exc: BaseException) -> DamagedStore:
    """The error that names a damaged database file and says how to recover."""
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return DamagedStore(
        f"the database {path} is damaged and cannot be read ({detail}). To recover: restore "
        f"it from a backup, or move it aside (mv {path} {path}.damaged) and run "
        "`newsweave run` on your reports again to rebuild it")


def full(path: str, exc: BaseException, *, lost: str) -> StoreFull:
    """The error that says the disk is full, where, and that the stored data is intact."""
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return StoreFull(
        f"the disk is full: cannot write to {path} ({detail}). The data stored before is "
        f"intact; {lost}. Free some space and run the same command again (nothing is stored "
        "twice)")


def database_path(conn: duckdb.DuckDBPyConnection) -> str:
    """The file behind a connection, for messages (``:memory:`` when there is none)."""
    try:
        rows = conn.execute("SELECT file FROM pragma_database_list "
                            "WHERE name = current_database()").fetchall()
    except duckdb.Error:
        return "the database"
    return rows[0][0] if rows and rows[0][0] else ":memory:"


def connect(path: str | Path, *, read_only: bool = False,
            memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open (and if needed create) the database file with the current schema.

    Args:
        path: the DuckDB file (``:memory:`` for a private in-memory store).
        read_only: open without writing (no schema changes).
        memory_limit: DuckDB's memory limit for this connection, such as ``"1GB"``
            (see ``Settings.db_memory``); DuckDB's default when not given.
    """
    path = str(path)
    if not path.strip():
        raise StoreError("no database given: name a DuckDB file (for example news.duckdb)")
    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no database at {path}: run `newsweave run` first")
    if path != ":memory:" and Path(path).is_dir():
        raise StoreError(f"{path} is a folder, not a database file: name a file such as "
                         f"{Path(path) / 'newsweave.duckdb'}")
    try:
        conn = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        if is_damage_error(exc):
            raise damaged(path, exc) from exc
        if not isinstance(exc, duckdb.IOException):
            raise StoreError(f"cannot open {path}: {exc}") from exc
        if "lock" in str(exc).lower():
            # DuckDB lets one process write a file; say who holds it, in plain words.
            holder = LOCK_HOLDER_RE.search(str(exc))
            raise StoreError(
                f"the database {path} is in use by another process"
                + (f" (PID {holder.group(1)})" if holder else "")
                + ": wait for that `newsweave run` or `newsweave serve` to finish, "
                "or use another --db") from exc
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        _check_ours(conn, path)
        if memory_limit is not None:
            set_memory_limit(conn, memory_limit)
        if not read_only:
            create_schema(conn)
    except duckdb.Error as exc:
        _close_quietly(conn)
        if is_damage_error(exc):
            raise damaged(path, exc) from exc
        raise
    except BaseException:
        _close_quietly(conn)
        raise
    return conn


def _close_quietly(conn: duckdb.DuckDBPyConnection) -> None:
    try:
        conn.close()
    except duckdb.Error:
        LOGGER.debug("closing a connection that failed to open", exc_info=True)


def _check_ours(conn: duckdb.DuckDBPyConnection, path: str) -> None:
    """Refuse a file that is damaged or that another application's tables fill.

    Reads the catalogue and scans the article ids (a few MB even for a large
    store): a truncated or corrupt file fails here, at start-up, rather than
    on some later request. Damage inside article bodies is found only when
    they are read.
    """
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if tables and not {"articles", "meta"} & tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is a DuckDB database of another application (tables: {shown}); "
            "newsweave will not add its tables to it: use another --db")
    if "articles" in tables:
        conn.execute("SELECT count(*), sum(length(id)) FROM articles").fetchall()


def set_memory_limit(conn: duckdb.DuckDBPyConnection, limit: str) -> None:
    """Cap DuckDB's memory on this connection (``"256MB"``; see ``Settings.db_memory``)."""
    conn.execute(f"SET memory_limit = '{limit}'")


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table."""
    names = [r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "ORDER BY table_name").fetchall()]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction, unless DuckDB has already ended it.

    A failed COMMIT (a full disk) and an interrupted statement end the
    transaction themselves, and a second ROLLBACK would hide the real error
    behind "no transaction is active": the first error is the one to report.
    """
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        LOGGER.debug("rollback after a failed write: no open transaction", exc_info=True)


@contextmanager
def ids_view(conn: duckdb.DuckDBPyConnection, name: str, ids: Iterable[str]) -> Iterator[str]:
    """Register ``ids`` as a one-column view ``name`` (column ``id``) for joins,
    for the length of a ``with`` block; yields the name."""
    conn.register(name, pa.table({"id": pa.array(sorted(set(ids)), pa.string())}))
    try:
        yield name
    except BaseException:
        # a failed query aborts the transaction, which then refuses the unregister
        # too: that refusal must not hide the error (as in ``insert_rows``)
        with contextlib.suppress(duckdb.Error):
            conn.unregister(name)
        raise
    conn.unregister(name)


def query_rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
               ) -> list[dict[str, Any]]:
    """Rows of a query as dicts; JSON columns decoded."""
    cursor = conn.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    types = [str(d[1]) for d in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = {}
        for col, typ, val in zip(columns, types, values):
            row[col] = json.loads(val) if typ == "JSON" and isinstance(val, str) else val
        rows.append(row)
    return rows


def export_table(conn: duckdb.DuckDBPyConnection, table: str, out: str | Path,
                 fmt: ExportFormat = "jsonl", *, sql: str | None = None) -> int:
    """Write one exported table to a file; returns the number of rows.

    Args:
        conn: an open store connection.
        table: one of :data:`EXPORT_QUERIES`.
        out: the file to write.
        fmt: ``jsonl``, ``csv`` or ``parquet``.
        sql: a query over the table's export to write instead (a filtered export).
    """
    if table not in EXPORT_QUERIES:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_QUERIES)}")
    relation = conn.sql(sql or EXPORT_QUERIES[table])
    json_columns = {c for c, t in zip(relation.columns, relation.types) if str(t) == "JSON"}
    arrow = relation.arrow()
    if hasattr(arrow, "read_all"):
        arrow = arrow.read_all()
    out = Path(out)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(arrow, out)
    elif fmt == "csv":
        frame = arrow.to_pandas()
        for column in frame.columns:
            if frame[column].map(lambda v: isinstance(v, (list, dict))).any():
                frame[column] = frame[column].map(_json_cell)
        frame.to_csv(out, index=False)
    elif fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for row in arrow.to_pylist():
                for column in json_columns:
                    if isinstance(row.get(column), str):
                        row[column] = json.loads(row[column])
                fh.write(json.dumps(row, default=str, ensure_ascii=False))
                fh.write("\n")
    else:
        raise StoreError(f"unknown format {fmt!r}; choose jsonl, csv or parquet")
    return arrow.num_rows


def _json_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str, ensure_ascii=False)
    if hasattr(value, "tolist"):
        return json.dumps(value.tolist(), default=str, ensure_ascii=False)
    return value
