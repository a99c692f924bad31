"""Quality gate: geoparsing on GeoWebNews in ../shared (``newsweave eval geo``).

The full run (200 articles) takes about 30 s of pipeline time on 2 cores, so the
gate scores a fixed, deterministic subset: the first ``SUBSET`` articles of
``GWN.xml``. It fails when a metric drops below its floor minus epsilon
(``tests/floors/geo.json``, measured on that subset).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate.geo import evaluate, match_spans

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "geo"
FLOORS = json.loads((ROOT / "tests" / "floors" / "geo.json").read_text(encoding="utf-8"))
SUBSET = 60

needs_data = pytest.mark.skipif(not (DATA / "gwn_full.txt").exists(),
                                reason="GeoWebNews not in ../shared")


@pytest.fixture(scope="module")
def metrics() -> dict:
    return evaluate(DATA, limit=SUBSET)


@needs_data
def test_metrics_hold_their_floors(metrics: dict) -> None:
    assert metrics["articles"] == SUBSET
    assert metrics["gold_toponyms"] > 0
    for name, floor in FLOORS.items():
        value = metrics[name]
        assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)


def test_overlap_matching_is_one_to_one() -> None:
    gold = [(0, 5), (10, 20)]
    pred = [(0, 5), (2, 4), (12, 15), (30, 35)]
    assert match_spans(gold, pred, "exact") == {0: 0}
    assert match_spans(gold, pred, "overlap") == {0: 0, 1: 2}
