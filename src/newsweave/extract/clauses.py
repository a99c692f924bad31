"""Find trigger clauses in a parsed sentence: the verb (and nominal trigger), its lexicon
reading, and the tokens that play actor, object and recipient.

Both the event coder and the position finder read these triggers, so a sentence is
analysed once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsweave.extract.lexicon import Entry, Lexicon
from newsweave.words import word_set

# Verbs in these clause roles can carry an event ("while Russia condemned it",
# "urging both sides", "continue to demand", "talks, mediated by Turkey").
_CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "advcl", "pcomp", "relcl", "acl", "parataxis", "csubj"}
)
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
# Prepositions after a verb whose object is the recipient of the act.
_RECIPIENT_PREPS = word_set("recipient_prepositions")
# Phrasal keys whose prepositional object is the addressee, not the content.
_ADDRESSEE_KEYS = word_set("addressee_phrases")
_MEASURE_NOUNS = word_set("measure_nouns")
_NOUN_SLOT_PREPS = word_set("noun_slot_prepositions")
_PARTITIVES = word_set("partitives")
# A participle on these nouns states the act ("an attempt to assassinate X").
_ATTEMPT_NOUNS = word_set("attempt_nouns")
# Nominal events coded on their own when an actor qualifies them; meetings and
# verbal acts need a clause ("the talks" alone is not an event).
_NOMINAL_EVENTS = frozenset({"ASSAULT", "PROTEST", "COERCE"})
_ACTOR_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod"})
_REPORTER_PRONOUNS = word_set("subject_pronouns")
_RELATIVE_PRONOUNS = word_set("relative_pronouns")
# Verbs that report what someone says (the speaker is their subject).
REPORTING_VERBS = word_set("reporting_verbs")
_OBLIGATION_MODALS = word_set("obligation_modals")
# Verbs whose "to" clause belongs to their subject, not their object: "continue to
# demand", "used tear gas to disperse the crowd" (a purpose, not an order).
_SUBJECT_CONTROL = word_set("subject_control_verbs")


# Participles that state what their subject holds or does, not what was done to it.
_STATIVE_PARTICIPLES = word_set("stative_participles")


_PERSON_PRONOUNS = word_set("person_pronouns")
_ANNOUNCING_MODALS = word_set("announcing_modals")
# Bodies that act as parties without being named ("police will ...", "the army would ...").
_FORCE_NOUNS = word_set("force_nouns")
# Nouns of people (the "@person" object class of the lexicon).
_PEOPLE_NOUNS = word_set("people_nouns")


@dataclass(slots=True)
class Trigger:
    """One coded clause: the verb, its nominal trigger if any, and its arguments."""

    verb: Token
    key: str
    entry: Entry
    noun: Token | None = None
    subjects: list[Token] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)
    addressees: list[Token] = field(default_factory=list)
    complements: list[Token] = field(default_factory=list)
    swap: bool = False
    demanded: str | None = None

    @property
    def head(self) -> Token:
        """The token the event hangs on: the nominal trigger if there is one, else the verb."""
        return self.noun if self.noun is not None else self.verb

    @property
    def tokens(self) -> set[int]:
        """Indices of the verb and the nominal trigger."""
        return {self.verb.i} | ({self.noun.i} if self.noun is not None else set())


def verb_keys(verb: Token) -> list[str]:
    """Lexicon keys for a verb, most specific first: "call on", "call"."""
    extras = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")]
    lemmas = verb_lemmas(verb)
    return [f"{lemma} {x}" for lemma in lemmas for x in extras] + lemmas


def verb_lemmas(verb: Token) -> list[str]:
    """The parser's lemma, then regular de-inflections of the word.

    The small model mis-lemmatises some regular forms ("staged" -> "stag"); the
    de-inflected forms ("stage") let the lexicon still find the verb.
    """
    lemma = verb.lemma_.lower()
    word = verb.lower_
    out = [lemma]
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            candidate = word[: -len(suffix)] + repl
            if candidate not in out:
                out.append(candidate)
    return out


def noun_keys(noun: Token) -> list[str]:
    """Lexicon keys for a noun, most specific first: "prisoner exchange", "exchange"."""
    lemma = noun.lemma_.lower()
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")]
    return [f"{m} {lemma}" for m in mods] + [lemma]


def find_triggers(
    sent: Span, lexicon: Lexicon, *, is_actor: Callable[[Token], bool] | None = None
) -> list[Trigger]:
    """All lexicon triggers in a sentence, outermost clauses first.

    Args:
        sent: the sentence.
        lexicon: the trigger lexicon.
        is_actor: tells whether a token names a resolved actor; when given, nominal
            triggers outside any clause are coded too if an actor qualifies them
            ("a Ukrainian airstrike on Russian airbases", "Israel's offensive").
    """
    triggers: list[Trigger] = []
    for token in sent:
        if token.pos_ != "VERB" or token.dep_ not in _CLAUSE_DEPS:
            continue
        if token.dep_ == "acl" and not _acl_counts(token, lexicon):
            continue
        trigger = _read_verb(token, lexicon)
        obligation = _obligation(token, trigger)
        if obligation is not None:
            triggers.append(obligation)
        elif trigger is not None:
            _fill_arguments(trigger)
            triggers.append(trigger)
    if is_actor is not None:
        taken = {i for t in triggers for i in t.tokens}
        triggers.extend(_nominal_triggers(sent, lexicon, is_actor, taken))
    triggers.sort(key=lambda t: (_depth(t.verb), t.verb.i))
    return triggers


def _obligation(verb: Token, content: Trigger | None) -> Trigger | None:
    """ "Russia said Sudan must return the helicopter": a REQUEST by the speaker.

    A clause with "must" (or "should", "has to") reported by a speech verb states
    what the speaker demands of the clause's subject; PLOVER codes it REQUEST with
    the speaker as actor and the subject as recipient, whatever the demanded act is.
    """
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not modals & _OBLIGATION_MODALS:
        return None
    entry = Entry(event="REQUEST", stance="demands")
    trigger = Trigger(verb=verb, key="must", entry=entry)
    trigger.subjects = _subjects(verb.head)
    trigger.addressees = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # The demanded act is the verb's own clause: its lexicon reading gives the mode.
    trigger.complements = [verb]
    trigger.demanded = content.entry.event if content is not None else None
    return trigger


def _acl_counts(verb: Token, lexicon: Lexicon) -> bool:
    # "talks, mediated by Turkey": a participle modifier counts with an explicit agent,
    # or when it modifies a nominal trigger ("talks hosted at the palace").
    if any(c.dep_ in ("agent", "nsubj") for c in verb.children):
        return True
    if verb.head.lemma_.lower() in _ATTEMPT_NOUNS:
        return True
    return lexicon.noun(noun_keys(verb.head), None) is not None


def _nominal_triggers(
    sent: Span, lexicon: Lexicon, is_actor: Callable[[Token], bool], taken: set[int]
) -> list[Trigger]:
    found: list[Trigger] = []
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.i in taken:
            continue
        entry = lexicon.noun(noun_keys(noun), None)
        if entry is None or entry.event not in _NOMINAL_EVENTS:
            continue
        actors = [c for c in noun.children if c.dep_ in _ACTOR_MODIFIERS and is_actor(c)]
        if not actors:
            continue
        trigger = Trigger(verb=noun, key=noun.lemma_.lower(), entry=entry, noun=noun)
        trigger.subjects = actors
        trigger.addressees = _noun_addressees(noun)
        found.append(trigger)
    return found


def _noun_addressees(noun: Token) -> list[Token]:
    return [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _object_lemmas(verb: Token) -> set[str]:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl" or (verb.dep_ == "conj" and _acl_root(verb) is not None):
        acl = _acl_root(verb) if verb.dep_ == "conj" else verb
        if acl is not None:
            objs.append(acl.head)
    # "suspended part of the aid programme": a partitive object stands for its "of" noun.
    objs += [
        p for o in objs if o.lemma_.lower() in _PARTITIVES
        for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj"
    ]
    lemmas = {c.lemma_.lower() for c in objs}
    if any(_is_person(o) for o in objs):
        lemmas.add("@person")
    if objs:
        lemmas.add("@object")  # the lexicon's class of any direct object
    return lemmas


def _read_verb(verb: Token, lexicon: Lexicon) -> Trigger | None:
    lemma = verb.lemma_.lower()
    for noun in _noun_slots(verb):
        entry = lexicon.noun(noun_keys(noun), lemma)
        if entry is not None and entry.verbs:
            # "expressed concern": a reading that is no event stops the search.
            return Trigger(verb=verb, key=lemma, entry=entry, noun=noun) if entry.is_event else None
    hit = lexicon.verb(verb_keys(verb), _object_lemmas(verb))
    if hit is not None and hit[1].content_events and not _content_fits(verb, hit[1], lexicon):
        # "warned that growth would slow": a forecast, not the threat "warn" can be.
        return None
    if hit is not None and not (hit[1].is_event and _sense_fits(verb, hit[1])):
        # "shot up", "released the emails", "declined to comment": no event.
        return None
    if hit is not None and (not hit[1].complement or _has_clause(verb)):
        key, entry = hit
        return Trigger(verb=verb, key=key, entry=entry)
    light = next((k for k in verb_keys(verb) if k in lexicon.light_verbs), None)
    if light is not None:
        for noun in _noun_slots(verb):
            entry = lexicon.noun(noun_keys(noun), light)
            if entry is not None and entry.is_event:
                return Trigger(verb=verb, key=light, entry=entry, noun=noun)
    return None


def _sense_fits(verb: Token, entry: Entry) -> bool:
    """Whether the clause's words leave the entry's reading standing (see Entry.allows_clause)."""
    clause = {t.lemma_.lower() for t in verb.subtree}
    content = {
        t.lemma_.lower() for c in verb.children if c.dep_ in ("xcomp", "ccomp") for t in (c,)
    }
    that_clause = any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    return entry.allows_clause(clause, content, that_clause)


def _content_fits(verb: Token, entry: Entry, lexicon: Lexicon) -> bool:
    """Whether a that-clause, if there is one, states an act of ``entry.content_events``."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if not clauses:
        return True
    for clause in clauses:
        hit = lexicon.verb(verb_keys(clause), _object_lemmas(clause))
        if hit is not None and hit[1].event in entry.content_events:
            return True
        if _announced_by_a_party(clause):
            return True  # "warned that police will no longer tolerate rallies"
    return False


