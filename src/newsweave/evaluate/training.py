"""Fitting the same-fact decision (:mod:`newsweave.corpus.samefact`) on the shared data.

The training pairs are made by the production code: the ECB+ shared half goes
through the whole pipeline (:func:`newsweave.evaluate.facts.build_store`);
each stored story is cut into pieces and its candidate pairs get their
features exactly as ``newsweave run`` computes them
(:func:`newsweave.corpus.corroborate.prepare_story`,
:func:`~newsweave.corpus.corroborate.candidate_pairs`,
:func:`~newsweave.corpus.corroborate.pair_matrix`). A pair of pieces is
labelled by the ECB+ answer for the two annotated sentences it lies in (one
event instance and one participant instance in common), whether the two come
from one document or two; pieces outside the annotated sentences are left out.

Run ``python -m newsweave.evaluate.training --out FILE [--source ecbplus|msrp]``
to fit coefficients for experiments. Figures are reported for held-out topics
or pairs (:func:`cross_validated_links`, :func:`cross_validated_decisions`),
never only the fit on the answers.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.corpus.samefact import FEATURES, SameFactModel
from newsweave.evaluate.facts import (
    GoldTopic,
    SentenceLocator,
    build_store,
    read_gold,
    same_fact,
)

FOLDS = 7
MSRP = Path("eval/facts/msrp/msr_paraphrase_train.txt")
ECBPLUS = Path("eval/coref/ecbplus")
# L2 strength of the logistic regression (scikit-learn's default).
C = 1.0
# Pairs at or above this probability state one fact.
THRESHOLD = 0.5


@dataclass(slots=True)
class StoryInput:
    """Everything the corroborate stage reads of one stored story."""

    story_id: str
    claims: list[Any]
    positions: list[Any]
    outlets: dict[str, str]
    duplicates: dict[str, str]
    events: list[Any]


@dataclass(slots=True)
class TrainingPairs:
    """Feature rows, answers, and the ECB+ topic of each row."""

    rows: np.ndarray
    answers: np.ndarray
    topics: np.ndarray


def _stored_evidence(conn: Any, actor_map: dict[str, str]) -> tuple[dict, dict, dict]:
    """Claims, positions and events of every stored article, by article id."""
    from newsweave.store.reader import claims_by_article as _claims_by_article
    from newsweave.store.reader import events_by_article as _events_by_article
    from newsweave.store.reader import positions_by_article as _positions_by_article

    return (_claims_by_article(conn, actor_map), _positions_by_article(conn, actor_map),
            _events_by_article(conn))


def stored_stories(db: Path) -> Iterator[StoryInput]:
    """The stories of a store with the evidence the corroborate stage reads."""
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        actor_map = dict(conn.execute("SELECT actor_id, canonical_id FROM actor_map").fetchall())
        members: dict[str, list[str]] = defaultdict(list)
        for story, article in conn.execute(
                "SELECT story_id, article_id FROM story_articles ORDER BY 1, 2").fetchall():
            members[story].append(article)
        outlets = dict(conn.execute("SELECT id, outlet FROM articles").fetchall())
        duplicates = dict(conn.execute("SELECT copy_id, original_id FROM duplicates").fetchall())
        claims, positions, events = _stored_evidence(conn, actor_map)
    finally:
        conn.close()
    for story, articles in sorted(members.items()):
        yield StoryInput(
            story_id=story, claims=[c for a in articles for c in claims.get(a, [])],
            positions=[p for a in articles for p in positions.get(a, [])],
            outlets={a: outlets.get(a) or "" for a in articles},
            duplicates={a: duplicates[a] for a in articles if a in duplicates},
            events=[e for a in articles for e in events.get(a, [])])


def ecb_pairs(gold: list[GoldTopic], db: Path) -> TrainingPairs:
    """The labelled training pairs of an ECB+ store (see the module docstring)."""
    from newsweave.corpus.corroborate import candidate_pairs, pair_matrix, prepare_story

    sentences = {s.key: s for topic in gold for s in topic.sentences}
    locator = SentenceLocator.of(gold, db)
    rows, answers, topics = [], [], []
    for story in stored_stories(db):
        prepared = prepare_story(story.claims, story.outlets, story.duplicates, story.events)
        pairs, _ = candidate_pairs(prepared)
        keep, labels = [], []
        for i, j in pairs:
            a, b = prepared[i], prepared[j]
            sa = locator.locate(a.claim.article_id, a.start, a.end, a.claim.part)
            sb = locator.locate(b.claim.article_id, b.start, b.end, b.claim.part)
            # pairs within one document too: production compares them as well
            known = [same_fact(sentences[x], sentences[y]) for x in sa for y in sb if x != y]
            if known:
                keep.append((i, j))
                labels.append(any(known))
        if keep:
            rows.append(pair_matrix(prepared, keep))
            answers.extend(labels)
            topics.extend(locator.topic(prepared[i].claim.article_id) for i, _ in keep)
    return TrainingPairs(rows=np.vstack(rows) if rows else np.zeros((0, len(FEATURES))),
                         answers=np.array(answers, dtype=bool), topics=np.array(topics))


def fit(data: TrainingPairs, *, recipe: dict[str, Any] | None = None,
        extra: TrainingPairs | None = None) -> SameFactModel:
    """A logistic regression over standardised features, fitted on ``data`` (and
    ``extra``, weighted so that each set counts as much as the other)."""
    from sklearn.linear_model import LogisticRegression

    rows, answers = data.rows, data.answers
    weights = np.ones(len(answers))
    if extra is not None and len(extra.answers):
        rows = np.vstack([rows, extra.rows])
        answers = np.concatenate([answers, extra.answers])
        weights = np.concatenate([weights, np.full(len(extra.answers),
                                                   len(data.answers) / len(extra.answers))])
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    regression = LogisticRegression(C=C, max_iter=5000)
    regression.fit((rows - mean) / scale, answers, sample_weight=weights)
    return SameFactModel(features=FEATURES, mean=mean, scale=scale,
                         coef=regression.coef_[0].copy(),
                         intercept=float(regression.intercept_[0]), threshold=THRESHOLD,
                         recipe=recipe or {})


def topic_folds(topics: list[str], folds: int = FOLDS) -> list[set[str]]:
    """Topics dealt into ``folds`` groups in order (1, 3, 5, ... round robin)."""
    ordered = sorted(set(topics), key=lambda t: (int(t) if t.isdigit() else 10**9, t))
    return [set(ordered[k::folds]) for k in range(min(folds, len(ordered)))]


def cross_validated_links(gold: list[GoldTopic], db: Path, *, folds: int = FOLDS,
                          extra: TrainingPairs | None = None,
                          ) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Predicted sentence links of each fold of topics with a model fitted on the
    other folds only: what the decision does on topics it has never seen."""
    data = ecb_pairs(gold, db)
    locator = SentenceLocator.of(gold, db)
    stories = list(stored_stories(db))
    links = set()
    for held_out in topic_folds([t.name for t in gold], folds):
        train = ~np.isin(data.topics, list(held_out))
        model = fit(TrainingPairs(data.rows[train], data.answers[train], data.topics[train]),
                    extra=extra)
        for story in stories:
            if story.claims and locator.topic(story.claims[0].article_id) in held_out:
                links |= locator.links(f.mentions for f in story_facts(story, model))
    return links


