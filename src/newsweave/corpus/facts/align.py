"""A story's pieces aligned into facts, and each fact's lineage.

Two pieces of different sentences are compared only when they share a word
that few pieces use or that is rare in English (:func:`candidate_pairs`). A pair
is then scored in one of two ways:

- by its words, weighted by their rarity in the story, adjusted by the actors
  and numbers the extract stage resolved (:func:`_claim_similarity`);
- or by a learned same-fact decision (:func:`pair_matrix`,
  :mod:`~newsweave.corpus.facts.samefact`).

Pieces then join by average-linkage agglomeration (:func:`_agglomerate`), once
into facts and once, closer, into statements. Outlets are compared only within
one statement. Each group becomes a :class:`~newsweave.records.Fact`
(:func:`_build_fact`) with its corroboration and its lineage
(:func:`fact_lineage`: who reported first, who repeated it, and which outlets
count as one source). Outlets that give clashing figures for one quantity are
split into facts of their own (:func:`value_partitions`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsweave.corpus.facts.clauses import _prepare_units, _Prepared, _triggers_by_sentence
from newsweave.corpus.facts.numbers import _approx, _figure, _same_noun, number_difference
from newsweave.corpus.facts.samefact import (
    FEATURES,
    LIGHT_VERBS,
    SameFactModel,
    StoryContext,
    centrality,
    pair_features,
)
from newsweave.corpus.facts.words import _RARE_ENOUGH, _fold, _idf, _rarity, _stem, _weighted_dice
from newsweave.records import Certainty, Claim, Event, Fact, FactMention, Quantity

# Claims are whole sentences (the extract stage emits one per sentence), and
# two outlets' sentences on one fact each carry other detail: their weighted
# Dice is about 0.25-0.55, against 0.1-0.25 for different statements of the
# same story, whose shared words (the parties, "talks") weigh little under IDF.
# 0.4 asks for that overlap plus a little resolved evidence (a shared named
# actor or number) when the words alone fall short.
CLAIM_THRESHOLD = 0.4
# A group's pieces join when the mean of their pairs' scores reaches this share
# of CLAIM_THRESHOLD (average linkage: no chain of weak links makes a fact).
LINKAGE_SHARE = 0.85
# Outlets are set against each other (a conflict) only within one statement: a
# group whose pairs match at this score on average (full average linkage), closer
# than one fact. Two wordings of one event often carry figures of different
# things ("caught 29 passes" in one game, "39 passes" in the season), and a
# conflict must be the same slot.
CONFLICT_THRESHOLD = 0.4
# A pair whose frames agree (``same_act``) states one fact when its words reach
# this score on their own. Measured (EVALUATION.md): without the floor (and
# before the rule required an event type in common) it linked 17 more MSRP
# pairs, 10 of them wrongly (one act with two objects: "Intel invested ... in
# Micron" / "... in Elpida"); with the event type, the floor keeps the BASIL
# links it adds to 5 instead of 11, every eval figure the same.
SAME_ACT_FLOOR = 0.2

# ... and so does a word at most this many of the story's pieces (or a tenth) use.
_FEW_PIECES = 8
# ... but not one that more pieces than this use (a name repeated all through a story).
_MAX_POSTING = 400
# Pieces of one report may share a fact (a lead restated later), in reports of
# at most this many pieces.
MAX_ARTICLE_PIECES = 150

# Certainty from strongest to weakest; a fact takes the strongest of its mentions.
_CERTAINTY_ORDER: tuple[Certainty, ...] = (
    "asserted", "reported", "expected", "conditional", "hypothetical", "negated")

_REJECTING = frozenset({"REJECT"})
_PROPOSING_EVENTS = frozenset({"REQUEST", "AGREE", "SUPPORT", "CONCEDE"})

_STATE_ID_RE = re.compile(r"(?:state|gov):([A-Z]{3})")


def prepare_story(claims: Sequence[Claim], article_outlets: Mapping[str, str],
                  duplicates: Mapping[str, str], events: Sequence[Event] = (),
                  ) -> list[_Prepared]:
    """The story's claims cut into the pieces that are aligned, in article and
    text order, each with what the same-fact decision reads."""
    triggers = _triggers_by_sentence(events)
    ordered = sorted(claims, key=lambda c: (c.article_id, c.start, c.id))
    ranks: dict[str, int] = {}
    prepared = []
    for claim in ordered:
        rank = ranks.get(claim.article_id, 0)
        ranks[claim.article_id] = rank + 1
        prepared.extend(_prepare_units(claim, article_outlets, duplicates, triggers, rank))
    return prepared


def candidate_pairs(prepared: list[_Prepared], weights: Sequence[int] | None = None,
                    ) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs of pieces the decision is asked about, and pairs that may never share
    a fact.

    Candidates are pieces with a word in common that few pieces of the story
    use or that is not among the commonest of English (a pair with none cannot
    state one fact, and skipping it keeps a big story's work near linear), and
    different :func:`apart_keys`. Blocked: a rejection set against a demand or an
    offer (two facts, and a position conflict) and frames that differ
    (:func:`_frames_differ`). ``weights`` counts the pieces each piece stands for
    (its copies' pieces, see :func:`_copy_twins`): how many pieces use a word
    counts them too.
    """
    index: dict[str, list[int]] = {}
    for k, p in enumerate(prepared):
        for token in p.weights:
            index.setdefault(token, []).append(k)
    apart = apart_keys(prepared)
    # a word few pieces of the story use, or one rare in English, links them; a
    # word hundreds of pieces use links nothing in particular
    counts = weights or [1] * len(prepared)
    few = max(_FEW_PIECES, sum(counts) // 10)
    candidates: set[tuple[int, int]] = set()
    for token, members in index.items():
        users = sum(counts[k] for k in members)
        if users > _MAX_POSTING:
            continue
        weight = max(prepared[k].weights[token] for k in members)
        if users > few and weight < _RARE_ENOUGH and not token[0].isdigit():
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if apart[i] != apart[j]:
                    candidates.add((i, j))
    blocked: set[tuple[int, int]] = set()
    pairs = []
    for i, j in sorted(candidates):
        a, b = prepared[i], prepared[j]
        if _opposed(a.events, b.events) or _frames_differ(a, b):
            blocked.add((i, j))
            continue
        pairs.append((i, j))
    return pairs, blocked


def apart_keys(prepared: list[_Prepared]) -> list[str]:
    """For each piece, a key no two pieces of one fact share: its sentence (two
    pieces of one sentence are two facts: it was cut because it states two), or,
    in a report of more than :data:`MAX_ARTICLE_PIECES` pieces, its report (a
    very long text is not searched for its own repeats: the pairs grow with its
    square)."""
    sizes = Counter(p.claim.article_id for p in prepared)
    return [p.claim.article_id if sizes[p.claim.article_id] > MAX_ARTICLE_PIECES else p.claim.id
            for p in prepared]


def _frames_differ(a: _Prepared, b: _Prepared) -> bool:
    """Two pieces whose frames cannot be one fact: one background (history), the
    other the news of the day; one event with actor and recipient swapped; demands,
    offers or list items of
    other things ("a raise" / "the rehiring"); or of two parties whose subjects
    are different countries ("Veskan demands a truce" / "Maldar wants a truce":
    two demands, two facts)."""
    if a.claim.background != b.claim.background:
        # history and the news of the day are kept apart
        return True
    if _roles_reversed(a, b):
        # "Veskaria accused Maldar" / "Maldar accused Veskaria": two acts
        return True
    if not (a.head and b.head):
        return False
    # what is demanded or offered differs ("a raise" / "the rehiring"), or who does
    return a.head != b.head or not _same_side(a.claim.subject, b.claim.subject)


def _roles_reversed(a: _Prepared, b: _Prepared) -> bool:
    """Whether the two pieces hold an event of one type whose actor and recipient
    are swapped, and none of that type in the same direction."""
    for event, actor, recipient in a.roles:
        if ((event, recipient, actor) in b.roles
                and not any((event, x, y) in b.roles for e, x, y in a.roles if e == event)):
            return True
    return False


@dataclass(slots=True)
class _StoryWeights:
    """How rare each stem and each actor is among a story's independent pieces."""

    idf: dict[str, float]
    actor_rarity: dict[str, float]

    @classmethod
    def of(cls, prepared: list[_Prepared]) -> _StoryWeights:
        # copies repeat their original word for word; counting them would halve
        # the weight of every word the original uses
        counted = [p for p in prepared if not p.copy] or prepared
        return cls(idf=_idf([p.tokens for p in counted]),
                   actor_rarity=_rarity([frozenset(p.claim.actors) for p in counted]))

    def shared_actor(self, a: _Prepared, b: _Prepared) -> float:
        """The rarity of the rarest actor both pieces name (0 when none)."""
        shared = _named_actors(a) & _named_actors(b)
        # an actor only copies name is as rare as can be (copies are not counted)
        return max((self.actor_rarity.get(x, 1.0) for x in shared), default=0.0)


def pair_matrix(prepared: list[_Prepared], pairs: list[tuple[int, int]]) -> np.ndarray:
    """The same-fact features (:data:`samefact.FEATURES`) of each pair of pieces."""
    weights = _StoryWeights.of(prepared)
    story = StoryContext(idf=weights.idf, centrality=centrality(prepared, weights.idf))
    rows = [pair_features(prepared[i], prepared[j], story, i, j,
                          weights.shared_actor(prepared[i], prepared[j])) for i, j in pairs]
    return np.array(rows, dtype=float).reshape(len(rows), len(FEATURES))


def _align_claims(prepared: list[_Prepared], model: SameFactModel | None,
                  duplicates: Mapping[str, str] | None = None,
                  ) -> tuple[list[list[_Prepared]], list[list[_Prepared]]]:
    """Groups of pieces that state one fact, and the closer groups that state
    one statement: by the word-and-evidence score (:func:`_claim_similarity`,
    :data:`CLAIM_THRESHOLD` and :data:`CONFLICT_THRESHOLD`), or by a learned
    ``model`` when one is given (its threshold for both).

    A piece of a syndicated copy (``duplicates``: ``{copy_id: original_id}``)
    worded exactly as a piece of its original is not aligned on its own: it
    joins that piece's groups (:func:`_copy_twins`), and the piece weighs as
    many pieces in the linkage. Copies repeat every word of their original, and
    hundreds of them made each word too common in the story to link anything."""
    kept, twins = _copy_twins(prepared, duplicates or {})
    aligned = [prepared[k] for k in kept]
    weights = [1 + len(twins.get(k, ())) for k in kept]
    pairs, blocked = candidate_pairs(aligned, weights)
    apart = apart_keys(aligned)
    if model is None:
        score = _rule_scores(aligned, pairs)
        thresholds = (CLAIM_THRESHOLD, CONFLICT_THRESHOLD)
    else:
        probabilities = model.probability(pair_matrix(aligned, pairs))
        score = {pair: float(p) for pair, p in zip(pairs, probabilities)}
        thresholds = (model.threshold, model.threshold)
    share = LINKAGE_SHARE if model is None else 1.0
    facts = _agglomerate(len(aligned), score, thresholds[0], blocked, apart=apart,
                         share=share, weights=weights)
    # statements are the facts themselves when both groupings ask the same
    statements = facts if (share, thresholds[0]) == (1.0, thresholds[1]) else _agglomerate(
        len(aligned), score, thresholds[1], blocked, apart=apart, weights=weights)

    def expand(group: list[int]) -> list[_Prepared]:
        # back to the story's pieces, in story order, each kept piece with its twins
        return [prepared[k] for k in sorted(
            index for a in group for index in (kept[a], *twins.get(kept[a], ())))]

    return ([expand(group) for group in facts],
            [members for group in statements if len(members := expand(group)) > 1])


def _copy_twins(prepared: list[_Prepared], duplicates: Mapping[str, str]
                ) -> tuple[list[int], dict[int, list[int]]]:
    """The pieces to align (indices into ``prepared``) and, for each of them, the
    pieces of copies worded exactly as it: a piece of a copy whose text, part
    and background flag a piece of the copy's original has. Every other piece
    is aligned, however alike it is worded."""
    def key(p: _Prepared) -> tuple[str, str, str, bool]:
        return (p.claim.article_id, " ".join(p.text.split()), p.claim.part, p.claim.background)

    originals = {key(p): k for k, p in enumerate(prepared) if not p.copy}
    kept: list[int] = []
    twins: dict[int, list[int]] = {}
    for k, p in enumerate(prepared):
        original = duplicates.get(p.claim.article_id)
        anchor = (originals.get((original, *key(p)[1:])) if p.copy and original is not None
                  else None)
        if anchor is None:
            kept.append(k)
        else:
            twins.setdefault(anchor, []).append(k)
    return kept, twins


def _statements_by_group(groups: list[list[_Prepared]], statements: list[list[_Prepared]],
                         ) -> list[list[list[_Prepared]]]:
    """For each fact group, the statement groups that lie in it (a statement
    group split between two facts goes with the fact holding most of it, and
    keeps only its members there)."""
    home = {id(p): k for k, group in enumerate(groups) for p in group}
    out: list[list[list[_Prepared]]] = [[] for _ in groups]
    for statement in statements:
        k = Counter(home[id(p)] for p in statement).most_common(1)[0][0]
        out[k].append([p for p in statement if home[id(p)] == k])
    return out


def _rule_scores(prepared: list[_Prepared], pairs: list[tuple[int, int]]
                 ) -> dict[tuple[int, int], float]:
    """:func:`_claim_similarity` of each pair."""
    weights = _StoryWeights.of(prepared)
    return {(i, j): _claim_similarity(
                prepared[i], prepared[j],
                _weighted_dice(prepared[i].tokens, prepared[j].tokens, weights.idf),
                weights.shared_actor(prepared[i], prepared[j]))
            for i, j in pairs}


def _named_actors(p: _Prepared) -> set[str]:
    """The claim's actors that this clause names: a person's id slug must meet
    the clause's words ("person:teodor-halvane" -> "halvane"); other ids
    (states, groups) count only when the claim is not split."""
    if p.text == p.claim.text.strip(" ,;") or len(p.text) >= len(p.claim.text) - 2:
        return set(p.claim.actors)
    named = set()
    for actor in p.claim.actors:
        slug = actor.split(":", 1)[-1]
        if any(_stem(word) in p.tokens for word in slug.split("-") if len(word) > 2):
            named.add(actor)
    return named


def _claim_similarity(a: _Prepared, b: _Prepared, lexical: float, actors: float) -> float:
    """Word similarity, adjusted by what the extract stage resolved.

    ``actors`` is the rarity of the rarest actor both claims name (see
    :func:`_rarity`): a named negotiator counts, the two parties every sentence
    mentions hardly do. It adds up to 0.15, and a shared number about the same thing
    ("40 bombers") adds 0.15; the same thing counted differently adds 0.05, so
    that outlets' differing counts stay one fact and surface as a number
    conflict. Numbers about different things scale the score down. So does a
    different event type (no event trigger in common between the two clauses),
    but mildly: the event coder reads a clause's main verb, and two outlets
    often build a clause around different verbs for one act.
    """
    score = lexical + 0.15 * actors
    if a.events and b.events and not a.events & b.events:
        score *= 0.85
    if _opposed(a.events, b.events):
        # one outlet's rejection and another's demand of the same thing are two
        # facts (and a position conflict), not one fact worded twice
        score *= 0.5
    elif (a.head and a.head == b.head and _same_side(a.claim.subject, b.claim.subject)
          and (not a.events or not b.events or a.events & b.events)):
        # the same item in two outlets' lists of one kind ("pushing for an
        # immediate ceasefire, ..." / "the need for an unconditional ceasefire, ...")
        score = max(score, CLAIM_THRESHOLD)
    shared = a.tokens & b.tokens
    if shared and shared <= (a.names | b.names):
        # only names in common ("President Zelensky, speaking in Vilnius" and
        # "despite Ukraine's president, Zelensky"): the same people, no shared act
        score *= 0.5
    agreement = (_number_agreement(a.quantities, b.quantities)
                 if a.quantities and b.quantities else None)
    # one act of one party: the frame agrees, however differently worded; but not
    # the frame alone ("Intel invested ... in Micron" / "... in Elpida"), nor with
    # figures that differ (other things, or one counted differently: words must
    # tie those)
    if agreement in (None, 1.0) and score >= SAME_ACT_FLOOR and same_act(a, b):
        score = max(score, CLAIM_THRESHOLD)
    if agreement is not None:
        score = score * 0.7 if agreement == 0.0 else score + 0.15 * agreement
    return min(score, 1.0)


def same_act(a: _Prepared, b: _Prepared) -> bool:
    """Two clauses state one act: the same main verb (an act, not a verb of
    saying, being, remaining or beginning), said or denied alike, coded as the
    same event type in both, of an actor both name, on no two different days
    ("police arrested Baro at his home" / "Baro was arrested by officers"). The
    caller sets aside pairs whose figures differ (:func:`_claim_similarity`).

    The event type in common is required, not only allowed: with the verb alone,
    12 of the links it added on BASIL were read and 4 were one statement
    ("Holder understands the mistrust" / "Holder understood the desire for an
    inquiry"); with it, 3 of 5 (EVALUATION.md). How rare the shared actor is does
    not help: the one person a story is about is in most of its pieces."""
    if not a.verb or a.verb != b.verb or a.verb in LIGHT_VERBS or a.negated != b.negated:
        return False
    if not a.events & b.events or not _named_actors(a) & _named_actors(b):
        return False
    return not (a.when and b.when and not set(a.when) & set(b.when))


def _number_agreement(a: list[tuple[Quantity, str]], b: list[tuple[Quantity, str]]) -> float:
    """1 if the claims share a number, 1/3 if they count the same thing differently,
    0 if their numbers are about other things."""
    best = 0.0
    for qa, noun_a in a:
        for qb, noun_b in b:
            if not _same_noun(noun_a, noun_b):
                continue
            best = max(best, 1.0 if math.isclose(qa.value, qb.value) else 1 / 3)
    return best


def _same_side(a: str, b: str) -> bool:
    """Subjects that may be one party: equal, unknown, a person (whose country is
    not known here), or ids of one country (``gov:UKR`` / ``state:UKR``)."""
    if not a or not b or a == b or a.startswith("person:") or b.startswith("person:"):
        return True
    ca, cb = _STATE_ID_RE.fullmatch(a), _STATE_ID_RE.fullmatch(b)
    return not (ca and cb) or ca.group(1) == cb.group(1)


def _opposed(a: frozenset[str], b: frozenset[str]) -> bool:
    """One side only rejects and the other only proposes."""
    return bool(a and b and ((a <= _REJECTING and b <= _PROPOSING_EVENTS)
                             or (b <= _REJECTING and a <= _PROPOSING_EVENTS)))


def _agglomerate(n: int, score: Mapping[tuple[int, int], float], threshold: float,
                 blocked: set[tuple[int, int]], *, apart: Sequence[str] | None = None,
                 share: float = 1.0, weights: Sequence[int] | None = None) -> list[list[int]]:
    """Average-linkage merging driven by the best pairs first.

    ``score`` holds the pairs that were compared (``i < j``); a pair not in it
    scores 0. Pairs at or above ``threshold`` are visited best first; their two
    groups merge if the mean score over all cross pairs also reaches ``share``
    of the threshold (so no chain of weak links forms a group), no cross pair
    is blocked, and no two members would share an ``apart`` key. ``weights``
    counts how many identical items each item stands for (the mean then weighs
    each cross pair by both counts), so n copies of one item cost one.
    """
    group = list(range(n))
    members = {k: [k] for k in range(n)}
    pairs = sorted(((value, i, j) for (i, j), value in score.items()
                    if value >= threshold and (i, j) not in blocked),
                   key=lambda p: (-p[0], p[1], p[2]))
    for _, i, j in pairs:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        cross = [(min(a, b), max(a, b)) for a in members[gi] for b in members[gj]]
        if any(pair in blocked for pair in cross):
            continue
        if apart is not None and {apart[k] for k in members[gi]} & {apart[k] for k in members[gj]}:
            continue
        if _mean_score(cross, score, weights) < threshold * share:
            continue
        keep, drop = min(gi, gj), max(gi, gj)
        for k in members[drop]:
            group[k] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))
    return [members[k] for k in sorted(members)]


