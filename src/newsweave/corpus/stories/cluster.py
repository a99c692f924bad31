"""Group articles into stories: reports of one real-world event across outlets.

Two articles are alike when their words are (TF-IDF cosine), when their names
and numbers are (a second TF-IDF cosine over capitalised words inside sentences
and figures only) and when they name the same actors and places (overlap
coefficient of resolved ids). Articles published more than ``max_days`` apart
never share a story. Stories are the clusters of average-linkage agglomerative
clustering cut at ``1 - threshold``; a story that holds two groups of reports,
each far more alike inside than across, or less so but with a name that marks
one group beyond chance, is then split in two (two events of the same kind:
two earthquakes, two arrests).

At scale (more than ``DENSE_LIMIT`` articles) the same clusters are found
without an n x n matrix: candidate pairs are the articles that share a rare
name, number, entity or top word within ``max_days`` (a DuckDB self-join on
those keys), only their similarity is computed, and average linkage runs on
each connected component of the pairs at or above the threshold. Average
linkage never joins two groups whose every pair is under the threshold, so
this gives the clusters of the dense computation as long as every such pair
shares a key (see :func:`candidate_pairs`).

One set of defaults for every corpus (never tuned per dataset). Measured with
``newsweave eval stories`` (BASIL, 153 articles) and ``newsweave eval coref``
(ECB+, the two events of each of 21 topics); see the evaluate modules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from newsweave.words import word_set

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
_NEWS_STOP_WORDS = word_set("story_stop_words") | word_set("weekdays")
_STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _NEWS_STOP_WORDS)
# Names and figures: a capitalised word that does not open a sentence, or a number.
# Two events of one kind share the topic's vocabulary ("arrested", "magnitude",
# "rehab"); who, where and how many is what tells them apart.
_NAME_OR_NUMBER = re.compile(r"(?<=[a-z,;:]\s)[A-Z][\w'-]+|\b\d[\d.,:]*\d\b|\b\d\b")
# Event split (see _split_events): each side needs this many reports, so a
# group's own cohesion is measured over at least three pairs, not one. The
# reports across the two sides must be less than half as alike as within them;
# or less than three quarters as alike, when a name marks one side beyond
# chance (Fisher's test at the conventional 5% level, corrected for the number
# of names tested). Names tell events apart where words cannot: the second
# event's reports often recall the first, so the topic's words and even the
# first event's people recur, but the second event's protagonist is in all of
# its reports and in none of the first's.
MIN_EVENT_REPORTS = 3
SPLIT_RATIO = 0.5
NAME_SPLIT_RATIO = 0.75
SPLIT_ALPHA = 0.05
# Above this many articles, clustering works on candidate pairs, not an n x n matrix.
DENSE_LIMIT = 2000
# Blocking keys (see candidate_pairs): the highest-weighted words of each
# article join its names, numbers and entities; a key carried by more than
# KEY_MAX_ARTICLES articles ("Council", "3", a country every report names)
# proposes no pairs. A story is told by tens of outlets, rarely hundreds.
TOP_WORDS = 8
KEY_MAX_ARTICLES = 200
# Largest component clustered in one dense block (its condensed distance
# matrix: 8,000 articles = 256 MB); a bigger one is cut into date-ordered blocks.
COMPONENT_LIMIT = 8000
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


@dataclass(slots=True)
class StoryFeatures:
    """What the similarity reads of each article, fitted on one set of articles.

    Rows follow the order of the items they were made from. ``full`` and
    ``names`` are L2-normalised TF-IDF rows (so a dot product is a cosine);
    ``names`` is ``None`` when fewer than two articles carry a name or number;
    ``figures`` marks its columns that are numbers, not names.
    """

    full: csr_matrix
    names: csr_matrix | None
    named: np.ndarray
    entities: csr_matrix
    sizes: np.ndarray
    days: np.ndarray
    figures: np.ndarray | None = None


def story_features(items: Sequence[StoryItem]) -> StoryFeatures:
    """Fit the word weights on ``items`` and vectorise each article (see :func:`similarity_matrix`)."""
    texts = [f"{it.title}\n{it.body}" for it in items]
    full = _tfidf_rows(texts)
    names = [" ".join(_NAME_OR_NUMBER.findall(text)) for text in texts]
    named = np.array([bool(n.strip()) for n in names], dtype=bool)
    name_rows, figures = None, None
    if named.sum() >= 2:
        name_rows, vocabulary = _tfidf_fit(names, token_pattern=r"\S+")
        figures = np.array([word[:1].isdigit() for word in vocabulary], dtype=bool)
    entities = [set(it.actors) | set(it.places) for it in items]
    days = np.array([it.published.toordinal() if it.published else np.nan for it in items],
                    dtype=float)
    return StoryFeatures(full=full, names=name_rows, named=named,
                         entities=_onehot(entities),
                         sizes=np.array([len(e) for e in entities], dtype=float),
                         days=days, figures=figures)


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
    if not items:
        return np.zeros((0, 0))
    return _dense_similarity(story_features(items), np.arange(len(items)), max_days)


def text_similarity(items: Sequence[StoryItem]) -> np.ndarray:
    """Pairwise word similarity of ``items``: mean of a full-text and a names-and-numbers cosine.

    Both are TF-IDF cosines fitted on ``items`` alone. The second sees only
    capitalised words that do not open a sentence and figures, so reports of
    two different events of the same kind (the topic's words shared, the
    people, places, dates and counts not) are told apart. Where either report
    has no such token, the full-text cosine alone is used.
    """
    features = story_features(items)
    return _dense_text(features, np.arange(len(items)))


def pair_similarity(features: StoryFeatures, left: np.ndarray, right: np.ndarray, *,
                    max_days: int = DEFAULT_MAX_DAYS, chunk: int = 200_000) -> np.ndarray:
    """The :func:`similarity_matrix` entries for the pairs ``(left[k], right[k])`` only.

    Args:
        features: from :func:`story_features`.
        left: row indices.
        right: row indices, same length.
        max_days: pairs further apart get ``-1``.
        chunk: pairs computed at a time (bounds the memory of the row products).
    """
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    out = np.empty(len(left), dtype=float)
    for at in range(0, len(left), chunk):
        i, j = left[at:at + chunk], right[at:at + chunk]
        text = _row_dots(features.full, i, j)
        if features.names is not None:
            both = features.named[i] & features.named[j]
            text = np.where(both, 0.5 * (text + _row_dots(features.names, i, j)), text)
        inter = _row_dots(features.entities, i, j)
        smaller = np.minimum(features.sizes[i], features.sizes[j])
        overlap = inter / np.maximum(smaller, MIN_SHARED_ENTITIES)
        sim = np.where(smaller > 0, TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * overlap, text)
        gaps = np.nan_to_num(np.abs(features.days[i] - features.days[j]), nan=0.0)
        sim[gaps > max_days] = -1.0
        sim[i == j] = 1.0
        out[at:at + chunk] = sim
    return out


def candidate_pairs(features: StoryFeatures, *, max_days: int = DEFAULT_MAX_DAYS,
                    conn: duckdb.DuckDBPyConnection | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of articles that may be alike: they share a rare key within ``max_days``.

    An article's keys are its names and numbers, its actor and place ids and
    its ``TOP_WORDS`` highest-weighted words; keys carried by more than
    ``KEY_MAX_ARTICLES`` articles are dropped. Two articles with no rare key
    in common share neither names nor entities nor their most telling words,
    and their similarity stays far under the threshold. The join runs in
    DuckDB (undated articles pair with any date).

    Returns:
        ``(left, right)`` row indices with ``left < right``, distinct pairs.
    """
    table = _key_table(features)
    own = conn is None
    conn = duckdb.connect() if own else conn
    conn.register("_nw_story_keys", table)
    try:
        pairs = conn.execute(f"""
            WITH rare AS (
                SELECT * FROM _nw_story_keys WHERE key IN (
                    SELECT key FROM _nw_story_keys GROUP BY key
                    HAVING count(*) BETWEEN 2 AND {KEY_MAX_ARTICLES}))
            SELECT DISTINCT a.row AS l, b.row AS r FROM rare a JOIN rare b
              ON a.key = b.key AND a.row < b.row
             AND (a.day IS NULL OR b.day IS NULL OR abs(a.day - b.day) <= {int(max_days)})
        """).fetchnumpy()
    finally:
        conn.unregister("_nw_story_keys")
        if own:
            conn.close()
    return (np.asarray(pairs["l"], dtype=np.int64), np.asarray(pairs["r"], dtype=np.int64))