def _announced_by_a_party(clause: Token) -> bool:
    """Whether a clause announces what a party will do: a future modal and a party subject."""
    modal = any(c.dep_ == "aux" and c.lower_ in _ANNOUNCING_MODALS for c in clause.children)
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return modal and any(
        s.lower_ in _PERSON_PRONOUNS | {"it"} or s.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or s.lemma_.lower() in _PEOPLE_NOUNS | _FORCE_NOUNS
        for s in subjects
    )


def _is_person(token: Token) -> bool:
    """Whether a noun phrase head names people: a name, a personal pronoun, a people noun."""
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    if token.pos_ == "PRON":
        return token.lower_ in _PERSON_PRONOUNS
    if token.lemma_.lower() in _PEOPLE_NOUNS:
        return True
    # "20 of the prisoners", "dozens of people"
    return any(
        p.lemma_.lower() in _PEOPLE_NOUNS
        for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj"
    )


def _has_clause(verb: Token) -> bool:
    """Whether the verb governs a clause ("ordered the army to withdraw", "pressed for talks")."""
    return any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ == "for" for c in verb.children
    )


def _noun_slots(verb: Token) -> list[Token]:
    """Nouns a light verb can carry: its object, its subject, or a "for"/"in" phrase."""
    slots = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _NOUN_SLOT_PREPS:
            slots.extend(c for c in prep.children if c.dep_ == "pobj")
    # "launched ten days of war games", "a new round of military exercises": the "of"
    # noun carries the event, so it is read before the measure noun.
    measured = [
        p for n in slots if n.lemma_.lower() in _MEASURE_NOUNS
        for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj"
    ]
    slots = measured + slots
    # "until March": a month is not a march.
    return [n for n in slots if n.pos_ in ("NOUN", "PROPN") and n.ent_type_ not in ("DATE", "TIME")]


