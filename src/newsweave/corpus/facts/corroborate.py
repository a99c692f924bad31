"""Align claims across outlets into facts, count corroboration, find conflicts.

Claims of one story that state the same thing become one :class:`Fact`. A
claim is a sentence, and a sentence often states several facts, so claims are
first cut into clauses (:func:`split_clauses`: parentheticals after the
subject, participial and contrastive clauses, items of a list of demands).
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
worded alike, see :data:`CONFLICT_SIMILARITY`), and one party's demand that
another party rejects.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.corpus.facts.clock import clock_times
from newsweave.corpus.facts.samefact import (
    FEATURES,
    SameFactModel,
    StoryContext,
    centrality,
    language_weight,
    pair_features,
)
from newsweave.extract.quantities import VAGUE_COUNTS
from newsweave.records import (
    Certainty,
    Claim,
    Conflict,
    ConflictSide,
    Event,
    Fact,
    FactMention,
    Position,
    Quantity,
)
from newsweave.words import grouped_map, number_map, word_map, word_set

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
# A word at least this rare in English (Zipf frequency 4.5 or lower, see
# samefact.language_weight) makes two pieces worth comparing.
_RARE_ENOUGH = 2.5
# ... and so does a word at most this many of the story's pieces (or a tenth) use.
_FEW_PIECES = 8
# ... but not one that more pieces than this use (a name repeated all through a story).
_MAX_POSTING = 400
# Pieces of one report may share a fact (a lead restated later), in reports of
# at most this many pieces.
MAX_ARTICLE_PIECES = 150
# Objects of one party's positions merge when half their content words match (Dice).
POSITION_THRESHOLD = 0.5
# A rejection is usually worded more broadly than the demand it answers ("any
# unconditional truce" against "an immediate 30-day ceasefire"), so opposing
# positions match when half the rejected object's words are in the proposal.
OPPOSITION_THRESHOLD = 0.5
UNKNOWN_OUTLET = "unknown"
# A clause needs this many content words to state a fact on its own.
MIN_CLAUSE_WORDS = 3
# A parenthetical (", led by X,") is taken as one only after a subject this short.
MAX_SUBJECT_WORDS = 8
# Longer pieces are clauses, not list items: the list split is not applied.
MAX_ITEM_WORDS = 12
# Two mentions differ in hedging or conditions only when they otherwise say the
# same thing: a looser pair that merely shares a fact's topic would report the
# hedge of one statement against the plain wording of another.
CONFLICT_SIMILARITY = 0.5
_STEM = 5

# Certainties that say the same about an act for conflicts: attribution is how
# news states a fact, and an expectation is the fact told before it happened.
_PLAIN_CERTAINTY = {"reported": "asserted", "expected": "asserted"}
# Certainty from strongest to weakest; a fact takes the strongest of its mentions.
_CERTAINTY_ORDER: tuple[Certainty, ...] = (
    "asserted", "reported", "expected", "conditional", "hypothetical", "negated")
_PROPOSING = frozenset({"demands", "offers", "supports"})
_REJECTING = frozenset({"REJECT"})
_PROPOSING_EVENTS = frozenset({"REQUEST", "AGREE", "SUPPORT", "CONCEDE"})

# Frequent paraphrases in news copy, mapped to one word before stemming.
_SYNONYMS = grouped_map("synonyms")
# Number words read as figures: up to twelve, and the tens; the teens stay words
# (as they were before the number lists were merged).
_NUMBER_WORDS = {word: str(value) for word, value in number_map("number_words").items()
                 if value <= 12 or value % 10 == 0}
_STOP_WORDS = (ENGLISH_STOP_WORDS | word_set("claim_stop_words")) - set(_NUMBER_WORDS)
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})

# Qualifiers on a number, normalised to one word each.
_APPROX_WORDS = list(word_map("approximations").items())
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
_CONDITION_SPLIT_RE = re.compile(
    r"\b(?:before|until|unless|if|while|without|as long as|in exchange for|provided|"
    r"on condition|subject to)\b")
_REQUEST_WRAPPER_RE = re.compile(
    r"^.*?\b(?:demands?|calls?|requests?|proposals?|plans?|push|bid|offers?)\s+(?:for|of)\s+")
_STATE_ID_RE = re.compile(r"(?:state|gov):([A-Z]{3})")
_CLAUSE_BREAK_RE = re.compile(
    r"\s*;\s*|\s*[\u2013\u2014]\s*|\s+--?\s+"
    r"|,\s+(?=(?:while|whereas|but|though|although|even though)\b)"
    r"|,\s+(?!(?:including|according|during|following|regarding|concerning)\b)(?=[a-z]+ing\b)"
    r"|,\s+and\s+(?=[A-Z])"
    r"|,\s+(?=(?:which|who|whom|whose|where)\b)")
_PARENTHETICAL_RE = re.compile(
    r",\s+(?=(?:(?:led|headed|hosted|mediated|backed|chaired|facilitated|brokered|run|"
    r"organi[sz]ed|accompanied)\b|(?:who|which)\b|[a-z]+ing\b))")
# Words that change what is claimed about a thing, not just describe it.
_QUALIFIERS = word_set("fact_qualifiers")
# Qualifiers that say the same thing ("all prisoners" / "a full exchange" / "every
# prisoner").
_SAME_QUALIFIER = grouped_map("same_qualifiers")
_DURATION_RE = re.compile(r"\d+-(?:day|week|month|year|hour|minute)s?")
_CAPITALISED_RE = re.compile(r"\b[A-Z][\w'\u2019-]*")
# What introduces a list of demands or items: a verb of asking, wanting or including.
_LIST_LEAD_RE = re.compile(
    r"\b(?:(?:push|pushing|pushes|press|pressing|presses|ask|asking|asks|asked|call|calls|"
    r"calling|called|need|needs|plea|appeal|appealed|hope|hoping|hopes|bid|wish)\s+for"
    r"|demands?|demanding|demanded|includ(?:e|es|ed|ing)|wants?|wanted|seeks?|sought|"
    r"insists?\s+on|insisted\s+on|insisting\s+on|offers?|offered|offering|proposes?|"
    r"proposed|proposing)\s+")
_LIST_WORDS = word_set("list_words")
_CERTAINTY_CUES = {
    "reported": re.compile(r"\b(?:reportedly|allegedly|according to|reported|claimed|claims)\b"),
    "expected": re.compile(r"\b(?:expected|expects|likely|set to|plans?|due to|will)\b"),
    "conditional": re.compile(r"\b(?:if|unless|provided|on condition|as long as)\b"),
    "hypothetical": re.compile(r"\b(?:may|might|could|would|possibly|perhaps)\b"),
    "negated": re.compile(r"\b(?:not|no|never|denied|denies|without)\b|n't"),
}
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|percent\b|per cent\b)?")
# Words that put an act in the future, whatever the verb's tense.
_SCHEDULED_RE = re.compile(
    r"\b(?:will|would|shall|scheduled|planned|set to|due to|expected|to be|is to|are to"
    r"|upcoming|next (?:week|month|year))\b")


@dataclass(slots=True)
class _Prepared:
    """A clause with what the comparison needs, computed once."""

    claim: Claim
    outlet: str
    copy: bool
    tokens: frozenset[str]
    quantities: list[tuple[Quantity, str]]
    start: int = 0
    end: int = 0
    text: str = ""
    certainty: str = "asserted"
    events: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    statement: str = ""
    head: str = ""
    opens: bool = True
    # the content stems in order, each stem's rarity in English (which pieces
    # are compared), and what the learned decision reads (corpus.facts.samefact)
    stems: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    verb: str = ""
    negated: bool = False
    rank: int = 0

    @property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        return frozenset(zip(self.stems, self.stems[1:]))

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(s for s in self.stems if s[0].isdigit())

    @property
    def length(self) -> int:
        return len(self.stems)


def content_tokens(text: str) -> frozenset[str]:
    """Content-word stems of ``text``: the unit of lexical comparison.

    Lower-case words without stop words, paraphrases mapped to one word
    (led/headed, truce/ceasefire, swap/exchange, ...), then a plural "s" dropped
    and the word cut to its first five letters, so that inflections and
    spellings meet ("defense"/"defence", "year"/"years").
    Numbers lose their thousands separators and small number words become digits.
    """
    return _tokens(text, _STEM)


@lru_cache(maxsize=1 << 16)
def _tokens(text: str, cut: int | None) -> frozenset[str]:
    """:func:`content_tokens`, with words cut to ``cut`` letters (None: only the
    plural "s" is dropped). Cached: the stages ask again for the same clauses,
    objects and single words."""
    return frozenset(stem for stem, _ in _words(text, cut))


def _words(text: str, cut: int | None = _STEM) -> list[tuple[str, str | None]]:
    """``(stem, word)`` for each content word of ``text`` in order: the unit of
    :func:`content_tokens`. ``word`` is the word as written (lower case, no
    accents) for a word, None for a number."""
    folded = _fold(text).replace("%", " percent ").replace("per cent", "percent")
    folded = re.sub(r"'s\b", "", re.sub(r"cease-fire", "ceasefire", folded))
    out: list[tuple[str, str | None]] = []
    for word in _TOKEN_RE.findall(folded):
        if word[0].isdigit():
            out.append((_plain_number(word), None))
        elif word in _NUMBER_WORDS:
            out.append((_NUMBER_WORDS[word], None))
        elif word not in _STOP_WORDS:
            out.append((_stem(_SYNONYMS.get(word, word), cut), word))
    return out


def corroborate_story(story_id: str, claims: Sequence[Claim], positions: Sequence[Position],
                      article_outlets: Mapping[str, str], duplicates: Mapping[str, str],
                      events: Sequence[Event] = (), *, model: SameFactModel | None = None,
                      published: Mapping[str, dt.date | None] | None = None,
                      ) -> tuple[list[Fact], list[Conflict]]:
    """Align one story's claims into facts and find where outlets disagree.

    A claim is a whole sentence, and one sentence may state several facts: each
    claim is cut into its independent clauses and the items of its lists of
    demands (:func:`_clause_pieces`), and those are aligned. Two pieces of
    different articles join when the same-fact decision
    (:mod:`newsweave.corpus.facts.samefact`) says they state one fact; groups form
    by average linkage over those decisions. A fact's mentions are piece spans.

    Args:
        story_id: the story the claims belong to.
        claims: every claim of the story's articles, copies included.
        positions: every position of the story's articles.
        article_outlets: ``{article_id: outlet}``.
        duplicates: ``{copy_article_id: original_article_id}`` from dedupe.
        events: the story's coded events; each clause takes the event types
            whose trigger it holds.
        published: ``{article_id: publication date}``, for who reported first.
        model: a learned same-fact decision to use instead of the word-and-evidence
            score (:mod:`newsweave.corpus.facts.samefact`; see EVALUATION.md for why
            it is not the default).

    Returns:
        Facts, most important first, and conflicts: number, qualifier, date
        and condition conflicts within facts, then position conflicts.
    """
    prepared = prepare_story(claims, article_outlets, duplicates, events)
    groups, statements = _align_claims(prepared, model)
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
            by_outlet = _one_per_outlet([p for p in statement
                                         if not p.copy and p.claim.part == "body"])
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
        within |= {frozenset((a.claim.id, b.claim.id)) for a in members for b in members}
    # ... and in two facts of the story: less alike, so two words around it must agree
    for clash in qualifier_clashes(prepared, within, shared=STORY_SHARED_WORDS):
        anchor = clash.sides[0][0]
        fact = fact_of.get((anchor.claim.id, anchor.start))
        if fact is not None:
            conflicts.extend(_number_conflicts(story_id, fact, [clash]))
    clusters = _position_clusters(positions, article_outlets, duplicates)
    conflicts.extend(_position_scope_conflicts(story_id, clusters))
    conflicts.extend(_opposition_conflicts(story_id, clusters, _idf(
        [_tokens(_core_object(p.object), None) for p in positions])))
    facts.sort(key=lambda f: (-f.importance, -len(f.mentions), f.id))
    return facts, conflicts


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


def merge_positions(positions: Sequence[Position], article_outlets: Mapping[str, str], *,
                    duplicates: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The "who wants what" table: one row per party, stance and object.

    Positions of one party and stance whose objects share at least half their
    content words (Dice coefficient over :func:`content_tokens`) merge into one row.

    Args:
        positions: the story's positions.
        article_outlets: ``{article_id: outlet}``.
        duplicates: ``{copy_id: original_id}``; copies are evidence but do not
            add to ``corroboration``.

    Returns:
        Rows with ``party``, ``stance``, ``object`` (the shortest wording),
        ``objects`` (every wording), ``outlets``, ``corroboration``,
        ``certainty``, ``position_ids`` and ``evidence`` (position id, article
        id, outlet, start, end, text), sorted by party, stance and object.
    """
    clusters = _position_clusters(positions, article_outlets, duplicates or {})
    return [_position_row(cluster, article_outlets, duplicates or {}) for cluster in clusters]


