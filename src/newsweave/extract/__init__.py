"""The extract stage: PLOVER events, claims, positions and quantities from one article.

Entry point: :func:`extract_article`. It is a pure function of the article, its
spaCy parse (character offsets equal to ``article.body`` offsets) and the resolve
stage's :class:`~newsweave.records.Resolution`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsweave.extract._common import MentionIndex
from newsweave.extract.actors import complete_actors
from newsweave.extract.events import code_article, code_events
from newsweave.extract.facts import find_claims
from newsweave.gazetteer import Gazetteer
from newsweave.extract.lexicon import load_lexicon
from newsweave.extract.positions import find_positions, positions_from
from newsweave.extract.quantities import find_quantities
from newsweave.records import Article, Extraction, Resolution

__all__ = [
    "code_events",
    "complete_actors",
    "extract_article",
    "find_claims",
    "find_positions",
    "find_quantities",
    "load_lexicon",
]


def extract_article(article: Article, doc: Doc, resolution: Resolution,
                    gazetteer: Gazetteer | None = None) -> Extraction:
    """Events, claims and positions stated in one article.

    Args:
        article: the cleaned article; ``published`` anchors relative dates.
        doc: the spaCy parse of ``article.body``; its sentences are the units coded.
        resolution: mentions resolved to actors and places by the resolve stage.
        gazetteer: the run's gazetteer (built-in plus the user's files), the one
            the resolve stage used; the built-in one when not given.

    Returns:
        An :class:`Extraction` whose spans all point into ``article.body``.
    """
    # Country-named groups ("Palestinian youths") become actors before coding.
    complete_actors(doc, resolution, gazetteer)
    index = MentionIndex(doc, resolution, gazetteer)
    coded = code_article(article, doc, resolution, index=index)
    positions = positions_from(article, coded, index)
    claims = find_claims(article, doc, resolution, coded, positions, index=index)
    return Extraction(events=[c.event for c in coded], claims=claims, positions=positions)