def _fill_arguments(trigger: Trigger) -> None:
    verb = trigger.verb
    trigger.subjects = _subjects(verb)
    trigger.objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    if verb.dep_ == "relcl":
        # "guarantees ..., which the West refused": the relative pronoun stands for the antecedent.
        trigger.objects = [
            verb.head if o.lower_ in _RELATIVE_PRONOUNS else o for o in trigger.objects
        ]
    passive_subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive_subjects and trigger.subjects != passive_subjects:
        trigger.objects = passive_subjects + trigger.objects
    if verb.dep_ == "acl" or (verb.dep_ == "conj" and _acl_root(verb) is not None):
        acl = verb if verb.dep_ == "acl" else _acl_root(verb)
        if acl is not None and acl.head.pos_ in ("NOUN", "PROPN"):
            trigger.objects = [acl.head, *trigger.objects]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        pobjs = [c for c in prep.children if c.dep_ == "pobj"]
        key = f"{verb.lemma_.lower()} {prep.lower_}"
        if key == trigger.key and key in _ADDRESSEE_KEYS:
            trigger.addressees.extend(pobjs)
        elif key == trigger.key:
            trigger.complements.extend(pobjs)
        elif prep.lower_ in _RECIPIENT_PREPS and _directed(prep, trigger):
            trigger.addressees.extend(pobjs)
    # A clause before the verb is fronted context, not what the verb is about.
    trigger.complements.extend(
        c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i
    )
    if trigger.noun is not None:
        trigger.objects = [o for o in trigger.objects if o.i != trigger.noun.i]
        noun_is_subject = any(
            s.i == trigger.noun.i
            for s in [*trigger.subjects, *(c for c in verb.children if c.dep_ == "nsubjpass")]
        )
        trigger.subjects = [s for s in trigger.subjects if s.i != trigger.noun.i] or (
            _subjects(verb.head) if verb.dep_ in ("acl", "relcl") else []
        )
        if not trigger.subjects and noun_is_subject:
            # "Palestinian riots are continuing", "Hezbollah's offensive resumed": the
            # owner of an act that is itself the subject is whoever qualifies it.
            trigger.subjects = [
                c for c in trigger.noun.children if c.dep_ in _ACTOR_MODIFIERS
            ]