# -- claims -> facts ---------------------------------------------------------------

def split_clauses(text: str) -> list[tuple[int, int, str]]:
    """Cut a sentence into the clauses that can each state a fact.

    Breaks at semicolons and dashes, before "while/but/though/whereas" and
    participial clauses (", urging both sides ..."), before ", and" + a
    capitalised word (a second main clause with its own subject), and around
    parenthetical phrases after a subject (", led by X," / ", who said ...,"),
    where the subject is kept with the parenthetical. Conditions ("if",
    "unless", "before") stay with their clause so that a condition one outlet
    adds is seen. Pieces with fewer than :data:`MIN_CLAUSE_WORDS` content
    words stay joined to their neighbour.

    Returns:
        ``(start, end, subject)`` per clause, offsets into ``text``;
        ``subject`` is the sentence's subject words when the clause follows a
        parenthetical and lost them, else "".
    """
    cuts: list[tuple[int, int, str]] = []  # (cut at, resume at, subject carried)
    openers = set()
    for match in _PARENTHETICAL_RE.finditer(text):
        # only right after a short subject ("Ukraine's delegation, led by X,");
        # later in the sentence ", urging ..." ends a clause instead
        if len(text[:match.start()].split()) > MAX_SUBJECT_WORDS:
            break
        close = _closing_comma(text, match.end())
        if close is None:
            continue
        # the subject stays with its parenthetical; the clause after it gets
        # the subject's words back
        openers.add(match.start())
        cuts.append((close.start(), close.end(), text[:match.start()]))
    for match in _CLAUSE_BREAK_RE.finditer(text):
        if match.start() not in openers:
            cuts.append((match.start(), match.end(), ""))
    cuts.sort()
    pieces: list[tuple[int, int, str]] = []
    begin, carried = 0, ""
    for cut, resume, subject in cuts:
        if cut <= begin:
            continue
        pieces.append((begin, cut, carried))
        begin, carried = resume, subject
    pieces.append((begin, len(text), carried))
    merged: list[tuple[int, int, str]] = []
    for start, end, subject in pieces:
        small = len(content_tokens(text[start:end])) < MIN_CLAUSE_WORDS
        if merged and (small or len(content_tokens(text[merged[-1][0]:merged[-1][1]]))
                       < MIN_CLAUSE_WORDS):
            merged[-1] = (merged[-1][0], end, merged[-1][2])
        else:
            merged.append((start, end, subject))
    clauses = []
    for start, end, subject in merged:
        if text[start:end].strip():
            clauses.extend(_list_items(text, start, end, subject))
    return clauses


def _list_items(text: str, start: int, end: int, subject: str) -> list[tuple[int, int, str]]:
    """Split "X is pushing for A, B, and C" into one piece per item, each carrying
    "X is pushing for": each demand or offer of a list is a fact of its own.
    Only lists after a lead-in ("for", "demand", "include", ...) are split (the
    last lead-in that opens a list), and only into items of at most
    :data:`MAX_ITEM_WORDS` words; an item starting "including" or "such as"
    stays with the one before."""
    clause = text[start:end]
    for lead in reversed(list(_LIST_LEAD_RE.finditer(clause))):
        items = _items_after(clause, lead.end())
        if items:
            context = f"{subject} {clause[:lead.end()]}".strip()
            return [(start + a, start + b, context) for a, b in items]
    return [(start, end, subject)]


def _items_after(clause: str, begin: int) -> list[tuple[int, int]]:
    """The items of a list "A, B and C" running from ``begin`` to the clause's end,
    or [] when what follows is no such list."""
    tail = clause[begin:]
    commas = [m for m in re.finditer(r",\s+(?:and\s+|or\s+)?", tail)]
    # "A, B and C" / "A and the B": the last item may follow a bare "and"
    # (after a comma any word; without one only a determiner, so that "Tu-95
    # and Tu-22M3 aircraft" stays one item)
    last_start = commas[-1].end() if commas else 0
    last = re.search(r"\s+and\s+" + ("" if commas else r"(?=(?:the|a|an|its|their|all)\b)"),
                     tail[last_start:])
    if last is not None and not (commas and commas[-1].group().strip(", ")):
        commas.append(re.compile(r"\s+and\s+").match(tail, last_start + last.start()))
    if not commas:
        return []
    bounds = [0] + [m.end() for m in commas]
    items: list[tuple[int, int]] = []
    joiners: list[str] = []  # the separator before each item after the first
    for k, first in enumerate(bounds):
        stop = commas[k].start() if k < len(commas) else len(tail)
        piece = tail[first:stop]
        if items and re.match(r"(?:including|such as|notably|especially)\b", piece):
            items[-1] = (items[-1][0], stop)
        else:
            if items:
                joiners.append(commas[k - 1].group())
            items.append((first, stop))
    # a list ends in "and" or "or"; "X, which ..." is no list
    if not joiners or not re.search(r"\b(?:and|or)\b", joiners[-1]):
        return []
    if len(items) < 2 or any(len(tail[a:b].split()) > MAX_ITEM_WORDS for a, b in items):
        return []
    return [(begin + a, begin + b) for a, b in items]