def story_facts(story: StoryInput, model: SameFactModel | None = None) -> list[Any]:
    """The facts the corroborate stage makes of one story (with ``model``, the
    learned decision instead of the default)."""
    from newsweave.corpus.corroborate import corroborate_story

    facts, _ = corroborate_story(story.story_id, story.claims, story.positions, story.outlets,
                                 story.duplicates, story.events, model=model)
    return facts


def states_one_fact(story: StoryInput, model: SameFactModel | None = None) -> bool:
    """Whether the corroborate stage puts every report of ``story`` in one fact (a
    story of one report: the two texts are one stored text, so yes)."""
    articles = set(story.outlets)
    return len(articles) == 1 or any(
        {m.article_id for m in f.mentions} >= articles for f in story_facts(story, model))


def msrp_pairs(pairs: list[Any], db: Path) -> TrainingPairs:
    """Training pairs from MSRP: each pair's two one-sentence reports as a story of
    their own (:func:`newsweave.evaluate.paraphrase.build_store`), every piece of
    one against every piece of the other, labelled with the pair's judgement.
    ``topics`` holds each row's pair index, for folds."""
    from newsweave.corpus.corroborate import pair_matrix, prepare_story

    inputs = paraphrase_inputs(pairs, db)
    rows, answers, groups = [], [], []
    for k, (pair, story) in enumerate(zip(pairs, inputs)):
        if story is None:
            continue
        prepared = prepare_story(story.claims, story.outlets, {}, story.events)
        first = story.claims[0].article_id
        cross = [(i, j) for i in range(len(prepared)) for j in range(i + 1, len(prepared))
                 if (prepared[i].claim.article_id == first)
                 != (prepared[j].claim.article_id == first)]
        if cross:
            rows.append(pair_matrix(prepared, cross))
            answers.extend([pair.same] * len(cross))
            groups.extend([str(k)] * len(cross))
    return TrainingPairs(rows=np.vstack(rows) if rows else np.zeros((0, len(FEATURES))),
                         answers=np.array(answers, dtype=bool), topics=np.array(groups))


