"""Quality gate: PLOVER event coding on the PLOVER gold sentences and the CAMEO
penta-class sentences in ../shared (``newsweave eval events``).

Both sets (322 + 1,349 sentences) run in about 20 s, so the gate scores all of them.
It fails when a metric drops below its floor minus epsilon (``tests/floors/events.json``;
a dotted name such as ``cameo_penta.accuracy`` reads the penta-class figures).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate import EvaluationUnavailable
from newsweave.evaluate.events import (
    NO_EVENT,
    PENTA_OF_TYPE,
    load_gold,
    load_penta,
    main_event,
    penta_class,
    penta_from_table,
    score,
    score_penta,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "events" / "plover_gsr.json"
FLOORS = json.loads((ROOT / "tests" / "floors" / "events.json").read_text(encoding="utf-8"))

PENTA = DATA.parent / "cameo_penta" / "train.tsv"
TABLE = ROOT.parent / "shared" / "reference" / "CAMEO2PLOVER-2021.txt"

needs_data = pytest.mark.skipif(
    not (DATA.exists() and PENTA.exists()), reason="PLOVER gold or penta set not in ../shared"
)


@pytest.fixture(scope="module")
def metrics() -> dict:
    from newsweave.evaluate.events import evaluate

    return evaluate(DATA)


@needs_data
def test_metrics_hold_their_floors(metrics: dict) -> None:
    assert metrics["n"] > 300
    assert metrics["cameo_penta"]["n"] > 1300
    for name, floor in FLOORS.items():
        value = _metric(metrics, name)
        assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)


def _metric(metrics: dict, name: str) -> float:
    for part in name.split("."):
        metrics = metrics[part]
    return metrics  # type: ignore[return-value]


@needs_data
def test_confusion_accounts_for_every_sentence(metrics: dict) -> None:
    assert sum(sum(row.values()) for row in metrics["confusion"].values()) == metrics["n"]
    penta = metrics["cameo_penta"]
    assert sum(map(sum, penta["confusion"])) == penta["n"]


@pytest.mark.skipif(not TABLE.exists(), reason="CAMEO->PLOVER table not in ../shared")
def test_penta_classes_follow_the_cameo_to_plover_table() -> None:
    from_table = penta_from_table(TABLE)
    assert {k: v for k, v in from_table.items() if k in PENTA_OF_TYPE} == PENTA_OF_TYPE
    assert set(PENTA_OF_TYPE) <= set(from_table)


def test_penta_file_is_read_and_scored(tmp_path: Path) -> None:
    path = tmp_path / "train.tsv"
    path.write_text("A said B.\t0\nA hit B, C said.\t4\nA met B.\t1\n", encoding="utf-8")
    rows = load_penta(path)
    assert rows[1] == ("A hit B, C said.", 4)
    predicted = [penta_class(None), penta_class({"event": "ASSAULT"}), penta_class({"event": "ACCUSE"})]
    assert predicted == [0, 4, 3]
    metrics = score_penta([label for _, label in rows], predicted)
    assert metrics["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["confusion"][1] == [0, 0, 0, 1, 0]
    assert metrics["per_class"]["4"]["f1"] == 1.0
    assert metrics["macro_f1"] == pytest.approx(2 / 5, abs=1e-3)


def test_penta_line_without_label_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("no label here\n", encoding="utf-8")
    with pytest.raises(EvaluationUnavailable, match="line 1"):
        load_penta(path)


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
