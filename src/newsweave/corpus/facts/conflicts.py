"""Conflicts within one fact: figures, dates, qualifiers, certainty and time scopes.

:func:`_fact_conflicts` takes one mention per outlet of a statement and reports
where they differ:

- the number clashes of :mod:`~newsweave.corpus.facts.figures`;
- a weekday or a year that dates the act differently (:func:`_date_conflict`);
- the same thing qualified differently ("unconditional" / "immediate 30-day";
  :func:`_modifier_conflict`);
- a hedge, a denial or a condition that one outlet adds
  (:func:`_certainty_conflict`);
- time scopes that differ (:func:`_text_conflict`, which the position conflicts
  use too).

Hedges and conditions are compared only between mentions worded alike
(:data:`CONFLICT_SIMILARITY`). Mentions of one statement that are quoted alike
are never in conflict (:func:`_said_alike`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping

from newsweave.corpus.facts.align import _stable_id
from newsweave.corpus.facts.clauses import _CERTAINTY_CUES, _Prepared
from newsweave.corpus.facts.figures import NumberClash, _number_conflicts, _side
from newsweave.corpus.facts.words import _NUMBER_WORDS, _fold, _weighted_dice, content_tokens
from newsweave.records import Conflict, ConflictSide, Fact
from newsweave.words import grouped_map, word_set

# Two mentions differ in hedging or conditions only when they otherwise say the
# same thing: a looser pair that merely shares a fact's topic would report the
# hedge of one statement against the plain wording of another.
CONFLICT_SIMILARITY = 0.5

# Certainties that say the same about an act for conflicts: attribution is how
# news states a fact, and an expectation is the fact told before it happened.
_PLAIN_CERTAINTY = {"reported": "asserted", "expected": "asserted"}

_SCOPE_RE = re.compile(
    r"\b(?:(?:this|next|last) (?:year|month|week)"
    r"|(?:over|within|for|in) (?:the next |the coming )?(?:\w+ )?(?:years?|months?|weeks?|days?)"
    r"|by (?:the end of )?(?:\w+ )?(?:19|20)\d\d)\b")
# who said it: "..., the harbour master said." / "Officials said that ..." / "according to X"
_ATTRIBUTION_RE = re.compile(
    r",\s*(?:[\w'\u2019.-]+\s+){1,5}(?:said|says|told\s+\w+|added|reported|stated)\s*[.!?]?\s*$"
    r"|^\s*(?:[\w'\u2019.-]+\s+){1,5}(?:said|says|told\s+\w+)\s+(?:that\s+)?"
    r"|,?\s*according to [^,.]*")
_DURATION_SCOPE_RE = re.compile(
    r"\b(?:over|within|for|in) (?:the next |the coming )?(?:\d+|a|an|several|a few|"
    + "|".join(_NUMBER_WORDS) + ") ")
_CONDITION_RE = re.compile(
    r"\b(?:if|unless|provided that|on condition that|as long as|only after|only if|"
    r"in exchange for|subject to)\b")

# Words that change what is claimed about a thing, not just describe it.
_QUALIFIERS = word_set("fact_qualifiers")
# Qualifiers that say the same thing ("all prisoners" / "a full exchange" / "every
# prisoner").
_SAME_QUALIFIER = grouped_map("same_qualifiers")
_DURATION_RE = re.compile(r"\d+-(?:day|week|month|year|hour|minute)s?")

# Words that put an act in the future, whatever the verb's tense.
_SCHEDULED_RE = re.compile(
    r"\b(?:will|would|shall|scheduled|planned|set to|due to|expected|to be|is to|are to"
    r"|upcoming|next (?:week|month|year))\b")


def _fact_conflicts(story_id: str, fact: Fact, by_outlet: list[_Prepared],
                    clashes: list[NumberClash], idf: Mapping[str, float]) -> list[Conflict]:
    """Where the outlets of one aligned group differ (``by_outlet``: one mention
    each, already known not to be said alike)."""
    conflicts = _number_conflicts(story_id, fact, clashes)
    date = _date_conflict(story_id, fact, by_outlet)
    if date is not None:
        conflicts.append(date)
    modifier = _modifier_conflict(story_id, fact, by_outlet)
    if modifier is not None and not conflicts:
        conflicts.append(modifier)
    close = _close_wording(by_outlet, idf)
    # hedges and conditions are compared only between mentions worded alike
    # (see CONFLICT_SIMILARITY); differing time scopes are like differing numbers
    certainty = _certainty_conflict(story_id, fact, by_outlet) if close else None
    if certainty is not None:
        conflicts.append(certainty)
    if certainty is None or certainty.kind != "condition":
        # a conditional mention already makes a condition conflict; one is enough
        scope = _text_conflict(story_id, fact.id, fact.statement,
                               [(p.outlet, p.claim.article_id, p.claim.start, p.claim.end,
                                 p.claim.text, f"{p.claim.id}@{p.start}") for p in by_outlet],
                               conditions=False)
        if scope is not None:
            conflicts.append(scope)
    return conflicts


# A weekday that dates an act: not one naming an event ("Sunday's final") nor the
# day something was said ("the mayor said Saturday").
_WEEKDAY_RE = re.compile(
    r"(?<!\bsaid )(?<!\bsays )(?<!\btold )(?<!\bsaid on )(?<!\bannounced )"
    r"\b(" + "|".join(calendar.day_name) + r")\b(?!\s*['\u2019]\s?s\b)")
# A year that dates an act ("in 2009", "since 2002"); not the first year of a span
# ("from 1974 to 1978") nor of a range ("1978-89").
_YEAR_RE = re.compile(r"\b(?:in|since|during)\s+((?:19|20)\d\d)\b(?!\s*[-\u2013])")


def _date_conflict(story_id: str, fact: Fact, by_outlet: list[_Prepared]) -> Conflict | None:
    """Outlets that date one statement differently: each sentence names one
    weekday ("voted on Wednesday" / "voted on Tuesday"), or one year after "in",
    "since" ("since 2002" / "since 2003"), and they are not all the same.

    A sentence naming two days is left out: which of them is the act's cannot be
    told from its words."""
    for pattern in (_WEEKDAY_RE, _YEAR_RE):
        named = [(p, found) for p in by_outlet
                 if len(found := _dates_named(p, pattern)) == 1
                 and (p.when is not None or not _other_day_named(pattern, p.claim.text))]
        values = {next(iter(found)) for _, found in named}
        if len(named) < 2 or len(values) < 2 or len({p.verb for p, _ in named}) > 1:
            # a date is of one act: "tweeted Tuesday" does not date "expressed
            # disbelief on Wednesday"
            continue
        order = sorted(values)
        sides = [_side(p, next(iter(found))) for p, found in named]
        for side in sides:
            side.camp = order.index(side.value)
        return Conflict(
            id=_stable_id("date", story_id, [p.claim.id for p, _ in named]),
            story_id=story_id, kind="date", topic=fact.statement, sides=sides,
            fact_id=fact.id)
    return None


def _dates_named(piece: _Prepared, pattern: re.Pattern[str]) -> set[str]:
    """The weekdays (or years) that date the piece's act: those the parse hung on
    its verb when the clause carries them, else those the sentence's words give."""
    if piece.when is not None:
        # the parse's weekdays are names, its years digits
        return {w for w in piece.when if w.isdigit() == (pattern is _YEAR_RE)}
    return {m.group(1) for m in pattern.finditer(piece.claim.text)}


