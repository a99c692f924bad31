"""Claims cut into the pieces that are aligned, each prepared once.

A claim is a sentence, and one sentence often states several facts. So each
claim is cut into clauses (:func:`split_clauses`): parentheticals after the
subject, participial, contrastive and relative clauses, and the items of a list
of demands. Each piece becomes a :class:`_Prepared` (:func:`_prepare_units`),
which holds:

- its stems, and how rare each is in English;
- its figures, and what each counts;
- the names it holds, and the event types whose trigger it holds;
- its certainty, and the head noun of what it asks for;
- the sentence shown for it (:func:`_readable`), since a fragment cut for
  matching must still read on its own.

The alignment and the conflict checks read only these fields, so each is
computed once per piece.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.corpus.facts.clock import clock_times
from newsweave.corpus.facts.numbers import (
    _in_name,
    _in_phone_number,
    _is_conversion,
    _looks_like_year,
    _quantity_noun,
)
from newsweave.corpus.facts.samefact import language_weight
from newsweave.corpus.facts.words import _fold, _stem, _words, content_tokens
from newsweave.records import Claim, Event, Quantity
from newsweave.words import word_set

UNKNOWN_OUTLET = "unknown"
# A clause needs this many content words to state a fact on its own.
MIN_CLAUSE_WORDS = 3
# A parenthetical (", led by X,") is taken as one only after a subject this short.
MAX_SUBJECT_WORDS = 8
# Longer pieces are clauses, not list items: the list split is not applied.
MAX_ITEM_WORDS = 12

_CLAUSE_BREAK_RE = re.compile(
    r"\s*;\s*|\s*[\u2013\u2014]\s*|\s+--?\s+"
    r"|,\s+(?=(?:while|whereas|but|though|although|even though)\b)"
    r"|,\s+(?!(?:including|according|during|following|regarding|concerning)\b)(?=[a-z]+ing\b)"
    r"|,\s+and\s+(?=[A-Z])"
    r"|,\s+(?=(?:which|who|whom|whose|where)\b)"
    # "met on Tuesday, one day after drones struck ...": another act, at another time
    r"|,\s+(?=(?:just\s+|only\s+)?(?:a|an|one|two|three|four|five|six|seven|\d+)\s+"
    r"(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)\b)")
_PARENTHETICAL_RE = re.compile(
    r",\s+(?=(?:(?:led|headed|hosted|mediated|backed|chaired|facilitated|brokered|run|"
    r"organi[sz]ed|accompanied)\b|(?:who|which)\b|[a-z]+ing\b))")

_CAPITALISED_RE = re.compile(r"\b[A-Z][\w'\u2019-]*")
# What introduces a list of demands or items: a verb of asking, wanting or including.
_LIST_LEAD_RE = re.compile(
    r"\b(?:(?:push|pushing|pushes|press|pressing|presses|ask|asking|asks|asked|call|calls|"
    r"calling|called|need|needs|plea|appeal|appealed|hope|hoping|hopes|bid|wish)\s+for"
    r"|demands?|demanding|demanded|includ(?:e|es|ed|ing)|wants?|wanted|seeks?|sought|"
    r"insists?\s+on|insisted\s+on|insisting\s+on|offers?|offered|offering|proposes?|"
    r"proposed|proposing)\s+")
_LIST_WORDS = word_set("list_words")
# An event whose trigger a sentence holds: (first trigger word, event type,
# {(actor, recipient)}).
Trigger = tuple[str, str, frozenset[tuple[str, str]]]
_CERTAINTY_CUES = {
    "reported": re.compile(r"\b(?:reportedly|allegedly|according to|reported|claimed|claims)\b"),
    "expected": re.compile(r"\b(?:expected|expects|likely|set to|plans?|due to|will)\b"),
    "conditional": re.compile(r"\b(?:if|unless|provided|on condition|as long as)\b"),
    "hypothetical": re.compile(r"\b(?:may|might|could|would|possibly|perhaps)\b"),
    "negated": re.compile(r"\b(?:not|no|never|denied|denies|without)\b|n't"),
}


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
    # the weekdays and years that date the clause's act, from the parse (None:
    # stored without them; conflicts then read the sentence's words)
    when: tuple[str, ...] | None = None
    # (event type, actor, recipient) of the events whose trigger the piece holds
    roles: frozenset[tuple[str, str, str]] = frozenset()

    @property
    def compared(self) -> bool:
        """Whether the piece sides in conflicts: an independent report's body, not a
        syndicated copy (its original speaks for it) nor a headline (it states a
        fact but not its details)."""
        return not self.copy and self.claim.part == "body"

    @property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        return frozenset(zip(self.stems, self.stems[1:]))

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(s for s in self.stems if s[0].isdigit())

    @property
    def length(self) -> int:
        return len(self.stems)


def split_clauses(text: str) -> list[tuple[int, int, str]]:
    """Cut a sentence into the clauses that can each state a fact.

    Breaks at semicolons and dashes, before "while/but/though/whereas" and
    participial clauses (", urging both sides ..."), before ", and" + a
    capitalised word (a second main clause with its own subject), before "one
    day after" and the like (another act at another time), and around
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


