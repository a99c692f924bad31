"""Peak memory of ``newsweave run`` over ``n`` generated articles.

Usage: .venv/bin/python benchmarks/memory.py [--n 100000] [--workers 2] [--engine local]
       [--no-corpus] [--shard 10000] [--interval 0.25] [--keep DIR]

Generates ``n`` synthetic articles (benchmarks/corpus.py, fixed seed) into a
temporary folder of JSONL files of ``shard`` articles each (the reader refuses
a file over 50 MB, so 100,000 articles cannot be one file), then runs
``newsweave run FOLDER --db TMP/bench.duckdb --workers W --quiet`` (with
``--no-corpus``: the same run through ``newsweave.api.process(..., corpus=False)``,
which stores the articles and skips the corpus stages) and polls,
with psutil every ``interval`` seconds, the resident set size (RSS) of the
process tree: the ``newsweave`` process plus every descendant (the worker
processes and multiprocessing's resource tracker).

Printed JSON (MB = 2**20 bytes):

* ``peak_rss_mb`` (the acceptance figure): the larger of the two below.
* ``peak_tree_rss_mb``: the largest sum of RSS over the tree at one sample.
  A sum of RSS counts shared library pages once per process, so it overstates
  the tree's real footprint a little; sampling can miss a peak shorter than
  ``interval``.
* ``max_single_process_rss_mb``: ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``
  after the run, the kernel's exact peak of the largest single descendant
  (when only the parent is left, in the corpus stages, this is the exact peak).
* ``chain``: the phase while the pool's workers are alive (``--workers`` 2 or
  more): the tree's peak, and the parent's RSS when the phase starts and ends
  (growth that scales with ``n`` there means something holds every article).
* ``after_chain``: the corpus stages and the summary, in the parent alone.
* ``seconds`` of the whole run and of the chain phase.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil
from corpus import synthetic_docs

MB = 2**20
SHARD = 10_000
# A pool worker is started by multiprocessing's spawn; the resource tracker is not a worker.
WORKER_MARK = "spawn_main"


@dataclass
class Sample:
    """One poll of the process tree."""

    t: float
    parent: int
    tree: int
    workers: int
    largest_worker: int = 0


@dataclass
class Trace:
    """Every sample of one run."""

    samples: list[Sample] = field(default_factory=list)

    def peak(self, samples: list[Sample] | None = None) -> int:
        return max((s.tree for s in (self.samples if samples is None else samples)), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="synthetic articles")
    parser.add_argument("--workers", default="2", help="a number, or auto (run's default)")
    parser.add_argument("--engine", default="local", choices=("local", "ray"))
    parser.add_argument("--shard", type=int, default=SHARD, help="articles per JSONL file")
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between polls")
    parser.add_argument("--no-corpus", action="store_true",
                        help="skip the corpus stages: newsweave.api.process(..., corpus=False) "
                             "in a fresh process instead of `newsweave run`")
    parser.add_argument("--keep", type=Path,
                        help="write the articles and the database here instead of a temp folder")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = _measure(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="nw-memory-") as tmp:
            report = _measure(args, Path(tmp))
    print(json.dumps(report, indent=2))


def _measure(args: argparse.Namespace, tmp: Path) -> dict:
    corpus = _write_shards(tmp / "articles", args.n, args.shard)
    db = tmp / "bench.duckdb"
    command = _command(args, corpus, db)
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    trace = _poll(process, args.interval, start)
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"newsweave run failed ({process.returncode}): {stderr.decode()[-2000:]}")
    max_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    return {
        "articles": args.n, "workers": args.workers, "engine": args.engine,
        "corpus_stages": not args.no_corpus,
        "files": len(list(corpus.iterdir())), "seconds": round(seconds, 1),
        "summary": " ".join(stderr.decode().split()),
        "samples": len(trace.samples), "interval_s": args.interval,
        # the acceptance figure: a single process's exact peak can exceed the sampled sum
        "peak_rss_mb": _mb(max(trace.peak(), max_child)),
        "peak_tree_rss_mb": _mb(trace.peak()),
        "max_single_process_rss_mb": _mb(max_child),
        **_phases(trace),
    }


def _command(args: argparse.Namespace, corpus: Path, db: Path) -> list[str]:
    """``newsweave run``, or the same run without the corpus stages through the Python API."""
    if not args.no_corpus:
        exe = Path(sys.executable).with_name("newsweave")
        return [str(exe), "run", str(corpus), "--db", str(db), "--workers", str(args.workers),
                "--engine", args.engine, "--quiet"]
    import inspect

    from newsweave.api import process

    if "corpus" not in inspect.signature(process).parameters:
        raise SystemExit("this newsweave cannot skip the corpus stages; drop --no-corpus")
    code = ("import sys; from newsweave.api import process; "
            "from newsweave.config import get_settings; "
            "r = process([sys.argv[1]], db=sys.argv[2], corpus=False, "
            "settings=get_settings().with_(workers=int(sys.argv[3]) if sys.argv[3].isdigit() "
            "else sys.argv[3], engine=sys.argv[4])); "
            "print(f'{r.added} articles added, {len(r.errors)} failed', file=sys.stderr); "
            "sys.exit(1 if r.errors else 0)")
    return [sys.executable, "-c", code, str(corpus), str(db), str(args.workers), args.engine]


def _write_shards(folder: Path, n: int, shard: int) -> Path:
    """``n`` synthetic articles as JSONL files of ``shard`` lines each."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = None
    for i, doc in enumerate(synthetic_docs(n)):
        if i % shard == 0:
            if handle:
                handle.close()
            handle = (folder / f"part-{i // shard:05d}.jsonl").open("w", encoding="utf-8")
        handle.write(json.dumps(doc) + "\n")
    if handle:
        handle.close()
    return folder