def _mean_score(cross: list[tuple[int, int]], score: Mapping[tuple[int, int], float],
                weights: Sequence[int] | None) -> float:
    """The mean score of the cross pairs, each weighted by its two items' counts."""
    if weights is None:
        return math.fsum(score.get(pair, 0.0) for pair in cross) / len(cross)
    return (math.fsum(score.get((a, b), 0.0) * weights[a] * weights[b] for a, b in cross)
            / sum(weights[a] * weights[b] for a, b in cross))


def _build_fact(story_id: str, members: list[_Prepared],
                published: Mapping[str, dt.date | None]) -> Fact:
    independent = [p for p in members if not p.copy]
    # a line only a reprint carries is still shown with the reprint's outlet,
    # but it has no independent source: corroboration 0
    sources = independent or members
    outlets = sorted({p.outlet for p in sources})
    lineage = fact_lineage(members, published)
    # outlets that only carry one speaker's words are one source, not several
    corroboration = len(lineage["sources"]) if independent else 0
    claims = [p.claim for p in members]
    fact_id = _stable_id("fact", story_id, [f"{p.claim.id}@{p.start}" for p in members])
    # two pieces of one sentence shown as the same clause are one mention
    shown = {(p.claim.id, p.start, p.end): p for p in reversed(members)}.values()
    mentions = [FactMention(claim_id=p.claim.id, article_id=p.claim.article_id,
                            outlet=p.outlet, start=p.start, end=p.end, text=p.text,
                            part=p.claim.part)
                for p in sorted(shown, key=lambda p: (p.outlet, p.claim.article_id,
                                                      p.start))]
    event_type = _most_common([c.event_type for c in claims if c.event_type])
    background = all(p.claim.background for p in sources)
    has_numbers = any(p.quantities for p in members)
    importance = (corroboration + 0.5 * (event_type is not None) + 0.25 * has_numbers
                  - 1.0 * background)
    return Fact(id=fact_id, story_id=story_id, statement=_clearest(sources),
                mentions=mentions, outlets=outlets, corroboration=corroboration,
                event_type=event_type,
                certainty=_strongest(p.certainty for p in members),
                background=background,
                date=_most_common([c.date for c in claims if c.date is not None]),
                importance=importance, lineage=lineage)