def paraphrase_inputs(pairs: list[Any], db: Path) -> list[StoryInput | None]:
    """Each MSRP pair as the story corroboration sees: two one-sentence reports of
    two outlets, or one report when both sentences are one stored text (None when
    a sentence was not stored, or one of two stated nothing the extract stage
    keeps)."""
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        article_of = dict(conn.execute(
            "SELECT source_id, article_id FROM article_sources").fetchall())
        claims, positions, events = _stored_evidence(conn, {})
    finally:
        conn.close()
    out: list[StoryInput | None] = []
    for p in pairs:
        a, b = article_of.get(p.id_a), article_of.get(p.id_b)
        articles = list(dict.fromkeys(x for x in (a, b) if x is not None))
        if None in (a, b) or (len(articles) == 2 and not (claims.get(a) and claims.get(b))):
            out.append(None)
            continue
        out.append(StoryInput(
            story_id="pair", claims=[c for x in articles for c in claims.get(x, [])],
            positions=[q for x in articles for q in positions.get(x, [])],
            outlets={a: f"outlet-{p.id_a}", b: f"outlet-{p.id_b}"}, duplicates={},
            events=[e for x in articles for e in events.get(x, [])]))
    return out


def cross_validated_decisions(pairs: list[Any], db: Path, *, folds: int = 10,
                              extra: TrainingPairs | None = None) -> list[bool]:
    """The same-fact decision on each MSRP pair with a model fitted on the other
    folds only (pairs dealt round robin into ``folds``), through the real
    corroborate stage."""
    data = msrp_pairs(pairs, db)
    inputs = paraphrase_inputs(pairs, db)
    fold_of = np.array([int(k) % folds for k in data.topics]) if len(data.topics) else np.zeros(0)
    decisions = [False] * len(pairs)
    for fold in range(folds):
        train = fold_of != fold
        model = fit(TrainingPairs(data.rows[train], data.answers[train], data.topics[train]),
                    extra=extra)
        for k in range(fold, len(pairs), folds):
            story = inputs[k]
            decisions[k] = story is not None and states_one_fact(story, model)
    return decisions


def main(argv: list[str] | None = None) -> None:
    """Fit the coefficients (on the ECB+ shared half by default) into ``--out``."""
    from newsweave.evaluate.paraphrase import build_store as build_msrp
    from newsweave.evaluate.paraphrase import read_pairs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    parser.add_argument("--source", choices=("ecbplus", "msrp"), default="ecbplus")
    parser.add_argument("--db", type=Path, help="a store built from the source's documents")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nw-train-") as tmp:
        if args.source == "ecbplus":
            gold = read_gold(args.shared / ECBPLUS)
            data = ecb_pairs(gold, args.db or build_store(gold, Path(tmp)))
            described = (f"{ECBPLUS} (ECB+ shared half, odd topics): pairs of pieces of one "
                         "stored story, labelled by the annotated sentences they lie in")
        else:
            pairs = read_pairs(args.shared / MSRP)
            data = msrp_pairs(pairs, args.db or build_msrp(pairs, Path(tmp)))
            described = (f"{MSRP} (MSRP training split): each pair as a story of two "
                         "one-sentence reports, labelled with the pair's judgement")
    model = fit(data, recipe={
        "source": args.source, "data": described,
        "pairs": len(data.answers), "same": int(data.answers.sum()),
        "model": f"logistic regression, L2, C={C}, standardised features",
        "threshold": THRESHOLD,
        "command": f"python -m newsweave.evaluate.training --source {args.source}"})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data.answers)} pairs, {int(data.answers.sum())} same")


if __name__ == "__main__":
    main()
