"""Headlines in fact alignment (issue 15): two outlets' headlines of one event
are one fact with both spans marked as lying in the title, and the fact is
shown in a body sentence's words when one states it."""

from __future__ import annotations

from newsweave.corpus.facts.corroborate import corroborate_story
from newsweave.records import Claim


def _claim(article: str, text: str, part: str = "body", start: int = 0) -> Claim:
    return Claim(id=f"{article}-{part}-{start}", article_id=article, start=start,
                 end=start + len(text), text=text, subject="", predicate="",
                 actors=["org:orvane-mining"], part=part)  # type: ignore[arg-type]


OUTLETS = {"a": "Coastline Daily", "b": "The Northern Ledger"}


def test_two_headlines_of_one_event_are_one_fact_marked_as_titles() -> None:
    claims = [
        _claim("a", "Orvane Mining Buys Selkirk Copper For $2 Billion", "title"),
        _claim("b", "Orvane Mining buys Selkirk Copper in $2 billion deal", "title"),
    ]
    facts, _ = corroborate_story("s", claims, [], OUTLETS, {})
    joint = [f for f in facts if f.corroboration == 2]
    assert len(joint) == 1, [(f.statement, f.outlets) for f in facts]
    assert {m.part for m in joint[0].mentions} == {"title"}


def test_a_body_sentence_states_the_fact_rather_than_a_headline() -> None:
    body = "Orvane Mining said on Monday it would buy Selkirk Copper for $2 billion."
    claims = [
        _claim("a", "Orvane Mining Buys Selkirk Copper For $2 Billion", "title"),
        _claim("b", body, "body", 40),
    ]
    facts, _ = corroborate_story("s", claims, [], OUTLETS, {})
    joint = [f for f in facts if f.corroboration == 2]
    assert joint and joint[0].statement == body
    assert {m.part for m in joint[0].mentions} == {"title", "body"}


def test_a_headline_sides_in_no_conflict() -> None:
    # headline-ese: "to buy" is not a plan against the body's past tense
    claims = [
        _claim("a", "Orvane Mining to buy Selkirk Copper in $2 billion deal", "title"),
        _claim("b", "Orvane Mining bought Selkirk Copper in a $2 billion deal on Monday.",
               "body", 40),
    ]
    facts, conflicts = corroborate_story("s", claims, [], OUTLETS, {})
    assert any(f.corroboration == 2 for f in facts)
    assert conflicts == []