def _closing_comma(text: str, after: int) -> re.Match[str] | None:
    """The comma that ends a parenthetical: the first one followed by a lower-case
    word that does not continue a list ("..., led by X, is pushing for")."""
    for match in re.finditer(r",\s+", text[after:]):
        following = re.match(r"[a-z]+", text[after + match.end():])
        if following and following.group() not in _LIST_WORDS:
            return re.compile(r",\s+").match(text, after + match.start())
    return None


def _clause_pieces(claim: Claim) -> list[tuple[int, int, str, str, bool, tuple[int, int]]]:
    """``(start, end, carried context, verb, negated, shown)`` of each piece of a
    claim that is aligned, offsets into the claim text.

    Pieces are cut finely for matching (:func:`split_clauses`: parentheticals,
    participial and relative clauses, list items), because two outlets share a
    fact in a part of a sentence more often than in a whole one. What is shown
    (``shown``) must read alone: the independent clause from the parse that holds
    the piece (:mod:`newsweave.extract.propositions`), or the whole sentence when
    the claim was stored without clauses; a list item is shown with its lead-in
    ("X is pushing for" + the item).
    """
    clauses = [(max(0, s - claim.start), max(0, e - claim.start), str(verb), bool(neg))
               for s, e, verb, neg in claim.clauses] or [(0, len(claim.text), "", False)]
    pieces = []
    for start, end, context in split_clauses(claim.text):
        home = next((c for c in clauses if c[0] <= start < c[1]), clauses[0])
        shown = (start, end) if context and not _is_subject_carry(context) else (
            home[0], home[1])
        pieces.append((start, end, context, home[2], home[3], shown))
    return pieces


def _is_subject_carry(context: str) -> bool:
    """Whether ``context`` is a subject carried over a parenthetical (the piece is
    then a fragment of its clause), not the lead-in of a list item."""
    return not _LIST_LEAD_RE.search(context[-30:] + " ")


def _prepare_units(claim: Claim, outlets: Mapping[str, str], duplicates: Mapping[str, str],
                   triggers: Mapping[tuple[str, int], list[tuple[str, str]]], rank: int = 0,
                   ) -> list[_Prepared]:
    outlet = outlets.get(claim.article_id) or UNKNOWN_OUTLET
    pieces = _clause_pieces(claim)
    units = []
    for start, end, subject, verb, negated, (show_start, show_end) in pieces:
        text = claim.text[start:end].strip(" ,;")
        offset = claim.text.index(text, start) if text else start
        absolute = (claim.start + offset, claim.start + offset + len(text))
        shown = claim.text[show_start:show_end].strip(" ,;")
        shown_at = claim.text.index(shown, show_start) if shown else show_start
        readable = (subject, text) if (show_start, show_end) == (start, end) else ("", shown)
        quantities = [(q, _quantity_noun(q, claim))
                      for q in [*claim.quantities, *clock_times(claim.text, claim.start)]
                      if not _looks_like_year(q) and not _is_conversion(q, claim)
                      and not _in_phone_number(q, claim) and not _in_name(q, claim)
                      and (len(pieces) == 1 or absolute[0] <= q.start < absolute[1])]
        folded = _fold(f"{subject} {text}")
        events = frozenset(event for trigger, event in triggers.get(
            (claim.article_id, claim.start), []) if trigger and trigger in folded)
        words = _weighted_words(f"{subject} {text}")
        units.append(_Prepared(
            claim=claim, outlet=outlet, copy=claim.article_id in duplicates,
            tokens=frozenset(stem for stem, _ in words), quantities=quantities,
            start=claim.start + shown_at if readable[0] == "" else absolute[0],
            end=(claim.start + shown_at + len(shown)) if readable[0] == "" else absolute[1],
            text=shown if readable[0] == "" else text,
            names=(_title_names(claim, words) if claim.part == "title" else
                   content_tokens(" ".join(_CAPITALISED_RE.findall(f"{subject} {text}"[1:])))),
            statement=_readable(*readable),
            opens=(readable[0].strip() or readable[1])[:1].isupper(),
            head=_demand_head(subject, text),
            certainty=(claim.certainty if len(pieces) == 1
                       else _clause_certainty(claim.certainty, folded)),
            events=events or (frozenset({claim.event_type})
                              if claim.event_type and len(pieces) == 1 else frozenset()),
            stems=tuple(stem for stem, _ in words), weights=_max_weights(words),
            verb=verb or claim.predicate.split(" ")[0], negated=negated, rank=rank))
    return units


def _title_names(claim: Claim, words: list[tuple[str, float]]) -> frozenset[str]:
    """The names in a headline: headlines capitalise every word, so a name is a
    word of an actor the headline names (its id's slug: "person:rory-read")."""
    slugs = {_stem(w) for actor in claim.actors
             for w in actor.split(":", 1)[-1].split("-") if len(w) > 2}
    return frozenset(stem for stem, _ in words if stem in slugs)


# A number's weight as a word in common: about as telling as an uncommon word.
_NUMBER_WEIGHT = 4.0


def _weighted_words(text: str) -> list[tuple[str, float]]:
    """The content stems of ``text`` in order (:func:`_words`), each with its
    word's rarity in English (:func:`samefact.language_weight`)."""
    return [(stem, _NUMBER_WEIGHT if word is None else language_weight(word))
            for stem, word in _words(text)]


