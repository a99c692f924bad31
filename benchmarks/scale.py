"""Corpus-scale figures: the per-article chain's peak memory at N articles, the
corpus stages at 10k and 100k articles, and adding 100 articles to a big store.

Usage (from the repo root; every corpus is generated at benchmark time by
``benchmarks/corpus.py:story_docs`` with a fixed seed, never committed):

  .venv/bin/python benchmarks/scale.py chain  --n 100000 --db /tmp/s100k.duckdb --workers 2
  .venv/bin/python benchmarks/scale.py subset --n 10000 --db /tmp/s100k.duckdb --out /tmp/s10k.duckdb
  .venv/bin/python benchmarks/scale.py corpus --db /tmp/s10k.duckdb
  .venv/bin/python benchmarks/scale.py corpus --db /tmp/s100k.duckdb --n 100000 --extra 100

``chain`` stores the first ``n`` reports (per-article rows only, no corpus
stage) and prints the wall time and the peak resident memory of the whole
process tree (this process plus its worker processes, summed, sampled every
0.2 s with psutil). ``subset`` copies the per-article rows of the first ``n``
reports into a new store (the chain is per article, so this is what a run
over them alone stores). ``corpus`` clears the corpus tables and rebuilds
them from scratch in this process, with each stage's time and the peak RSS;
with ``--extra``, it then stores reports ``n .. n + extra`` of the same
stream into a copy of the database, updates its corpus incrementally, and
prints the update's time over the full rebuild's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil  # noqa: E402
from corpus import story_docs  # noqa: E402

def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (psutil), summed."""
    try:
        parent = psutil.Process(root)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue  # a worker that exited between the listing and the reading
    return total


class PeakSampler:
    """Samples the process tree's RSS in a thread; ``peak`` is the largest sample."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid()))
            self._stop.wait(self.interval)


# Reports per JSONL file: each stays well under the 50 MB input limit.
PER_FILE = 10_000


def write_reports(folder: Path, start: int, stop: int) -> list[Path]:
    """Reports ``start .. stop`` of the fixed benchmark stream, as JSONL files of PER_FILE."""
    paths: list[Path] = []
    fh = None
    for k, doc in enumerate(islice(story_docs(stop), start, stop)):
        if k % PER_FILE == 0:
            if fh:
                fh.close()
            paths.append(folder / f"reports-{start + k:07d}.jsonl")
            fh = paths[-1].open("w", encoding="utf-8")
        fh.write(json.dumps(doc) + "\n")
    if fh:
        fh.close()
    return paths


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds ``fn`` took, and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def store_reports(db: Path, start: int, stop: int, workers: int, corpus: bool) -> dict:
    """Run the per-article chain over reports ``start .. stop`` into ``db``."""
    from newsweave.api import process
    from newsweave.config import get_settings

    settings = get_settings().with_(workers=workers)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_reports(Path(tmp), start, stop)
        with PeakSampler() as sampler:
            seconds, report = timed(lambda: process(paths, db=db, settings=settings,
                                                    corpus=corpus))
    return {"articles": stop - start, "added": report.added, "errors": len(report.errors),
            "seconds": round(seconds, 1), "peak_rss_mb": round(sampler.peak / 2**20)}


def rebuild(db: Path, *, full: bool = True) -> dict:
    """Update the corpus tables of ``db`` (from scratch when ``full``); time and peak RSS."""
    from newsweave.config import get_settings
    from newsweave.corpus.update import rebuild_corpus, update_corpus
    from newsweave.store.db import connect

    conn = connect(db, memory_limit=get_settings().corpus_memory)
    try:
        with PeakSampler() as sampler:
            seconds, summary = timed(lambda: (rebuild_corpus if full else update_corpus)(conn))
    finally:
        conn.close()
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(sampler.peak / 2**20),
            "summary": {k: getattr(summary, k) for k in summary.__slots__}}


def add(db: Path, n: int, extra: int, workers: int) -> dict:
    """Add reports ``n .. n + extra`` to a copy of ``db`` and update its corpus tables.

    ``db``'s corpus tables must be current (``corpus`` does this first). The
    new reports go through the per-article chain (timed apart), then the
    incremental corpus update is timed.
    """
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        copy = Path(tmp) / db.name
        shutil.copy(db, copy)
        chain = store_reports(copy, n, n + extra, workers, corpus=False)
        update = rebuild(copy, full=False)
    return {"chain": chain, "update": update}


def subset(db: Path, n: int, out: Path) -> dict:
    """Copy the per-article rows of reports ``0 .. n`` of ``db`` into a new store ``out``.

    The chain is per article, so these rows are what a run over the first
    ``n`` reports alone would store; no corpus table is copied.
    """
    from newsweave.store.db import connect
    from newsweave.store.schema import PER_ARTICLE_TABLES

    conn = connect(out)
    try:
        conn.execute(f"ATTACH '{db}' AS big (READ_ONLY)")
        conn.execute("BEGIN TRANSACTION")
        conn.execute(f"""CREATE TEMP TABLE keep AS SELECT DISTINCT article_id AS id
            FROM big.article_sources
            WHERE CAST(split_part(source_id, '-', 3) AS INTEGER) < {int(n)}""")
        conn.execute(f"""INSERT INTO article_sources SELECT * FROM big.article_sources
            WHERE CAST(split_part(source_id, '-', 3) AS INTEGER) < {int(n)}""")
        conn.execute("INSERT INTO articles SELECT * FROM big.articles "
                     "WHERE id IN (SELECT id FROM keep)")
        for table in PER_ARTICLE_TABLES:
            if table in ("articles", "article_sources", "places"):
                continue
            conn.execute(f"INSERT INTO {table} SELECT * FROM big.{table} "
                         "WHERE article_id IN (SELECT id FROM keep)")
        conn.execute("INSERT INTO places SELECT * FROM big.places")
        conn.execute("COMMIT")
        articles = conn.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    finally:
        conn.close()
    return {"articles": articles, "out": str(out)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["chain", "corpus", "subset"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--extra", type=int, default=0,
                        help="corpus: then add this many further reports (stream from --n)")
    parser.add_argument("--out", type=Path, help="subset: the new store")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.what == "chain":
        result = store_reports(args.db, 0, args.n, args.workers, corpus=False)
    elif args.what == "corpus":
        result = {"full_rebuild": rebuild(args.db)}
        if args.extra:
            result.update(add(args.db, args.n, args.extra, args.workers))
            result["ratio"] = round(result["update"]["seconds"]
                                    / result["full_rebuild"]["seconds"], 4)
    else:
        result = subset(args.db, args.n, args.out)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