def cluster_stories(items: Sequence[StoryItem], *, threshold: float = DEFAULT_THRESHOLD,
                    max_days: int = DEFAULT_MAX_DAYS) -> dict[str, str]:
    """Assign every article to a story.

    Average-linkage agglomerative clustering (scipy) on ``1 - similarity``
    (see :func:`similarity_matrix`), cut at distance ``1 - threshold``; then
    each story of two dense groups of reports is split in two (see
    :func:`_split_events`). Above ``DENSE_LIMIT`` articles the linkage runs on
    each connected component of the candidate pairs at or above the threshold
    (see :func:`candidate_pairs`), which gives the same clusters.

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
    features = story_features(ordered)
    groups: list[list[StoryItem]] = []
    for block in _blocks(features, threshold, max_days):
        if len(block) == 1:
            groups.append([ordered[block[0]]])
            continue
        dist = _distances(_dense_similarity(features, block, max_days))
        tree = linkage(squareform(dist, checks=False), method="average")
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        found: dict[int, list[StoryItem]] = {}
        for row, label in zip(block, labels):
            found.setdefault(int(label), []).append(ordered[row])
        groups.extend(found.values())
    return _keyed(part for members in groups for part in _split_events(members))


def assign_to_stories(new_items: Sequence[StoryItem],
                      existing: Mapping[str, Sequence[StoryItem]], *,
                      threshold: float = DEFAULT_THRESHOLD,
                      max_days: int = DEFAULT_MAX_DAYS) -> dict[str, str]:
    """Place new articles into existing stories, or start new ones.

    Each new article joins the existing story with the highest average
    similarity to it, if that average reaches ``threshold`` and no member is
    more than ``max_days`` away; the rest are clustered among themselves with
    :func:`cluster_stories`. Existing stories keep their keys. With more than
    ``DENSE_LIMIT`` articles in all, only the stories holding a candidate
    partner of the new article (:func:`candidate_pairs`) are scored: a story
    whose average reaches the threshold has a member that does.

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
    if not new_items:
        return {}
    keys = sorted(existing)
    old_items = [it for key in keys for it in existing[key]]
    n = len(new_items)
    owner = np.array([k for k, key in enumerate(keys) for _ in existing[key]], dtype=np.int64)
    # old items are grouped by story, so each story's rows are one range
    ends = np.cumsum([len(existing[key]) for key in keys], dtype=np.int64) + n
    rows_of = [np.arange(end - len(existing[key]), end) for key, end in zip(keys, ends)]
    features = story_features(list(new_items) + old_items)
    candidates = _candidate_stories(features, n, owner, max_days)
    # Every (new article, member of a candidate story) pair, scored in one pass.
    left, right, story = [], [], []
    for i in range(n):
        for k in sorted(candidates[i]):
            left.append(np.full(len(rows_of[k]), i))
            right.append(rows_of[k])
            story.append(np.full(len(rows_of[k]), k))
    result: dict[str, str] = {}
    leftovers = []
    best_of = _best_stories(features, n, left, right, story, len(keys), threshold, max_days)
    for i, item in enumerate(new_items):
        if best_of[i] < 0:
            leftovers.append(item)
        else:
            result[item.id] = keys[best_of[i]]
    result.update(cluster_stories(leftovers, threshold=threshold, max_days=max_days))
    return result