def _max_weights(words: list[tuple[str, float]]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for stem, weight in words:
        weights[stem] = max(weights.get(stem, 0.0), weight)
    return weights


def _demand_head(context: str, text: str) -> str:
    """The head noun of what a clause asks for, offers or includes: of the list
    item itself when the lead-in verb is in ``context``, else of the words after
    a lead-in verb in the clause ("Kyiv is pressing for firm commitments" ->
    "guarantee"); "" for other clauses."""
    if _LIST_LEAD_RE.search(context[-30:] + " "):
        return _item_head(text)
    lead = _LIST_LEAD_RE.search(text)
    return _item_head(text[lead.end():]) if lead else ""


def _item_head(text: str) -> str:
    """The head noun of a list item: its last content word, or the last one before
    "of" ("the return of deported children" -> "return")."""
    core = re.split(r"\b(?:of|from|to|for|with|by|in|on|that|who|which)\b", text, maxsplit=1)[0]
    tokens = [content_tokens(word) for word in core.split()]
    words = [next(iter(t)) for t in tokens if len(t) == 1 and not next(iter(t))[0].isdigit()]
    return words[-1] if words else ""


def _readable(context: str, text: str) -> str:
    """A clause as a sentence of its own: the carried subject in front, a capital
    letter and a full stop."""
    sentence = f"{context.strip()} {text.strip()}".strip() if context else text.strip()
    sentence = sentence.rstrip(" ,;:")
    if sentence and sentence[-1] not in ".!?\"\u201d":
        sentence += "."
    return sentence[:1].upper() + sentence[1:]


def _clause_certainty(certainty: str, folded: str) -> str:
    """The sentence's certainty if this clause holds its cue, else "asserted"."""
    cue = _CERTAINTY_CUES.get(certainty)
    if cue is None or cue.search(folded):
        return certainty
    return "asserted"


def _triggers_by_sentence(events: Sequence[Event]) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """``{(article_id, sentence start): [(first trigger word, event type)]}``."""
    out: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for event in events:
        word = _fold(event.trigger or "").split()
        out.setdefault((event.article_id, event.start), []).append(
            (word[0] if word else "", event.event))
    return out


def candidate_pairs(prepared: list[_Prepared]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs of pieces the decision is asked about, and pairs that may never share
    a fact.

    Candidates are pieces with a word in common that few pieces of the story
    use or that is not among the commonest of English (a pair with none cannot
    state one fact, and skipping it keeps a big story's work near linear), and
    different :func:`apart_keys`. Blocked: a rejection set against a demand or an
    offer (two facts, and a position conflict) and frames that differ
    (:func:`_frames_differ`).
    """
    index: dict[str, list[int]] = {}
    for k, p in enumerate(prepared):
        for token in p.weights:
            index.setdefault(token, []).append(k)
    apart = apart_keys(prepared)
    # a word few pieces of the story use, or one rare in English, links them; a
    # word hundreds of pieces use links nothing in particular
    few = max(_FEW_PIECES, len(prepared) // 10)
    candidates: set[tuple[int, int]] = set()
    for token, members in index.items():
        if len(members) > _MAX_POSTING:
            continue
        weight = max(prepared[k].weights[token] for k in members)
        if len(members) > few and weight < _RARE_ENOUGH and not token[0].isdigit():
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
    other the news of the day; demands, offers or list items of
    other things ("a raise" / "the rehiring"); or of two parties whose subjects
    are different countries ("Veskan demands a truce" / "Maldar wants a truce":
    two demands, two facts)."""
    if a.claim.background != b.claim.background:
        # history and the news of the day are kept apart
        return True
    if not (a.head and b.head):
        return False
    # what is demanded or offered differs ("a raise" / "the rehiring"), or who does
    return a.head != b.head or not _same_side(a.claim.subject, b.claim.subject)


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
                  ) -> tuple[list[list[_Prepared]], list[list[_Prepared]]]:
    """Groups of pieces that state one fact, and the closer groups that state
    one statement: by the word-and-evidence score (:func:`_claim_similarity`,
    :data:`CLAIM_THRESHOLD` and :data:`CONFLICT_THRESHOLD`), or by a learned
    ``model`` when one is given (its threshold for both)."""
    pairs, blocked = candidate_pairs(prepared)
    apart = apart_keys(prepared)
    if model is None:
        score = _rule_scores(prepared, pairs)
        thresholds = (CLAIM_THRESHOLD, CONFLICT_THRESHOLD)
    else:
        probabilities = model.probability(pair_matrix(prepared, pairs))
        score = {pair: float(p) for pair, p in zip(pairs, probabilities)}
        thresholds = (model.threshold, model.threshold)
    share = LINKAGE_SHARE if model is None else 1.0
    facts = _agglomerate(len(prepared), score, thresholds[0], blocked, apart=apart,
                         share=share)
    # statements are the facts themselves when both groupings ask the same
    statements = facts if (share, thresholds[0]) == (1.0, thresholds[1]) else _agglomerate(
        len(prepared), score, thresholds[1], blocked, apart=apart)
    return ([[prepared[k] for k in group] for group in facts],
            [[prepared[k] for k in group] for group in statements if len(group) > 1])


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
    if a.quantities and b.quantities:
        agreement = _number_agreement(a.quantities, b.quantities)
        score = score * 0.7 if agreement == 0.0 else score + 0.15 * agreement
    return min(score, 1.0)


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
                 share: float = 1.0) -> list[list[int]]:
    """Average-linkage merging driven by the best pairs first.

    ``score`` holds the pairs that were compared (``i < j``); a pair not in it
    scores 0. Pairs at or above ``threshold`` are visited best first; their two
    groups merge if the mean score over all cross pairs also reaches ``share``
    of the threshold (so no chain of weak links forms a group), no cross pair
    is blocked, and no two members would share an ``apart`` key.
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
        if math.fsum(score.get(pair, 0.0) for pair in cross) / len(cross) < threshold * share:
            continue
        keep, drop = min(gi, gj), max(gi, gj)
        for k in members[drop]:
            group[k] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))
    return [members[k] for k in sorted(members)]


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
    mentions = [FactMention(claim_id=p.claim.id, article_id=p.claim.article_id,
                            outlet=p.outlet, start=p.start, end=p.end, text=p.text,
                            part=p.claim.part)
                for p in sorted(members, key=lambda p: (p.outlet, p.claim.article_id,
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


# -- conflicts within a fact -------------------------------------------------------

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
                 if len(found := {m.group(1) for m in pattern.finditer(p.claim.text)}) == 1
                 and not _other_day_named(pattern, p.claim.text)]
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


def _other_day_named(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the sentence names a weekday or year the pattern does not take as the
    act's ("Sunday's final", "said Saturday"): then which day is the act's is unsure."""
    every = _ANY_WEEKDAY_RE if pattern is _WEEKDAY_RE else _ANY_YEAR_RE
    return len(every.findall(text)) > len(pattern.findall(text))


_ANY_WEEKDAY_RE = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b")
_ANY_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def value_partitions(members: list[_Prepared], clashing: set[str]) -> list[list[_Prepared]]:
    """The members of one aligned group split by the figure they give for a
    quantity whose figures clash between outlets (``clashing``: the nouns of
    :func:`_number_clashes` of kind "number"): "a 30-day ceasefire" (two
    outlets) and "a 60-day ceasefire" (one) are two facts, each credited to its
    own outlets. Members that give no figure for it stay with the largest part;
    the largest part comes first. Figures that agree (:func:`number_difference`)
    share a part."""
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


def _side(p: _Prepared, value: str) -> ConflictSide:
    """One outlet's side of a conflict: the whole sentence, so the reader sees the
    wording in context, and ``value``, the part that differs."""
    return ConflictSide(outlet=p.outlet, article_id=p.claim.article_id, start=p.claim.start,
                        end=p.claim.end, text=p.claim.text, value=value)


def _close_wording(by_outlet: list[_Prepared], idf: Mapping[str, float]) -> bool:
    """Every pair of outlets' mentions share at least :data:`CONFLICT_SIMILARITY`
    of their weighted words."""
    return all(_weighted_dice(a.tokens, b.tokens, idf) >= CONFLICT_SIMILARITY
               for k, a in enumerate(by_outlet) for b in by_outlet[k + 1:])


def _one_per_outlet(members: list[_Prepared]) -> list[_Prepared]:
    """Each outlet's first mention, preferring one that carries numbers."""
    chosen: dict[str, _Prepared] = {}
    for p in sorted(members, key=lambda p: (not p.quantities, p.claim.article_id, p.start)):
        chosen.setdefault(p.outlet, p)
    return [chosen[o] for o in sorted(chosen)]


def qualifier_clashes(pieces: list[_Prepared], compared: set[frozenset[str]],
                      shared: int = 1) -> list[NumberClash]:
    """One figure that outlets qualify differently anywhere among ``pieces`` (a fact,
    or a story), not only within one statement: "more than $1 million in damage"
    and "estimated damage of $1 million" are worded too differently to be one
    statement, yet the same figure of the same thing is one quantity. The words
    around the two figures must share ``shared`` stems (:func:`_surroundings`), and
    nothing may set the two apart (:func:`_slots_apart`). Pairs of claims already
    compared (``compared``: pairs of claim ids) are not shown again."""
    buckets: dict[tuple[str, float], list[tuple[_Prepared, Quantity]]] = {}
    for p in pieces:
        if p.copy or p.claim.part != "body":
            continue
        for q, noun in p.quantities:
            if noun and not noun.startswith("~"):
                buckets.setdefault((noun, round(q.value, 6)), []).append((p, q))
    clashes = []
    for (noun, _), found in sorted(buckets.items()):
        anchor_p, anchor_q = found[0]
        sides = [(anchor_p, anchor_q)] + [
            (p, q) for p, q in found[1:]
            if p.claim.id != anchor_p.claim.id and not _slots_apart(anchor_p, anchor_q, p, q)
            and len(_surroundings(anchor_p, anchor_q) & _surroundings(p, q)) >= shared]
        sides = list({p.outlet: (p, q) for p, q in reversed(sides)}.values())[::-1]
        kinds = {number_difference(_figure(q), _approx(q, p.claim), _figure(r), _approx(r, o.claim))
                 for n, (p, q) in enumerate(sides) for o, r in sides[n + 1:]}
        new_pairs = any(frozenset((p.claim.id, o.claim.id)) not in compared
                        for n, (p, _) in enumerate(sides) for o, _ in sides[n + 1:])
        if len(sides) > 1 and "qualifier" in kinds and "number" not in kinds and new_pairs:
            clashes.append(NumberClash(noun=noun, kind="qualifier", sides=sides))
    return clashes


_AROUND_BEFORE, _AROUND_AFTER = 8, 6
# Stems the words around two figures in two facts of a story must share: one was
# enough for 10 of 13 pairs within a fact, but half the pairs across facts it
# showed on the shared halves were two counts of one number ("around 50 people" at
# one hospital, "at least 50" injured in all; EVALUATION.md).
STORY_SHARED_WORDS = 2


def _pairs(clash: NumberClash) -> set[frozenset[str]]:
    """The pairs of claim ids a clash sets side by side."""
    return {frozenset((a.claim.id, b.claim.id)) for a, _ in clash.sides for b, _ in clash.sides}


def _surroundings(p: _Prepared, q: Quantity) -> frozenset[str]:
    """The content stems around a figure (a few words either side), its own noun
    and other figures aside, and what the people it counts underwent
    (:func:`_outcome`): what two mentions of one quantity share beyond it
    ("estimated ... damage" around "$1 million")."""
    before = re.findall(r"[\w'\u2019-]+", _text_before(q, p.claim))[-_AROUND_BEFORE:]
    after = re.findall(r"[\w'\u2019-]+", _text_after(q, p.claim))[:_AROUND_AFTER]
    noun = _stem(_quantity_noun(q, p.claim))
    words = {t for t in content_tokens(" ".join(before + after))
             if not t[0].isdigit() and t != noun}
    outcome = _outcome(q, p.claim)
    # "killing at least seven" / "seven were killed": one outcome, worded two ways
    return frozenset(words | ({"outcome:" + outcome} if outcome else set()))


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
                # a side joins only where it shares the slot of (or agrees with) every
                # side already in: Ilves's eight and Baro's nine never clash, whatever
                # an unnamed "nine" they both may match
                if match is not None and all(
                        _agrees(s, sq, other, match) or not _slots_apart(s, sq, other, match)
                        for s, sq in sides[1:]):
                    sides.append((other, match))
            if len(sides) < 2:
                continue
            used.update((s.claim.id, sq.start) for s, sq in sides)
            kinds = {number_difference(_figure(sq), _approx(sq, s.claim), _figure(tq),
                                       _approx(tq, t.claim))
                     for n, (s, sq) in enumerate(sides) for t, tq in sides[n + 1:]}
            kind = "number" if "number" in kinds else ("qualifier" if "qualifier" in kinds
                                                       else None)
            if kind is not None:
                clashes.append(NumberClash(noun=noun, kind=kind, sides=sides))
    return clashes


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
        return frozenset(t for t in content_tokens(" ".join(words)) if not t[0].isdigit())
    return bool(after(qa, a) & after(qb, b))


def _agrees(p: _Prepared, q: Quantity, other: _Prepared, qo: Quantity) -> bool:
    """Whether two outlets' figures agree (:func:`number_difference` finds none)."""
    return number_difference(_figure(q), _approx(q, p.claim), _figure(qo),
                             _approx(qo, other.claim)) is None


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
    """For each side, the first earlier side whose figure it agrees with (its
    camp): "about 7" and "around 7" are one camp against "7:01"."""
    camps: list[int] = []
    for k, (p, q) in enumerate(sides):
        camps.append(next((camps[j] for j, (o, qo) in enumerate(sides[:k])
                           if number_difference(_figure(q), _approx(q, p.claim), _figure(qo),
                                                _approx(qo, o.claim)) is None), k))
    return camps


def _figure(q: Quantity) -> float | tuple[float, float]:
    """A quantity's value, or its range when it gives one ("40-60 hours") or is a
    vague count ("thousands": 2,000 and up)."""
    if q.low is not None and q.high is not None and q.low < q.high:
        return (q.low, q.high)
    if (q.approx or "").lower() in VAGUE_COUNTS:
        # the extract stage stores a vague count's floor as its value
        return (q.value, _VAGUE_SPAN * q.value)
    return q.value


# "about 40" and "40", or "about 40" and "42", can be one count: within this share.
APPROXIMATE_SHARE = 0.1


def number_difference(a: float | tuple[float, float], qualifier_a: str,
                      b: float | tuple[float, float], qualifier_b: str) -> str | None:
    """How two outlets' figures for one quantity differ: ``None`` when they agree,
    ``"qualifier"`` for the same figure qualified differently ("more than 40" /
    "40", "up to 2.6 million" / "2.6 million"), ``"number"`` for figures that
    clash.

    Qualifiers are ranges: "about" is a figure give or take
    :data:`APPROXIMATE_SHARE`, so "about 40" agrees with "40" and "41"; "over"
    ("more than", "at least") and "under" ("up to", "nearly") are open on one side.
    """
    approximate = "about" in (qualifier_a, qualifier_b)
    if isinstance(a, tuple) or isinstance(b, tuple):
        # a range ("40 to 60 hours") agrees with any figure or range it overlaps
        la, ha = a if isinstance(a, tuple) else (a, a)
        lb, hb = b if isinstance(b, tuple) else (b, b)
        return None if la <= hb and lb <= ha else "number"
    if math.isclose(a, b):
        if qualifier_a == qualifier_b or {qualifier_a, qualifier_b} <= {"", "about"}:
            return None
        return "qualifier"
    if approximate and abs(a - b) <= APPROXIMATE_SHARE * max(abs(a), abs(b)):
        return None
    return "number"


def _same_slot(a: _Prepared, qa: Quantity, b: _Prepared, qb: Quantity) -> bool:
    """Whether two numbers of one noun fill the same slot: nothing sets them apart
    (:func:`_slots_apart`), and when either piece holds several numbers of that
    noun, their neighbouring words agree ("launched 40" / "intercepted 30" are two
    slots)."""
    if _slots_apart(a, qa, b, qb):
        return False
    near_a, near_b = _number_context(a.claim, qa)[0], _number_context(b.claim, qb)[0]
    noun = _quantity_noun(qa, a.claim)
    crowded = (sum(_same_noun(n, noun) for _, n in a.quantities) > 1
               or sum(_same_noun(n, noun) for _, n in b.quantities) > 1)
    return not crowded or bool(near_a & near_b)


def _slots_apart(a: _Prepared, qa: Quantity, b: _Prepared, qb: Quantity) -> bool:
    """Whether something shows two numbers of one noun fill two slots: a part and a
    whole, two outcomes, two time frames, two things described, two people or
    places named next to them (who scored, whose sum)."""
    if _is_part(qa, a.claim) != _is_part(qb, b.claim):
        # "including $281 million in cash" is a part of the deal, not its price
        return True
    outcome_a, outcome_b = _outcome(qa, a.claim), _outcome(qb, b.claim)
    if outcome_a and outcome_b and outcome_a != outcome_b:
        # "killing at least three" / "injuring at least five": two tolls
        return True
    near_a, names_a, wide_a = _number_context(a.claim, qa)
    near_b, names_b, wide_b = _number_context(b.claim, qb)
    if names_a and names_b and not names_a & names_b:
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
    # other names earlier in the clause and other words next to the figure:
    # "Republicans are on track to hold 240" / "Democrats have lost 60"
    return bool(wide_a and wide_b and not wide_a & wide_b and not near_a & near_b)


# What time a figure covers, read from its clause (:func:`_time_frame`): a running
# total, a count since a date, a span of games, years or minutes.
_FRAME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("total", re.compile(r"\b(?:so far|to date|in all|in total|all told|overall|altogether"
                         r"|all-time|career|bringing (?:the \w+ )?to)\b")),
    ("since", re.compile(r"\bsince\b")),
    ("span", re.compile(r"\b(?:this|last|past|previous|the first|the last)\s+(?:\S+\s+){0,2}"
                        r"(years?|seasons?|months?|weeks?|games?|matches|days|minutes"
                        r"|quarters?|half|halves|rounds|periods?)\b")),
)
# weekdays only: "today" and "last Friday" may be one day, told on two days
_DAY_FRAME_RE = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b", re.IGNORECASE)
# a sentence's opening phrase that sets the time of all it says ("Since Week 11, ...")
_LEAD_PHRASE_WORDS = 6