def _clause_pieces(claim: Claim) -> list[tuple[int, int, str, str, bool, tuple[int, int],
                                              tuple[str, ...] | None]]:
    """``(start, end, carried context, verb, negated, shown, when)`` of each piece
    of a claim that is aligned, offsets into the claim text; ``when`` is the
    weekdays and years that date its clause's act (None when not known).

    Pieces are cut finely for matching (:func:`split_clauses`: parentheticals,
    participial and relative clauses, list items), because two outlets share a
    fact in a part of a sentence more often than in a whole one. What is shown
    (``shown``) must read alone: the independent clause from the parse that holds
    the piece (:mod:`newsweave.extract.propositions`), or the whole sentence when
    the claim was stored without clauses; a list item is shown with its lead-in
    ("X is pushing for" + the item).
    """
    # stores written before clauses carried their act's dates have four fields:
    # their dates are unknown (None), not absent
    clauses = [(max(0, s - claim.start), max(0, e - claim.start), str(verb), bool(neg),
                tuple(str(w) for w in when[0]) if when else None)
               for s, e, verb, neg, *when in claim.clauses] or [
                   (0, len(claim.text), "", False, None)]
    pieces = []
    for start, end, context in split_clauses(claim.text):
        home = next((c for c in clauses if c[0] <= start < c[1]), clauses[0])
        shown = (start, end) if context and not _is_subject_carry(context) else (
            home[0], home[1])
        pieces.append((start, end, context, home[2], home[3], shown, home[4]))
    return pieces


def _is_subject_carry(context: str) -> bool:
    """Whether ``context`` is a subject carried over a parenthetical (the piece is
    then a fragment of its clause), not the lead-in of a list item."""
    return not _LIST_LEAD_RE.search(context[-30:] + " ")


def _prepare_units(claim: Claim, outlets: Mapping[str, str], duplicates: Mapping[str, str],
                   triggers: Mapping[tuple[str, int], list[Trigger]], rank: int = 0,
                   ) -> list[_Prepared]:
    outlet = outlets.get(claim.article_id) or UNKNOWN_OUTLET
    pieces = _clause_pieces(claim)
    units = []
    for start, end, subject, verb, negated, (show_start, show_end), when in pieces:
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
        held = [(event, roles) for trigger, event, roles in triggers.get(
            (claim.article_id, claim.start), []) if trigger and trigger in folded]
        events = frozenset(event for event, _ in held)
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
            verb=verb or claim.predicate.split(" ")[0], negated=negated, rank=rank, when=when,
            roles=frozenset((event, actor, recipient) for event, roles in held
                            for actor, recipient in roles)))
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


def _triggers_by_sentence(events: Sequence[Event]) -> dict[tuple[str, int], list[Trigger]]:
    """``{(article_id, sentence start): [(first trigger word, event type, roles)]}``,
    the roles being ``(actor, recipient)`` pairs of the event."""
    out: dict[tuple[str, int], list[Trigger]] = {}
    for event in events:
        word = _fold(event.trigger or "").split()
        roles = frozenset((a, r) for a in event.actors for r in event.recipients if a != r)
        out.setdefault((event.article_id, event.start), []).append(
            (word[0] if word else "", event.event, roles))
    return out
