"""Claims: one normalised statement per news sentence."""

from __future__ import annotations

import datetime as dt

BODY = (
    "Chile expelled two Peruvian diplomats on Friday. "
    "Click here to subscribe to our newsletter. "
    "The weather stayed mild. "
    "In 2019, Chile and Peru signed a fisheries accord."
)


def test_claims_cover_news_sentences_and_skip_chrome(run):
    claims = run(BODY, published=dt.date(2025, 6, 2)).claims
    texts = [c.text for c in claims]
    assert texts[0] == "Chile expelled two Peruvian diplomats on Friday."
    assert not any("subscribe" in t for t in texts)
    assert not any("weather" in t for t in texts)


def test_claim_is_normalised_for_alignment(run):
    claim = run(BODY, published=dt.date(2025, 6, 2)).claims[0]
    assert claim.subject == "state:CHL"
    assert claim.predicate == "expel"
    assert claim.event_type == "SANCTION"
    assert "gov:PER" in claim.actors  # "Peruvian diplomats": its government
    assert [(q.value, q.unit) for q in claim.quantities] == [(2.0, "diplomats")]
    assert claim.date == dt.date(2025, 5, 30)


def test_background_claim_is_flagged(run):
    claims = run(BODY, published=dt.date(2025, 6, 2)).claims
    [history] = [c for c in claims if "2019" in c.text]
    assert history.background is True
    assert history.date == dt.date(2019, 1, 1)


def test_claim_ids_are_stable_and_spans_match(run):
    body = "Chile expelled two Peruvian diplomats on Friday."
    first, second = run(body).claims, run(body).claims
    assert [c.id for c in first] == [c.id for c in second]
    assert body[first[0].start : first[0].end] == first[0].text


def test_a_statement_that_names_no_one_is_a_claim_when_it_says_enough(run):
    # issue 15: two outlets may state the same thing with no name in it
    # ("We have declared war on harassment ..."); a short remark is no claim
    body = ("We have declared war on harassment and assault in every harbour workplace.\n"
            "It was a quiet morning.")
    claims = run(body).claims
    texts = [c.text for c in claims]
    assert any(t.startswith("We have declared war") for t in texts)
    assert not any(t.startswith("It was a quiet") for t in texts)
