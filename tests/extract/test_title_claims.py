"""Headlines as claims (issue 15, facts): an outlet often states the main event
in so many words only in its headline, so the headline is a claim of its own,
its span in the title. Not every title is a statement: web addresses, questions,
very short labels and a title the body repeats (the cleaner's fallback) are not."""

from __future__ import annotations

import pytest

from newsweave.extract.facts import title_claim
from newsweave.records import Mention, Resolution
from tests.extract._helpers import extract, make_article

# invented report
BODY = ("The harbour authority of Port Elin agreed on Friday to a 9% raise for "
        "dockworkers, ending a strike of two weeks. Teodor Halvane, who leads the "
        "union, said work would resume on Monday.")


def _claims(nlp, gazetteer, title: str):
    return extract(nlp, gazetteer, make_article(BODY, title=title)).claims


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


def test_a_headline_names_a_person_by_surname(nlp, gazetteer) -> None:
    # the body says "Teodor Halvane"; the headline, as headlines do, only "Halvane"
    claims = _claims(nlp, gazetteer, "Halvane calls off Port Elin strike after deal")
    head = next(c for c in claims if c.part == "title")
    assert head.actors == ["person:teodor-halvane"]


def test_a_surname_the_body_writes_alone_names_only_that_mention() -> None:
    # As in the demo's Kessrin report: the resolve stage left "Selva Brannick",
    # "Ms Brannick" and "Brannick" as three actors. The headline's "Brannick" is
    # the mention written alone; the others are not added (one person, counted
    # three times). The resolution is written out: the resolve stage cannot be
    # made to leave them apart on purpose.
    body = "Selva Brannick was arrested. Ms Brannick denies it. Brannick's lawyer spoke."
    article = make_article(body, title="Court orders opposition leader Brannick held for 30 days")
    resolution = Resolution(mentions=[
        Mention("a1", 0, 14, "Selva Brannick", "PERSON", "person:selva-brannick"),
        Mention("a1", 29, 40, "Ms Brannick", "PERSON", "person:ms-brannick"),
        Mention("a1", 52, 60, "Brannick", "PERSON", "person:brannick~a1"),
    ])
    head = title_claim(article, resolution)
    assert head is not None and head.actors == ["person:brannick~a1"]


def test_a_surname_is_not_read_inside_another_word(nlp, gazetteer) -> None:
    claims = _claims(nlp, gazetteer, "Halvanes and dockers end Port Elin strike after deal")
    head = next(c for c in claims if c.part == "title")
    assert head.actors == []


@pytest.mark.parametrize("title", [
    "https://news.example.org/2031/03/port-elin-strike",
    "Will the Port Elin strike end this week?",
    "Port Elin strike",
    BODY.split(". ")[0],
])
def test_titles_that_state_nothing_new_are_not_claims(nlp, gazetteer, title: str) -> None:
    assert not [c for c in _claims(nlp, gazetteer, title) if c.part == "title"]


def test_the_cleaners_title_cut_from_a_long_first_sentence_is_not_a_claim(nlp, gazetteer) -> None:
    # A report with no title (a JSONL line with only its text): the cleaner takes
    # the first sentence as the title, cut to its length limit and ended with
    # "…". The cut title is the body's words, not a headline of its own; as a
    # claim it would credit the outlet twice for its first sentence.
    from newsweave.clean import clean_document
    from newsweave.records import RawDoc

    long_first = ("The harbour authority of Port Elin agreed on Friday to a raise of nine "
                  "percent for the dockworkers of all four terminals, ending a strike that "
                  "had lasted two weeks and halted the grain exports.")
    raw = RawDoc(source_path="wire.jsonl", source_id="wire.jsonl#1", fmt="jsonl",
                 text=f"{long_first} Teodor Halvane, who leads the union, said work would "
                      "resume on Monday.")
    article = clean_document(raw)
    assert article.title.endswith("…") and article.title[:-1] in long_first
    claims = extract(nlp, gazetteer, article).claims
    assert not [c for c in claims if c.part == "title"]
