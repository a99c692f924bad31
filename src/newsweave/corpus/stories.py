"""Group articles into stories: reports of one real-world event across outlets.

Two articles are alike when their words are (TF-IDF cosine), when their names
and numbers are (a second TF-IDF cosine over capitalised words inside sentences
and figures only) and when they name the same actors and places (overlap
coefficient of resolved ids). Articles published more than ``max_days`` apart
never share a story. Stories are the clusters of average-linkage agglomerative
clustering cut at ``1 - threshold``; a story that holds two dense groups of
reports, each far more alike inside than across, is then split in two (two
events of the same kind: two earthquakes, two arrests).

One set of defaults for every corpus (never tuned per dataset). Measured with
``newsweave eval stories`` (BASIL, 153 articles) and ``newsweave eval coref``
(ECB+, the two events of each of 21 topics); see the evaluate modules.
"""

from __future__ import annotations

import datetime as dt
import re
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
# Names and figures: a capitalised word that does not open a sentence, or a number.
# Two events of one kind share the topic's vocabulary ("arrested", "magnitude",
# "rehab"); who, where and how many is what tells them apart.
_NAME_OR_NUMBER = re.compile(r"(?<=[a-z,;:]\s)[A-Z][\w'-]+|\b\d[\d.,:]*\d\b|\b\d\b")
# Event split (see _split_events): each side needs this many reports, so a
# group's own cohesion is measured over at least three pairs, not one; and the
# reports across the two sides must be less than half as alike as within them.
MIN_EVENT_REPORTS = 3
SPLIT_RATIO = 0.5
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

    ``sim = 0.6 * text + 0.4 * entity_overlap``. ``text`` is the mean of two
    TF-IDF cosines (sublinear tf, English stop words): one over every word of
    title + body, one over its names and numbers only (see
    :func:`text_similarity`). The entity overlap is
    ``|A & B| / max(min(|A|, |B|), 2)`` over actor and place ids. When either
    article names no entity the text term alone is used, so missing
    annotations do not count as disagreement.
    """
    n = len(items)
    if n == 0:
        return np.zeros((0, 0))
    text = text_similarity(items)
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
    (see :func:`similarity_matrix`), cut at distance ``1 - threshold``; then
    each story of two dense groups of reports is split in two (see
    :func:`_split_events`).

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
    return _keyed(part for members in groups.values() for part in _split_events(members))


def text_similarity(items: Sequence[StoryItem]) -> np.ndarray:
    """Pairwise word similarity of ``items``: mean of a full-text and a names-and-numbers cosine.

    Both are TF-IDF cosines fitted on ``items`` alone. The second sees only
    capitalised words that do not open a sentence and figures, so reports of
    two different events of the same kind (the topic's words shared, the
    people, places, dates and counts not) are told apart. Where either report
    has no such token, the full-text cosine alone is used.
    """
    texts = [f"{it.title}\n{it.body}" for it in items]
    full = _tfidf_cosine(texts)
    names = [" ".join(_NAME_OR_NUMBER.findall(text)) for text in texts]
    named = np.array([bool(n.strip()) for n in names])
    if named.sum() < 2:
        return full
    both = named[:, None] & named[None, :]
    return np.where(both, 0.5 * (full + _tfidf_cosine(names, token_pattern=r"\S+")), full)


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


def _split_events(members: list[StoryItem]) -> list[list[StoryItem]]:
    """Split a story in two while it holds two dense groups of reports (recursively).

    Within one story, word weights are refitted on its own reports, so the
    shared topic vocabulary weighs little. The top split of average linkage on
    :func:`text_similarity` is kept when both sides have ``MIN_EVENT_REPORTS``
    reports and the mean similarity across them is under ``SPLIT_RATIO`` times
    the mean similarity within them: two events of one kind, not one event
    told with more and less detail. Stories of fewer than twice
    ``MIN_EVENT_REPORTS`` reports are never split.
    """
    if len(members) < 2 * MIN_EVENT_REPORTS:
        return [members]
    sim = text_similarity(members)
    dist = 1.0 - np.clip(sim, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"),
                      t=2, criterion="maxclust")
    side = labels == labels[0]
    if min(side.sum(), (~side).sum()) < MIN_EVENT_REPORTS:
        return [members]
    within = np.mean([_mean_off_diagonal(sim[np.ix_(side, side)]),
                      _mean_off_diagonal(sim[np.ix_(~side, ~side)])])
    if sim[np.ix_(side, ~side)].mean() >= SPLIT_RATIO * within:
        return [members]
    first = [it for it, s in zip(members, side) if s]
    second = [it for it, s in zip(members, side) if not s]
    return _split_events(first) + _split_events(second)


def _mean_off_diagonal(block: np.ndarray) -> float:
    n = len(block)
    return float((block.sum() - np.trace(block)) / (n * (n - 1)))


def _tfidf_cosine(texts: list[str], token_pattern: str = r"(?u)\b[^\W\d_][\w'-]+\b",
                  ) -> np.ndarray:
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words=_STOP_WORDS,
                                 token_pattern=token_pattern)
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
