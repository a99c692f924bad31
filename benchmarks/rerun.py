"""A second ``newsweave run`` of the same input against the first (issue 18: ≤ 15%).

Usage: .venv/bin/python benchmarks/rerun.py [--n 150]

Writes ``n`` invented long reports (``corpus.synthetic_docs``) to a JSONL file,
runs ``newsweave run`` on it twice into one fresh database, each a whole
process (start-up included), and prints JSON: both wall times and their ratio.
The second run finds every article stored right after cleaning and does no
annotation work.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402

NEWSWEAVE = Path(sys.executable).with_name("newsweave")


def _run(source: Path, db: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(NEWSWEAVE), "run", str(source), "--db", str(db), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nw-rerun-") as tmp:
        source = write_jsonl(Path(tmp) / "reports.jsonl", args.n)
        db = Path(tmp) / "rerun.duckdb"
        first = _run(source, db)
        second = _run(source, db)
    print(json.dumps({"reports": args.n, "first_s": round(first, 2),
                      "second_s": round(second, 2), "ratio": round(second / first, 3)}))


if __name__ == "__main__":
    main()