def _best_stories(features: StoryFeatures, n_new: int, left: list[np.ndarray],
                  right: list[np.ndarray], story: list[np.ndarray], n_stories: int,
                  threshold: float, max_days: int) -> np.ndarray:
    """For each new article, the story of highest mean similarity at or above ``threshold``.

    A story with any member too far in time is out. Of equal means, the last
    story in key order wins. ``-1`` where no story qualifies.
    """
    best = np.full(n_new, -1)
    if not left:
        return best
    i = np.concatenate(left)
    sim = pair_similarity(features, i, np.concatenate(right), max_days=max_days)
    cell = i * n_stories + np.concatenate(story)
    cells, inverse = np.unique(cell, return_inverse=True)
    mean = np.bincount(inverse, weights=sim) / np.bincount(inverse)
    lowest = np.full(len(cells), np.inf)
    np.minimum.at(lowest, inverse, sim)
    ok = (lowest >= 0) & (mean >= threshold)
    score = np.full(n_new, -np.inf)
    # cells are sorted by (article, story); as in a loop over stories, a tie replaces
    for c, m in zip(cells[ok].tolist(), mean[ok].tolist()):
        a, k = divmod(c, n_stories)
        if m >= score[a]:
            best[a], score[a] = k, m
    return best


def _candidate_stories(features: StoryFeatures, n_new: int, owner: np.ndarray,
                       max_days: int) -> list[set[int]]:
    """For each new article (rows ``< n_new``), the existing stories worth scoring."""
    if n_new + len(owner) <= DENSE_LIMIT:
        every = set(range(int(owner.max()) + 1)) if len(owner) else set()
        return [every for _ in range(n_new)]
    left, right = candidate_pairs(features, max_days=max_days)
    out: list[set[int]] = [set() for _ in range(n_new)]
    for a, b in zip(left.tolist(), right.tolist()):
        # left < right, so a new article is always on the left of an old one
        if a < n_new <= b:
            out[a].add(int(owner[b - n_new]))
    return out


