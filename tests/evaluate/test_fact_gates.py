"""Quality gates of issue 15 on the shared data (skipped when ../shared is absent).

The full evaluations run the whole pipeline (ECB+ about 100 s, MSRP about 150 s,
BASIL and ECB+ for conflicts about 200 s), so the gates run fixed subsets: ECB+
topics 1, 3 and 5 for fact alignment and conflicts, and the first 400 MSRP pairs.
Floors are in tests/floors/facts.json; EVALUATION.md has the full figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
ECBPLUS = SHARED / "eval" / "coref" / "ecbplus"
MSRP = SHARED / "eval" / "facts" / "msrp" / "msr_paraphrase_train.txt"
LABELS = ROOT / "labels" / "conflicts.jsonl"
FLOORS = json.loads((ROOT / "tests" / "floors" / "facts.json").read_text())
TOPICS = ["1", "3", "5"]


def _check(metrics: dict, prefix: str) -> None:
    checked = 0
    for name, floor in FLOORS.items():
        if name.startswith(prefix):
            value = metrics[name[len(prefix):]]
            assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)
            checked += 1
    assert checked


@pytest.fixture(scope="module")
def ecbplus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole pipeline over ECB+ topics 1, 3 and 5, once for both gates that
    score it (fact alignment and conflicts build the same store)."""
    from newsweave.evaluate.facts import build_store, read_gold

    return build_store(read_gold(ECBPLUS, TOPICS), tmp_path_factory.mktemp("ecbplus"))


@pytest.mark.skipif(not ECBPLUS.exists(), reason="ECB+ data not in ../shared")
def test_fact_alignment_on_ecbplus_subset_stays_above_floor(ecbplus_store: Path) -> None:
    from newsweave.evaluate.facts import evaluate

    metrics = evaluate(ECBPLUS, topics=TOPICS, db=ecbplus_store)
    assert metrics["topics"] == len(TOPICS)
    _check(metrics, "facts_")


@pytest.mark.skipif(not MSRP.exists(), reason="MSRP data not in ../shared")
def test_same_fact_decision_on_msrp_subset_stays_above_floor() -> None:
    from newsweave.evaluate.paraphrase import evaluate

    metrics = evaluate(MSRP, limit=400)
    assert metrics["pairs"] == 400
    _check(metrics, "paraphrase_")


@pytest.mark.skipif(not ECBPLUS.exists(), reason="ECB+ data not in ../shared")
def test_conflicts_on_ecbplus_subset_stay_above_floor(ecbplus_store: Path) -> None:
    from newsweave.evaluate.conflicts import evaluate

    metrics = evaluate(LABELS, shared=SHARED, topics=TOPICS, db={"ecbplus": ecbplus_store})
    assert metrics["labelled"] > 0
    _check(metrics, "conflicts_")
