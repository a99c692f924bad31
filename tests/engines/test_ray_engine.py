"""The Ray engine runs the same per-article chain as the local one and stores the same rows.

Apart from test_engines.py so that, with ``--dist loadfile``, the Ray tests and
the worker-process tests run on different test workers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsweave.api import process
from newsweave.config import Settings, demo_corpus_dir, get_settings
from newsweave.ingest import read_inputs
from tests.engines._compare import COMPARED, CONFIG, memberships, signature, tables


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


def test_ray_engine_matches_local(local_results, ray_cluster):
    from newsweave.engines.ray_engine import run_ray

    results = list(run_ray(read_inputs([demo_corpus_dir()]), CONFIG, workers=1))
    assert len(local_results) >= 16
    assert signature(results) == local_results


def test_ray_run_stores_the_same_stories_events_and_facts(local_db, ray_cluster, tmp_path):
    ray_db = tmp_path / "ray.duckdb"
    report = process(db=ray_db, settings=Settings(engine="ray", workers=2))
    assert report.ok and report.added >= 16
    local, ray = tables(local_db), tables(ray_db)
    # The demo corpus must give something to compare, or the equality proves nothing.
    assert len(local["events"]) >= 20 and len(local["facts"]) >= 20
    assert any(len(members) >= 3 for members in memberships(local))
    assert memberships(ray) == memberships(local)
    for name in COMPARED:
        assert ray[name] == local[name], f"{name} differs between the Ray and local engines"