def _time_frame(q: Quantity, claim: Claim) -> frozenset[str]:
    """The time frames of a figure's own clause, between the punctuation around it,
    and of the sentence's short opening phrase (see :data:`_FRAME_PATTERNS`), plus
    the weekday they name ("day:wednesday")."""
    text = claim.text
    offset = min(max(0, q.start - claim.start), len(text))
    end = min(max(offset, q.end - claim.start), len(text))
    before = max(text.rfind(mark, 0, offset) for mark in ",;:")
    ends = [i for i in (text.find(mark, end) for mark in ",;:") if i >= 0]
    part = text[before + 1:min(ends, default=len(text))]
    lead = text[:max(0, before)].split(",")[0]
    if before > 0 and len(lead.split()) <= _LEAD_PHRASE_WORDS:
        part = lead + " " + part
    frames = set()
    for name, pattern in _FRAME_PATTERNS:
        for match in pattern.finditer(part.lower()):
            # a span keeps its unit: "this season" is not "the last two games"
            frames.add(f"{name}:{_singular(match.group(1))}" if match.groups() else name)
    frames |= {"day:" + m.group().lower() for m in _DAY_FRAME_RE.finditer(part)}
    return frozenset(frames)


def _frames_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two figures cover different times: they give different frames, and
    one of them is more than a day (a total, a count since a date, a span), or both
    name days and no day in common. A day on one side only proves nothing: one
    outlet dates the toll, the other does not."""
    if a == b:
        return False
    longer_a = {f for f in a if not f.startswith("day:")}
    longer_b = {f for f in b if not f.startswith("day:")}
    if longer_a != longer_b:
        return True
    days_a, days_b = a - longer_a, b - longer_b
    return bool(days_a and days_b and not days_a & days_b)


# "a four-time all-star", "a 31-page complaint": a figure joined to its unit by a
# hyphen describes the noun after it
_COMPOUND_RE = re.compile(r"^[\w.,$]+\s*-\s*[a-z]+\s+(?P<rest>[^,;:.()\"]*)", re.IGNORECASE)


def _compound_head(q: Quantity, claim: Claim) -> str:
    """The stem of the noun a hyphenated figure describes ("complaint" for "a
    31-page complaint against"), or "" when the figure is no such compound."""
    match = _COMPOUND_RE.match(claim.text[max(0, q.start - claim.start):])
    if match is None:
        return ""
    words = re.findall(r"[\w'\u2019]+(?:\s*-\s*[\w'\u2019]+)*", match.group("rest"))
    run: list[str] = []
    for word in words:
        if word.lower() in _STOP_WORDS:
            break
        run.append(word)
    if not run:
        return ""
    return _stem(re.split(r"\s*-\s*", run[-1])[-1].lower())


_CONTEXT_WORDS = 5
_NAME_WORDS = 12
# month and day names are capitalised but name no one
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.month_name[1:], *calendar.day_name, *calendar.month_abbr[1:]))