def _other_day_named(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the sentence names a weekday or year the pattern does not take as the
    act's ("Sunday's final", "said Saturday"): then which day is the act's is unsure."""
    every = _ANY_WEEKDAY_RE if pattern is _WEEKDAY_RE else _ANY_YEAR_RE
    return len(every.findall(text)) > len(pattern.findall(text))


_ANY_WEEKDAY_RE = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b")
_ANY_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def _said_alike(by_outlet: list[_Prepared]) -> bool:
    """Every outlet's wording has the same content words once attribution is set
    aside ("..., he said", "according to X"): one statement quoted alike is never
    in conflict with itself."""
    words = {tuple(re.findall(r"[a-z0-9]+", _fold(_ATTRIBUTION_RE.sub(" ", p.claim.text))))
             for p in by_outlet}
    return len(words) == 1


def _modifier_conflict(story_id: str, fact: Fact, by_outlet: list[_Prepared]
                       ) -> Conflict | None:
    """Outlets that qualify the same thing differently: "an unconditional ceasefire"
    against "an immediate 30-day ceasefire". Only the qualifiers of
    :data:`_QUALIFIERS` (and "N-day"-style durations) count; descriptive
    adjectives ("strategic", "long-range") are wording, not disagreement."""
    phrases = [_qualified_words(p.text) for p in by_outlet]
    shared = set.intersection(*(set(ph) for ph in phrases))
    for word in sorted(shared):
        found = [ph[word] for ph in phrases]
        if len({frozenset(q) for q, _ in found}) > 1 and all(q for q, _ in found):
            return Conflict(
                id=_stable_id("qualifier:modifier", story_id,
                              [f"{p.claim.id}@{p.start}" for p in by_outlet] + [word]),
                story_id=story_id, kind="qualifier", topic=fact.statement,
                sides=[_side(p, phrase) for p, (_, phrase) in zip(by_outlet, found)],
                fact_id=fact.id)
    return None


def _qualified_words(text: str) -> dict[str, tuple[set[str], str]]:
    """``{content word: (qualifiers among the three words before it, the phrase)}``."""
    words = re.findall(r"[\w'-]+", _fold(text))
    out: dict[str, tuple[set[str], str]] = {}
    for k, word in enumerate(words):
        token = content_tokens(word)
        if len(token) != 1 or word in _QUALIFIERS or _DURATION_RE.fullmatch(word):
            continue
        before = words[max(0, k - 3):k]
        marked = [i for i, w in enumerate(before) if w in _QUALIFIERS or _DURATION_RE.fullmatch(w)]
        qualifiers = {_SAME_QUALIFIER.get(before[i], before[i]) for i in marked}
        start = min(marked, default=len(before))
        out.setdefault(next(iter(token)), (qualifiers, " ".join(before[start:] + [word])))
    return out


def _close_wording(by_outlet: list[_Prepared], idf: Mapping[str, float]) -> bool:
    """Every pair of outlets' mentions share at least :data:`CONFLICT_SIMILARITY`
    of their weighted words."""
    return all(_weighted_dice(a.tokens, b.tokens, idf) >= CONFLICT_SIMILARITY
               for k, a in enumerate(by_outlet) for b in by_outlet[k + 1:])


_QUOTE_MARK_RE = re.compile(r"[\"\u201c\u201d]")


def _certainty_conflict(story_id: str, fact: Fact, by_outlet: list[_Prepared],
                        ) -> Conflict | None:
    # attribution ("X said", "according to X") is how news states a fact; only
    # a hedge, an expectation, a condition or a denial makes a difference
    # an expectation and the report that it happened disagree on nothing: one
    # report was written before the event ("will be introduced" / "was introduced")
    certainties = {_PLAIN_CERTAINTY.get(p.certainty, p.certainty) for p in by_outlet}
    if len(certainties) < 2 or any(_QUOTE_MARK_RE.search(p.claim.text) for p in by_outlet):
        # a quotation's hedges and denials are the speaker's, however outlets frame it
        return None
    if "negated" in certainties and (len({p.negated for p in by_outlet}) < 2 or all(
            _CERTAINTY_CUES["negated"].search(_fold(p.claim.text)) for p in by_outlet)):
        # a denial is a difference only when one outlet's main verb is negated and
        # another's is not; "nothing happened", "the lone no vote" deny nothing,
        # and every outlet writing a negation in its sentence ("had not" / "said it
        # hadn't", or in a clause the parse did not make the main one) agrees
        return None
    if len({p.verb for p in by_outlet}) > 1:
        # a denial or a hedge is of one act: "did not publish the budget" does
        # not deny "approved the budget"
        return None
    hedges = certainties - {"asserted", "negated"}
    if hedges and all(_CERTAINTY_CUES[c].search(_fold(p.text)) for c in hedges
                      for p in by_outlet):
        # every outlet writes the hedge ("could affect" / "attackers could"): a
        # parse that hangs it on another verb makes no difference of certainty
        return None
    if "expected" in certainties and all(_SCHEDULED_RE.search(_fold(p.text))
                                         for p in by_outlet):
        # "will be sentenced on May 8" and "is scheduled to be sentenced on May 8"
        # state one expectation: a schedule stated as a fact is still one
        return None
    kind = "condition" if certainties & {"conditional", "hypothetical"} else "qualifier"
    return Conflict(
        id=_stable_id(kind + ":certainty", story_id, [p.claim.id for p in by_outlet]),
        story_id=story_id, kind=kind, topic=fact.statement,
        sides=[_side(p, p.certainty) for p in by_outlet],
        fact_id=fact.id)


def _text_conflict(story_id: str, fact_id: str | None, topic: str,
                   sides: list[tuple[str, str, int, int, str, str]], *,
                   conditions: bool = True) -> Conflict | None:
    """A condition conflict when outlets give different time scopes ("this year" /
    "over two years") or, if ``conditions``, only some attach a condition ("if", "unless")."""
    scopes = [_scope(text) for *_, text, _ in sides]
    conditions = [conditions and bool(_CONDITION_RE.search(text.lower()))
                  for *_, text, _ in sides]
    scoped = {s for s in scopes if s}
    # a time scope differs only when every side gives one, one is a counted span
    # ("over two years"; "in Week 16" names a week), and no scope is shared;
    # "this month" / "last week" are dates of telling
    parts = [set(s.split("; ")) for s in scopes]
    differ = (len(scoped) >= 2 and all(scopes)
              and any(_DURATION_SCOPE_RE.search(s) for s in scoped)
              and not set.intersection(*parts))
    if not differ and len(set(conditions)) < 2:
        return None
    return Conflict(
        id=_stable_id("condition", story_id, [side[-1] for side in sides]),
        story_id=story_id, kind="condition", topic=topic,
        sides=[ConflictSide(outlet=o, article_id=a, start=s, end=e, text=t,
                            value=scope or ("condition" if cond else ""))
               for (o, a, s, e, t, _), scope, cond in zip(sides, scopes, conditions)],
        fact_id=fact_id)


def _scope(text: str) -> str:
    found = _SCOPE_RE.findall(text.lower())
    return "; ".join(sorted(set(found)))