# a quotation long enough to be one speaker's words, not a phrase in quotes
_QUOTE_RE = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{12,})[\"\u201c\u201d]")
MIN_QUOTE_WORDS = 4


def fact_lineage(members: list[_Prepared], published: Mapping[str, dt.date | None],
                 ) -> dict[str, Any]:
    """Who reported a fact first, who repeated it, and its independent sources.

    ``first``: the outlet, article and date of the earliest independent mention
    (by publication date; ties and unknown dates by outlet name). ``repeated``:
    the other outlets in the order they published. ``sources``: groups of
    outlets that count as one source: outlets that state the fact only through
    the same quotation of one speaker (:data:`MIN_QUOTE_WORDS` words or more,
    word for word) are one source, ``quoted_from`` the speaker as the claim's
    subject names them; every other outlet is a source of its own. Syndicated
    copies are in none.
    """
    independent = [p for p in members if not p.copy]
    if not independent:
        return {"first": None, "repeated": [], "sources": []}
    when: dict[str, tuple[dt.date, str, str]] = {}
    for p in independent:
        date = published.get(p.claim.article_id) or dt.date.max
        key = (date, p.outlet, p.claim.article_id)
        if p.outlet not in when or key < when[p.outlet]:
            when[p.outlet] = key
    order = sorted(when.values())
    first_date, first_outlet, first_article = order[0]
    quotes = {outlet: _quotes([p for p in independent if p.outlet == outlet])
              for outlet in when}
    groups: list[dict[str, Any]] = []
    for outlet in sorted(when):
        shared = next((g for g in groups if quotes[outlet] and g["quote"] in quotes[outlet]),
                      None)
        if shared is not None:
            shared["outlets"].append(outlet)
            continue
        quote = min(quotes[outlet]) if quotes[outlet] else None
        speaker = next((p.claim.subject for p in independent
                        if p.outlet == outlet and p.claim.subject), None) if quote else None
        groups.append({"outlets": [outlet], "quote": quote, "quoted_from": speaker})
    sources = [{"outlets": g["outlets"],
                "quoted_from": g["quoted_from"] if len(g["outlets"]) > 1 else None}
               for g in groups]
    return {
        "first": {"outlet": first_outlet, "article_id": first_article,
                  "published": None if first_date == dt.date.max else first_date.isoformat()},
        "repeated": [outlet for _, outlet, _ in order[1:]],
        "sources": sources,
    }