def _number_context(claim: Claim, q: Quantity
                    ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The content stems of the few words before a number (its verb, its owner),
    the names among them, and the names a little further back in the clause."""
    offset = q.start - claim.start
    before = re.findall(r"[\w'\u2019-]+", claim.text[:max(0, offset)])
    words = before[-_CONTEXT_WORDS:]
    return (content_tokens(" ".join(words)), _names(words), _names(before[-_NAME_WORDS:]))


# Where the clause holding a figure begins, looking back from the figure.
_CLAUSE_START_RE = re.compile(
    r"[,;:]|\b(?:while|whereas|but|that|said|says|told\s+\w+)\b")


def _owner(q: Quantity, claim: Claim) -> frozenset[str]:
    """The first name in the figure's own clause before it (who scored, whose sum),
    capitalised common words ("Police", "The": not rare enough in the language,
    :func:`~newsweave.corpus.facts.samefact.language_weight`) aside: its owner, when the
    clause names one."""
    before = _text_before(q, claim)
    starts = list(_CLAUSE_START_RE.finditer(before))
    clause = before[starts[-1].end():] if starts else before
    run: list[str] = []
    for word in re.findall(r"[\w'\u2019-]+", clause):
        if (word[:1].isupper() and word.lower() not in _CALENDAR_WORDS
                and language_weight(word.lower()) > _RARE_ENOUGH):
            run.append(word)
        elif run:
            # the first name of the clause is its subject; later ones are where and
            # against whom ("Ilves scored 16 in the Tarvel final")
            break
    return content_tokens(" ".join(run))


_PLACE_AFTER_RE = re.compile(
    r"^[^,;:]*?\b(?:in|at|near|across|throughout)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'\u2019-]*\s*)+)")


def _place_after(q: Quantity, claim: Claim) -> frozenset[str]:
    """The name of the place the figure's clause gives after it ("300 houses in
    Tarvel"), up to the clause's end."""
    match = _PLACE_AFTER_RE.match(_text_after(q, claim))
    if match is None:
        return frozenset()
    return content_tokens(" ".join(w for w in match.group(1).split()
                                   if w.lower() not in _CALENDAR_WORDS))


def _names(words: list[str]) -> frozenset[str]:
    """The names among ``words``: capitalised, and rare enough in the language to
    name someone ("Authorities", "Fire" opening a sentence name no one)."""
    return frozenset(content_tokens(" ".join(
        w for w in words if w[:1].isupper() and w.lower() not in _CALENDAR_WORDS
        and language_weight(w.lower()) > _RARE_ENOUGH)))


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


# -- positions ----------------------------------------------------------------------

@dataclass(slots=True)
class _PositionCluster:
    party: str
    stance: str
    positions: list[Position]
    outlets: list[str]
    core_tokens: frozenset[str]
    position_outlets: dict[str, str]
    independent: list[Position]


def _position_clusters(positions: Sequence[Position], outlets: Mapping[str, str],
                       duplicates: Mapping[str, str]) -> list[_PositionCluster]:
    by_key: dict[tuple[str, str], list[Position]] = {}
    for pos in sorted(positions, key=lambda p: (p.party, p.stance, p.article_id, p.start, p.id)):
        by_key.setdefault((pos.party, pos.stance), []).append(pos)
    clusters = []
    for (party, stance), group in sorted(by_key.items()):
        tokens = [content_tokens(p.object) for p in group]
        n = len(group)
        score = {(i, j): _dice(tokens[i], tokens[j]) for i in range(n) for j in range(i + 1, n)}
        for members in _agglomerate(n, score, POSITION_THRESHOLD, set()):
            chosen = [group[k] for k in members]
            independent = [p for p in chosen if p.article_id not in duplicates] or chosen
            clusters.append(_PositionCluster(
                party=party, stance=stance, positions=chosen,
                outlets=sorted({outlets.get(p.article_id) or UNKNOWN_OUTLET
                                for p in independent}),
                # whole words, not 5-letter stems: an offer of a "neutral"
                # team does not answer a demand for "neutrality"
                core_tokens=frozenset().union(*(_tokens(_core_object(p.object), None)
                                                for p in chosen)),
                position_outlets={p.id: outlets.get(p.article_id) or UNKNOWN_OUTLET
                                  for p in chosen},
                independent=independent))
    clusters.sort(key=lambda c: (c.party, c.stance, _shortest_object(c)))
    return clusters


def _position_row(cluster: _PositionCluster, outlets: Mapping[str, str],
                  duplicates: Mapping[str, str]) -> dict[str, Any]:
    return {
        "party": cluster.party,
        "stance": cluster.stance,
        "object": _shortest_object(cluster),
        "objects": sorted({p.object.strip() for p in cluster.positions}),
        "outlets": cluster.outlets,
        "corroboration": len(cluster.outlets),
        "certainty": _strongest(p.certainty for p in cluster.positions),
        "position_ids": sorted(p.id for p in cluster.positions),
        "evidence": [{"position_id": p.id, "article_id": p.article_id,
                      "outlet": outlets.get(p.article_id) or UNKNOWN_OUTLET,
                      "copy": p.article_id in duplicates,
                      "start": p.start, "end": p.end, "text": p.text}
                     for p in cluster.positions],
    }


def _position_scope_conflicts(story_id: str, clusters: list[_PositionCluster],
                              ) -> list[Conflict]:
    """Outlets that report one position with different numbers or time scopes."""
    conflicts = []
    for cluster in clusters:
        by_outlet: dict[str, Position] = {}
        for p in _first_per_article(cluster):
            by_outlet.setdefault(cluster.position_outlets[p.id], p)
        if len(by_outlet) < 2:
            continue
        topic = f"{cluster.party} {cluster.stance} {_shortest_object(cluster)}"
        sides = [(o, p.article_id, p.start, p.end, p.text, p.id)
                 for o, p in sorted(by_outlet.items())]
        numbers = {o: _numbers(p.object) for o, p in by_outlet.items()}
        if len({tuple(v) for v in numbers.values() if v}) > 1:
            conflicts.append(Conflict(
                id=_stable_id("number", story_id, [s[-1] for s in sides]),
                story_id=story_id, kind="number", topic=topic,
                sides=[ConflictSide(outlet=o, article_id=a, start=s, end=e, text=t,
                                    value=", ".join(numbers[o]))
                       for o, a, s, e, t, _ in sides]))
        scope = _text_conflict(story_id, None, topic, sides)
        if scope is not None:
            conflicts.append(scope)
    return conflicts


def _opposition_conflicts(story_id: str, clusters: list[_PositionCluster],
                          idf: Mapping[str, float]) -> list[Conflict]:
    """A party demanding, offering or supporting what another party rejects.

    One conflict per proposal, with the proposing side and every rejection of
    it by another party (see :func:`_same_party`).
    """
    conflicts = []
    for pro in clusters:
        if pro.stance not in _PROPOSING:
            continue
        against = [con for con in clusters
                   if con.stance == "rejects" and not _same_party(pro.party, con.party)
                   and _answers(pro, con)
                   and _opposition(pro.core_tokens, con.core_tokens, idf)
                   >= OPPOSITION_THRESHOLD]
        if not against:
            continue
        ids = [p.id for c in [pro, *against] for p in c.positions]
        # two camps: the proposing party, and every party rejecting it
        sides = [_position_side(c, p, camp=int(c is not pro))
                 for c in [pro, *against] for p in _first_per_article(c)]
        conflicts.append(Conflict(
            id=_stable_id("position", story_id, ids), story_id=story_id,
            kind="position", topic=_shortest_object(pro), sides=sides))
    return conflicts


# The act of a demand that undoes its object: to demand it is to be against the thing.
_UNDOING_VERBS = frozenset({
    "overturn", "reverse", "repeal", "scrap", "block", "stop", "halt", "end", "cancel",
    "withdraw", "rescind", "revoke", "abandon", "drop", "kill", "veto", "reject", "oppose",
    "suspend", "lift", "abolish", "delay", "postpone"})
# The act of a demand that adopts its object: "urged X to accept the plan" backs the plan.
_ADOPTING_VERBS = frozenset({
    "accept", "support", "back", "approve", "pass", "adopt", "sign", "agree", "implement",
    "endorse", "ratify", "join", "respect", "observe", "honour", "honor", "uphold", "embrace",
    "enact", "allow", "grant", "fund", "keep", "maintain", "resume", "hold", "start", "begin"})
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "this",
                          "that", "any", "such", "no", "every", "each"})
