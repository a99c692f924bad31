"""Claims: one normalised statement per news sentence, for alignment across outlets.

A sentence becomes a :class:`Claim` when it carries an event, a quantity or a
position, or names an actor in a clause with a finite verb. Subject, predicate
and object are normalised (actor ids, lower-case lemmas) so that the corroboration
stage can match claims from different outlets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsweave.annotate import doc_text
from newsweave.extract._common import (
    MentionIndex,
    certainty,
    is_chrome,
    normalise_phrase,
    sentence_bounds,
    stable_id,
)
from newsweave.extract.events import CodedTrigger
from newsweave.extract.propositions import independent_clauses
from newsweave.extract.quantities import find_quantities
from newsweave.records import Article, Claim, Mention, Position, Resolution

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A sentence that names no one is a claim when it has this many content words.
MIN_UNNAMED_WORDS = 6
# A headline shorter than this says too little to align ("Update", "Breaking news").
MIN_TITLE_WORDS = 4
# A web address, also as tokenised text ("http: / / www. example. com").
ADDRESS_RE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)|://", re.IGNORECASE)
_SPACES_RE = re.compile(r"\s+")


def find_claims(
    article: Article,
    doc: Doc,
    resolution: Resolution,
    coded: list[CodedTrigger],
    positions: list[Position],
    *,
    index: MentionIndex,
) -> list[Claim]:
    """One claim per sentence of ``doc`` that states something checkable."""
    claims: list[Claim] = []
    headline = title_claim(article, resolution)
    if headline is not None:
        claims.append(headline)
    for sent in doc.sents:
        claim = sentence_claim(article, sent, index, coded, positions)
        if claim is not None:
            claims.append(claim)
    return claims


def title_claim(article: Article, resolution: Resolution) -> Claim | None:
    """The article's headline as a claim of its own (``part="title"``), or None.

    Outlets state the main event in their headlines more alike than anywhere
    else, and the headline is often the only place an outlet states it in so
    many words; so a headline is aligned like a sentence. Its span indexes the
    title. It names the actors the resolve stage found in the body under a name
    the headline uses. Not a claim: a headline that is a web address, a question
    (it asserts nothing), one of fewer than :data:`MIN_TITLE_WORDS` words, or one
    the body repeats (the cleaner takes the first sentence as the title when a
    report has none, and a body sentence is a claim already).
    """
    title = article.title.strip()
    if (len(title.split()) < MIN_TITLE_WORDS or ADDRESS_RE.search(title)
            or title.rstrip("\"'\u201d ").endswith("?")
            or title_repeats_body(title, article.body)):
        return None
    return Claim(
        id=stable_id(article.id, 0, len(title), "title"),
        article_id=article.id, start=0, end=len(title), text=title,
        subject="", predicate="", actors=_actors_named_in(title, resolution),
        part="title")


def title_repeats_body(title: str, body: str) -> bool:
    """Whether the body holds the title's words: the whole title, or the words
    before the "…" of a title cut short (the cleaner's fallback title of a long
    first sentence, and a feed's cut headline). Such a title is no headline."""
    folded = _plain(title)
    if folded.endswith(("…", "...")):
        folded = folded.rstrip(".…").rstrip()
    return bool(folded) and folded in _plain(body)


def _plain(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip().lower()


def _actors_named_in(title: str, resolution: Resolution) -> list[str]:
    """Actors of the body's mentions whose name, as the body writes it, is in ``title``.

    A person's surname alone names them too: headlines call people by surname
    ("Halvane calls off strike") where the body gives the full name first. A
    surname that a body mention writes alone ("Brannick") names that mention's
    actor only, so that a person the resolve stage did not link to it is not
    named twice.
    """
    folded = _plain(title)
    written = {_plain(m.text) for m in resolution.mentions if m.actor_id and m.text.strip()}
    exact = {name for name in written if _names(folded, name)}
    found = []
    for m in resolution.mentions:
        if not m.actor_id or not m.text.strip():
            continue
        surname = _surname(m)
        if _plain(m.text) in exact or (surname and surname not in exact
                                       and _names(folded, surname)):
            found.append(m.actor_id)
    return list(dict.fromkeys(found))


def _names(folded_title: str, name: str) -> bool:
    """Whether the folded title holds ``name`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded_title) is not None


def _surname(mention: Mention) -> str | None:
    """The folded surname of a person's mention of two words or more, else None."""
    words = _plain(mention.text).split()
    return words[-1] if mention.label == "PERSON" and len(words) > 1 else None


def sentence_claim(
    article: Article,
    sent: Span,
    index: MentionIndex,
    coded: list[CodedTrigger],
    positions: list[Position],
) -> Claim | None:
    """The claim a sentence makes, or None for chrome and sentences with nothing to check."""
    if is_chrome(sent):
        return None
    start, end = sentence_bounds(sent)
    mine = [c for c in coded if c.event.start == start and c.event.article_id == article.id]
    stated = [p for p in positions if p.start == start]
    quantities = find_quantities(sent)
    actors = index.actors_in(sent)
    root = sent.root
    # a sentence with a finite verb about someone or something named states
    # what another outlet may state too (actors resolved or not: "Reid checked
    # into rehab" names a person the gazetteer does not know)
    named = bool(actors) or any(t.pos_ == "PROPN" or t.ent_type_ for t in sent)
    # a statement with no name is a claim too when it says enough to be matched
    # ("We are declaring war on harassment and assault"); a short one ("It was
    # a quiet morning") is not
    substantial = sum(t.is_alpha and not t.is_stop for t in sent) >= MIN_UNNAMED_WORDS
    if not (mine or stated or quantities
            or ((named or substantial) and _has_finite_verb(sent))):
        return None
    main = mine[0] if mine else None
    subject, predicate, obj = _triple(main, root, index)
    time = index.time_of(sent)
    background = main.event.background if main else time.background
    if main:
        date, precision = main.event.date, main.event.date_precision
    else:
        date, precision = time.date, time.date_precision
    all_actors = list(
        dict.fromkeys([a for c in mine for a in c.event.actors + c.event.recipients] + actors)
    )
    return Claim(
        id=stable_id(article.id, start, end, "claim"),
        article_id=article.id,
        start=start,
        end=end,
        text=doc_text(sent.doc)[start:end],
        subject=subject,
        predicate=predicate,
        object=obj,
        event_type=main.event.event if main else None,
        actors=all_actors,
        quantities=quantities,
        certainty=main.event.certainty if main else certainty(root, sent),
        background=background,
        date=date,
        date_precision=precision,
        clauses=[c.as_list() for c in independent_clauses(sent)],
    )


def _has_finite_verb(sent: Span) -> bool:
    return any(t.tag_ in _FINITE_TAGS for t in sent)


def _triple(main: CodedTrigger | None, root: Token, index: MentionIndex) -> tuple[str, str, str]:
    """(subject, predicate, object) of the main event's clause, else of the sentence root."""
    if main is not None:
        trigger = main.trigger
        subject = " ".join(main.event.actors) or _phrase(trigger.subjects, index)
        predicate = (
            trigger.key if trigger.noun is None else f"{trigger.key} {trigger.noun.lemma_.lower()}"
        )
        obj = " ".join(main.event.recipients) or _phrase(
            trigger.objects + trigger.complements + trigger.addressees, index
        )
        return subject, predicate, obj
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    objects = [c for c in root.children if c.dep_ in ("dobj", "attr", "acomp")]
    return _phrase(subjects, index), root.lemma_.lower(), _phrase(objects, index)


def _phrase(heads: list[Token], index: MentionIndex) -> str:
    parts: list[str] = []
    for head in heads:
        actors = index.actors_of(head)
        parts.append(" ".join(actors) if actors else normalise_phrase(_core(head), index))
    return " ; ".join(p for p in parts if p)


def _core(head: Token) -> list[Token]:
    # The head noun with its close modifiers; long clauses would defeat matching.
    keep = {"compound", "amod", "nummod", "poss", "det", "neg", "quantmod"}
    return [head] + [t for c in head.children if c.dep_ in keep for t in c.subtree]