def _quotes(pieces: list[_Prepared]) -> set[tuple[str, ...]]:
    """The quotations an outlet's mentions carry, as folded word tuples."""
    out = set()
    for p in pieces:
        for match in _QUOTE_RE.finditer(p.claim.text):
            words = tuple(re.findall(r"[a-z0-9]+", _fold(match.group(1))))
            if len(words) >= MIN_QUOTE_WORDS:
                out.add(words)
    return out


def _clearest(members: list[_Prepared]) -> str:
    """The shortest mention that reads as a complete sentence; else the shortest
    whole sentence a mention was cut from."""
    ordered = sorted(members, key=lambda p: (p.outlet, p.claim.article_id, p.start))
    # a headline is shown only when no body sentence states the fact: headlines
    # drop articles and verbs ("Leaves Rehab, Checks Into Clinic")
    complete = ([p for p in ordered if _is_sentence(p.statement) and p.claim.part == "body"]
                or [p for p in ordered if _is_sentence(p.statement)])
    if complete:
        # a clause that kept its subject reads better than one that starts
        # mid-sentence ("emphasizing the need for ..."); a whole sentence best
        best = min(complete, key=lambda p: (not _has_subject(p), p.text != p.claim.text.strip(),
                                            len(p.statement)))
        return best.statement
    return ordered[0].statement or ordered[0].claim.text.strip()