def _poll(process: psutil.Popen, interval: float, start: float) -> Trace:
    """Sample the RSS of the process and its descendants until it exits."""
    trace = Trace()
    while process.poll() is None:
        try:
            parent = process.memory_info().rss
            children = process.children(recursive=True)
        except psutil.NoSuchProcess:
            break
        tree, workers, largest = parent, 0, 0
        try:
            own = process.cmdline()
        except psutil.NoSuchProcess:
            break
        for child in children:
            try:
                rss = child.memory_info().rss
                # spawned workers name multiprocessing's entry; forked ones
                # (an "auto" run's) keep the parent's command line
                command = child.cmdline()
                is_worker = WORKER_MARK in " ".join(command) or command == own
            except psutil.NoSuchProcess:
                continue
            tree += rss
            workers += is_worker
            largest = max(largest, rss if is_worker else 0)
        trace.samples.append(Sample(time.perf_counter() - start, parent, tree, workers, largest))
        time.sleep(interval)
    return trace


def _phases(trace: Trace) -> dict:
    """The chain phase (pool workers alive) and what follows it, from the samples."""
    chain = [s for s in trace.samples if s.workers]
    if not chain:
        return {"chain": None, "after_chain": None}
    after = [s for s in trace.samples if s.t > chain[-1].t]
    return {
        "chain": {
            "seconds": round(chain[-1].t - chain[0].t, 1),
            "peak_tree_rss_mb": _mb(trace.peak(chain)),
            "parent_rss_start_mb": _mb(chain[0].parent),
            "parent_rss_end_mb": _mb(chain[-1].parent),
            "parent_rss_peak_mb": _mb(max(s.parent for s in chain)),
            # the tree at each tenth of the phase: flat means streaming
            "tree_rss_by_tenth_mb": [_mb(s.tree) for s in _tenths(chain)],
            "largest_worker_rss_by_tenth_mb": [_mb(s.largest_worker) for s in _tenths(chain)],
            "parent_rss_by_tenth_mb": [_mb(s.parent) for s in _tenths(chain)],
        },
        "after_chain": {"peak_tree_rss_mb": _mb(trace.peak(after))} if after else None,
    }


def _tenths(samples: list[Sample]) -> list[Sample]:
    """The sample at the end of each tenth of the list."""
    return [samples[min(len(samples) - 1, len(samples) * k // 10)] for k in range(1, 11)]


def _mb(value: int) -> float:
    return round(value / MB, 1)


if __name__ == "__main__":
    main()
