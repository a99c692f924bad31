"""Headlines as claims (issue 15, facts): an outlet often states the main event
in so many words only in its headline, so the headline is a claim of its own,
its span in the title. Not every title is a statement: web addresses, questions,
very short labels and a title the body repeats (the cleaner's fallback) are not."""

from __future__ import annotations

import dataclasses

import pytest

from newsweave.extract import extract_article
from tests.extract._helpers import finish_resolution, make_article, resolve_from_ents

# invented report
BODY = ("The harbour authority of Port Elin agreed on Friday to a 9% raise for "
        "dockworkers, ending a strike of two weeks. Teodor Halvane, who leads the "
        "union, said work would resume on Monday.")


def _claims(nlp, gazetteer, title: str):
    article = dataclasses.replace(make_article(BODY), title=title)
    doc = nlp(BODY)
    resolution = finish_resolution(article, doc, resolve_from_ents(doc), gazetteer)
    return extract_article(article, doc, resolution, gazetteer).claims


def test_a_headline_not_in_the_body_is_a_title_claim(nlp, gazetteer) -> None:
    title = "Port Elin dockworkers win raise as Halvane ends strike"
    claims = _claims(nlp, gazetteer, title)
    headlines = [c for c in claims if c.part == "title"]
    assert len(headlines) == 1
    head = headlines[0]
    assert (head.start, head.end, head.text) == (0, len(title), title)
    assert all(c.part == "body" for c in claims if c is not head)


def test_the_headline_names_the_actors_the_body_resolved(nlp, gazetteer) -> None:
    claims = _claims(nlp, gazetteer, "Halvane calls off Port Elin strike after deal")
    head = next(c for c in claims if c.part == "title")
    body_actors = {a for c in claims if c.part == "body" for a in c.actors}
    assert head.actors and set(head.actors) <= body_actors


@pytest.mark.parametrize("title", [
    "https://news.example.org/2031/03/port-elin-strike",
    "Will the Port Elin strike end this week?",
    "Port Elin strike",
    BODY.split(". ")[0],
])
def test_titles_that_state_nothing_new_are_not_claims(nlp, gazetteer, title: str) -> None:
    assert not [c for c in _claims(nlp, gazetteer, title) if c.part == "title"]
