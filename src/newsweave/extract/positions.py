"""Positions: what each party demands, rejects, offers or supports.

Positions are read from the same trigger clauses as events: a clause whose lexicon
reading carries a stance ("push for", "reject", "offer", "back") yields one
:class:`Position` per party and per item of a coordinated object ("an immediate
ceasefire, a prisoner exchange and the return of children" -> three demands).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsweave.annotate import doc_text
from newsweave.extract._common import (
    MentionIndex,
    certainty,
    cited_heads,
    clause_chain,
    is_medium,
    phrase_text,
    sentence_bounds,
    stable_id,
)
from newsweave.extract.events import CodedTrigger, code_article
from newsweave.gazetteer import Gazetteer
from newsweave.records import Article, Position, Resolution
from newsweave.words import word_set

# Nouns that only announce the content of a demand ("the need for X").
_FRAME_NOUNS = word_set("frame_nouns")
# Clause parts that never belong to a list item's text.
_ITEM_BREAKS = frozenset({"conj", "cc", "appos", "relcl", "acl"})
# Nouns that name a party's set of positions ("a stance that includes ...").
_STANCE_NOUNS = word_set("stance_nouns")
_INCLUDE_VERBS = frozenset({"include", "involve", "comprise"})
_PRONOUN_OBJECTS = word_set("pronoun_objects")
_CLAUSE_BREAKS = frozenset({"relcl", "advcl", "parataxis"})
_OBLIGATION_MODALS = word_set("obligation_modals")


def find_positions(article: Article, doc: Doc, resolution: Resolution,
                   gazetteer: Gazetteer) -> list[Position]:
    """Every position stated in an article (parses the article's triggers itself)."""
    index = MentionIndex(doc, resolution, gazetteer)
    return positions_from(article, code_article(article, doc, resolution, index=index), index)


def positions_from(
    article: Article, coded: list[CodedTrigger], index: MentionIndex
) -> list[Position]:
    """Positions from already coded trigger clauses."""
    out: list[Position] = []
    seen: set[str] = set()
    clauses = [clause for item in coded for clause in (item, *item.folded)]
    doc = clauses[0].trigger.verb.doc if clauses else None
    sentences = {sent.start: sent for sent in doc.sents} if doc is not None else {}
    found = [p for item in clauses for p in _positions_of(article, item, index)]
    found += [p for sent in sentences.values() for p in _attributed_demands(article, sent, index)]
    rejecting = {i for item in clauses if item.trigger.entry.stance == "rejects"
                 for i in item.trigger.tokens}
    found += [
        p for sent in sentences.values() for p in _stance_holder(article, sent, index, rejecting)
    ]
    for position in found:
        if position.id not in seen:
            seen.add(position.id)
            out.append(position)
    return out


def _stance_holder(
    article: Article, sent: Span, index: MentionIndex, rejecting: set[int]
) -> list[Position]:
    """ "Moscow remains focused on its goals - a stance that includes A, B and C": the
    subject of the clause the stance list follows holds it, so it demands A, B and C
    (whoever else the sentence says rejects them).

    The holder is the nearest clause before the stance noun whose subject is a
    resolved actor and that does not itself reject (the parser often hangs such
    lists on the wrong verb, so the order in the text decides).
    """
    noun = _stance_noun(sent)
    if noun is None:
        return []
    holders = [
        (t, parties)
        for t in sent
        if t.i < noun.i and t.pos_ in ("VERB", "AUX") and t.i not in rejecting
        and (parties := [a for c in t.children if c.dep_ == "nsubj" for a in index.actors_of(c)])
    ]
    if not holders or background_or_negated(holders[-1][0], sent, index):
        return []
    parties = holders[-1][1]
    items = _stance_lists(sent)
    start, end = sentence_bounds(sent)
    text = doc_text(sent.doc)[start:end]
    return [
        Position(
            id=stable_id(article.id, start, party, "demands", obj),
            article_id=article.id, party=party, stance="demands", object=obj,
            start=start, end=end, text=text,
        )
        for party in parties
        for obj in items
    ]


def _stance_noun(sent: Span) -> Token | None:
    for token in sent:
        if token.pos_ == "NOUN" and token.lemma_.lower() in _STANCE_NOUNS and any(
            c.dep_ == "relcl" and c.lemma_.lower() in _INCLUDE_VERBS for c in token.children
        ):
            return token
    return None


def background_or_negated(verb: Token, sent: Span, index: MentionIndex) -> bool:
    """History or a denial is not a current stance."""
    return index.time_of(sent).background or any(c.dep_ == "neg" for c in verb.children)


# "reluctant to oppose", "unwilling to back": a stance held back is not held
_HELD_BACK = frozenset({"reluctant", "unwilling", "hesitant", "loath", "loth", "afraid", "wary"})


def _held_back(verb: Token) -> bool:
    """Whether ``verb`` is the act a word of reluctance holds back ("were reluctant
    to oppose the measure": they do not oppose it, nor support it)."""
    return verb.dep_ == "xcomp" and verb.head.lower_ in _HELD_BACK


def _positions_of(article: Article, item: CodedTrigger, index: MentionIndex) -> list[Position]:
    trigger = item.trigger
    stance = _final_stance(item)
    # Positions are the parties' current stances; history ("In 2013 X rejected ...") is not.
    if stance is None or item.event.background or _held_back(trigger.verb):
        return []
    sent = trigger.verb.sent
    parties = _holders(article, item, _parties(item, index), index)
    objects = _object_texts(item)
    objects = [o for o in objects if o.lower() not in _PRONOUN_OBJECTS]
    if not parties or not objects:
        return []
    start, end = sentence_bounds(sent)
    text = doc_text(sent.doc)[start:end]
    how = certainty(trigger.verb, sent, trigger.noun, event=trigger.entry.event)
    return [
        Position(
            id=stable_id(article.id, start, party, stance, obj),
            article_id=article.id,
            party=party,
            stance=stance,  # type: ignore[arg-type]
            object=obj,
            start=start,
            end=end,
            text=text,
            certainty=how,
            object_start=span[0] if span else None,
            object_end=span[1] if span else None,
        )
        for party in parties
        for obj in objects
        for span in [object_span(text, start, obj)]
    ]


def _holders(article: Article, item: CodedTrigger, parties: list[str],
             index: MentionIndex) -> list[str]:
    """Who holds the stance: never the medium that reports it.

    A stance read from what someone says ("X said Y must ...") belongs to the
    speaker; when the speaker is a news medium or its report ("the newspaper
    said", "the Harbour Gazette said"), the holder is the source the sentence
    cites ("citing the ministry", "according to the ministry"), and with no
    source there is no holder.
    """
    if not _from_a_speaker(item):
        return parties
    kept = [p for p in parties if not is_medium(p, index, article)]
    if kept or not parties:
        return kept
    return _cited_source(item.trigger.verb.sent, index, article)


def _from_a_speaker(item: CodedTrigger) -> bool:
    """Whether the clause's parties are the speaker of a reporting verb above it
    ("X said Y must ...", "X said, calling for ..."), not the clause's own subject
    ("the newspaper said it supports the plan" is the paper's own stance)."""
    from newsweave.extract.clauses import REPORTING_VERBS

    verb = item.trigger.verb
    if item.trigger.key == "must":
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return any(s.head.i != verb.i and s.head.lemma_.lower() in REPORTING_VERBS | {"report"}
               for s in item.trigger.subjects)


def _cited_source(sent: Span, index: MentionIndex, article: Article) -> list[str]:
    """The source a medium cites in the sentence ("citing the ministry", "according to
    the ministry", "quoting X"): its actor ids, else its own words; none if it is a
    medium too."""
    for head in cited_heads(sent):
        found = index.actors_of(head) or [phrase_text(_bare(head)).lower()]
        found = [f for f in found if f and not is_medium(f, index, article)]
        if found:
            return found
    return []


def _attributed_demands(article: Article, sent: Span, index: MentionIndex) -> list[Position]:
    """ "According to the ministry, Sudan must return the helicopter": the source the
    sentence is attributed to demands what the obligation says (its subject to do
    the act), as "X said Sudan must ..." makes X demand it."""
    holders = _cited_source(sent, index, article) if "according" in sent.text.lower() else []
    verb = sent.root
    if not holders or verb.pos_ not in ("VERB", "AUX"):
        return []
    if not {c.lower_ for c in verb.children if c.dep_ == "aux"} & _OBLIGATION_MODALS:
        return []
    if background_or_negated(verb, sent, index):
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    attribution = frozenset(t.i for c in verb.children if c.lower_ == "according"
                            for t in c.subtree)
    acts = _verb_items(verb, skip=attribution)
    if not subjects or not acts:
        return []
    who = phrase_text(_bare(subjects[0]))
    start, end = sentence_bounds(sent)
    text = doc_text(sent.doc)[start:end]
    how = certainty(verb, sent, None, event="REQUEST")
    out = []
    for holder in holders:
        for act in acts:
            obj = f"{who} to {act}"
            span = object_span(text, start, obj)
            out.append(Position(
                id=stable_id(article.id, start, holder, "demands", obj), article_id=article.id,
                party=holder, stance="demands", object=obj, start=start, end=end, text=text,
                certainty=how, object_start=span[0] if span else None,
                object_end=span[1] if span else None))
    return out


def object_span(sentence: str, start: int, obj: str) -> tuple[int, int] | None:
    """Where the sentence words the object, as body offsets.

    An object built as "X to Y" (the addressee and the demanded act) is located by
    its act, "Y", the part the text words in one stretch.
    """
    for part in (obj, obj.split(" to ", 1)[-1]):
        found = sentence.find(part)
        if part and found >= 0:
            return start + found, start + found + len(part)
    return None


def _final_stance(item: CodedTrigger) -> str | None:
    """The stance after negation and modality reached the event type.

    "will not support the plan", "it is not to defend the regime": a refused support
    or offer is a rejection (the event became REJECT), not the support the verb names.
    """
    stance = item.trigger.entry.stance
    if stance in ("supports", "offers", "demands") and item.event.event == "REJECT" \
            and item.trigger.entry.event != "REJECT":
        return "rejects"
    return stance


def _parties(item: CodedTrigger, index: MentionIndex) -> list[str]:
    """Resolved actor ids of the clause, else the subject's own words (lower-cased)."""
    if item.event.actors:
        return list(item.event.actors)
    names = [phrase_text(_bare(s)).lower() for s in item.trigger.subjects if s.pos_ != "PRON"]
    return [n for n in names if n]


def _object_texts(item: CodedTrigger) -> list[str]:
    trigger = item.trigger
    if trigger.noun is not None and trigger.noun.lemma_.lower() in _FRAME_NOUNS | {"support"}:
        return _frame_contents(trigger.noun)
    if trigger.noun is not None:
        return [phrase_text(_bare(trigger.noun))]
    addressee = next((a for a in trigger.addressees), None)
    contents = list(trigger.complements)
    # "promised hundreds of times that ...": how often, not what
    objects = [o for o in trigger.objects if not _how_often(o)]
    framed = [o for o in objects if o.lemma_.lower() in _FRAME_NOUNS]
    if framed:
        return _frame_contents(framed[0])
    clauses = [c for c in contents if c.pos_ in ("VERB", "AUX")]
    if objects and clauses and trigger.entry.event == "REQUEST":
        # "urged both sides to seek a solution": the object is the addressee.
        addressee = objects[0]
        objects = []
    nominal = [c for c in contents if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    heads = sorted(objects + nominal, key=lambda t: t.i)
    if heads:
        return [text for h in heads for text in _items(h)] + _stray_items(trigger.verb, heads)
    texts = [text for c in clauses for text in _verb_items(c)]
    if not texts and not addressee:
        texts = _stance_list(trigger.verb)
    if addressee is not None and texts:
        who = phrase_text(_bare(addressee))
        return [f"{who} to {t}" for t in texts]
    return texts


def _how_often(head: Token) -> bool:
    """Whether an object the parser found says how often, not what: "three times",
    "hundreds of times"."""
    if head.lemma_.lower() == "time" and head.tag_ == "NNS":
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        p.dep_ == "pobj" and p.lower_ == "times" for p in c.children) for c in head.children)


