"""Align claims across outlets into facts, count corroboration, find conflicts.

Claims of one story that state the same thing become one :class:`Fact`. A
claim is a sentence, and a sentence often states several facts, so claims are
first cut into clauses
(:func:`~newsweave.corpus.facts.clauses.split_clauses`: parentheticals after
the subject, participial and contrastive clauses, items of a list of demands).
Two clauses are compared by their words (content words, crude stems, a small
map of news paraphrases, weighted by how rare each word is in the story) and
by what the extract stage resolved: the event types whose trigger each clause
holds, the actors it names and its numbers. A rejection and a demand of the
same thing are kept apart; two outlets' lists that ask for the same thing
("an immediate ceasefire" / "an unconditional ceasefire") meet on the item's
head noun when the parties can be the same. Clauses join by average-linkage
agglomeration over the pairs that clear one threshold.

``corroboration`` counts the distinct outlets of the independent articles that
state a fact; syndicated copies (article ids in ``duplicates``) are kept as
mentions and never add to it. Conflicts are numbers, number qualifiers
("more than 300") or qualifiers of the same thing ("unconditional" /
"immediate 30-day") that differ between outlets within a fact, time scopes
that differ, hedges or conditions one outlet adds (only between mentions
worded alike, see
:data:`~newsweave.corpus.facts.conflicts.CONFLICT_SIMILARITY`), and one
party's demand that another party rejects.

This module is the stage's entry point: :func:`corroborate_story` runs the
parts below for one story. Each module imports only the ones listed above it:

- :mod:`~newsweave.corpus.facts.words`: word folding, stems and their weights;
- :mod:`~newsweave.corpus.facts.numbers`: how a figure reads in its sentence;
- :mod:`~newsweave.corpus.facts.clauses`: claims cut into pieces, each
  prepared once;
- :mod:`~newsweave.corpus.facts.align`: pieces aligned into facts, and each
  fact's lineage;
- :mod:`~newsweave.corpus.facts.figures`: number and qualifier clashes
  between outlets;
- :mod:`~newsweave.corpus.facts.conflicts`: the other conflicts within a fact;
- :mod:`~newsweave.corpus.facts.positions`: positions merged, and their
  conflicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from newsweave.corpus.facts.align import (
    _align_claims,
    _build_fact,
    _statements_by_group,
    prepare_story,
    value_partitions,
)
from newsweave.corpus.facts.clauses import _Prepared
from newsweave.corpus.facts.conflicts import _fact_conflicts, _said_alike
from newsweave.corpus.facts.figures import (
    _number_clashes,
    _number_conflicts,
    _pairs,
    clock_clashes,
    qualifier_clashes,
)
from newsweave.corpus.facts.places import residence_conflicts
from newsweave.corpus.facts.positions import (
    _core_object,
    _opposition_conflicts,
    _position_clusters,
    _position_scope_conflicts,
)
from newsweave.corpus.facts.samefact import SameFactModel
from newsweave.corpus.facts.words import _idf, _tokens
from newsweave.records import Claim, Conflict, Event, Fact, Place, Position


def corroborate_story(story_id: str, claims: Sequence[Claim], positions: Sequence[Position],
                      article_outlets: Mapping[str, str], duplicates: Mapping[str, str],
                      events: Sequence[Event] = (), *, model: SameFactModel | None = None,
                      published: Mapping[str, dt.date | None] | None = None,
                      places: Mapping[str, Mapping[str, Place]] | None = None,
                      ) -> tuple[list[Fact], list[Conflict]]:
    """Align one story's claims into facts and find where outlets disagree.

    A claim is a whole sentence, and one sentence may state several facts: each
    claim is cut into its independent clauses and the items of its lists of
    demands (:func:`~newsweave.corpus.facts.clauses._clause_pieces`), and those
    are aligned. Two pieces of different articles join when the same-fact
    decision (:mod:`newsweave.corpus.facts.samefact`) says they state one fact;
    groups form by average linkage over those decisions. A fact's mentions are
    piece spans.

    Args:
        story_id: the story the claims belong to.
        claims: every claim of the story's articles, copies included.
        positions: every position of the story's articles.
        article_outlets: ``{article_id: outlet}``.
        duplicates: ``{copy_article_id: original_article_id}`` from dedupe.
        events: the story's coded events; each clause takes the event types
            whose trigger it holds.
        published: ``{article_id: publication date}``, for who reported first.
        places: ``{article_id: {folded name as written: resolved place}}``, for
            where a person lives (:mod:`~newsweave.corpus.facts.places`).
        model: a learned same-fact decision to use instead of the word-and-evidence
            score (:mod:`newsweave.corpus.facts.samefact`; see EVALUATION.md for why
            it is not the default).

    Returns:
        Facts, most important first, and conflicts: number, qualifier, date
        and condition conflicts within facts, then position conflicts.
    """
    prepared = prepare_story(claims, article_outlets, duplicates, events)
    groups, statements = _align_claims(prepared, model, duplicates)
    groups = _merge_shown_alike(groups)
    idf = _idf([p.tokens for p in prepared if not p.copy] or [p.tokens for p in prepared])
    facts, conflicts = [], []
    fact_of: dict[tuple[str, int], Fact] = {}
    within: set[frozenset[str]] = set()
    for members, stated in zip(groups, _statements_by_group(groups, statements)):
        # outlets are compared within one statement (a closer match than one
        # fact); headlines state facts but not their details ("to acquire" and a
        # present tense do not mean "expected" or "now"): they side in no conflict
        compared = []
        for statement in stated:
            by_outlet = _one_per_outlet([p for p in statement if p.compared])
            if len(by_outlet) > 1 and not _said_alike(by_outlet):
                compared.append((by_outlet, _number_clashes(by_outlet)))
        # outlets that give another figure for the fact's number state another
        # fact: each keeps its own outlets, and the two are shown as a conflict
        partitions = value_partitions(
            members, {c.noun for _, clashes in compared for c in clashes if c.kind == "number"})
        parts = [_build_fact(story_id, part, published or {}) for part in partitions]
        facts.extend(parts)
        fact_of.update({(p.claim.id, p.start): fact
                        for fact, part in zip(parts, partitions) for p in part})
        for by_outlet, clashes in compared:
            conflicts.extend(_fact_conflicts(story_id, parts[0], by_outlet, clashes, idf))
        # one figure qualified differently in two statements of the fact
        conflicts.extend(_number_conflicts(story_id, parts[0], qualifier_clashes(
            members, {pair for _, clashes in compared for c in clashes for pair in _pairs(c)})))
        # ... and one moment timed differently in two statements of the fact
        conflicts.extend(_number_conflicts(story_id, parts[0], clock_clashes(
            members, {frozenset((a.claim.id, b.claim.id))
                      for by_outlet, _ in compared for a in by_outlet for b in by_outlet})))
        # only what the story-wide comparison reads (``compared`` pieces): a fact of
        # thousands of reprints would make millions of pairs
        compared_pieces = [p for p in members if p.compared]
        within |= {frozenset((a.claim.id, b.claim.id))
                   for a in compared_pieces for b in compared_pieces}
    # ... and in two facts of the story: less alike, so two words around it must agree
    for clash in qualifier_clashes(prepared, within, shared=STORY_SHARED_WORDS,
                                   shared_plain=STORY_SHARED_WORDS_PLAIN):
        anchor = clash.sides[0][0]
        fact = fact_of.get((anchor.claim.id, anchor.start))
        if fact is not None:
            conflicts.extend(_number_conflicts(story_id, fact, [clash]))
    # where a person lives, told differently anywhere in the story
    conflicts.extend(residence_conflicts(story_id, prepared, fact_of, places or {}))
    clusters = _position_clusters(positions, article_outlets, duplicates)
    conflicts.extend(_position_scope_conflicts(story_id, clusters))
    conflicts.extend(_opposition_conflicts(story_id, clusters, _idf(
        [_tokens(_core_object(p.object), None) for p in positions])))
    facts.sort(key=lambda f: (-f.importance, -len(f.mentions), f.id))
    return facts, conflicts


def _merge_shown_alike(groups: list[list[_Prepared]]) -> list[list[_Prepared]]:
    """Groups shown with the same mentions are one fact. A sentence is cut finely
    for matching (clauses, list items, parentheticals), and each piece is shown
    as the clause it lies in, or as the whole sentence when no clause of it
    reads alone: pieces that met no other outlet, and two clause groups of the
    same sentences of two outlets, would otherwise be as many facts showing the
    same words (under one id)."""
    merged: list[list[_Prepared]] = []
    at: dict[frozenset[tuple[str, int, int]], int] = {}
    for group in groups:
        shown = frozenset((p.claim.id, p.start, p.end) for p in group)
        if shown in at:
            merged[at[shown]].extend(group)
            continue
        at[shown] = len(merged)
        merged.append(list(group))
    return merged


def _one_per_outlet(members: list[_Prepared]) -> list[_Prepared]:
    """Each outlet's first mention, preferring one that carries numbers."""
    chosen: dict[str, _Prepared] = {}
    for p in sorted(members, key=lambda p: (not p.quantities, p.claim.article_id, p.start)):
        chosen.setdefault(p.outlet, p)
    return [chosen[o] for o in sorted(chosen)]


# Stems the words around two figures in two facts of a story must share: within a
# fact one was enough (the 7 pairs it added on the shared halves were real), but of
# the 14 pairs across facts it showed, 7 were two counts of one number ("around 50
# people" at one hospital, "at least 50" injured in all; EVALUATION.md).
STORY_SHARED_WORDS = 2
# ... but one when one figure is plain and the other hedged ("30 hours" / "more than
# 30 hours of deliberations"): of the 14 pairs above, those set two hedged figures
# side by side; a plain figure and a bound it keeps were real (EVALUATION.md).
STORY_SHARED_WORDS_PLAIN = 1
