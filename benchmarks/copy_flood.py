"""The corpus stages on a flood of wire copies: does their time grow with the copies
or with their square?

Usage: .venv/bin/python benchmarks/copy_flood.py [--small 500] [--large 5000]

Writes ``small`` and then ``large`` copies of one invented report (the first of
``corpus.synthetic_docs``), each opening with a sentence of its own as reprints
do ("Report 7 of 49 ships."), stores each set without the corpus stages, then
times ``rebuild_corpus`` on each store in this process and prints JSON: both
times and the ratio of the two against the ratio of the sizes. Linear growth
gives a ratio near ``large / small``; pairing every copy with every other (the
dedupe join and the position merging did before 2026-12-07) gives about its
square, and 5,000 copies ran out of DuckDB memory.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import synthetic_docs


def _write_copies(path: Path, n: int) -> Path:
    report = next(synthetic_docs(1))
    with path.open("w", encoding="utf-8") as handle:
        for k in range(n):
            handle.write(json.dumps({**report, "id": f"copy-{k}", "title": f"Report {k}",
                                     "url": f"https://bench.test/flood/{k}",
                                     "text": f"Report {k} of {k * 7} ships. {report['text']}"})
                         + "\n")
    return path


def _corpus_seconds(folder: Path, n: int) -> tuple[float, dict[str, int]]:
    from newsweave.api import process
    from newsweave.corpus.update import rebuild_corpus
    from newsweave.store import connect

    db = folder / f"flood-{n}.duckdb"
    process([_write_copies(folder / f"flood-{n}.jsonl", n)], db=db, corpus=False)
    conn = connect(str(db))
    try:
        started = time.perf_counter()
        rebuild_corpus(conn)
        seconds = time.perf_counter() - started
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("duplicates", "stories", "facts", "story_positions")}
    finally:
        conn.close()
    return seconds, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nw-flood-") as tmp:
        small, small_counts = _corpus_seconds(Path(tmp), args.small)
        large, large_counts = _corpus_seconds(Path(tmp), args.large)
    print(json.dumps({
        "small": {"copies": args.small, "corpus_seconds": round(small, 2), **small_counts},
        "large": {"copies": args.large, "corpus_seconds": round(large, 2), **large_counts},
        "time_ratio": round(large / small, 2),
        "size_ratio": round(args.large / args.small, 2),
    }, indent=2))


if __name__ == "__main__":
    main()
