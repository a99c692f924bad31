"""The clauses of a sentence that each state a fact, read from the parse.

A fact shown to a reader must stand alone: a clause with its own subject and
finite verb, or the whole sentence. So a sentence is cut only between
independent clauses ("X arrived on Monday, and Y left on Tuesday"; "X
arrived; Y left"); participial phrases (", urging both sides to ..."),
relative clauses (", which ...") and reported content ("X said that Y ...")
stay with the clause they hang on. Each clause also records its main verb's
lemma and whether that verb is negated, which fact alignment compares: the verb
of the act stated, so the verb a report is told with ("..., police said",
"sources told X that ..."), a semi-modal ("had to apologize") and a verb of
aspect ("continued to stress") give way to the verb of what they carry. It
records as well the weekdays and years the parse hangs on that verb ("when"),
so that two outlets' dates of one act are compared and not the date of another
act the sentence mentions ("quakes that hit the town in 2002").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsweave.words import word_set

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# Clause links that may start an independent clause of their own.
_COORDINATE_DEPS = frozenset({"conj", "parataxis"})
_MIN_WORDS = 4
# Verbs of telling whose reported clause (ccomp) holds the act a sentence states:
# "X approved Y, the mayor said", "sources told the Courier that X checked in".
_TELLING_VERBS = word_set("reporting_verbs") | word_set("reported_verbs")
# Semi-modals whose "to" clause is the act done: "had to apologize on Saturday".
_SEMI_MODALS = frozenset({"have"})
# Verbs of aspect whose complement is the act: "continued to stress", "kept inspecting".
_ASPECT_VERBS = word_set("aspect_verbs")
_WEEKDAYS = frozenset(calendar.day_name)
# Prepositions before a year that date an act ("in 2009", "since 2002"; not "from").
_YEAR_PREPOSITIONS = frozenset({"in", "since", "during"})
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# Links out of the act's own clause: what hangs below them is another act's.
_CLAUSE_LINKS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "xcomp", "pcomp",
                           "parataxis", "appos"})
# A noun a date may hang on and still date the act: a part of the day ("Friday
# morning"), or the act's subject or object ("Voters in 2009 approved").
_TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "day", "time"})
_ARGUMENT_LINKS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Days named by other words ("today", "yesterday"): beside a weekday, two days.
_OTHER_DAY_WORDS = word_set("time_words") - {"overnight"}


@dataclass(frozen=True, slots=True)
class ClauseSpan:
    """One independent clause: character offsets into the document, its main
    verb's lemma, and whether that verb is negated."""

    start: int
    end: int
    verb: str
    negated: bool
    # the weekdays and years that date the act ("Tuesday", "2009"), as written
    when: tuple[str, ...] = ()

    def as_list(self) -> list[object]:
        return [self.start, self.end, self.verb, self.negated, list(self.when)]


def independent_clauses(sent: Span) -> list[ClauseSpan]:
    """The sentence's independent clauses in text order (at least one: the
    whole sentence with the root's verb).

    Semicolons cut first (the parser often hangs the second half on the
    first as a complement); then each piece is cut before coordinated
    clauses that have their own subject and a finite verb.
    """
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return []
    act = _act_verb(sent.root)
    whole = ClauseSpan(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text),
                       act.lemma_.lower(), _negated(act), _act_dates(act))
    spans = []
    for piece in _semicolon_pieces(sent):
        spans.extend(_piece_clauses(piece))
    if len(spans) < 2 or any(_words(sent, s) < _MIN_WORDS or not _has_subject(sent, s)
                             for s in spans):
        return [whole]
    return spans


def _semicolon_pieces(sent: Span) -> list[Span]:
    cuts = [t.i for t in sent if t.text == ";"]
    bounds = [sent.start, *[c + 1 for c in cuts], sent.end + 1]
    ends = [*cuts, sent.end]
    return [sent.doc[a:b] for a, b in zip(bounds, ends) if b > a]