# "support for X" proposes X.
_SUPPORT_WRAPPER_RE = re.compile(r"^(?:\w+\s+)?(?:support|backing)\s+(?:for|of)\s+")
# Words that end the head phrase of an object ("changes to the plan" -> "changes").
_HEAD_END_RE = re.compile(
    r"\b(?:of|from|to|for|with|by|in|on|at|as|under|over|into|about|against|that|who|"
    r"which|and|or|but|if|unless|until|before|after|while|made|including)\b")


def proposed_head(obj: str) -> tuple[str, frozenset[str]]:
    """The head word of the thing a demand, offer or support is for, with the
    words of its head phrase; ``("", {})`` when the demand is an act on a thing
    rather than the thing.

    "an immediate ceasefire" -> "ceasefire"; "support for a cease-fire plan" ->
    "plan" (phrase: ceasefire, plan); "Veskaria to accept the plan" -> "plan" (an
    act adopting it); "changes to the plan" -> "change" (the changes, not the
    plan); "the council to scrap the plan" -> "" (undoing it is being against
    it, so a rejection of the plan does not oppose it).
    """
    text = _SUPPORT_WRAPPER_RE.sub("", _core_object(_fold(obj)).strip(), count=1)
    before, to, act = text.partition(" to ")
    if to:
        words = act.split()
        if words and words[0] in _UNDOING_VERBS:
            return "", frozenset()
        if words and words[0] in _ADOPTING_VERBS:
            # "X to accept the plan" is for the plan
            text = " ".join(words[1:])
        elif not words or words[0] in _DETERMINERS:
            # "changes to the plan" is for the changes
            text = before
        else:
            # "X to rewrite the plan", "any deal to include Y": the act is what is asked
            return words[0], frozenset({words[0]})
    words = text.split()
    if words and words[0] in _UNDOING_VERBS:
        return "", frozenset()
    if len(words) > 1 and words[0] not in _DETERMINERS and words[1] in _DETERMINERS:
        # a verb before its object ("renegotiate the deal", "support the plan")
        if words[0] not in _ADOPTING_VERBS:
            return words[0], frozenset({words[0]})
        text = " ".join(words[1:])
    # the head phrase ends before a preposition or a participle ("a plan announced in ...")
    head = _HEAD_END_RE.split(text, maxsplit=1)[0].split()
    cut = next((i for i, w in enumerate(head) if i and w.endswith("ed")
                and head[i - 1] not in _DETERMINERS), len(head))
    phrase = [next(iter(t)) for w in head[:cut] if len(t := _tokens(w, None)) == 1]
    return (phrase[-1], frozenset(phrase)) if phrase else ("", frozenset())


def _answers(pro: _PositionCluster, con: _PositionCluster) -> bool:
    """Whether a rejection is of the thing proposed: the head of one object is in
    the head phrase of the other ("a ceasefire" / "a cease-fire plan"), so a
    rejection of "the plan" does not answer a demand for "changes to the plan"."""
    heads = [proposed_head(p.object) for c in (pro, con) for p in c.positions]
    pro_heads, con_heads = heads[:len(pro.positions)], heads[len(pro.positions):]
    return any(h and (h in phrase_b or hb in phrase)
               for h, phrase in pro_heads for hb, phrase_b in con_heads if hb)


def _same_party(a: str, b: str) -> bool:
    """Equal ids, or a state and its government (``state:XMD`` / ``gov:XMD``): a
    country does not oppose itself because outlets name it differently."""
    if a == b:
        return True
    ma, mb = _STATE_ID_RE.fullmatch(a), _STATE_ID_RE.fullmatch(b)
    return bool(ma and mb and ma.group(1) == mb.group(1))


def _first_per_article(cluster: _PositionCluster) -> list[Position]:
    """One position per independent article: a copy repeats its original's wording."""
    first: dict[str, Position] = {}
    for p in cluster.independent:
        first.setdefault(p.article_id, p)
    return list(first.values())


def _position_side(cluster: _PositionCluster, p: Position, camp: int | None = None
                   ) -> ConflictSide:
    return ConflictSide(outlet=cluster.position_outlets[p.id],
                        article_id=p.article_id, start=p.start, end=p.end, text=p.text,
                        value=f"{cluster.party} {cluster.stance}: {p.object.strip()}",
                        camp=camp)


def _shortest_object(cluster: _PositionCluster) -> str:
    return min((p.object.strip() for p in cluster.positions), key=lambda o: (len(o), o))


# -- small helpers ------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lower case without accents, so "Çırağan" and "Ciragan" meet."""
    if text.isascii():  # nothing to translate or decompose: most clauses
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD).replace("\u0131", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _stem(word: str, cut: int | None = _STEM) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:cut] if cut else word


def _core_object(text: str) -> str:
    """The object without its conditions and without a wrapper naming another
    party's request: "any raise before the strike ends" -> "any raise",
    "Veskaria's call for a ceasefire" -> "a ceasefire"."""
    core = _CONDITION_SPLIT_RE.split(text.lower(), maxsplit=1)[0]
    core = _REQUEST_WRAPPER_RE.sub("", core, count=1)
    return core if core.strip() else text


