"""Helpers for the extract tests: inline articles run through the real stages before extract.

Every extract test reads the resolve stage's real output: the project's spaCy
pipeline with its gazetteer ruler, then :func:`newsweave.resolve.resolve_article`
with the same gazetteer, so the actor and place ids the tests expect are the
ones production writes ("state:RUS", "person:viktor-yanukovych").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsweave.annotate import annotate_articles
from newsweave.clean import split_sentences
from newsweave.extract import extract_article
from newsweave.records import Article, Extraction, Resolution
from newsweave.resolve import resolve_article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsweave.gazetteer import Gazetteer


def make_article(
    body: str, published: dt.date | None = dt.date(2025, 6, 2), article_id: str = "a1",
    *, title: str = "",
) -> Article:
    """An article around an inline body, with the sentences the cleaner would find."""
    return Article(
        id=article_id,
        source_id=article_id,
        source_path="inline",
        outlet="Test Wire",
        url=None,
        title=title,
        published=published,
        body=body,
        sentences=split_sentences(body),
    )


def annotate_and_resolve(nlp: Language, gazetteer: Gazetteer, article: Article
                         ) -> tuple[Doc, Resolution]:
    """The article's parse and its resolution, as the chain makes them before extract."""
    [(_, doc)] = list(annotate_articles(nlp, [article]))
    return doc, resolve_article(article, doc, gazetteer)


def extract(nlp: Language, gazetteer: Gazetteer, article: Article) -> Extraction:
    """The extract stage on the real resolve stage's output for ``article``."""
    doc, resolution = annotate_and_resolve(nlp, gazetteer, article)
    return extract_article(article, doc, resolution, gazetteer)
