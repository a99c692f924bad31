"""Quality gate: story clustering on BASIL must not fall below tests/floors/stories.json.

The full pipeline over all 153 articles takes about a minute, so the gate runs
it on a fixed subset (the first 12 gold stories, 36 articles) and runs the
text-only clustering (no resolved actors or places) on every article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate.stories import evaluate

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "stories" / "basil" / "articles.jsonl"
FLOORS = json.loads((ROOT / "tests" / "floors" / "stories.json").read_text())
SUBSET_STORIES = 12

pytestmark = pytest.mark.skipif(not DATA.exists(), reason="BASIL data not in ../shared")


def _check(metrics: dict, prefix: str) -> None:
    for name, floor in FLOORS.items():
        if name.startswith(prefix):
            value = metrics[name[len(prefix):]]
            assert value >= floor["floor"] - floor["epsilon"], (name, value, floor)


FACT_SAMPLE = ROOT / "labels" / "basil_facts.jsonl"


def test_pipeline_subset_stays_above_floor() -> None:
    """The stories, and the facts' outlet pairs of those stories that our judged
    sample holds (labels/basil_facts.jsonl: 38 of its 120 pairs lie in the first
    12 stories): the share of them still shown that state one statement, and how
    many are still shown (a change that drops right links shows there).

    A pair is keyed by each outlet's first mention in the fact, so a change that
    regroups facts can show judged statements under new keys: judge the pairs
    the store now shows by the same rules and add them (labels/README.md), do
    not lower the floors."""
    metrics = evaluate(DATA, stories=SUBSET_STORIES, facts_sample=FACT_SAMPLE)
    assert metrics["path"] == "pipeline" and metrics["gold_stories"] == SUBSET_STORIES
    assert metrics["facts_sample"]["judged_shown"] > 0
    _check(metrics, "subset_")


def test_text_only_clustering_stays_above_floor() -> None:
    metrics = evaluate(DATA, pipeline=False)
    assert metrics["path"] == "text-only" and metrics["articles"] > 100
    _check(metrics, "text_")
    # untuned defaults at least as good as the baseline tuned on these answers
    assert metrics["bcubed_f1"] >= metrics["baseline"]["best_bcubed_f1"]


def test_reprints_are_found_and_real_reports_are_not_copies() -> None:
    metrics = evaluate(DATA, stories=SUBSET_STORIES, pipeline=False)
    dedupe = metrics["dedupe"]
    assert dedupe["false_copies"] == 0
    assert dedupe["copy_recall"]["credit"] == 1.0
    assert min(dedupe["copy_recall"].values()) >= 0.9
