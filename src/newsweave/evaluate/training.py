"""Fitting the same-fact decision (:mod:`newsweave.corpus.facts.samefact`) on the shared data.

The training pairs are made by the production code: the ECB+ shared half goes
through the whole pipeline (:func:`newsweave.evaluate.facts.build_store`);
each stored story is cut into pieces and its candidate pairs get their
features exactly as ``newsweave run`` computes them
(:func:`newsweave.corpus.facts.align.prepare_story`,
:func:`~newsweave.corpus.facts.align.candidate_pairs`,
:func:`~newsweave.corpus.facts.align.pair_matrix`). A pair of pieces is
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.corpus.facts.samefact import FEATURES, SameFactModel
from newsweave.evaluate.facts import (
    GoldTopic,
    SentenceLocator,
    build_store,
    gold_pairs,
    read_gold,
    same_fact,
    score_pairs,
)
from newsweave.evaluate.stored import (
    paraphrase_inputs,
    states_one_fact,
    stored_stories,
    story_facts,
)

FOLDS = 7
MSRP = Path("eval/facts/msrp/msr_paraphrase_train.txt")
ECBPLUS = Path("eval/coref/ecbplus")
# L2 strength of the logistic regression (scikit-learn's default).
C = 1.0
# Pairs at or above this probability state one fact.
THRESHOLD = 0.5


@dataclass(slots=True)
class TrainingPairs:
    """Feature rows, answers, and the ECB+ topic of each row."""

    rows: np.ndarray
    answers: np.ndarray
    topics: np.ndarray


def ecb_pairs(gold: list[GoldTopic], db: Path) -> TrainingPairs:
    """The labelled training pairs of an ECB+ store (see the module docstring)."""
    from newsweave.corpus.facts.align import candidate_pairs, pair_matrix, prepare_story

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


def msrp_pairs(pairs: list[Any], db: Path) -> TrainingPairs:
    """Training pairs from MSRP: each pair's two one-sentence reports as a story of
    their own (:func:`newsweave.evaluate.paraphrase.build_store`), every piece of
    one against every piece of the other, labelled with the pair's judgement.
    ``topics`` holds each row's pair index, for folds."""
    from newsweave.corpus.facts.align import pair_matrix, prepare_story

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


def held_out_scores(data: Path, db: Path | None = None) -> dict[str, Any]:
    """ECB+ fact-alignment precision, recall and F1 of the learned decision, each
    fold of topics aligned by a model fitted on the other folds
    (:func:`cross_validated_links`), over a store of ``data`` (built when not given)."""
    gold = read_gold(data)
    with tempfile.TemporaryDirectory(prefix="nw-held-out-") as tmp:
        links = cross_validated_links(gold, db or build_store(gold, Path(tmp)))
    return score_pairs(gold_pairs(gold), links)


def main(argv: list[str] | None = None) -> None:
    """Fit the coefficients (on the ECB+ shared half by default) into ``--out``."""
    from newsweave.evaluate.paraphrase import build_store as build_msrp
    from newsweave.evaluate.paraphrase import read_pairs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    parser.add_argument("--source", choices=("ecbplus", "msrp"), default="ecbplus")
    parser.add_argument("--db", type=Path, help="a store built from the source's documents")
    parser.add_argument("--out", type=Path, help="write the fitted model here")
    parser.add_argument("--held-out", action="store_true",
                        help="print the ECB+ fact-alignment scores of the learned decision "
                             "on held-out topics instead of fitting one model")
    args = parser.parse_args(argv)
    if args.held_out:
        print(json.dumps(held_out_scores(args.shared / ECBPLUS, args.db), indent=2))
        return
    if args.out is None:
        parser.error("--out is required unless --held-out is given")
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