def _directed(prep: Token, trigger: Trigger) -> bool:
    # "at" marks a target only for hostile acts ("fired at"); elsewhere it is a venue.
    return prep.lower_ != "at" or trigger.entry.event in ("ASSAULT", "ACCUSE", "THREATEN", "COERCE")


def subjects_of(verb: Token) -> list[Token]:
    """The actor tokens of a clause (see :func:`_subjects`)."""
    return _subjects(verb)


def _acl_root(verb: Token) -> Token | None:
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node if node.dep_ == "acl" else None


def _subjects(verb: Token) -> list[Token]:
    """The actor tokens of a clause, inherited from the governing clause when absent."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return agents
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        if verb.dep_ == "relcl" and subjects[0].lower_ in _RELATIVE_PRONOUNS:
            # "Ukraine's Operation X, a drone strike that damaged ...": the antecedent and
            # the name it stands in apposition to.
            antecedent = verb.head
            return [antecedent, antecedent.head] if antecedent.dep_ == "appos" else [antecedent]
        if verb.dep_ in ("ccomp", "advcl") and subjects[0].lower_ in _REPORTER_PRONOUNS:
            # "The army said it had killed ...", "Ukraine ... as it resumed talks":
            # the pronoun is the subject of the governing clause.
            reporter = _subjects(verb.head) if verb.head.pos_ in ("VERB", "AUX") else []
            return reporter or subjects
        return subjects
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive and verb.lemma_.lower() in _STATIVE_PARTICIPLES:
        # "Israel is opposed to", "Vietnam is committed to": a state of the subject.
        return passive
    if passive:
        # "the official was indicted", "two people were shot": the subject of a passive
        # verb is its target; with no "by" agent the actor is not named in the clause.
        return []
    if verb.dep_ == "xcomp":
        # Object control: "urged both sides to seek", "called on Moscow to soften".
        controller = [c for c in verb.head.children if c.dep_ == "dobj"] or [
            p
            for c in verb.head.children
            if c.dep_ == "prep" and c.lower_ in ("on", "upon")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if controller and verb.head.lemma_.lower() not in _SUBJECT_CONTROL:
            return controller
    if verb.dep_ == "conj" and verb.head.dep_ == "xcomp":
        return _subjects(verb.head)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head.i != verb.head.i:
        # "Syria says it is willing to withdraw": the adjective's clause has the subject.
        governor = verb.head.head
        return _subjects(governor) if governor.pos_ in ("VERB", "AUX") else []
    if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            return _subjects(head)
    return []