def _stray_items(verb: Token, heads: list[Token]) -> list[str]:
    """List items the parser hung on the verb instead of the first item.

    "pushing for A, B, and C" often parses B as a second object of the verb (and
    "continue to demand A, B" as an object of "continue"); such objects to the
    right of the first item continue the list.
    """
    taken = {t.i for h in heads for t in h.subtree}
    first = min(h.i for h in heads)
    strays: list[str] = []
    for node in clause_chain(verb):
        for child in node.children:
            if child.dep_ in ("dobj", "npadvmod") and child.i > first and child.i not in taken:
                strays.extend(_items(child))
                taken.update(t.i for t in child.subtree)
    return strays


def _stance_list(verb: Token) -> list[str]:
    """ "a stance that includes A, B and C - positions X rejects": the items A, B, C."""
    return _stance_lists(verb.sent)


def _stance_lists(sent: Span) -> list[str]:
    """The items of the first "a stance that includes A, B and C" in the sentence."""
    for token in sent:
        if token.pos_ != "NOUN":
            continue
        for clause in token.children:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in _INCLUDE_VERBS:
                content = [c for c in clause.children if c.dep_ in ("xcomp", "dobj")]
                items = [
                    t for c in content for t in (_verb_items(c) if c.pos_ == "VERB" else _items(c))
                ]
                if items:
                    return items
    return []


