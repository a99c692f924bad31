"""Faults: SIGKILL during a run, and two processes on one database.

A shorter version of ``reliability/kill_runs.py`` (three kills of the demo
corpus run instead of ten of a larger corpus).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from newsweave import process
from reliability.kill_runs import (
    REPO,
    half_written,
    kill_at,
    per_article_rows,
    run_cmd,
    table_counts,
)

# Model loading, chain, and around the writes of the demo run (moved earlier when
# issue 18 made the run's start-up faster: a kill after the run ends tests nothing).
KILL_POINTS_S = (1.0, 3.0, 5.0)


def test_sigkilled_runs_leave_no_half_article_and_a_rerun_completes(tmp_path: Path,
                                                                   demo_db: Path) -> None:
    # the reference: the session's demo store, an uninterrupted run (only read here)
    expected_counts = table_counts(demo_db)
    expected_rows = per_article_rows(demo_db)
    for number, seconds in enumerate(KILL_POINTS_S):
        db = tmp_path / f"killed-{number}.duckdb"
        ended = kill_at(run_cmd([], db), seconds)
        if number == 0:
            assert ended is None, "the run ended before the first kill: nothing was tested"
        if db.exists():
            # The file opens and every stored article is whole.
            assert half_written(db, expected_rows) == []
        process(None, db=db)
        assert table_counts(db) == expected_counts


def _hold_lock(db: Path) -> subprocess.Popen:
    """Another process that writes a row to ``db`` and keeps it open until killed."""
    code = ("import duckdb, sys, time\n"
            f"c = duckdb.connect({str(db)!r})\n"
            "c.execute('CREATE TABLE IF NOT EXISTS held (n INTEGER)')\n"
            "c.execute('INSERT INTO held VALUES (42)')\n"
            "print('ready', flush=True)\n"
            "time.sleep(120)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_second_run_on_a_busy_database_stops_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    holder = _hold_lock(db)
    try:
        started = time.monotonic()
        result = subprocess.run(run_cmd([], db), cwd=REPO, capture_output=True, text=True,
                                timeout=120, check=False)
        assert result.returncode == 1
        assert f"the database {db} is in use by another process (PID {holder.pid})" in result.stderr
        assert "Traceback" not in result.stderr
        # It stops at once instead of analysing everything first.
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        assert conn.execute("SELECT n FROM held").fetchall() == [(42,)]
    finally:
        conn.close()
