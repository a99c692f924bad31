"""A full disk, a damaged file, another application's database: clear errors, stored data kept.

Real DuckDB files throughout; the full disk is a real write refused by the
kernel (a file size limit set in a child process, so no privileges are needed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsweave.store import ArticleWriter, DamagedStore, StoreError, connect
from tests.conftest import REPO, make_result

FILL_SCRIPT = """
import os, resource, signal, sys
from newsweave.store import ArticleWriter, StoreFull, connect
from tests.conftest import make_result

db = sys.argv[1]
conn = connect(db)
with ArticleWriter(conn, batch_size=10) as writer:
    for i in range(10):
        writer.write(make_result(f"Stored article number {i} about the harbour. " * 20,
                                 article_id=f"stored-{i}"))
conn.execute("CHECKPOINT")
# From here every write past 300 kB more is refused by the kernel, as on a full disk.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = os.path.getsize(db) + 300_000
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    with ArticleWriter(conn, batch_size=50) as writer:
        for i in range(5000):
            writer.write(make_result(f"Article {i} about ferries and fares. " * 200))
except StoreFull as exc:
    print(exc)
    sys.exit(3)
"""


def test_a_full_disk_is_named_and_the_stored_articles_are_intact(tmp_path: Path) -> None:
    db = tmp_path / "full.duckdb"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]))
    proc = subprocess.run([sys.executable, "-c", FILL_SCRIPT, str(db)], capture_output=True,
                          text=True, timeout=300, env=env, check=False)
    assert proc.returncode == 3, proc.stderr[-2000:]
    message = proc.stdout
    assert message.startswith(f"the disk is full: cannot write to {db}")
    assert "The data stored before is intact" in message
    assert "no transaction is active" not in message + proc.stderr
    conn = connect(db)
    try:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        # every flushed batch is whole: one event per stored article
        assert stored >= 10 and stored % 10 == 0 and events == stored
        # with room again, the same writes go on and store nothing twice
        with ArticleWriter(conn) as writer:
            writer.write(make_result("Stored article number 0 about the harbour. " * 20,
                                     article_id="stored-0"))
        assert writer.skipped == 1 and writer.added == 0
    finally:
        conn.close()


def _stored_db(path: Path, articles: int = 300) -> bytes:
    conn = connect(path)
    with ArticleWriter(conn) as writer:
        for i in range(articles):
            writer.write(make_result(f"Report {i} of the ferry strike at the harbour. " * 30))
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "zeroed", "garbage", "empty"])
@pytest.mark.parametrize("read_only", [False, True])
def test_a_damaged_database_is_named_with_how_to_recover(tmp_path: Path, damage: str,
                                                         read_only: bool) -> None:
    db = tmp_path / "news.duckdb"
    data = _stored_db(db)
    broken = {
        "truncated": data[: len(data) // 10],
        "zeroed": data[:12_288] + bytes(len(data) - 12_288),
        "garbage": os.urandom(len(data)),
        "empty": b"",
    }[damage]
    db.write_bytes(broken)
    with pytest.raises(DamagedStore) as caught:
        connect(db, read_only=read_only)
    message = str(caught.value)
    assert message.startswith(f"the database {db} is damaged")
    assert "restore it from a backup" in message and "newsweave run" in message
    assert db.read_bytes() == broken  # nothing written into it


def test_another_applications_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "sales.duckdb"
    other = duckdb.connect(str(db))
    other.execute("CREATE TABLE invoices (id INTEGER, total DOUBLE)")
    other.close()
    before = db.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="database of another application"):
            connect(db, read_only=read_only)
    check = duckdb.connect(str(db), read_only=True)
    tables = [r[0] for r in check.execute("SELECT table_name FROM information_schema.tables")
              .fetchall()]
    check.close()
    assert tables == ["invoices"]
    assert len(db.read_bytes()) == len(before)


def test_an_empty_duckdb_file_becomes_a_newsweave_database(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    duckdb.connect(str(db)).close()
    connect(db).close()
    assert connect(db, read_only=True).execute("SELECT count(*) FROM articles").fetchone() == (0,)


@pytest.mark.parametrize("path, words", [("", "no database given"), (".", "is a folder")])
def test_an_empty_or_folder_path_is_refused(path: str, words: str) -> None:
    with pytest.raises(StoreError, match=words):
        connect(path)


def test_ctrl_c_inside_a_duckdb_statement_is_recognised():
    """DuckDB turns Ctrl-C during a statement into its own error (an
    InterruptException, or a plain "Query interrupted" RuntimeError from some
    calls); the run must treat both as an interrupt, and nothing else."""
    import threading

    import duckdb

    from newsweave.store.db import is_interrupted

    conn = duckdb.connect()
    timer = threading.Timer(0.3, conn.interrupt)
    timer.start()
    try:
        conn.execute("SELECT count(*) FROM range(10000000000) a, range(10) b").fetchall()
    except Exception as exc:  # noqa: BLE001 - the point is which error DuckDB raises
        caught: BaseException | None = exc
    else:
        caught = None
    finally:
        timer.cancel()
        conn.close()
    assert caught is not None and is_interrupted(caught)
    assert is_interrupted(RuntimeError("Query interrupted"))
    assert not is_interrupted(RuntimeError("Binder Error: no such column"))
    assert not is_interrupted(duckdb.IOException("No space left on device"))


def test_ctrl_c_while_duckdb_reads_staged_rows_is_an_interrupt() -> None:
    """Ctrl-C that lands while DuckDB pulls registered Arrow rows comes back as
    DuckDB's InvalidInputException wrapping the KeyboardInterrupt: still an interrupt
    (exit 130), not a failure; other invalid-input errors are not."""
    import duckdb
    import pyarrow as pa

    from newsweave.store.db import is_interrupted

    schema = pa.schema([("n", pa.int64())])

    def batches():
        yield pa.record_batch([pa.array([1, 2])], schema=schema)
        raise KeyboardInterrupt

    conn = duckdb.connect()
    conn.register("staged", pa.RecordBatchReader.from_batches(schema, batches()))
    try:
        conn.execute("CREATE TABLE t AS SELECT * FROM staged")
    except duckdb.Error as exc:
        caught: BaseException | None = exc
    else:
        caught = None
    finally:
        conn.close()
    assert caught is not None and is_interrupted(caught)
    assert not is_interrupted(duckdb.InvalidInputException("reading the stream failed: bad row"))


class _CtrlCAfterCommit:
    """A real connection on which Ctrl-C lands once, right after a COMMIT has
    returned and before the writer has noted it (a signal's timing cannot be
    forced otherwise)."""

    def __init__(self, conn) -> None:
        self._conn = conn
        self.fired = False

    def execute(self, sql, *args, **kwargs):
        result = self._conn.execute(sql, *args, **kwargs)
        if sql == "COMMIT" and not self.fired:
            self.fired = True
            raise KeyboardInterrupt
        return result

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _fault_then_flush_again(tmp_path: Path, faulty, error: type[BaseException],
                            match: str | None = None) -> None:
    """Three reports buffered on a connection wrapped by ``faulty``: the first flush
    raises ``error``; the flush after it (what the run does on Ctrl-C: store what is
    buffered, then say what it stored) stores all three, once."""
    conn = connect(tmp_path / "store.duckdb")
    try:
        writer = ArticleWriter(faulty(conn), batch_size=10)
        for i in range(3):
            writer.write(make_result(f"Report {i} of the ferry strike at the harbour. " * 5,
                                     article_id=f"report-{i}"))
        with pytest.raises(error, match=match):
            writer.flush()
        writer.flush()
        assert writer.added == 3
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    finally:
        conn.close()


def test_ctrl_c_right_after_a_commit_stores_nothing_twice(tmp_path: Path) -> None:
    _fault_then_flush_again(tmp_path, _CtrlCAfterCommit, KeyboardInterrupt)


class _CtrlCInsideFlush:
    """A real connection on which Ctrl-C lands once, in Python, between two of the
    INSERTs of one flush (while the transaction is open)."""

    def __init__(self, conn) -> None:
        self._conn = conn
        self.inserts = 0

    def execute(self, sql, *args, **kwargs):
        if sql.startswith("INSERT"):
            self.inserts += 1
            if self.inserts == 2:
                raise KeyboardInterrupt
        return self._conn.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_ctrl_c_inside_a_flush_rolls_back_and_the_next_flush_stores_all(tmp_path: Path) -> None:
    # the open transaction was rolled back: the flush after Ctrl-C starts afresh
    _fault_then_flush_again(tmp_path, _CtrlCInsideFlush, KeyboardInterrupt)


class _InterruptedInsert(_CtrlCInsideFlush):
    """Ctrl-C during DuckDB's second INSERT of a flush: DuckDB aborts the
    transaction and raises its own "Query interrupted" error."""

    def execute(self, sql, *args, **kwargs):
        if sql.startswith("INSERT"):
            self.inserts += 1
            if self.inserts == 2:
                with pytest.raises(Exception):  # noqa: B017 - any error aborts it
                    self._conn.execute("SELECT CAST('not a number' AS INTEGER)")
                raise RuntimeError("Query interrupted")
        return self._conn.execute(sql, *args, **kwargs)


def test_an_interrupted_insert_is_reported_as_an_interrupt(tmp_path: Path) -> None:
    # the interrupt itself reaches the run, not the aborted transaction's
    # refusal of the clean-up after it
    _fault_then_flush_again(tmp_path, _InterruptedInsert, RuntimeError, "Query interrupted")


def test_a_query_failing_inside_an_ids_view_is_reported_as_itself() -> None:
    # the failure aborts the transaction, which then refuses the unregister: the
    # caller must see the query's error (out of memory, say), not the refusal
    import duckdb

    from newsweave.store import connect
    from newsweave.store.db import ids_view

    conn = connect(":memory:")
    conn.execute("BEGIN")
    with pytest.raises(duckdb.ConversionException), ids_view(conn, "_nw_x", ["a", "b"]):
        conn.execute("SELECT CAST(id AS INTEGER) FROM _nw_x").fetchall()
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = '_nw_x'"
                        ).fetchone()[0] == 0



class _CtrlCAfterStatement:
    """A real connection on which Ctrl-C lands once, right after its ``n``-th
    statement since :meth:`arm` has returned: every boundary of a flush (after
    BEGIN, between the INSERTs, after COMMIT) is a moment a signal can arrive."""

    def __init__(self, conn) -> None:
        self._conn = conn
        self._n = 0
        self.statements = 0

    def arm(self, n: int) -> None:
        self._n, self.statements = n, 0

    def execute(self, sql, *args, **kwargs):
        result = self._conn.execute(sql, *args, **kwargs)
        self.statements += 1
        if self.statements == self._n:
            raise KeyboardInterrupt
        return result

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _buffered_writer(conn: _CtrlCAfterStatement) -> ArticleWriter:
    writer = ArticleWriter(conn, batch_size=10)
    for i in range(3):
        writer.write(make_result(f"Report {i} of the ferry strike at the harbour. " * 5,
                                 article_id=f"report-{i}"))
    return writer


def test_ctrl_c_after_any_statement_of_a_flush_stores_everything_once(tmp_path: Path) -> None:
    # count one flush's own statements, then interrupt after each in turn; the
    # flush the interrupted run makes must store the three reports, once
    counter = _CtrlCAfterStatement(connect(tmp_path / "count.duckdb"))
    try:
        writer = _buffered_writer(counter)
        counter.arm(0)
        writer.flush()
        total = counter.statements
    finally:
        counter._conn.close()
    assert total >= 3  # BEGIN, at least one INSERT, COMMIT
    for n in range(1, total + 1):
        conn = connect(tmp_path / f"after-{n}.duckdb")
        try:
            wrapped = _CtrlCAfterStatement(conn)
            writer = _buffered_writer(wrapped)
            wrapped.arm(n)
            with pytest.raises(KeyboardInterrupt):
                writer.flush()
            writer.flush()
            assert writer.added == 3, n
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3, n
        finally:
            conn.close()
