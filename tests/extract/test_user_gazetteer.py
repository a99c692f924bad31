"""A user gazetteer reaches the extract stage (issue 18: the run's gazetteer, never
the built-in one as a hidden default). Real chain: ingest record, spaCy, resolve,
extract, with the demo's gazetteer of invented countries."""

from __future__ import annotations

import datetime as dt

from newsweave.config import demo_gazetteer
from newsweave.engines.chain import ChainConfig, analyse_article, load_models
from tests.extract._helpers import make_article
from tests.extract.conftest import MODEL


def test_a_demonym_of_a_user_gazetteer_country_makes_a_group_actor() -> None:
    nlp, gazetteer = load_models(ChainConfig(model=MODEL, gazetteers=(str(demo_gazetteer()),)))
    body = "Veskarian protesters attacked the border post on Tuesday."
    article = make_article(body, dt.date(2031, 6, 3))
    result = analyse_article(article, nlp(body), gazetteer)
    [event] = [e for e in result.events if e.event == "ASSAULT"]
    assert event.actors, "the protesters are Veskaria's group, an actor"
    actors = {a.id: a for a in result.actors}
    assert all(actors[a].country == "XVK" for a in event.actors if a in actors)


def test_an_unnamed_party_in_a_user_gazetteer_country_is_named_after_it() -> None:
    nlp, gazetteer = load_models(ChainConfig(model=MODEL, gazetteers=(str(demo_gazetteer()),)))
    body = "A shell destroyed a school in Varnholt on Tuesday."
    article = make_article(body, dt.date(2031, 6, 3))
    result = analyse_article(article, nlp(body), gazetteer)
    names = {a.id: a.name for a in result.actors}
    [event] = [e for e in result.events if e.event == "ASSAULT"]
    assert [names[a] for a in event.actors] == ["Unidentified actor in Veskaria"]
