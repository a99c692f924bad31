"""Group articles into stories: reports of one real-world event across outlets.

Two articles are alike when their words are (TF-IDF cosine) and when they name
the same actors and places (overlap coefficient of resolved ids). Articles published
more than ``max_days`` apart never share a story. Stories are the clusters of
average-linkage agglomerative clustering cut at ``1 - threshold``.

One set of defaults for every corpus (never tuned per dataset). Measured with
``newsweave eval stories`` (BASIL, 153 articles) and ``newsweave eval coref``
(ECB+, the two events of each of 21 topics); see the evaluate modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

# Weight of the word similarity; the rest goes to shared actors and places.
TEXT_WEIGHT = 0.6
# Average similarity a story's articles must reach. Unrelated reports share only
# common news words and score under about 0.05; reports of one event, worded
# by different outlets, score from about 0.2 (a short reaction piece on words
# alone) to 0.6 (names, places and numbers recur). Two different stories that
# share one major actor gain about 0.1 from the entity term, so 0.2 keeps them
# apart unless their words also agree.
DEFAULT_THRESHOLD = 0.2
# Shared names needed for the entity term to reach 1 (see similarity_matrix).
MIN_SHARED_ENTITIES = 2
DEFAULT_MAX_DAYS = 7
# Words every report uses, whatever the story; they only add noise to cosine.
_NEWS_STOP_WORDS = frozenset({
    "said", "says", "say", "told", "according", "reported", "reports", "report",
    "mr", "ms", "mrs", "year", "years", "week", "day", "days", "time", "new",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
_STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _NEWS_STOP_WORDS)
# Distance for pairs that may never join; above any cut, and large enough that
# one such pair keeps two clusters apart under average linkage.
_FORBIDDEN = 1e6


@dataclass(slots=True)
class StoryItem:
    """What story clustering needs to know about one article."""

    id: str
    title: str
    body: str
    published: dt.date | None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def similarity_matrix(items: Sequence[StoryItem], *, max_days: int = DEFAULT_MAX_DAYS,
                      ) -> np.ndarray:
    """Pairwise similarity of ``items`` in [0, 1]; ``-1`` where dates are too far apart.

    ``sim = 0.6 * tfidf_cosine + 0.4 * entity_overlap``, where TF-IDF uses
    sublinear tf and English stop words on title + body, and the entity
    overlap is ``|A & B| / max(min(|A|, |B|), 2)`` over actor and place ids.
    When either article names no entity the cosine alone is used, so missing
    annotations do not count as disagreement.
    """
    n = len(items)
    if n == 0:
        return np.zeros((0, 0))
    text = _tfidf_cosine([f"{it.title}\n{it.body}" for it in items])
    entities = [set(it.actors) | set(it.places) for it in items]
    inter = _entity_overlap(entities)
    sizes = np.array([len(names) for names in entities], dtype=float)
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    # Overlap coefficient, not Jaccard: a 300-word wire item names three people,
    # a 2,000-word feature on the same event fifteen; what matters is whether
    # the shorter report's names recur in the longer one. The floor on the
    # denominator keeps one shared name (the country, the president) weak.
    overlap = inter / np.maximum(smaller, MIN_SHARED_ENTITIES)
    sim = np.where(smaller > 0, TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * overlap, text)
    sim[_date_gaps(items) > max_days] = -1.0
    np.fill_diagonal(sim, 1.0)
    return sim


def cluster_stories(items: Sequence[StoryItem], *, threshold: float = DEFAULT_THRESHOLD,
                    max_days: int = DEFAULT_MAX_DAYS) -> dict[str, str]:
    """Assign every article to a story.

    Average-linkage agglomerative clustering (scipy) on ``1 - similarity``
    (see :func:`similarity_matrix`), cut at distance ``1 - threshold``.

    Args:
        items: the articles; ids must be unique.
        threshold: average similarity a story's articles must reach.
        max_days: articles published further apart never share a story
            (undated articles may join any story).

    Returns:
        ``{article_id: story_key}``; the key is the id of the story's earliest
        article (by date, then id), so it does not depend on input order.
    """
    _check_threshold(threshold)
    ordered = sorted(items, key=lambda it: it.id)
    if not ordered:
        return {}
    if len(ordered) == 1:
        return {ordered[0].id: ordered[0].id}
    sim = similarity_matrix(ordered, max_days=max_days)
    dist = np.where(sim < 0, _FORBIDDEN, 1.0 - np.clip(sim, 0.0, 1.0))
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[StoryItem]] = {}
    for item, label in zip(ordered, labels):
        groups.setdefault(int(label), []).append(item)
    return _keyed(groups.values())


def assign_to_stories(new_items: Sequence[StoryItem],
                      existing: Mapping[str, Sequence[StoryItem]], *,
                      threshold: float = DEFAULT_THRESHOLD,
                      max_days: int = DEFAULT_MAX_DAYS) -> dict[str, str]:
    """Place new articles into existing stories, or start new ones.

    Each new article joins the existing story with the highest average
    similarity to it, if that average reaches ``threshold`` and no member is
    more than ``max_days`` away; the rest are clustered among themselves with
    :func:`cluster_stories`. Existing stories keep their keys.

    Args:
        new_items: articles not yet in a story.
        existing: ``{story_key: articles}`` of the stories that may grow.
        threshold: as in :func:`cluster_stories`.
        max_days: as in :func:`cluster_stories`.

    Returns:
        ``{new_article_id: story_key}`` for the new articles only.
    """
    _check_threshold(threshold)
    new_items = sorted(new_items, key=lambda it: it.id)
    keys = sorted(existing)
    old_items = [it for key in keys for it in existing[key]]
    owner = [key for key in keys for _ in existing[key]]
    if not new_items:
        return {}
    sim = similarity_matrix(list(new_items) + old_items, max_days=max_days)
    n = len(new_items)
    result: dict[str, str] = {}
    leftovers = []
    for i, item in enumerate(new_items):
        best_key, best = None, threshold
        for key in keys:
            cols = [n + j for j, k in enumerate(owner) if k == key]
            row = sim[i, cols]
            if len(cols) and (row >= 0).all() and row.mean() >= best:
                best_key, best = key, float(row.mean())
        if best_key is None:
            leftovers.append(item)
        else:
            result[item.id] = best_key
    result.update(cluster_stories(leftovers, threshold=threshold, max_days=max_days))
    return result


def _tfidf_cosine(texts: list[str]) -> np.ndarray:
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words=_STOP_WORDS,
                                 token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b")
    try:
        vectorizer.fit(texts)
    except ValueError:
        # every text was empty or stop words: nothing to compare
        return np.zeros((len(texts), len(texts)))
    # A word only one report uses can never make two reports alike, yet IDF
    # gives it the largest weight, so it only lengthens its report's vector
    # and lowers every cosine of a report full of its own detail. It weighs
    # no more than a word two reports share. (Dropping such words instead,
    # min_df=2, makes any two reports look alike when only two are compared.)
    n = len(texts)
    vectorizer.idf_ = np.minimum(vectorizer.idf_, np.log((1 + n) / 3) + 1.0)
    matrix = vectorizer.transform(texts)
    # rows are L2-normalised, so the dot product is the cosine
    return (matrix @ matrix.T).toarray()


def _entity_overlap(entities: list[set[str]]) -> np.ndarray:
    vocab = {e: k for k, e in enumerate(sorted(set().union(*entities)))}
    rows = [r for r, names in enumerate(entities) for _ in names]
    cols = [vocab[e] for names in entities for e in sorted(names)]
    onehot = csr_matrix((np.ones(len(rows)), (rows, cols)),
                        shape=(len(entities), max(len(vocab), 1)))
    return (onehot @ onehot.T).toarray()


def _date_gaps(items: Sequence[StoryItem]) -> np.ndarray:
    """Days between each pair of articles; 0 when either is undated."""
    days = np.array([it.published.toordinal() if it.published else np.nan for it in items])
    gaps = np.abs(days[:, None] - days[None, :])
    return np.nan_to_num(gaps, nan=0.0)


def _keyed(groups: Iterable[list[StoryItem]]) -> dict[str, str]:
    result = {}
    for members in groups:
        first = min(members, key=lambda it: (it.published or dt.date.max, it.id))
        result.update({it.id: first.id for it in members})
    return dict(sorted(result.items()))


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}; "
                         f"the default is {DEFAULT_THRESHOLD}")
