"""Fixtures for the resolve tests: the real model and gazetteer, and a resolve helper."""

from __future__ import annotations

import pytest
from resolve_helpers import make_article

from newsweave.annotate import annotate_articles, load_nlp
from newsweave.records import Resolution
from newsweave.resolve import load_gazetteer, resolve_article


@pytest.fixture(scope="session")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp(gaz):
    return load_nlp(gazetteer=gaz)


@pytest.fixture(scope="session")
def resolve(nlp, gaz):
    """resolve(text) -> Resolution for one inline article."""

    def _resolve(text: str, **kwargs) -> Resolution:
        article = make_article(text, **kwargs)
        [(art, doc)] = list(annotate_articles(nlp, [article]))
        return resolve_article(art, doc, gaz)

    return _resolve


