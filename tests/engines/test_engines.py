"""The local engine runs the same per-article chain in worker processes as in-process."""

from __future__ import annotations

from newsweave.config import demo_corpus_dir
from newsweave.engines import WorkerPool, run_local
from newsweave.ingest import read_inputs
from tests.engines._compare import CONFIG, signature


def test_worker_processes_match_in_process(local_results):
    results = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, workers=2))
    assert signature(results) == local_results


def test_warm_pool_runs_twice_with_the_same_results(local_results):
    with WorkerPool(CONFIG, 2) as pool:
        pool.wait_ready()
        assert len(pool.pids()) == 2
        first = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, pool=pool))
        second = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, pool=pool))
    assert signature(first) == local_results
    assert signature(second) == local_results


def test_a_shared_run_matches_in_process_in_input_order(local_results, monkeypatch):
    # this process and one forked worker each run some of the demo's batches of 4
    from newsweave.engines import local

    here: list[int] = []
    real = local.process_batch
    monkeypatch.setattr(local, "process_batch",
                        lambda batch, *args: here.append(len(batch)) or real(batch, *args))
    results = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, workers=2, share=True))
    assert signature(results) == local_results
    # the worker took batches too (the first SHARED_AHEAD at least), and so did this process
    assert 0 < sum(here) < len(local_results)