def _idf(token_sets: list[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over the story's claims (Sparck Jones 1972):
    words every report of the story uses ("talks", the main actors) weigh less."""
    df = Counter(t for tokens in token_sets for t in tokens)
    n = len(token_sets)
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def _rarity(sets: list[frozenset[str]]) -> dict[str, float]:
    """How rare each item is among ``sets``, in [0, 1]: ``log((1+n)/(1+df)) / log(1+n)``."""
    df = Counter(item for items in sets for item in items)
    n = len(sets)
    return {item: math.log((1 + n) / (1 + d)) / math.log(1 + n) for item, d in df.items()}


def _weighted_dice(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    # math.fsum, not sum: a set's order changes with Python's per-process string
    # hashing, and a float sum in another order can differ in its last bit,
    # enough to reorder two pairs of equal score and change a fact.
    total = math.fsum(idf.get(t, 1.0) for t in a) + math.fsum(idf.get(t, 1.0) for t in b)
    if not total:
        return 0.0
    return 2.0 * math.fsum(idf.get(t, 1.0) for t in a & b) / total


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2.0 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _opposition(proposed: frozenset[str], rejected: frozenset[str],
                idf: Mapping[str, float]) -> float:
    """How much of what is rejected the proposal contains, weighted by rarity.

    A rejection answers a proposal when the thing rejected is part of the thing
    proposed: "any raise" covers "a 9% raise", but rejecting "direct talks
    between the leaders" does not answer support for "the talks". Words many
    positions share (the parties' names) weigh little.
    """
    # fsum: order-independent over sets (see _weighted_dice)
    total = math.fsum(idf.get(t, 1.0) for t in rejected)
    return math.fsum(idf.get(t, 1.0) for t in proposed & rejected) / total if total else 0.0


_AGE_RE = re.compile(r"^\s*-?\s*(?:years?|months?)?\s*-?\s*old\b", re.IGNORECASE)


def _quantity_noun(q: Quantity, claim: Claim) -> str:
    """What a number counts: its unit, else the first content word after the number
    (in the quantity's own text, then in the claim text that follows it)."""
    if _AGE_RE.match(_text_after(q, claim)):
        # "the 37-year-old": an age, not a span of years
        return "age"
    if q.unit:
        return _singular(q.unit.lower().split()[-1])
    digit = re.search(r"\d", q.text)
    after = q.text[digit.start():] if digit else ""
    offset = q.end - claim.start
    if 0 <= offset <= len(claim.text):
        after += " " + claim.text[offset:]
    approx_words = {w for phrase, _ in _APPROX_WORDS for w in phrase.split()}
    own = len(after) - (len(claim.text) - offset if 0 <= offset <= len(claim.text) else 0)
    folded = _fold(after)
    for match in re.finditer(r"[a-z%]+|\d", folded):
        word = match.group()
        if word.isdigit():
            if match.start() >= own and not _LIST_JOIN_RE.search(folded[:match.start()]):
                # "24-24 with a 45-yard field goal": the noun after another figure is
                # that figure's, not this one's ("8 and 9 versions" share theirs); a
                # mark no other figure's noun ends with
                return "~" + q.text
            continue
        if word not in _STOP_WORDS and word not in approx_words:
            return _singular(word)
    return ""


# what joins figures that share a noun: "8 and 9", "5, 6 or 7", "40 to 60", "1 in 3"
_LIST_JOIN_RE = re.compile(r"[\d.]\s*(?:,|,?\s*(?:and|or|to|in|out of|-))?\s*$")


def _singular(word: str) -> str:
    word = {"%": "percent", "pct": "percent"}.get(word, word)
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _same_noun(a: str, b: str) -> bool:
    """"workers" and "dockworkers" count the same thing; two bare numbers compare too."""
    if not a or not b:
        return not a and not b
    return a.endswith(b) or b.endswith(a)


_ARTICLE_TAIL_RE = re.compile(r"\s+an?$")


def _approx(q: Quantity, claim: Claim) -> str:
    """The number's qualifier as over / under / about, or "" for a plain number."""
    if q.approx:
        phrase = q.approx.lower().strip()
        return next((norm for word, norm in _APPROX_WORDS if phrase == word), phrase)
    digit = re.search(r"\d", q.text)
    prefix = q.text[:digit.start()] if digit else ""
    offset = q.start - claim.start
    if 0 <= offset <= len(claim.text):
        prefix = claim.text[max(0, offset - 24):offset] + " " + prefix
    # the currency sign stands between the qualifier and the digits ("more than $40"),
    # and an article before a number word ("more than a hundred")
    prefix = _ARTICLE_TAIL_RE.sub("", _CURRENCY_TAIL_RE.sub("", prefix.lower().strip()))
    return next((norm for word, norm in _APPROX_WORDS if re.search(rf"\b{word}$", prefix)), "")


_CURRENCY_TAIL_RE = re.compile(r"\s*(?:\b(?:us|a|c|nz|hk))?\s*[$\u20ac\u00a3\u00a5]\s*$")
# "$1 million ($1.52 million)", "10 kilometres (6 miles)": the figure in
# brackets right after another restates it in another unit
_CONVERSION_RE = re.compile(r"\d[\w.,%$\s-]{0,25}\(\s*[^\s\d(]{0,4}\s*$")
# "$334 million, including $281 million in cash", "another four people died": a
# part of a figure before it, or an addition to it
_PART_RE = re.compile(r"\b(?:including|of which|of them|among them|another|a further|"
                      r"an additional)\s+(?:some\s+|about\s+)?\S*$", re.IGNORECASE)
# "$281 million of the purchase price": a part of a figure named after it
_PART_OF_RE = re.compile(r"^\s*of\s+(?:the|its|their|his|her|[A-Z]\w+(?:\s*['\u2019]s)?)\s+")
_SCALE_RE = re.compile(r"^\s*(?:hundred|thousand|million|billion|trillion|bn|m)\b",
                       re.IGNORECASE)
_ALL_OF_RE = re.compile(r"\ball\s*$", re.IGNORECASE)
# "thousands", "scores of": a vague count is a range from its floor to this many times it
_VAGUE_SPAN = 500
# "745-4811", "(907) 745-4811": a telephone number counts nothing
_PHONE_RE = re.compile(r"(?:\(\d{3}\)\s*)?\b\d{3}\s*-\s*\d{4}\b")


def _text_before(q: Quantity, claim: Claim, chars: int | None = None) -> str:
    """The claim's text before the figure (its last ``chars`` characters)."""
    offset = max(0, q.start - claim.start)
    return claim.text[max(0, offset - chars) if chars else 0:offset]


def _text_after(q: Quantity, claim: Claim) -> str:
    """The claim's text after the figure."""
    return claim.text[max(0, q.end - claim.start):]


def _is_conversion(q: Quantity, claim: Claim) -> bool:
    """Whether ``q`` restates the figure just before it, in brackets, in another unit."""
    return bool(_CONVERSION_RE.search(_text_before(q, claim, 40)))


def _is_part(q: Quantity, claim: Claim) -> bool:
    """Whether ``q`` is given as a part of a figure named before it ("including
    X") or after it ("X of the purchase price", "6 of his 11 rebounds"; but "all
    11 of his points" are all of them)."""
    before, after = _text_before(q, claim, 30), _text_after(q, claim)
    digit = re.search(r"\d[\d.,]*", q.text)
    # "$281 million of the purchase price": the scale word stands before "of"
    inside = _SCALE_RE.sub("", q.text[digit.end():]) if digit else ""
    partitive = bool(_PART_OF_RE.match(after) or _PART_OF_RE.match(inside))
    return bool(_PART_RE.search(before)) or (partitive and not _ALL_OF_RE.search(before))


# What happened to the people counted: a toll of the dead is not one of the hurt.
_OUTCOMES = {"dead": "killed", "die": "killed", "died": "killed", "dies": "killed",
             "killed": "killed", "killing": "killed", "kill": "killed", "deaths": "killed",
             "death": "killed", "fatalities": "killed", "lives": "killed",
             "injured": "injured", "injuring": "injured", "injuries": "injured",
             "wounded": "injured", "wounding": "injured", "hurt": "injured",
             "arrested": "arrested", "arresting": "arrested", "detained": "arrested",
             "detaining": "arrested", "arrests": "arrested",
             "missing": "missing", "evacuated": "displaced", "displaced": "displaced",
             # the people one hospital took in are not the toll of the injured
             "received": "treated", "treated": "treated", "admitted": "treated",
             "hospitalised": "treated", "hospitalized": "treated",
             "homeless": "displaced", "rescued": "rescued",
             # people taking shelter are not the toll of the strike on their shelter
             "shelter": "displaced", "sheltering": "displaced", "refuge": "displaced"}
_OUTCOME_WORDS = 3


def _outcome(q: Quantity, claim: Claim) -> str:
    """What the people a figure counts underwent, from the nearest outcome word
    within a few words before or after it ("killing at least five", "five people
    died"): killed, injured, arrested, missing, displaced, rescued, or ""."""
    before = re.findall(r"[a-z]+", _text_before(q, claim).lower())[-_OUTCOME_WORDS:]
    after = re.findall(r"[a-z]+", _text_after(q, claim).lower())[:_OUTCOME_WORDS]
    # at equal distance the word before wins: "received 50 people with injuries"
    # are people taken in, the verb before governs the figure
    found = [(len(before) - k, 0, _OUTCOMES[w]) for k, w in enumerate(before) if w in _OUTCOMES]
    found += [(k + 1, 1, _OUTCOMES[w]) for k, w in enumerate(after) if w in _OUTCOMES]
    return min(found)[2] if found else ""


# a capitalised word right before a bare figure, not a possessive ("Louisville's 25")
_NAME_BEFORE_RE = re.compile(r"\b([A-Z][\w'\u2019-]*)\s*$")


def _in_name(q: Quantity, claim: Claim) -> bool:
    """Whether a bare figure is part of a name: a version, a house number, a day of
    a month ("Browser 8", "Harbour Street 12", "December 27"). A common word opening
    the sentence ("Some 30 people") names nothing."""
    if q.unit or not q.text[:1].isdigit():
        return False
    before = _text_before(q, claim, 40)
    match = _NAME_BEFORE_RE.search(before)
    if match is None or re.search(r"['\u2019]s$", match.group(1)):
        return False
    opening = not before[:match.start()].strip()
    return not opening or language_weight(match.group(1).lower()) > _RARE_ENOUGH


def _in_phone_number(q: Quantity, claim: Claim) -> bool:
    """Whether ``q`` lies in a telephone number ("call 745-4811")."""
    offset = q.start - claim.start
    return any(m.start() <= offset < m.end() for m in _PHONE_RE.finditer(claim.text))


def _looks_like_year(q: Quantity) -> bool:
    return (not q.unit and q.value.is_integer() and 1900 <= q.value <= 2100
            and re.fullmatch(r"\s*\d{4}\s*", q.text) is not None)


def _numbers(text: str) -> list[str]:
    found = set()
    for match in _NUMBER_RE.finditer(text.lower()):
        number = re.sub(r"\s*(?:percent|per cent)", "%", _plain_number(match.group()))
        found.add(re.sub(r"\s+", "", number))
    return sorted(found)


def _plain_number(word: str) -> str:
    return word.replace(",", "")


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
