"""Outlets that give one quantity differently: number and qualifier clashes.

Within one statement, each outlet's figures are matched with the other outlets'
figures for the same noun in the same slot (:func:`_number_clashes`). Two
figures are in different slots when something sets them apart: a part and a
whole, two outcomes, two time frames, two owners or two places
(:func:`_slots_apart`). Matched figures that do not agree
(:func:`~newsweave.corpus.facts.numbers.number_difference`) form a
:class:`NumberClash` of kind "number" or "qualifier".

The same figure qualified differently ("more than $1 million" / "$1 million")
is also looked for across statements and facts (:func:`qualifier_clashes`).
:func:`_number_conflicts` turns clashes into conflicts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import chain

from newsweave.corpus.facts.align import _stable_id
from newsweave.corpus.facts.clauses import _Prepared
from newsweave.corpus.facts.clock import CLOCK_UNIT
from newsweave.corpus.facts.numbers import (
    _approx,
    _compound_head,
    _figure,
    _frames_apart,
    _is_part,
    _is_score,
    _number_context,
    _occasions_apart,
    _outcome,
    _owner,
    _phase,
    _place_after,
    _quantity_noun,
    _same_noun,
    _text_after,
    _text_before,
    _time_frame,
    aged_person,
    hedge_words,
    number_difference,
    possessors_apart,
    record_threshold,
    required_figure,
    within_bound,
)
from newsweave.corpus.facts.words import _stem, content_tokens, slot_tokens
from newsweave.records import Claim, Conflict, ConflictSide, Fact, Quantity


def _side(p: _Prepared, value: str) -> ConflictSide:
    """One outlet's side of a conflict: the whole sentence, so the reader sees the
    wording in context, and ``value``, the part that differs."""
    return ConflictSide(outlet=p.outlet, article_id=p.claim.article_id, start=p.claim.start,
                        end=p.claim.end, text=p.claim.text, value=value)


def qualifier_clashes(pieces: list[_Prepared], compared: set[frozenset[str]],
                      shared: int = 1, shared_plain: int | None = None) -> list[NumberClash]:
    """One figure that outlets qualify differently anywhere among ``pieces`` (a fact,
    or a story), not only within one statement: "more than $1 million in damage"
    and "estimated damage of $1 million" are worded too differently to be one
    statement, yet the same figure of the same thing is one quantity. The words
    around the two figures must share ``shared`` stems (:func:`_surroundings`), and
    nothing may set the two apart (:func:`_slots_apart`). A plain figure and a
    hedged one need only ``shared_plain`` stems (default ``shared``): a precise
    figure and a bound or estimate of it are how outlets round one quantity,
    while two hedged figures ("around 50", "at least 50") are as often two vague
    counts of two things. Pairs of claims already compared (``compared``: pairs
    of claim ids) are not shown again."""
    buckets: dict[str, list[tuple[_Prepared, Quantity]]] = {}
    for p in pieces:
        if not p.compared:
            continue
        for q, noun in p.quantities:
            if noun and not noun.startswith("~"):
                buckets.setdefault(noun, []).append((p, q))
    clashes = []
    for noun, found in sorted(buckets.items()):
        found = sorted(found, key=lambda f: f[1].value)
        # each mention not yet placed anchors a group of the mentions that read
        # as the same quantity (a fact may hold one figure of two things)
        while len(found) > 1:
            group = _same_quantity(found, shared,
                                   shared if shared_plain is None else shared_plain)
            found = [f for f in found if f not in group]
            sides = list({p.outlet: (p, q) for p, q in reversed(group)}.values())[::-1]
            kinds = {"qualifier" if _bound_kept(p, q, o, r) else _difference(p, q, o, r)
                     for n, (p, q) in enumerate(sides) for o, r in sides[n + 1:]}
            new_pairs = any(frozenset((p.claim.id, o.claim.id)) not in compared
                            for n, (p, _) in enumerate(sides) for o, _ in sides[n + 1:])
            if len(sides) > 1 and "qualifier" in kinds and "number" not in kinds and new_pairs:
                clashes.append(NumberClash(noun=noun, kind="qualifier", sides=sides))
    return clashes


def clock_clashes(pieces: list[_Prepared], compared: set[frozenset[str]],
                  shared: int = 1) -> list[NumberClash]:
    """One moment timed differently in two statements of one fact ("a 911 caller
    reported the fire at 3:33 a.m." / "the fire call came in at 3:30 a.m."): the
    statements are worded too differently to be compared figure by figure, yet a
    fact holds few moments. The words around the two times must share ``shared``
    stems and nothing may set them apart (:func:`_slots_apart`); pairs of claims
    already compared within a statement (``compared``) are not shown again. Other
    figures are not compared this way: across statements, different figures of
    one noun are mostly different things (EVALUATION.md)."""
    found = [(p, q) for p in pieces if p.compared
             for q, noun in p.quantities if noun.startswith(CLOCK_UNIT)]
    clashes = []
    for k, (p, q) in enumerate(found):
        around = _surroundings(p, q)
        for o, qo in found[k + 1:]:
            if (o.outlet != p.outlet and frozenset((p.claim.id, o.claim.id)) not in compared
                    and q.unit == qo.unit and _difference(p, q, o, qo) == "number"
                    and not _slots_apart(p, q, o, qo)
                    and len(around & _surroundings(o, qo)) >= shared):
                clashes.append(NumberClash(noun=q.unit or "", kind="number",
                                           sides=[(p, q), (o, qo)]))
    return clashes


def _same_quantity(found: list[tuple[_Prepared, Quantity]], shared: int, shared_plain: int
                   ) -> list[tuple[_Prepared, Quantity]]:
    """The first mention of ``found`` and those that read as its quantity: another
    claim, nothing setting the two apart, ``shared`` stems around both
    (``shared_plain`` when exactly one of the two figures is hedged)."""
    anchor_p, anchor_q = found[0]
    around = _surroundings(anchor_p, anchor_q)
    anchor_hedged = bool(_approx(anchor_q, anchor_p.claim))

    def needed(p: _Prepared, q: Quantity) -> int:
        return shared_plain if anchor_hedged != bool(_approx(q, p.claim)) else shared

    return [(anchor_p, anchor_q)] + [
        (p, q) for p, q in found[1:]
        if p.claim.id != anchor_p.claim.id
        and (math.isclose(q.value, anchor_q.value) or _bound_kept(anchor_p, anchor_q, p, q))
        and not _slots_apart(anchor_p, anchor_q, p, q)
        and len(around & _surroundings(p, q)) >= needed(p, q)]


def _bound_kept(p: _Prepared, q: Quantity, other: _Prepared, qo: Quantity) -> bool:
    """Whether one figure is plain and the other a close bound it keeps
    (:func:`~newsweave.corpus.facts.numbers.within_bound`)."""
    return within_bound(_figure(q), _approx(q, p.claim), _figure(qo), _approx(qo, other.claim))


_AROUND_BEFORE, _AROUND_AFTER = 8, 6


def _pairs(clash: NumberClash) -> set[frozenset[str]]:
    """The pairs of claim ids a clash sets side by side."""
    return {frozenset((a.claim.id, b.claim.id)) for a, _ in clash.sides for b, _ in clash.sides}


def _surroundings(p: _Prepared, q: Quantity) -> frozenset[str]:
    """The content stems around a figure (a few words either side), its own noun
    and other figures aside, what the people it counts underwent
    (:func:`_outcome`) and its owner (:func:`_owner`, the first name of its
    clause): what two mentions of one quantity share beyond it ("estimated ...
    damage" around "$1 million")."""
    # the hedge the figure's own text opens with is among the words before it
    # ("an estimated $1 million" / "estimates damages at more than $1 million")
    before = re.findall(r"[\w'\u2019-]+",
                        _text_before(q, p.claim) + " " + hedge_words(q))[-_AROUND_BEFORE:]
    after = re.findall(r"[\w'\u2019-]+", _text_after(q, p.claim))[:_AROUND_AFTER]
    noun = _stem(_quantity_noun(q, p.claim))
    words = {t for t in slot_tokens(" ".join(before + after))
             if not t[0].isdigit() and t != noun}
    outcome = _outcome(q, p.claim)
    # "killing at least seven" / "seven were killed": one outcome, worded two ways
    # ... and "Ilves faced more than 50 charges" / "Ilves ... on each of 54 charges":
    # one owner, however far back in the clause it is named
    owner = {"owner:" + name for name in _owner(q, p.claim)}
    return frozenset(words | owner | ({"outcome:" + outcome} if outcome else set()))


@dataclass(slots=True)
class NumberClash:
    """One quantity that outlets give differently: the thing counted, how they
    differ ("number" or "qualifier") and each outlet's mention and figure."""

    noun: str
    kind: str
    sides: list[tuple[_Prepared, Quantity]]


def _number_clashes(by_outlet: list[_Prepared]) -> list[NumberClash]:
    """Outlets that give one quantity differently: the same thing counted
    (:func:`_same_noun`) in the same slot (:func:`_same_slot`), with values or
    qualifiers that do not agree (:func:`number_difference`)."""
    clashes = []
    used: set[tuple[str, int]] = set()
    for k, p in enumerate(by_outlet):
        for q, noun in p.quantities:
            if (p.claim.id, q.start) in used:
                continue
            sides = [(p, q)]
            for other in by_outlet[k + 1:]:
                same_noun = [qo for qo, no in other.quantities
                             if (other.claim.id, qo.start) not in used and _same_noun(noun, no)]
                # an outlet that also gives this very figure agrees on it, whatever
                # other figures of the noun it lists ("one count of X and three of Y")
                match = _counterpart(p, q, other, same_noun)
                if match is not None and _given_by(p, q, other, match):
                    # the other outlet's figure is one this outlet also gives
                    # ("11 seasons ... and for seven" / "seven seasons"): it agrees
                    # there, and is not set against this outlet's other figure
                    match = None
                # a side joins only where it shares the slot of (or agrees with) every
                # side already in: Ilves's eight and Baro's nine never clash, whatever
                # an unnamed "nine" they both may match
                if match is not None and all(
                        _agrees(s, sq, other, match) or not _slots_apart(s, sq, other, match)
                        for s, sq in sides[1:]) and not any(
                        _two_occasions(s, other) for s, _ in sides):
                    sides.append((other, match))
            if len(sides) < 2:
                continue
            used.update((s.claim.id, sq.start) for s, sq in sides)
            kinds = _differences(sides)
            kind = "number" if "number" in kinds else ("qualifier" if "qualifier" in kinds
                                                       else None)
            if kind is not None:
                clashes.append(NumberClash(noun=noun, kind=kind, sides=sides))
    return clashes


def _given_by(p: _Prepared, q: Quantity, other: _Prepared, match: Quantity) -> bool:
    """Whether ``p`` gives, besides ``q``, a figure of the same noun that agrees with
    ``match`` in ``match``'s slot."""
    noun = _quantity_noun(q, p.claim)
    return any(x is not q and _same_noun(n, noun) and _agrees(p, x, other, match)
               and not _slots_apart(p, x, other, match) for x, n in p.quantities)


# figures of this many things, all different, make two occasions (two games' lines)
_OCCASION_NOUNS = 2


def _two_occasions(a: _Prepared, b: _Prepared) -> bool:
    """Whether two statements give figures of several things in the same slots
    and every one of them differs ("25 points and 16 rebounds" / "22 points and
    nine rebounds"): two games or two days told alike, not one misreported. One
    figure in common is enough to make them one occasion."""
    matched = [(q, n, qo) for q, n in a.quantities for qo, no in b.quantities
               if _same_noun(n, no) and _same_slot(a, q, b, qo)]
    # one figure read twice (a quantity and a clock time) is one figure
    spans = sorted({(q.start, q.end) for q, _, _ in matched})
    apart = [s for k, s in enumerate(spans) if all(s[0] >= e for _, e in spans[:k])]
    nouns = {n for q, n, _ in matched if (q.start, q.end) in apart}
    return len(nouns) >= _OCCASION_NOUNS and all(
        _difference(a, q, b, qo) == "number" for q, _, qo in matched)


def _counterpart(p: _Prepared, q: Quantity, other: _Prepared,
                 same_noun: list[Quantity]) -> Quantity | None:
    """The figure of ``other`` that gives what ``q`` gives, among its figures of the
    same noun: one agreeing in the same slot, else one agreeing with the same words
    after it ("three counts of homicide" in both), else one in the same slot, else
    one agreeing at all (an outlet that gives this very figure does not disagree)."""
    agreeing = [qo for qo in same_noun if _agrees(p, q, other, qo)]
    slotted = [qo for qo in same_noun if _same_slot(p, q, other, qo)]
    return next(chain(
        (qo for qo in agreeing if qo in slotted),
        (qo for qo in agreeing if _same_complement(p.claim, q, other.claim, qo)),
        slotted, agreeing), None)


_COMPLEMENT_WORDS = 5


def _same_complement(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """Whether the words right after two figures share a content word: "three
    counts of vehicular homicide" in both outlets is one count, whatever other
    counts either lists."""
    def after(q: Quantity, claim: Claim) -> frozenset[str]:
        words = re.findall(r"[\w'\u2019-]+", _text_after(q, claim))[:_COMPLEMENT_WORDS]
        return frozenset(t for t in slot_tokens(" ".join(words)) if not t[0].isdigit())
    return bool(after(qa, a) & after(qb, b))


def _difference(p: _Prepared, q: Quantity, other: _Prepared, qo: Quantity) -> str | None:
    """How two outlets' figures differ (:func:`number_difference`, qualifiers read
    from each claim)."""
    return number_difference(_figure(q), _approx(q, p.claim), _figure(qo),
                             _approx(qo, other.claim))


def _differences(sides: list[tuple[_Prepared, Quantity]]) -> set[str | None]:
    """How the figures of every pair of ``sides`` differ."""
    return {_difference(p, q, o, r) for n, (p, q) in enumerate(sides) for o, r in sides[n + 1:]}


def _agrees(p: _Prepared, q: Quantity, other: _Prepared, qo: Quantity) -> bool:
    """Whether two outlets' figures agree (:func:`number_difference` finds none)."""
    return _difference(p, q, other, qo) is None


def _number_conflicts(story_id: str, fact: Fact, clashes: list[NumberClash]) -> list[Conflict]:
    conflicts = []
    for c in clashes:
        sides = [_side(s, sq.text) for s, sq in c.sides]
        for side, camp in zip(sides, _camps(c.sides)):
            side.camp = camp
        conflicts.append(Conflict(
            id=_stable_id(c.kind, story_id, [s.claim.id for s, _ in c.sides] + [c.noun]),
            story_id=story_id, kind=c.kind, topic=c.noun or fact.statement,
            sides=sides, fact_id=fact.id))
    return conflicts


def _camps(sides: list[tuple[_Prepared, Quantity]]) -> list[int]:
    """For each side, the first earlier camp whose every figure it agrees with:
    "about 7" and "around 7" are one camp against "7:01". A range that covers two
    figures ("shortly after 3:30" covers 3:30 and 3:33) joins the first, and the
    other figure keeps its own camp: 3:33 and 3:30 still disagree."""
    camps: list[int] = []
    for k, (p, q) in enumerate(sides):
        camps.append(next((camp for camp in dict.fromkeys(camps)
                           if all(_agrees(p, q, *sides[j]) for j in range(k)
                                  if camps[j] == camp)), k))
    return camps


def _same_slot(a: _Prepared, qa: Quantity, b: _Prepared, qb: Quantity) -> bool:
    """Whether two numbers of one noun fill the same slot: nothing sets them apart
    (:func:`_slots_apart`), and when either piece holds several numbers of that
    noun, their neighbouring words agree ("launched 40" / "intercepted 30" are two
    slots)."""
    if _slots_apart(a, qa, b, qb):
        return False
    if aged_person(qa, a.claim) & aged_person(qb, b.claim):
        # two ages of one named person fill one slot, however many ages are told
        return True
    near_a, near_b = _number_context(a.claim, qa)[0], _number_context(b.claim, qb)[0]
    noun = _quantity_noun(qa, a.claim)
    crowded = _rivals(a, qa, noun) > 1 or _rivals(b, qb, noun) > 1
    return not crowded or bool(near_a & near_b)


def _rivals(p: _Prepared, q: Quantity, noun: str) -> int:
    """How many figures of ``noun`` in ``p`` could fill the slot of ``q``: a part
    ("of which four were shot down") cannot fill a whole's, nor a whole a part's."""
    part = _is_part(q, p.claim)
    return sum(_same_noun(n, noun) and _is_part(x, p.claim) == part for x, n in p.quantities)


def _slots_apart(a: _Prepared, qa: Quantity, b: _Prepared, qb: Quantity) -> bool:
    """Whether something shows two numbers of one noun fill two slots: a part and a
    whole, two outcomes, two time frames, two things described, two people or
    places named next to them (who scored, whose sum)."""
    if _is_part(qa, a.claim) != _is_part(qb, b.claim):
        # "including $281 million in cash" is a part of the deal, not its price
        return True
    aged_a, aged_b = aged_person(qa, a.claim), aged_person(qb, b.claim)
    if aged_a and aged_b and not aged_a & aged_b:
        # "61-year-old Edda Morn" / "24-year-old Tom Aske": two people's ages
        return True
    if record_threshold(qa, a.claim) != record_threshold(qb, b.claim):
        # "the first time a team rushed for over 350 yards and lost" / "352 yards
        # rushing": a record's threshold and the figure that met it
        return True
    if required_figure(qa, a.claim) != required_figure(qb, b.claim):
        # "needed nine points to pass Ford" / "posting 20 points": what it took
        # and what was done
        return True
    if _is_score(qa) != _is_score(qb):
        # "a 10-8 round" is a judge's score, not ten rounds
        return True
    phase_a, phase_b = _phase(qa, a.claim), _phase(qb, b.claim)
    if phase_a and phase_b and phase_a != phase_b:
        # "voting began at 8:00" / "booths closed at 6:00 p.m.": a start and an end
        return True
    if _occasions_apart(qa, a.claim, qb, b.claim):
        # "the first quake struck 135 km away" / "the quake struck 75 km away"
        return True
    outcome_a, outcome_b = _outcome(qa, a.claim), _outcome(qb, b.claim)
    if outcome_a and outcome_b and outcome_a != outcome_b:
        # "killing at least three" / "injuring at least five": two tolls
        return True
    near_a, names_a, wide_a = _number_context(a.claim, qa)
    near_b, names_b, wide_b = _number_context(b.claim, qb)
    if names_a and names_b and not names_a & names_b:
        return True
    if possessors_apart(qa, a.claim, qb, b.claim):
        # "Aske's record of 4,051 yards" / "Dolan set the record with 4,183 yards"
        return True
    place_a, place_b = _place_after(qa, a.claim), _place_after(qb, b.claim)
    if place_a and place_b and not place_a & place_b:
        # "300 houses in Veskaria" / "10 houses in Tarvel": a province's count and a town's
        return True
    if _frames_apart(_time_frame(qa, a.claim), _time_frame(qb, b.claim)):
        # "five killed on Wednesday" / "seven lost so far": a day's count and a total
        return True
    head_a, head_b = _compound_head(qa, a.claim), _compound_head(qb, b.claim)
    if head_a and head_b and head_a != head_b:
        # "a four-time all-star" / "a five-time defensive honoree": two honours
        return True
    owner_a, owner_b = _owner(qa, a.claim), _owner(qb, b.claim)
    if (owner_a and owner_b and not owner_a & content_tokens(b.claim.text)
            and not owner_b & content_tokens(a.claim.text)):
        # "Ilves finished with 16 points" / "Baro finished with 20 points": each
        # clause's figure belongs to the person it names, and neither outlet's
        # sentence names the other's ("Halvane said Veskaria wants" names both)
        return True
    if owner_a & owner_b:
        # one owner ("Ilves ... 54 charges" / "Ilves faced more than 50 charges"):
        # another name in one clause (the judge who sentenced him) is no second slot
        return False
    # other names earlier in the clause and other words next to the figure:
    # "Republicans are on track to hold 240" / "Democrats have lost 60"
    return bool(wide_a and wide_b and not wide_a & wide_b and not near_a & near_b)
