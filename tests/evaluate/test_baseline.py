"""The tuned TF-IDF + average-linkage baseline the evals report (invented texts)."""

from __future__ import annotations

from newsweave.evaluate.stories import BASELINE_THRESHOLDS, tuned_baseline

FERRY = {
    "f1": "The Kessel ferry ran aground off Tarn Point; coastguards lifted 40 passengers.",
    "f2": "Coastguards lifted 40 passengers after the Kessel ferry ran aground near Tarn Point.",
    "f3": "Tarn Point grounding: the Kessel ferry's passengers were lifted by coastguards.",
}
BUDGET = {
    "b1": "The Varnholm council passed its budget, raising school spending by 3 percent.",
    "b2": "School spending in Varnholm rises 3 percent under the budget the council passed.",
}


def test_baseline_finds_the_best_threshold_on_the_answers() -> None:
    gold = {**{i: "ferry" for i in FERRY}, **{i: "budget" for i in BUDGET}}
    result = tuned_baseline([{**FERRY, **BUDGET}], gold)
    sweep = result["bcubed_f1_by_threshold"]
    assert list(sweep) == list(BASELINE_THRESHOLDS)
    assert result["best_bcubed_f1"] == max(sweep.values()) == 1.0
    # cut too high, every report is its own story; the sweep sees it
    assert sweep[BASELINE_THRESHOLDS[-1]] < 1.0


def test_groups_are_clustered_apart_and_a_lone_text_is_its_own_story() -> None:
    gold = {**{i: "ferry" for i in FERRY}, "b1": "budget"}
    result = tuned_baseline([FERRY, {"b1": BUDGET["b1"]}], gold)
    assert result["best_bcubed_f1"] == 1.0
