"""Fault injection: SIGKILL ``newsweave run`` at random points, then check the database.

For each kill: the database opens, every stored article has exactly the rows
an uninterrupted run gives it in every per-article table (no half-written
article), and after all kills a plain re-run reaches exactly the table counts
of an uninterrupted run. Also: two runs started at once on one database (the
second must stop with a clear message and exit 1, nothing corrupted).

Every trial starts from an empty database: kill at a random point, check,
re-run, compare the counts with the uninterrupted run.

Usage (bounded: about 21 runs of the chain, 6-8 minutes on 2 cores):
    .venv/bin/python -m reliability.kill_runs --kills 10 --articles 150
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsweave.store.schema import PER_ARTICLE_TABLES

REPO = Path(__file__).resolve().parents[1]
NEWSWEAVE = [sys.executable, "-m", "newsweave"]
# Tables holding corpus-level or bookkeeping rows, compared as totals only.
PER_ARTICLE = [t for t in PER_ARTICLE_TABLES if t not in ("articles", "places")]


@dataclass
class KillReport:
    """What the kill run measured."""

    kills: list[dict] = field(default_factory=list)
    reference_seconds: float = 0.0
    reference_counts: dict[str, int] = field(default_factory=dict)
    rerun_mismatches: int = 0
    half_written: int = 0
    open_failures: int = 0

    @property
    def ok(self) -> bool:
        return self.half_written == 0 and self.open_failures == 0 and self.rerun_mismatches == 0


def run_cmd(inputs: list[Path], db: Path) -> list[str]:
    """The ``newsweave run`` command line for ``inputs`` into ``db``."""
    return [*NEWSWEAVE, "run", *map(str, inputs), "--db", str(db), "-q"]


def table_counts(db: Path) -> dict[str, int]:
    """Row count of every table except ``meta`` (opened read-only)."""
    conn = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='main'"
        ).fetchall()]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
                for n in sorted(names) if n != "meta"}
    finally:
        conn.close()


def per_article_rows(db: Path) -> dict[str, dict[str, int]]:
    """For each stored article id: its row count in every per-article table."""
    conn = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables")
                  .fetchall()}
        if "articles" not in tables:  # killed before the schema was created
            return {}
        ids = [r[0] for r in conn.execute("SELECT id FROM articles").fetchall()]
        rows: dict[str, dict[str, int]] = {i: {t: 0 for t in PER_ARTICLE} for i in ids}
        for table in (t for t in PER_ARTICLE if t in tables):
            for aid, n in conn.execute(
                    f'SELECT article_id, count(*) FROM "{table}" GROUP BY article_id').fetchall():
                if aid in rows:
                    rows[aid][table] = n
        return rows
    finally:
        conn.close()


def half_written(db: Path, reference: dict[str, dict[str, int]]) -> list[str]:
    """Stored articles whose per-article rows differ from the uninterrupted run's."""
    stored = per_article_rows(db)
    return [aid for aid, rows in stored.items() if rows != reference.get(aid)]


def kill_at(cmd: list[str], seconds: float) -> int | None:
    """Start ``cmd``, SIGKILL it after ``seconds``; the exit code if it ended first."""
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return None


def run_kills(inputs: list[Path], work: Path, kills: int, *, seed: int = 1,
              reference_db: Path | None = None) -> KillReport:
    """The whole experiment; ``reference_db``: an uninterrupted run's database, if already made."""
    report = KillReport()
    if reference_db is None:
        reference_db = work / "reference.duckdb"
        started = time.monotonic()
        subprocess.run(run_cmd(inputs, reference_db), cwd=REPO, check=True,
                       stdout=subprocess.DEVNULL)
        report.reference_seconds = time.monotonic() - started
    report.reference_counts = table_counts(reference_db)
    reference_rows = per_article_rows(reference_db)
    span = report.reference_seconds or 15.0
    rng = random.Random(seed)
    number = 0
    # Trials until ``kills`` runs were really killed (at most twice as many).
    while sum(1 for k in report.kills if not k["finished_first"]) < kills \
            and number < 2 * kills:
        # Each trial starts from an empty database, so that every kill can land
        # in the middle of the writes (a run over stored articles only skips).
        db = work / f"killed-{number}.duckdb"
        number += 1
        at = rng.uniform(0.5, span * 0.9)
        code = kill_at(run_cmd(inputs, db), at)
        if code is not None:  # the run was faster than the reference: aim earlier
            span = min(span, at)
        entry: dict = {"kill_after_s": round(at, 2), "finished_first": code is not None}
        if db.exists():
            try:
                entry["articles"] = table_counts(db).get("articles", 0)
                bad = half_written(db, reference_rows)
                entry["half_written"] = len(bad)
                report.half_written += len(bad)
            except duckdb.Error as exc:
                entry["open_error"] = str(exc)
                report.open_failures += 1
        subprocess.run(run_cmd(inputs, db), cwd=REPO, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        counts = table_counts(db)
        entry["rerun_equals_reference"] = counts == report.reference_counts
        if counts != report.reference_counts:
            entry["rerun_differs"] = {t: (report.reference_counts.get(t), n)
                                      for t, n in counts.items()
                                      if report.reference_counts.get(t) != n}
            report.rerun_mismatches += 1
        report.kills.append(entry)
    return report


def concurrent_runs(inputs: list[Path], work: Path) -> dict:
    """Start two runs on one database at once; what the second one says, and the end state."""
    db = work / "concurrent.duckdb"
    first = subprocess.Popen(run_cmd(inputs, db), cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    # Wait until the first holds the file (it creates it on connect).
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.run(run_cmd(inputs, db), cwd=REPO, capture_output=True, text=True,
                            check=False)
    first_err = first.communicate()[1]
    return {"first_exit": first.returncode, "second_exit": second.returncode,
            "second_stderr": second.stderr.strip(), "first_stderr_tail": first_err[-300:],
            "counts_after": table_counts(db)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--articles", type=int, default=150,
                        help="invented articles added to the demo corpus")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from newsweave.api import demo_corpus_dir
    from reliability._corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="nw-kill-") as tmp:
        work = Path(tmp)
        inputs = [write_corpus(work / "invented", args.articles), demo_corpus_dir()]
        started = time.monotonic()
        report = run_kills(inputs, work, args.kills, seed=args.seed)
        concurrent = concurrent_runs(inputs, work)
        result = {
            "kills": report.kills, "reference_run_s": round(report.reference_seconds, 1),
            "half_written_articles": report.half_written, "open_failures": report.open_failures,
            "rerun_mismatches": report.rerun_mismatches,
            "reference_counts": report.reference_counts,
            "concurrent": concurrent, "total_s": round(time.monotonic() - started, 1),
        }
    print(json.dumps(result, indent=2))
    concurrent_ok = (concurrent["second_exit"] == 1 and concurrent["first_exit"] == 0
                     and concurrent["counts_after"] == report.reference_counts)
    return 0 if report.ok and concurrent_ok else 1


if __name__ == "__main__":
    sys.exit(main())
