"""Quality gate: facts credited to outlets on NAnCo, reports no rule was written
against (``newsweave eval claims``; 11 s, so the whole set runs).

Fails when a metric drops below its floor minus epsilon (``tests/floors/claims.json``;
``judged.precision`` is the share of credited outlet pairs our reading in
``labels/claims.jsonl`` says state one statement).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "claims" / "nanco_dataset.json"
LABELS = ROOT / "labels" / "claims.jsonl"
FLOORS = json.loads((ROOT / "tests" / "floors" / "claims.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not DATA.exists(), reason="NAnCo not in ../shared")
def test_credited_outlets_hold_their_floors() -> None:
    from newsweave.evaluate.claims import evaluate

    metrics = evaluate(DATA, labels=LABELS)
    assert metrics["questions"] == 8 and metrics["located"] > 150
    for name, floor in FLOORS.items():
        value = metrics
        for part in name.split("."):
            value = value[part]
        assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)
