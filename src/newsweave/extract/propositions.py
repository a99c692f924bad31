"""The clauses of a sentence that each state a fact, read from the parse.

A fact shown to a reader must stand alone: a clause with its own subject and
finite verb, or the whole sentence. So a sentence is cut only between
independent clauses ("X arrived on Monday, and Y left on Tuesday"; "X
arrived; Y left"); participial phrases (", urging both sides to ..."),
relative clauses (", which ...") and reported content ("X said that Y ...")
stay with the clause they hang on. Each clause also records its main verb's
lemma and whether that verb is negated, which fact alignment compares.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# Clause links that may start an independent clause of their own.
_COORDINATE_DEPS = frozenset({"conj", "parataxis"})
_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class ClauseSpan:
    """One independent clause: character offsets into the document, its main
    verb's lemma, and whether that verb is negated."""

    start: int
    end: int
    verb: str
    negated: bool

    def as_list(self) -> list[object]:
        return [self.start, self.end, self.verb, self.negated]


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
    whole = ClauseSpan(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text),
                       sent.root.lemma_.lower(), _negated(sent.root))
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
            out.append(ClauseSpan(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1].text),
                                  verb=head.lemma_.lower(), negated=_negated(head)))
    return out


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
