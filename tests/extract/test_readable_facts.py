"""Facts read alone (issue 15, point 3): what the brief shows as a fact is a clause
with its own subject and finite verb, or the whole sentence, never a participial
or relative fragment cut from it, even when outlets share only that fragment."""

from __future__ import annotations

import re

from newsweave.corpus.facts.corroborate import corroborate_story

# invented reports of an invented story, two outlets
REPORTS = {
    "coastline": ("Coastline Daily", (
        "Dockworkers at Port Elin walked out on Thursday, demanding a 9% raise from the "
        "harbour authority. The walkout, which halted container traffic at Port Elin, "
        "entered its second day on Friday.")),
    "ledger": ("The Northern Ledger", (
        "The union at Port Elin is demanding a 9% raise from the harbour authority. "
        "Container traffic at Port Elin was halted by the walkout, the union said.")),
}
FRAGMENT = re.compile(r"^(?:[a-z]|(?:Demanding|Saying|Which|Who|Urging)\b)")


def _story(run):
    claims, outlets = [], {}
    for article, (outlet, text) in REPORTS.items():
        claims.extend(run(text, article_id=article).claims)
        outlets[article] = outlet
    return corroborate_story("s", claims, [], outlets, {})


def test_no_fact_is_shown_as_a_fragment(run) -> None:
    facts, _ = _story(run)
    assert facts
    for fact in facts:
        assert not FRAGMENT.match(fact.statement), fact.statement
        assert fact.statement.endswith((".", "!", "?", '"', "\u201d"))


def test_the_shared_demand_is_corroborated_and_shown_whole(run) -> None:
    facts, _ = _story(run)
    raise_facts = [f for f in facts if "9%" in f.statement and f.corroboration == 2]
    assert raise_facts, [f.statement for f in facts]
    assert all(not f.statement.lower().startswith("demanding") for f in raise_facts)