def _frame_contents(noun: Token) -> list[str]:
    """The content of "the need for X", "willingness to Y", "support for Z"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "to", "on"):
            pobjs = [c for c in child.children if c.dep_ == "pobj"]
            if pobjs:
                return [t for p in pobjs for t in _items(p)]
        if child.dep_ in ("acl", "relcl", "xcomp") and child.pos_ == "VERB":
            return _verb_items(child)
    return []


def _items(head: Token) -> list[str]:
    """Each item of a coordinated noun phrase, as text."""
    members = _list_members(head)
    return [t for t in (phrase_text(_bare(m)) for m in members) if t]


def _list_members(head: Token) -> list[Token]:
    members = [head]
    coordinated = any(c.dep_ == "conj" for m in head.subtree for c in [m])
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for child in node.children:
            if child.dep_ == "conj" or (child.dep_ == "appos" and coordinated):
                members.append(child)
                frontier.append(child)
    return sorted(members, key=lambda t: t.i)


def _verb_items(verb: Token, *, skip: frozenset[int] = frozenset()) -> list[str]:
    """Coordinated verb phrases: "to soften its approach and show ..." -> two items.

    Tokens in ``skip`` (an attribution such as "according to X") are left out.
    """
    members = [verb]
    frontier = [verb]
    while frontier:
        node = frontier.pop()
        more = [c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        members.extend(more)
        frontier.extend(more)
    members.sort(key=lambda t: t.i)
    texts = []
    for member in members:
        # "Sudan must return the helicopter": the demanded thing is "return the helicopter";
        # its subject and modal are who is asked and how, not part of the thing.
        dropped = {
            t.i for c in member.children
            if c.dep_ in ("nsubj", "nsubjpass", "mark") or (c.dep_ == "aux" and c.lower_ != "to")
            for t in c.subtree
        }
        tokens = [
            t
            for t in _bare(member)
            if not (t.dep_ == "aux" and t.lower_ == "to" and t.head.i == member.i)
            and t.i not in dropped and t.i not in skip
        ]
        texts.append(phrase_text(tokens))
    return [t for t in texts if t]


def _bare(head: Token) -> list[Token]:
    """The tokens of a phrase without its coordinated siblings, appositions or clauses."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in _ITEM_BREAKS and not (
            child.dep_ == "acl" and child.i > head.i and _short(child)
        ):
            drop.update(t.i for t in child.subtree)
    for token in head.subtree:
        # Relative and adverbial clauses comment on the thing; they are not part of it.
        if token.i != head.i and token.dep_ in _CLAUSE_BREAKS:
            drop.update(t.i for t in token.subtree)
    return [t for t in head.subtree if t.i not in drop]


def _short(clause: Token) -> bool:
    # Keep short participle modifiers that are part of the thing ("children taken during the war").
    return sum(1 for _ in clause.subtree) <= 6