def _piece_clauses(piece: Span) -> list[ClauseSpan]:
    inside = range(piece.start, piece.end)
    local_roots = [t for t in piece if t.head.i not in inside or t.head.i == t.i]
    root = next((t for t in local_roots if t.pos_ in ("VERB", "AUX")),
                local_roots[0] if local_roots else piece.root)
    heads = [root] + [t for t in piece if t.i != root.i and _independent(t, root)]
    heads.sort(key=lambda t: t.i)
    starts = [piece.start] + [max(piece.start, min(x.i for x in h.subtree)) for h in heads[1:]]
    out = []
    for k, head in enumerate(heads):
        stop = starts[k + 1] if k + 1 < len(heads) else piece.end
        tokens = [t for t in piece.doc[starts[k]:stop] if not t.is_space]
        # a clause opening with "and" / "but" reads better without it; trailing
        # commas and conjunctions belong to neither
        while len(tokens) > 1 and (tokens[0].dep_ == "cc" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and ((tokens[-1].is_punct and tokens[-1].text not in ".!?\"'\u201d\u2019)")
                          or tokens[-1].dep_ == "cc"):
            tokens.pop()
        if tokens:
            act = _act_verb(head)
            out.append(ClauseSpan(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1].text),
                                  verb=act.lemma_.lower(), negated=_negated(act),
                                  when=_act_dates(act)))
    return out


def _act_verb(head: Token) -> Token:
    """The verb of the act a clause states: through a verb of telling to the
    clause it reports, through "have to" to the act done, and through a verb of
    aspect ("continued to stress") to the act; the head itself when it carries
    nothing (or denies the telling: "did not say that ...")."""
    for _ in range(3):  # "X said the police had to ..." nests at most this deep
        lemma = head.lemma_.lower()
        if _negated(head):
            return head
        if lemma in _TELLING_VERBS:
            follow = [c for c in head.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        elif lemma in _SEMI_MODALS:
            follow = [c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        elif lemma in _ASPECT_VERBS:
            follow = [c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        else:
            return head
        if len(follow) != 1:
            return head
        head = follow[0]
    return head


def _act_dates(act: Token) -> tuple[str, ...]:
    """The weekdays and years (after "in", "since", "during") that the parse hangs
    on ``act``, through prepositions, parts of the day and the act's subject or
    object, never through another clause (nor a verb coordinated with it:
    "was drafted in 1978 and played ... in 1983" are two acts).

    None for a copula (it states no act), and none when the act also names a day
    by another word ("signed Ilves on Tuesday and Baro today": whose day is
    which cannot be told)."""
    if act.lemma_.lower() == "be":
        return ()
    found = []
    for token in act.subtree:
        if _is_date_word(token) and _dates(token, act.i):
            found.append(token.text)
        elif token.lower_ in _OTHER_DAY_WORDS and _dates(token, act.i):
            return ()
    return tuple(found)


def _is_date_word(token: Token) -> bool:
    """A weekday, or a year after a preposition that dates an act."""
    return token.text in _WEEKDAYS or (
        _YEAR_RE.fullmatch(token.text) is not None and token.dep_ == "pobj"
        and token.head.lower_ in _YEAR_PREPOSITIONS)


def _dates(token: Token, act: int) -> bool:
    """Whether the path from ``token`` up to the act (token index ``act``) stays in
    the act's clause."""
    node = token
    for _ in range(8):
        head = node.head
        if node.dep_ in _CLAUSE_LINKS or head.i == node.i:
            return False
        if head.i == act:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return False
        if head.pos_ in ("NOUN", "PROPN", "PRON") and head.lower_ not in _TIME_NOUNS and not (
                node.dep_ == "prep" and head.dep_ in _ARGUMENT_LINKS and head.head.i == act):
            return False
        node = head
    return False


def _has_subject(sent: Span, span: ClauseSpan) -> bool:
    return any(t.dep_ in _SUBJECT_DEPS and span.start <= t.idx < span.end for t in sent)


def _independent(token: Token, root: Token) -> bool:
    """A coordinated or run-on clause with its own subject and a finite verb,
    hanging directly on ``root`` or on another such clause."""
    if token.dep_ not in _COORDINATE_DEPS or token.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ in _SUBJECT_DEPS for c in token.children):
        return False
    if not _finite(token):
        return False
    head = token.head
    return head.i == root.i or (head.i != token.i and _independent(head, root))


def _finite(verb: Token) -> bool:
    return verb.tag_ in _FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _words(sent: Span, span: ClauseSpan) -> int:
    return sum(1 for t in sent if t.is_alpha and span.start <= t.idx < span.end)
