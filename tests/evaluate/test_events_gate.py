"""Quality gate: PLOVER event coding on the PLOVER gold sentences in ../shared
(``newsweave eval events``).

The whole set (322 sentences) runs in about 15 s, so the gate scores all of it.
It fails when a metric drops below its floor minus epsilon (``tests/floors/events.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate import EvaluationUnavailable
from newsweave.evaluate.events import NO_EVENT, load_gold, main_event, score

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "events" / "plover_gsr.json"
FLOORS = json.loads((ROOT / "tests" / "floors" / "events.json").read_text(encoding="utf-8"))

needs_data = pytest.mark.skipif(not DATA.exists(), reason="PLOVER gold not in ../shared")


@pytest.fixture(scope="module")
def metrics() -> dict:
    from newsweave.evaluate.events import evaluate

    return evaluate(DATA)


@needs_data
def test_metrics_hold_their_floors(metrics: dict) -> None:
    assert metrics["n"] > 300
    for name, floor in FLOORS.items():
        value = metrics[name]
        assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)


@needs_data
def test_confusion_accounts_for_every_sentence(metrics: dict) -> None:
    assert sum(sum(row.values()) for row in metrics["confusion"].values()) == metrics["n"]


def test_old_labels_are_mapped_and_document_dropped(tmp_path: Path) -> None:
    gold = [
        {"event": "DOCUMENT", "eventText": "about the file"},
        {"event": "DEMAND", "text": "A asked B.", "source": [{"code": "JAP"}], "target": ""},
        {"event": "FIGHT", "text": "A fought B.", "source": [{"code": "IGO"}],
         "target": [{"code": "ITL"}]},
        {"event": "DISAPPROVE", "text": "A criticised B."},
        {"event": "INVESTIGATE", "text": "A probed B."},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    loaded = load_gold(path)
    assert [g["event"] for g in loaded] == ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE"]
    assert loaded[0]["source"] == {"JPN"}
    assert loaded[1]["source"] == set()  # an IGO is not a country
    assert loaded[1]["target"] == {"ITA"}


def test_bad_gold_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationUnavailable, match="broken.json"):
        load_gold(path)


def test_score_counts_uncoded_as_wrong_and_reads_countries() -> None:
    gold = [
        {"event": "ASSAULT", "source": {"ISR"}, "target": {"PSE"}},
        {"event": "REQUEST", "source": {"FRA"}, "target": set()},
        {"event": "REQUEST", "source": set(), "target": set()},
    ]
    predicted = [
        main_event([{"event": "ASSAULT", "actor": [{"code": "ISR"}], "recipient": [{"code": "EGY"}]},
                    {"event": "ACCUSE", "actor": [], "recipient": []}]),
        {"event": "ACCUSE", "actor": [{"code": "FRA"}], "recipient": []},
        main_event([]),
    ]
    metrics = score(gold, predicted)
    assert metrics["accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert metrics["actor_country_accuracy"] == 1.0
    assert metrics["recipient_country_accuracy"] == 0.0
    assert metrics["confusion"]["REQUEST"] == {"ACCUSE": 1, NO_EVENT: 1}
    assert metrics["per_type"]["ASSAULT"]["f1"] == 1.0
