"""Independence and lineage (issue 15, point 5): outlets carrying one speaker's
quotation are one source; each fact says who reported it first and who repeated it.
Invented reports; each test failed before the rule existed."""

from __future__ import annotations

import datetime as dt

from newsweave.corpus.facts.corroborate import corroborate_story
from tests.corpus.test_corroborate import OUTLETS, make_claim

QUOTE = ('"We will not sign any deal that leaves the Lowmere district divided," '
         "Defence Minister Teodor Halvane said.")
PUBLISHED = {"a1": dt.date(2031, 6, 3), "l1": dt.date(2031, 6, 2), "r1": dt.date(2031, 6, 4)}


def _facts(claims):
    facts, _ = corroborate_story("s", claims, [], OUTLETS, {}, published=PUBLISHED)
    return facts


def test_outlets_quoting_one_speaker_are_one_source() -> None:
    claims = [make_claim("c1", "a1", QUOTE, subject="person:teodor-halvane"),
              make_claim("c2", "l1", QUOTE, subject="person:teodor-halvane"),
              make_claim("c3", "r1", 'Halvane said on Monday: "We will not sign any deal that '
                                     'leaves the Lowmere district divided."',
                         subject="person:teodor-halvane")]
    [fact] = _facts(claims)
    assert fact.outlets == ["Coastline Daily", "Elin Radio", "The Northern Ledger"]
    assert fact.corroboration == 1
    [source] = fact.lineage["sources"]
    assert source["quoted_from"] == "person:teodor-halvane"
    assert sorted(source["outlets"]) == fact.outlets


def test_an_outlet_in_its_own_words_is_a_source_of_its_own() -> None:
    claims = [make_claim("c1", "a1", QUOTE, subject="person:teodor-halvane"),
              make_claim("c2", "l1", QUOTE, subject="person:teodor-halvane"),
              make_claim("c3", "r1", "Defence Minister Teodor Halvane said Veskaria will not "
                                     "sign any deal that leaves the Lowmere district divided.",
                         subject="person:teodor-halvane")]
    [fact] = _facts(claims)
    assert fact.corroboration == 2


def test_the_earliest_outlet_reported_first_and_the_others_repeated() -> None:
    claims = [make_claim(c, a, "Port Elin reopened to container ships on Monday after the "
                               "walkout.") for c, a in (("c1", "a1"), ("c2", "l1"), ("c3", "r1"))]
    [fact] = _facts(claims)
    assert fact.lineage["first"] == {"outlet": "The Northern Ledger", "article_id": "l1",
                                     "published": "2031-06-02"}
    assert fact.lineage["repeated"] == ["Coastline Daily", "Elin Radio"]
    assert fact.corroboration == 3