def _has_subject(p: _Prepared) -> bool:
    return p.opens


def _is_sentence(text: str) -> bool:
    text = text.strip().strip("\"'\u201c\u201d")
    return (len(text.split()) >= 4 and (text[:1].isupper() or text[:1].isdigit())
            and text[-1:] in ".!?")


def value_partitions(members: list[_Prepared], clashing: set[str]) -> list[list[_Prepared]]:
    """The members of one aligned group split by the figure they give for a
    quantity whose figures clash between outlets (``clashing``: the nouns of
    :func:`~newsweave.corpus.facts.figures._number_clashes` of kind "number"):
    "a 30-day ceasefire" (two outlets) and "a 60-day ceasefire" (one) are two
    facts, each credited to its own outlets. Members that give no figure for it
    stay with the largest part; the largest part comes first. Figures that agree
    (:func:`number_difference`) share a part."""
    for noun in sorted(clashing):
        parts: list[tuple[Quantity, _Prepared, list[_Prepared]]] = []
        silent = []
        for p in members:
            q = next((q for q, n in p.quantities if _same_noun(n, noun)), None)
            if q is None:
                silent.append(p)
                continue
            home = next((part for first, owner, part in parts
                         if number_difference(_figure(first), _approx(first, owner.claim),
                                              _figure(q), _approx(q, p.claim)) != "number"),
                        None)
            if home is None:
                parts.append((q, p, [p]))
            else:
                home.append(p)
        if len(parts) > 1:
            groups = sorted((part for *_, part in parts),
                            key=lambda part: (-len({p.outlet for p in part}), -len(part)))
            groups[0].extend(silent)
            return [sorted(g, key=lambda p: (p.claim.article_id, p.start)) for g in groups]
    return [members]


def _strongest(certainties: Iterable[str]) -> Any:
    """The most certain of the given values; an unknown value ranks last."""
    return min(certainties, key=lambda c: (_CERTAINTY_ORDER.index(c)
                                           if c in _CERTAINTY_ORDER else len(_CERTAINTY_ORDER), c))


def _most_common(values: list[Any]) -> Any:
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _stable_id(kind: str, story_id: str, parts: list[str]) -> str:
    text = "\x1f".join([kind, story_id, *sorted(parts)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
