"""Quality gate: boilerplate removal on the Zyte article-extraction benchmark pages in ../shared.

Runs the real evaluation (``newsweave eval boilerplate``) on every page (about
15 s on 2 cores) and fails when a metric drops below its floor minus epsilon
(``tests/floors/boilerplate.json``), or when newsweave scores below trafilatura
alone on the same pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate import run_evaluation

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "boilerplate" / "zyte-aeb"
FLOORS = json.loads((ROOT / "tests" / "floors" / "boilerplate.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not (DATA / "ground-truth.json").exists(),
                                reason="benchmark data not in ../shared")


@pytest.fixture(scope="module")
def metrics() -> dict:
    return run_evaluation("boilerplate", DATA)


def test_metrics_hold_their_floors(metrics: dict) -> None:
    assert metrics["pages"] == len(json.loads((DATA / "ground-truth.json").read_text()))
    for name, floor in FLOORS.items():
        value = metrics["newsweave"][name]
        assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)


def test_not_below_trafilatura_alone(metrics: dict) -> None:
    assert metrics["newsweave"]["f1"] >= metrics["trafilatura"]["f1"], metrics


def test_pages_in_other_languages_are_stored_and_not_below_trafilatura(metrics: dict) -> None:
    other = metrics["by_language"]["other"]
    assert other["pages"] >= 1 and other["stored"] == other["pages"], other
    assert other["newsweave"]["f1"] >= other["trafilatura"]["f1"], other
    english = metrics["by_language"]["english"]
    assert english["stored"] == english["pages"]
    assert english["pages"] + other["pages"] == metrics["pages"]