def _distances(sim: np.ndarray) -> np.ndarray:
    """``1 - similarity`` in place (similarity clipped to [0, 1]), :data:`_FORBIDDEN`
    where it is negative (never in one story), 0 on the diagonal."""
    forbidden = sim < 0
    np.clip(sim, 0.0, 1.0, out=sim)
    np.subtract(1.0, sim, out=sim)
    sim[forbidden] = _FORBIDDEN
    np.fill_diagonal(sim, 0.0)
    return sim


def _blocks(features: StoryFeatures, threshold: float, max_days: int) -> list[np.ndarray]:
    """Groups of rows that average linkage may join: all rows, or the components at scale."""
    n = features.full.shape[0]
    if n <= DENSE_LIMIT:
        return [np.arange(n)]
    left, right = candidate_pairs(features, max_days=max_days)
    sim = pair_similarity(features, left, right, max_days=max_days)
    keep = sim >= threshold
    graph = csr_matrix((np.ones(int(keep.sum())), (left[keep], right[keep])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    blocks = []
    for block in np.split(order, bounds):
        if len(block) <= COMPONENT_LIMIT:
            blocks.append(block)
            continue
        # A chain of stories too long for one dense block: cut it in date order.
        by_date = block[np.argsort(np.nan_to_num(features.days[block]), kind="stable")]
        blocks.extend(np.array_split(by_date, -(-len(block) // COMPONENT_LIMIT)))
    return blocks


def _dense_text(features: StoryFeatures, rows: np.ndarray) -> np.ndarray:
    full = features.full[rows]
    text = (full @ full.T).toarray()
    if features.names is None:
        return text
    names = features.names[rows]
    named = features.named[rows]
    # the mean of the two cosines where both reports name something, written in
    # place: at scale each n x n array is hundreds of MB (BENCHMARKS.md)
    mean = (names @ names.T).toarray()
    mean += text
    mean *= 0.5
    np.copyto(text, mean, where=named[:, None] & named[None, :])
    return text


# Rows of an n x n array combined at a time, so that a product's temporary is a slice.
_ROW_CHUNK = 512


def _dense_similarity(features: StoryFeatures, rows: np.ndarray, max_days: int) -> np.ndarray:
    sim = _dense_text(features, rows)
    entities = features.entities[rows]
    overlap = (entities @ entities.T).toarray()
    sizes = features.sizes[rows]
    # Overlap coefficient, not Jaccard: a 300-word wire item names three people,
    # a 2,000-word feature on the same event fifteen; what matters is whether
    # the shorter report's names recur in the longer one. The floor on the
    # denominator keeps one shared name (the country, the president) weak.
    days = features.days[rows]
    for start in range(0, len(rows), _ROW_CHUNK):
        part = slice(start, start + _ROW_CHUNK)
        smaller = np.minimum(sizes[part, None], sizes[None, :])
        overlap[part] /= np.maximum(smaller, MIN_SHARED_ENTITIES)
        mixed = TEXT_WEIGHT * sim[part] + (1.0 - TEXT_WEIGHT) * overlap[part]
        # when either report names no entity the text term alone counts
        np.copyto(sim[part], mixed, where=smaller > 0)
        gaps = np.nan_to_num(np.abs(days[part, None] - days[None, :]), nan=0.0)
        sim[part][gaps > max_days] = -1.0
    del overlap
    np.fill_diagonal(sim, 1.0)
    return sim


def _row_dots(matrix: csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()


def _key_table(features: StoryFeatures) -> pa.Table:
    """``(row, key, day)`` blocking keys of every article (see :func:`candidate_pairs`)."""
    rows: list[int] = []
    keys: list[str] = []
    for matrix, prefix, top in ((features.full, "w", TOP_WORDS),
                                (features.names, "n", None),
                                (features.entities, "e", None)):
        if matrix is None:
            continue
        for r in range(matrix.shape[0]):
            lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
            cols = matrix.indices[lo:hi]
            if top is not None and len(cols) > top:
                cols = cols[np.argsort(-matrix.data[lo:hi], kind="stable")[:top]]
            rows.extend([r] * len(cols))
            keys.extend(f"{prefix}{c}" for c in cols.tolist())
    days = features.days[np.array(rows, dtype=np.int64)] if rows else np.array([])
    return pa.table({"row": pa.array(rows, pa.int64()), "key": pa.array(keys, pa.string()),
                     "day": pa.array(days, pa.float64(), mask=np.isnan(days))})


def _split_events(members: list[StoryItem]) -> list[list[StoryItem]]:
    """Split a story in two while it holds two groups of reports (recursively).

    Within one story, word weights are refitted on its own reports, so the
    shared topic vocabulary weighs little. The top split of average linkage on
    :func:`text_similarity` is kept when both sides have ``MIN_EVENT_REPORTS``
    reports and either

    - the mean similarity across the sides is under ``SPLIT_RATIO`` times the
      mean similarity within them (the reports read differently), or
    - it is under ``NAME_SPLIT_RATIO`` times, and some name (not a figure) marks
      one side beyond chance (:func:`_name_evidence` under ``SPLIT_ALPHA``).

    Otherwise it is one event told with more and less detail. Stories of fewer
    than twice ``MIN_EVENT_REPORTS`` reports are never split.
    """
    if len(members) < 2 * MIN_EVENT_REPORTS:
        return [members]
    features = story_features(members)
    sim = _dense_text(features, np.arange(len(members)))
    dist = 1.0 - np.clip(sim, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"),
                      t=2, criterion="maxclust")
    side = labels == labels[0]
    if min(side.sum(), (~side).sum()) < MIN_EVENT_REPORTS:
        return [members]
    within = np.mean([_mean_off_diagonal(sim[np.ix_(side, side)]),
                      _mean_off_diagonal(sim[np.ix_(~side, ~side)])])
    across = sim[np.ix_(side, ~side)].mean()
    apart = across < SPLIT_RATIO * within or (
        across < NAME_SPLIT_RATIO * within
        and _name_evidence(features.names, side, features.figures) < SPLIT_ALPHA)
    if not apart:
        return [members]
    first = [it for it, s in zip(members, side) if s]
    second = [it for it, s in zip(members, side) if not s]
    return _split_events(first) + _split_events(second)


def _name_evidence(names: csr_matrix | None, side: np.ndarray,
                   figures: np.ndarray | None = None) -> float:
    """How likely chance alone puts some name this unevenly on the two sides of a split.

    For each name carried by at least ``MIN_EVENT_REPORTS`` reports (fewer
    cannot mark a side), Fisher's exact test of its presence against the
    side: the hypergeometric tail of its count on ``side``, doubled for two
    sides. The smallest p-value is multiplied by the number of names tested
    (Bonferroni), so the answer is a p-value for "some name marks a side".

    Args:
        names: rows of the story's reports; any nonzero entry is a name present
            (``StoryFeatures.names``); ``None`` when no report has one.
        side: boolean mask of the reports on one side.
        figures: boolean mask of the columns of ``names`` that are numbers. They
            are not tested: one event's figures change as it is reported (a
            toll rises, a count is revised) and some reports recall figures of
            the past, so a figure only some reports carry does not tell
            another event.

    Returns:
        A p-value in [0, 1]; 1 when no name can be tested.
    """
    if names is None:
        return 1.0
    # imported here: scipy.stats takes longer to import than most runs spend in
    # this stage, and only a story close to splitting asks for this test
    from scipy.stats import hypergeom

    present = csr_matrix((names != 0).astype(np.int64)).tocsc()
    if figures is not None:
        present = present[:, np.flatnonzero(~figures)]
    carried = np.asarray(present.sum(axis=0)).ravel()
    tested = carried >= MIN_EVENT_REPORTS
    if not tested.any():
        return 1.0
    on_side = np.asarray(present[np.flatnonzero(side)].sum(axis=0)).ravel()[tested]
    carried = carried[tested]
    reports, chosen = len(side), int(side.sum())
    more = hypergeom.sf(on_side - 1, reports, carried, chosen)
    fewer = hypergeom.cdf(on_side, reports, carried, chosen)
    p_values = np.minimum(1.0, 2.0 * np.minimum(more, fewer))
    return float(min(1.0, p_values.min() * len(carried)))


def _mean_off_diagonal(block: np.ndarray) -> float:
    n = len(block)
    return float((block.sum() - np.trace(block)) / (n * (n - 1)))


def _tfidf_rows(texts: list[str], token_pattern: str = r"(?u)\b[^\W\d_][\w'-]+\b",
                ) -> csr_matrix:
    """L2-normalised TF-IDF rows of ``texts``, the weights fitted on them."""
    return _tfidf_fit(texts, token_pattern)[0]


def _tfidf_fit(texts: list[str], token_pattern: str = r"(?u)\b[^\W\d_][\w'-]+\b",
               ) -> tuple[csr_matrix, list[str]]:
    """:func:`_tfidf_rows` and the vocabulary of its columns."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words=_STOP_WORDS,
                                 token_pattern=token_pattern, dtype=np.float64)
    try:
        vectorizer.fit(texts)
    except ValueError:
        # every text was empty or stop words: nothing to compare
        return csr_matrix((len(texts), 1)), [""]
    # A word only one report uses can never make two reports alike, yet IDF
    # gives it the largest weight, so it only lengthens its report's vector
    # and lowers every cosine of a report full of its own detail. It weighs
    # no more than a word two reports share. (Dropping such words instead,
    # min_df=2, makes any two reports look alike when only two are compared.)
    n = len(texts)
    vectorizer.idf_ = np.minimum(vectorizer.idf_, np.log((1 + n) / 3) + 1.0)
    # rows are L2-normalised, so the dot product is the cosine
    return csr_matrix(vectorizer.transform(texts)), vectorizer.get_feature_names_out().tolist()


def _onehot(entities: list[set[str]]) -> csr_matrix:
    vocab = {e: k for k, e in enumerate(sorted(set().union(*entities)))}
    rows = [r for r, names in enumerate(entities) for _ in names]
    cols = [vocab[e] for names in entities for e in sorted(names)]
    return csr_matrix((np.ones(len(rows)), (rows, cols)),
                      shape=(len(entities), max(len(vocab), 1)))


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
