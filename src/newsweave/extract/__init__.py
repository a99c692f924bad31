"""The extract stage: PLOVER events, claims, positions and quantities from one article.

Entry point: :func:`extract_article`. It is a pure function of the article, its
spaCy parse (character offsets equal to ``article.body`` offsets), the resolve
stage's :class:`~newsweave.records.Resolution` (actors, places, and each
sentence's date and background flag) and the run's gazetteer.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsweave.extract._common import MentionIndex
from newsweave.extract.events import code_article, code_events
from newsweave.extract.facts import find_claims
from newsweave.extract.lexicon import load_lexicon
from newsweave.extract.positions import find_positions, positions_from
from newsweave.extract.quantities import find_quantities
from newsweave.gazetteer import Gazetteer
from newsweave.records import Article, Extraction, Resolution

__all__ = [
    "code_events",
    "extract_article",
    "find_claims",
    "find_positions",
    "find_quantities",
    "load_lexicon",
]


def extract_article(article: Article, doc: Doc, resolution: Resolution,
                    gazetteer: Gazetteer) -> Extraction:
    """Events, claims and positions stated in one article.

    Args:
        article: the cleaned article; ``published`` anchors relative dates.
        doc: the spaCy parse of ``article.body``; its sentences are the units coded.
        resolution: from :func:`newsweave.resolve.resolve_article` on the same
            article and parse: actors, places and sentence times.
        gazetteer: the run's gazetteer (built-in plus the user's files), the one
            the resolve stage used.

    Returns:
        An :class:`Extraction` whose spans all point into ``article.body``.
    """
    index = MentionIndex(doc, resolution, gazetteer)
    coded = code_article(article, doc, resolution, index=index)
    positions = positions_from(article, coded, index)
    claims = find_claims(article, doc, resolution, coded, positions, index=index)
    return Extraction(events=[c.event for c in coded], claims=claims, positions=positions)
