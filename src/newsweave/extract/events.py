"""A rule-based PLOVER event coder over the dependency parse.

For each sentence: find trigger clauses (:mod:`newsweave.extract.clauses`), read the
event, mode and context from the lexicon, map actor and recipient tokens to the
resolve stage's actors, and attach place, date, quantities, certainty and the
background flag. Sentences without a trigger stay uncoded.

Who did it, in order: the named subject (or passive agent, or the owner of a nominal
act: "Palestinian riots"); a pronoun's antecedent earlier in the sentence, then the
main actor of the sentence before; the owner of an earlier operation; as a last
resort an ``unidentified:<ISO3>`` actor of the country of the event's own place
(the CAMEO convention for unnamed attackers and crowds).

To whom, for attacks: the object or an "on/against/targeting" phrase; a party or a
place in another country after "at/against/on/into/over" ("fired drones at X",
"over X"); else the party that intercepts or repels the weapons in the same
sentence. Requests go to whoever is asked to act, threats and refusals to the
target of the threatened or refused act, gifts to their receiver.

Dates: a sentence's own time expression, resolved against the publication date.
Without a publication date, relative expressions ("overnight", "on Sunday") give
no calendar date and the event stays undated; only dates the text states in full
(a year, a month with its year) are kept. Background sentences carry their own year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsweave.extract._common import (
    WISH_VERBS,
    MentionIndex,
    certainty,
    cited_heads,
    clause_chain,
    counterfactual,
    is_intent,
    is_medium,
    lemma_forms,
    sentence_bounds,
    sentence_text,
    stable_id,
    unrealised_attitude,
)
from newsweave.extract.clauses import Trigger, find_triggers, subjects_of
from newsweave.extract.lexicon import Lexicon, load_lexicon
from newsweave.extract.quantities import find_quantities
from newsweave.gazetteer import Gazetteer
from newsweave.records import Article, Event, Quantity, Resolution
from newsweave.resolve.groups import country_code
from newsweave.words import word_set

_PLACE_PREPS = word_set("place_prepositions")
_FUTURE_READINGS = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
}
# Marks a clause whose act did not happen and that the codebook turns into no event.
_NOT_AN_EVENT = "-"
# Weapon words that also name harmless things ("a mine collapsed", "chemicals leaked").
_AMBIGUOUS_WEAPONS = word_set("ambiguous_weapons")
_SPEECH_ACTS = frozenset({"REQUEST", "THREATEN", "REJECT", "ACCUSE"})
# Acts of material conflict; announced or possible ones are threats (CAMEO 13:
# "threaten to impose a curfew", "threaten to halt mediation", "threaten attack").
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
_COOPERATIVE = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
)
# Acts aimed at a target, where a place named as the target stands for its state.
_TARGETED = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE"})
_EXERCISE_NOUNS = word_set("exercise_nouns")
# Nouns that name an act (its subject stands for whoever did it).
_OPERATION_NOUNS = word_set("operation_nouns")
_OPERATION_REACH = 3
# How much the text's hedging lowers an event's confidence.
_CERTAINTY_WEIGHT = {
    "asserted": 1.0, "reported": 0.85, "expected": 0.8, "hypothetical": 0.7,
    "conditional": 0.7, "negated": 0.8,
}
_PEACEKEEPING = word_set("peacekeeping_words")
_FUTURE_MODALS = word_set("announcing_modals") | word_set("hedging_modals")
# Promise verbs whose content decides the reading: "vowed to fight" is a threat.
_PROMISE_VERBS = word_set("promise_verbs")
# Demanded act -> REQUEST mode (the manual's REQUEST modes).
_DEMANDED_MODES = {
    "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONSULT": "meet",
    "AGREE": "meet", "RETREAT": "yield", "CONCEDE": "yield",
}
# Acts whose object may be named only through a country word ("an Indian proposal").
_QUALIFIED_TARGETS = frozenset(
    {"REJECT", "ACCUSE", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "SUPPORT", "REQUEST"}
)
# Acts that hand something over: the receiver is their recipient.
_GIVING = frozenset({"AID", "AGREE", "COOPERATE", "SUPPORT", "CONCEDE", "RETREAT"})
# Acts done to the people of the place where they happen ("lifted the curfew in X",
# "evacuated the wounded from X"): with no party named, that place's state is the recipient.
_DONE_WHERE_IT_HAPPENS = frozenset({"CONCEDE", "COERCE", "RETREAT", "AID", "SANCTION"})
_PERSONAL_PRONOUNS = word_set("subject_pronouns")
# Prepositions that name what an attack is aimed at ("fired missiles at", "drones over").
_TARGET_PREPS = word_set("target_prepositions")
# Verbs of air defence: whoever does them is the target of the attack they answer.
_DEFENCE_VERBS = word_set("defence_verbs")
_CONSULT_HOST_VERBS = word_set("consult_host_verbs")


@dataclass(slots=True)
class CodedTrigger:
    """An event together with the clause it was coded from (used by positions and facts)."""

    event: Event
    trigger: Trigger
    actor_tokens: list[Token]
    recipient_tokens: list[Token]
    folded: list[CodedTrigger] = field(default_factory=list)
    sentence: int = 0


def code_events(article: Article, doc: Doc, resolution: Resolution,
                gazetteer: Gazetteer) -> list[Event]:
    """PLOVER events for every sentence of an article (see :func:`code_sentence`)."""
    index = MentionIndex(doc, resolution, gazetteer)
    return [c.event for c in code_article(article, doc, resolution, index=index)]


def code_article(
    article: Article,
    doc: Doc,
    resolution: Resolution,
    *,
    lexicon: Lexicon | None = None,
    index: MentionIndex,
) -> list[CodedTrigger]:
    """Events with their trigger clauses for every sentence of ``doc``.

    Args:
        article: the article the doc parses.
        doc: the spaCy parse of ``article.body``.
        resolution: the resolve stage's mentions and actors.
        lexicon: trigger lexicon; the built-in one by default.
        index: the mention index of ``doc`` and ``resolution``.
    """
    lexicon = lexicon or load_lexicon()
    coded: list[CodedTrigger] = []
    for number, sent in enumerate(doc.sents):
        items = code_sentence(article, sent, index, lexicon=lexicon)
        for item in items:
            item.sentence = number
            _inherit_operation_actor(item, coded)
            _pronoun_from_previous_sentence(item, coded, index)
            _no_medium_demands(item, index, article)
            _unidentified_at_place(item, index)
            # Actors found across sentences count: recompute once they are settled.
            item.event.confidence = _confidence(item.trigger, item.event.certainty, item.event.actors)
        coded.extend(items)
    return coded


def _pronoun_from_previous_sentence(
    item: CodedTrigger, earlier: list[CodedTrigger], index: MentionIndex
) -> None:
    """ "The rebels seized the town. They later withdrew.": a pronoun subject with no
    antecedent in its own sentence stands for the actor of the main event of the
    sentence just before, when that actor fits the pronoun (he/she a person,
    it not a person, they not a single person)."""
    event = item.event
    pronoun = _pronoun_subject(item.trigger)
    if event.actors or pronoun is None:
        return
    previous = [o for o in earlier if o.sentence == item.sentence - 1 and o.event.actors]
    for other in previous[:1]:
        fitting = [a for a in other.event.actors if _fits_pronoun(pronoun, index.kind_of.get(a))]
        if fitting:
            event.actors = fitting
            event.recipients = [r for r in event.recipients if r not in fitting]


def _no_medium_demands(item: CodedTrigger, index: MentionIndex, article: Article) -> None:
    """ "The Harbour Gazette said Sudan must return the helicopter": a demand read from
    what a speaker says is the speaker's, but a news medium reports demands, it does
    not make them. Its actor is the source the sentence cites ("citing the
    ministry"), when that source is a resolved actor, else nobody (see
    :func:`~newsweave.extract._common.is_medium`)."""
    event = item.event
    if item.trigger.key != "must" or not event.actors:
        return
    if not all(is_medium(a, index, article) for a in event.actors):
        return
    sent = item.trigger.verb.sent
    event.actors = [a for head in cited_heads(sent) for a in index.actors_of(head)
                    if not is_medium(a, index, article)]


def _unidentified_at_place(item: CodedTrigger, index: MentionIndex) -> None:
    """ "A roadside bomb near Samarra killed two soldiers": an event with no actor named at
    all takes an unidentified actor of the country where it happens.

    The last resort of actor finding, after names, pronouns and operation owners:
    CAMEO codes an unnamed attacker or crowd with the country of the event's location.
    Only the event's own place counts (never a place elsewhere in the article).
    """
    event = item.event
    if event.actors or event.background:
        return
    iso3 = index.place_country(event.place_id)
    if iso3 is None:
        return
    event.actors = [index.unidentified_in(iso3)]
    event.recipients = [r for r in event.recipients if r not in event.actors]


def _inherit_operation_actor(item: CodedTrigger, earlier: list[CodedTrigger]) -> None:
    """ "Ukraine launched a drone attack ... Operation X, a drone strike that damaged 40
    bombers": an act whose subject is an operation or strike with no named owner is the
    act of whoever carried out the last such act in the sentences just before.

    A deliberately small coreference: same event type, at most ``_OPERATION_REACH``
    sentences back, and only for subjects that name an act rather than a party.
    """
    event = item.event
    if event.actors or event.event != "ASSAULT":
        return
    if not any(s.lemma_.lower() in _OPERATION_NOUNS for s in item.trigger.subjects):
        return
    for other in reversed(earlier):
        if item.sentence - other.sentence > _OPERATION_REACH:
            return
        if other.event.event == "ASSAULT" and other.event.actors and not other.event.background:
            event.actors = list(other.event.actors)
            event.recipients = event.recipients or [
                r for r in other.event.recipients if r not in event.actors
            ]
            return


def code_sentence(
    article: Article, sent: Span, index: MentionIndex, *, lexicon: Lexicon | None = None
) -> list[CodedTrigger]:
    """One event per trigger clause of a sentence.

    A clause that restates the event of a clause above it ("launched a barrage,
    firing 472 drones") is folded into that event instead of coded twice.
    """
    lexicon = lexicon or load_lexicon()
    if _is_question(sent):
        # "Will they walk out?", "Did the army shell the village?": asked, not reported.
        return []
    triggers = find_triggers(
        sent, lexicon, is_actor=lambda t: t.i in index.actor_of or _country_word(t, index) is not None)
    if not triggers:
        return []
    time = index.time_of(sent)
    background, date, precision = time.background, time.date, time.date_precision
    quantities = find_quantities(sent)
    coded: list[CodedTrigger] = []
    for trigger in triggers:
        speech = _speech_act_around(trigger, coded)
        if speech is not None:
            _recipients_from_content(speech, trigger, article, sent, index, lexicon)
            continue
        item = _code_trigger(article, sent, trigger, index, lexicon, quantities)
        if item is None:
            continue
        parent = _same_event_ancestor(item, coded)
        if parent is not None:
            _fold(parent, item)
            continue
        item.event.date, item.event.date_precision = date, precision
        item.event.background = background
        coded.append(item)
    coded = _promises_of_harm(coded)
    for item in coded:
        item.event.place_id = item.event.place_id or _any_place(sent, index, coded, item)
        item.event.quantities = [
            q for q in item.event.quantities if _owner(q, coded) in (None, item.event.id)
        ]
    return coded


def _speech_act_around(trigger: Trigger, coded: list[CodedTrigger]) -> CodedTrigger | None:
    """The request or threat whose content the clause is ("urged X to withdraw"), if any."""
    for item in coded:
        if item.event.event not in _SPEECH_ACTS:
            continue
        if trigger.verb.i in _content_of(item.trigger):
            return item
    return None


def _recipients_from_content(
    speech: CodedTrigger,
    content: Trigger,
    article: Article,
    sent: Span,
    index: MentionIndex,
    lexicon: Lexicon,
) -> None:
    """The recipient of a request or threat that names it only in its content.

    "demanded that Hamas renounce ...": whoever is asked to act (the content's
    actor) receives a REQUEST; "threatened to break relations with Russia",
    "refused to deploy peacekeepers in Iraq": whoever the threatened or refused act
    is aimed at (the content's recipient) receives a THREATEN or REJECT.
    """
    event = speech.event
    if event.recipients:
        return
    inner = _code_trigger(article, sent, content, index, lexicon, [], realised_only=False)
    if inner is None:
        return
    inner = inner.event
    found = inner.actors if event.event == "REQUEST" else inner.recipients
    event.recipients = [r for r in found if r not in event.actors]


def _content_of(trigger: Trigger) -> set[int]:
    """Tokens stating what is requested, threatened, denied or alleged."""
    heads = [c for c in trigger.complements if c.pos_ in ("VERB", "AUX")]
    # "accused Eritrea of arming rebels": the "of"/"for" clause is the allegation.
    heads += [
        p
        for c in trigger.verb.children
        if c.dep_ == "prep" and c.lower_ in ("of", "for")
        for p in c.children
        if p.dep_ == "pcomp"
    ]
    return {t.i for h in heads for t in h.subtree}


def _owner(quantity: Quantity, coded: list[CodedTrigger]) -> str | None:
    """The event id of the innermost coded clause whose subtree holds the quantity."""
    best: str | None = None
    best_size = 10**9
    for item in coded:
        subtree = list(item.trigger.verb.subtree)
        if (
            any(quantity.start <= t.idx < quantity.end for t in subtree)
            and len(subtree) < best_size
        ):
            best, best_size = item.event.id, len(subtree)
    return best


def _code_trigger(
    article: Article,
    sent: Span,
    trigger: Trigger,
    index: MentionIndex,
    lexicon: Lexicon,
    quantities: list[Quantity],
    *,
    realised_only: bool = True,
) -> CodedTrigger | None:
    """The event of one trigger clause, or None when the clause codes no event.

    With ``realised_only`` (the default), a clause whose act did not take place and
    that the codebook turns into no other event (see :func:`_future_reading`), or whose
    act has no human agent (see :func:`_no_agent`), gives None.
    """
    event_type, mode, context = _reading(trigger, sent, lexicon)
    how = certainty(trigger.verb, sent, trigger.noun, event=event_type)
    future = _future_reading(trigger, event_type, how)
    if future == _NOT_AN_EVENT:
        if realised_only:
            return None
        future = None
    if future is not None:
        event_type, trigger.swap = future, False
        how = "asserted" if future == "REJECT" else how
        mode = _cue_mode(trigger, lexicon.threat_modes) if future == "THREATEN" else None
    actor_tokens = [t for s in trigger.subjects for t in index.actor_tokens(s)]
    if not actor_tokens and _pronoun_owned(trigger):
        # "Bosnian Serbs said their forces had completed ...": the owner is the speaker.
        actor_tokens = [t for s in subjects_of(trigger.verb.head) for t in index.actor_tokens(s)]
    if not actor_tokens:
        actor_tokens = _antecedent_tokens(trigger, sent, index)
    recipient_tokens = _recipient_tokens(trigger, index)
    if trigger.swap:
        actor_tokens, recipient_tokens = recipient_tokens, actor_tokens
    actors = index.actors_in(actor_tokens) or _nominal_country_actors(trigger, index)
    if realised_only and not actors and (
        _no_agent(trigger, sent, lexicon) or _thing_as_subject(trigger, lexicon)
    ):
        return None
    recipients = [r for r in index.actors_in(recipient_tokens) if r not in actors]
    if not recipients and not trigger.swap and event_type in _TARGETED:
        recipients = [r for r in _place_targets(trigger, index) if r not in actors]
    if not recipients and not trigger.swap and event_type == "ASSAULT":
        recipients = _assault_target(trigger, sent, index, actors)
    if event_type == "MOBILIZE" and _joint_exercise(trigger, actors, index):
        # The manual: joint military exercises are COOPERATE, single-country ones MOBILIZE.
        event_type, mode, context = "COOPERATE", None, list(dict.fromkeys([*context, "military"]))
    if not recipients and not trigger.swap:
        recipients = [r for r in _given_to(trigger, index) if r not in actors]
    if not recipients and not trigger.swap and event_type in _QUALIFIED_TARGETS:
        recipients = [r for r in _qualifying_states(trigger, index) if r not in actors]
    place_id = _place(trigger, index, {t.i for t in actor_tokens + recipient_tokens})
    if not recipients and not trigger.swap and event_type in _DONE_WHERE_IT_HAPPENS:
        state = index.state_of_place_id(place_id)
        recipients = [state] if state is not None and state not in actors else []
    start, end = sentence_bounds(sent)
    event = Event(
        id=stable_id(article.id, start, end, event_type, trigger.verb.i),
        article_id=article.id,
        event=event_type,
        start=start,
        end=end,
        text=sentence_text(sent),
        mode=mode,
        context=context,
        actors=actors,
        recipients=recipients,
        place_id=place_id,
        quantities=_quantities_for(trigger, quantities),
        certainty=how,
        trigger=_trigger_text(trigger),
        confidence=_confidence(trigger, how, actors),
    )
    return CodedTrigger(event, trigger, actor_tokens, recipient_tokens)


def _confidence(trigger: Trigger, how: str, actors: list[str]) -> float:
    """How sure the coder is of an event, from how it was read (0-1, two decimals).

    Fixed before measuring, from the strength of the evidence: a reading licensed by
    its object or by its governing verb ("released 20 prisoners", "held talks") beats
    a verb read whatever its object, which beats a noun coded with no clause around
    it; the text's own hedging lowers it (reported, announced, conditional); an event
    whose actor is not named (unidentified or none) is less sure. EVALUATION.md gives
    the share of right events by band.
    """
    entry = trigger.entry
    if trigger.noun is not None and trigger.noun.i == trigger.verb.i:
        score = 0.6  # a nominal act with no clause: "a Ukrainian airstrike on ..."
    elif trigger.key == "must":
        score = 0.6  # a demand read from an obligation: "X said Y must ..."
    elif entry.objects or entry.verbs:
        score = 0.9  # licensed by its object or governing verb
    else:
        score = 0.75
    score *= _CERTAINTY_WEIGHT.get(how, 1.0)
    named = [a for a in actors if not a.startswith("unidentified:")]
    if not named:
        score *= 0.7
    return round(score, 2)


def _pronoun_subject(trigger: Trigger) -> Token | None:
    return next(
        (s for s in trigger.subjects if s.pos_ == "PRON" and s.lower_ in _PERSONAL_PRONOUNS),
        None,
    )


def _fits_pronoun(pronoun: Token, kind: str | None) -> bool:
    """Whether an actor of this kind can be what the pronoun refers to."""
    word = pronoun.lower_
    if word in ("he", "she"):
        return kind == "person"
    if word == "it":
        return kind in ("state", "organisation", "group")
    return kind in ("state", "organisation", "group")  # they, we


def _antecedent_tokens(trigger: Trigger, sent: Span, index: MentionIndex) -> list[Token]:
    """ "Uganda said on Sunday it had paid ...", "the rebels, who say they ...": the actor
    a pronoun subject refers to, looked for earlier in the same sentence.

    Candidates are the actor mentions before the pronoun that fit it (see
    :func:`_fits_pronoun`); the nearest one that heads a subject wins, else the
    nearest one. A small, local coreference: no chains across paragraphs.
    """
    pronoun = _pronoun_subject(trigger)
    if pronoun is None:
        return []
    candidates: list[Token] = []
    for token in sent:
        if token.i >= pronoun.i:
            break
        mention = index.actor_of.get(token.i)
        if mention is None or not _fits_pronoun(pronoun, index.kind_of.get(mention.actor_id or "")):
            continue
        candidates.append(token)
    if not candidates:
        return []
    subjects = [t for t in candidates if _phrase_head(t).dep_ in ("nsubj", "nsubjpass")]
    chosen = (subjects or candidates)[-1]
    return index.actor_tokens(_phrase_head(chosen)) or [chosen]


def _phrase_head(token: Token) -> Token:
    """The head noun of the phrase a name sits in ("Russia's army" -> army)."""
    node = token
    for _ in range(4):
        if node.dep_ not in ("compound", "amod", "poss", "flat", "appos") or node.head.i == node.i:
            break
        node = node.head
    return node


def _assault_target(
    trigger: Trigger, sent: Span, index: MentionIndex, actors: list[str]
) -> list[str]:
    """The target of an attack the clause does not name as its object.

    Two rules, in order: a party or a place in another country after "at",
    "against", "on", "into" or "over" on the attack's object ("fired 40 rockets at
    Israel", "launched drones over Kharkiv"); and the party whose forces intercept,
    shoot down or repel the weapons in the same sentence ("..., with Ukrainian
    forces intercepting 162 of them"), since one defends against what targets it.
    """
    own = {index.country_of.get(a) for a in actors}
    heads = list(dict.fromkeys([trigger.verb, trigger.head, *trigger.objects]))
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _TARGET_PREPS:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                named = [a for a in index.actors_of(pobj) if a not in actors]
                if named:
                    return named
                state = index.state_of_place(pobj)
                if state is not None and index.country_of.get(state) not in own:
                    return [state]
    for token in sent:
        if token.lemma_.lower() not in _DEFENCE_VERBS or token.i in trigger.tokens:
            continue
        defenders = [a for s in subjects_of(token) for a in index.actors_of(s)]
        defenders = [d for d in defenders if index.country_of.get(d) not in own]
        if defenders:
            return defenders
    return []


def _country_word(token: Token, index: MentionIndex) -> str | None:
    """ISO3 of the country a country adjective or name names ("Ukrainian", "Ukraine"),
    when the entity recogniser marked it (NORP, GPE); None otherwise."""
    if token.ent_type_ not in ("NORP", "GPE"):
        return None
    return country_code(token.text, index.gazetteer)


def _nominal_country_actors(trigger: Trigger, index: MentionIndex) -> list[str]:
    """ "a Ukrainian airstrike on Russian airbases": the state a country word on an
    event noun names, when that word is no resolved actor of its own.

    The resolve stage makes actors of country words that name people ("Israeli
    forces"), not of those that qualify an act; the act's agent is then the state.
    Only for nominal triggers (the noun is the trigger), whose subjects are the
    noun's modifiers.
    """
    if trigger.noun is None or trigger.noun.i != trigger.verb.i:
        return []
    codes = [_country_word(t, index) for t in trigger.subjects if t.i not in index.actor_of]
    return [index.state_of_iso3(iso3) for iso3 in dict.fromkeys(c for c in codes if c)]


def _qualifying_states(trigger: Trigger, index: MentionIndex) -> list[str]:
    """ "rejected an Indian proposal", "threatened to shell Iraqi towns": the state a
    country word on the object names, when the object itself is no party.

    Only country adjectives and names the entity recogniser marked (NORP, GPE)
    count, and only when they qualify the object directly.
    """
    heads = list(trigger.objects) + list(trigger.addressees)
    if trigger.noun is not None:
        heads += _noun_targets(trigger.noun)
        if trigger.noun.i != trigger.verb.i and trigger.noun.dep_ in ("dobj", "pobj"):
            # "rejected a Peruvian proposal": the noun read with the verb is its object.
            heads.append(trigger.noun)
    out: list[str] = []
    for head in heads:
        for word in head.children:
            if word.dep_ not in ("amod", "compound", "poss") or word.ent_type_ not in ("NORP", "GPE"):
                continue
            iso3 = country_code(word.text, index.gazetteer)
            state = index.state_of_iso3(iso3) if iso3 else None
            if state is not None and state not in out:
                out.append(state)
    return out


def _given_to(trigger: Trigger, index: MentionIndex) -> list[str]:
    """ "gave Tanzania a grant", "will provide food aid to Liberia", "aid for Romania":
    the receiver of what is given or offered (a dative object, or a "to"/"for" phrase
    on the thing given), for the events that hand something over."""
    if trigger.entry.event not in _GIVING:
        return []
    heads = [c for c in trigger.verb.children if c.dep_ == "dative"]
    things = [trigger.verb, *trigger.objects] + ([trigger.noun] if trigger.noun is not None else [])
    heads += [
        p for t in things for c in t.children
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
        for p in c.children if p.dep_ == "pobj"
    ]
    out: list[str] = []
    for head in heads:
        named = index.actors_of(head) or [
            s for s in [index.state_of_place(t) for t in head.subtree] if s is not None
        ][:1]
        out += [a for a in named if a not in out]
    return out


def _place_targets(trigger: Trigger, index: MentionIndex) -> list[str]:
    """ "shelled Juba", "an attack on the town of Gorazde": the state the target place is in."""
    heads = list(trigger.objects) + list(trigger.addressees)
    if trigger.noun is not None:
        heads += _noun_targets(trigger.noun)
    heads += [
        p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj"
    ]
    out: list[str] = []
    for head in heads:
        state = index.state_of_place(head)
        if state is not None and state not in out:
            out.append(state)
    return out


def _joint_exercise(trigger: Trigger, actors: list[str], index: MentionIndex) -> bool:
    if trigger.noun is None or trigger.noun.lemma_.lower() not in _EXERCISE_NOUNS:
        return False
    countries = {index.country_of.get(a) or a for a in actors}
    return len(countries) >= 2


def _pronoun_owned(trigger: Trigger) -> bool:
    """Whether the clause's subject is owned by a pronoun ("their forces", "its army")."""
    if trigger.verb.dep_ not in ("ccomp", "advcl", "conj") or trigger.verb.head.i == trigger.verb.i:
        return False
    return any(
        c.dep_ == "poss" and c.pos_ == "PRON" for s in trigger.subjects for c in s.children
    )


def _future_reading(trigger: Trigger, event: str, how: str) -> str | None:
    """The PLOVER reading of an act that is announced, offered, possible or denied, not done.

    Announced cooperation (CONSULT, SUPPORT, COOPERATE, AID) is AGREE (the manual's
    AGREE definition); an offer to retreat is AGREE (CAMEO 035 "express intent to
    yield") while an announced retreat is CONCEDE (the manual's RETREAT notes);
    announced or possible material conflict is THREATEN (CAMEO 13). A refused
    cooperation is REJECT. Everything else that did not happen is no event
    (``_NOT_AN_EVENT``): a negated attack, a wished or feared one, a forecast, a
    counterfactual ("would have killed"). None keeps the clause's own reading.
    """
    verb = trigger.verb
    if how == "negated":
        # "will not accept", "would not meet": a refusal (REJECT, "all rejections and refusals").
        # "did not walk out", "no one was detained": nothing happened.
        return "REJECT" if event in _COOPERATIVE else _NOT_AN_EVENT
    if how not in ("expected", "hypothetical", "conditional"):
        return None
    if counterfactual(verb) or unrealised_attitude(verb):
        # "wants to meet", "would like to visit": the actor's wish to cooperate is an
        # intent (AGREE); wished, feared or asked-about conflict is no event.
        wished = _own_wish(verb)
        return "AGREE" if wished and event in _COOPERATIVE and not counterfactual(verb) \
            else _NOT_AN_EVENT
    if event in _HOSTILE:
        # Only the actor's own announcement is a threat; "X is expected to" is a forecast.
        # "will withdraw its force unless ..." is a threat with its condition.
        return "THREATEN" if _own_future(verb) else _NOT_AN_EVENT
    if how == "conditional":
        return None
    if how != "expected":
        return None
    if event == "RETREAT":
        return "AGREE" if is_intent(trigger.verb) else "CONCEDE"
    return _FUTURE_READINGS.get(event)


def _own_wish(verb: Token) -> bool:
    """Whether the wish is the actor's own: an infinitive under a wish verb ("wants to meet").

    Not "is considering sending aid": weighing an option is a statement (CAMEO 014).
    """
    return verb.dep_ == "xcomp" and bool(lemma_forms(verb.head) & WISH_VERBS)


def _is_question(sent: Span) -> bool:
    """Whether the sentence asks rather than reports (it ends with a question mark)."""
    last = [t for t in sent if not t.is_space and t.text not in ('"', "'", "”", "’", ")")]
    return bool(last) and last[-1].text == "?"


def _no_agent(trigger: Trigger, sent: Span, lexicon: Lexicon) -> bool:
    """Whether the act has no human agent: a quake, flood, fire, crash or disease did it.

    PLOVER codes what actors do; "a quake killed 31", "floods swept through, killing 14",
    "dozens were killed when the tremor brought down a school" have none. Called only
    when no actor was found: the clause's subject, or any word of the sentence when
    the clause has no subject, names a natural hazard, an accident or a disease
    (``no_agent_causes`` in the lexicon), and no weapon or attack is named.
    """
    causes = lexicon.no_agent_causes
    subjects = [s for s in trigger.subjects if s.pos_ in ("NOUN", "PROPN")]
    words = [t for s in subjects for t in s.subtree] if subjects else list(sent)
    # "a dam burst, killing nine": the clause the act hangs on may name the accident.
    words += [g for g in _governing_clauses(trigger.verb)]
    lemmas = {form for t in words for form in lemma_forms(t)}
    if not lemmas & causes:
        return False
    if subjects and any(_names_a_party(t, causes) for s in subjects for t in s.subtree):
        return False  # "a fire set by rebels", "a blast claimed by the group"
    # "a car bomb", "a missile strike": a weapon or an attack names an agent's act.
    weapons = set(lexicon.weapon_modes) - _AMBIGUOUS_WEAPONS
    nouns = {t.lemma_.lower() for t in words if t.pos_ == "NOUN"} - causes
    return not (lemmas & weapons) and not any(
        (e := lexicon.noun([lemma], None)) is not None and e.event == "ASSAULT" for lemma in nouns
    )


def _names_a_party(token: Token, causes: frozenset[str]) -> bool:
    """Whether a word of a cause's phrase names someone who set it off ("set by rebels",
    not "fanned by strong winds")."""
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token.lemma_.lower() not in causes
    return token.ent_type_ in ("PERSON", "ORG", "NORP") and token.dep_ != "compound"


def _thing_as_subject(trigger: Trigger, lexicon: Lexicon) -> bool:
    """ "the plan supports the oil industry", "prices hit a record": a thing, not a party.

    Called only when no actor was found: every subject of the clause is a noun the
    lexicon lists as a thing that cannot act (``thing_subjects``: plans, laws,
    figures, markets). Documents that speak for an author (a report, a statement,
    a resolution) are not in the list.
    """
    subjects = [s for s in trigger.subjects if s.pos_ == "NOUN"]
    return bool(subjects) and all(s.lemma_.lower() in lexicon.thing_subjects for s in subjects)


def _governing_clauses(verb: Token) -> list[Token]:
    """The verbs a participle or coordinated clause hangs on ("burst, ... killing nine")."""
    out: list[Token] = []
    node = verb
    while node.dep_ in ("advcl", "conj", "xcomp") and node.head.i != node.i and len(out) < 3:
        node = node.head
        out.append(node)
    return out


def _own_future(verb: Token) -> bool:
    """Whether the actor announces the act: a modal ("will", "could") or an intent word."""
    chain = clause_chain(verb)
    modals = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    return bool(modals & _FUTURE_MODALS) or is_intent(verb)


def _promises_of_harm(coded: list[CodedTrigger]) -> list[CodedTrigger]:
    """ "vowed to fight on", "pledged to impose sanctions": the promise is a THREATEN.

    The promised hostile act is folded into the threat rather than coded beside it.
    """
    folded: set[int] = set()
    for item in coded:
        if item.event.event != "AGREE" or item.trigger.verb.lemma_.lower() not in _PROMISE_VERBS:
            continue
        heads = item.trigger.complements + [
            c for c in item.trigger.verb.children if c.dep_ == "advcl" and is_intent(c)
        ]
        content = {t.i for c in heads for t in c.subtree}
        harms = [
            o for o in coded
            if o is not item and o.event.event in _HOSTILE | {"THREATEN"}
            and o.trigger.verb.i in content
        ]
        if not harms:
            continue
        item.event.event, item.event.mode = "THREATEN", harms[0].event.mode
        for harm in harms:
            harm.event.event = "THREATEN"
            _fold(item, harm)
            folded.add(id(harm))
    return [c for c in coded if id(c) not in folded]


def _reading(trigger: Trigger, sent: Span, lexicon: Lexicon) -> tuple[str, str | None, list[str]]:
    """Event type, mode and contexts, refined by cues in the clause and the sentence."""
    entry = trigger.entry
    event, mode = entry.event, entry.mode
    if event == "ASSAULT" and _labour_strike(trigger, sent, lexicon):
        event, mode = "PROTEST", "strike"
    if event == "MOBILIZE" and {t.lemma_.lower() for t in trigger.verb.subtree} & _PEACEKEEPING:
        # "sent a platoon to join the UN peacekeeping mission": peacekeeping is AID
        # (CAMEO 074, provide military protection or peacekeeping), not a show of force.
        event, mode = "AID", None
        context = ["peacekeeping"]
        return event, mode, context + _sentence_contexts(sent, lexicon)
    if event == "ASSAULT" and mode is None:
        mode = _weapon_mode(trigger, lexicon)
    elif event == "CONSULT":
        mode = _consult_mode(trigger, lexicon) or mode
    elif event in ("REQUEST", "REJECT"):
        mode = mode or _DEMANDED_MODES.get(trigger.demanded or "")
        mode = mode or _cue_mode(trigger, lexicon.request_modes)
    elif event == "THREATEN":
        mode = mode or _cue_mode(trigger, lexicon.threat_modes)
    context = list(entry.context)
    if event == "ASSAULT" and mode in ("drone", "aerial", "heavy-weapons"):
        context.append("military")
    context.extend(_sentence_contexts(sent, lexicon))
    return event, mode, list(dict.fromkeys(context))


def _clause_lemmas(trigger: Trigger) -> set[str]:
    tokens = list(trigger.head.subtree) if trigger.noun is not None else list(trigger.verb.subtree)
    return {t.lemma_.lower() for t in tokens}


def _labour_strike(trigger: Trigger, sent: Span, lexicon: Lexicon) -> bool:
    if trigger.head.lemma_.lower() not in ("strike", "walk"):
        return False
    lemmas = {t.lemma_.lower() for t in sent}
    return bool(lemmas & lexicon.labour_cues)


def _weapon_mode(trigger: Trigger, lexicon: Lexicon) -> str | None:
    # Modifiers of the trigger noun first ("drone strike"), then the whole clause ("firing missiles").
    near = [
        t.lemma_.lower() for t in trigger.head.children if t.dep_ in ("compound", "amod", "nmod")
    ]
    near += [t.lemma_.lower() for t in trigger.verb.children if t.dep_ in ("dobj", "prep")]
    head = trigger.head
    clause = sorted(
        head.subtree if trigger.noun is not None else trigger.verb.subtree,
        key=lambda t: abs(t.i - head.i),
    )
    for lemma in near + [t.lemma_.lower() for t in clause]:
        if lemma in lexicon.weapon_modes:
            return lexicon.weapon_modes[lemma]
    return None


def _consult_mode(trigger: Trigger, lexicon: Lexicon) -> str | None:
    verb = trigger.verb.lemma_.lower()
    # "hosted the talks", "host the next round of talks"
    objects = trigger.objects + [
        p for o in trigger.objects for c in o.children if c.dep_ == "prep" for p in c.children
    ]
    consult_object = any(
        (e := lexicon.noun([o.lemma_.lower()], None)) is not None and e.event == "CONSULT"
        for o in objects
    )
    if verb in _CONSULT_HOST_VERBS and (consult_object or verb != "host"):
        return "third-party"
    if verb == "host" and trigger.noun is None:
        # The visitor is the actor and the host the recipient (PLOVER CONSULT visit).
        trigger.swap = True
        return "visit"
    lemmas = _clause_lemmas(trigger)
    if lemmas & {"phone", "telephone", "video", "videoconference", "call"}:
        return "phone"
    if any(
        c.dep_ == "agent" and c.head.lemma_.lower() in _CONSULT_HOST_VERBS
        for c in trigger.head.subtree
    ):
        return "third-party"
    return None


def _cue_mode(trigger: Trigger, table: dict[str, frozenset[str]]) -> str | None:
    lemmas = {t.lemma_.lower() for o in trigger.objects + trigger.complements for t in o.subtree}
    if trigger.noun is not None:
        lemmas |= _clause_lemmas(trigger)
    for mode, cues in table.items():
        if lemmas & cues:
            return mode
    return None


def _sentence_contexts(sent: Span, lexicon: Lexicon) -> list[str]:
    text = " ".join(t.lemma_.lower() for t in sent)
    return [name for name, cues in lexicon.contexts.items() if any(_has_cue(text, c) for c in cues)]


def _has_cue(text: str, cue: str) -> bool:
    return f" {cue} " in f" {text} "


def _recipient_tokens(trigger: Trigger, index: MentionIndex) -> list[Token]:
    heads = list(trigger.objects) + list(trigger.addressees)
    if trigger.noun is not None:
        heads += _noun_targets(trigger.noun)
    tokens: list[Token] = []
    for head in heads:
        tokens.extend(index.actor_tokens(head))
    return tokens


def _noun_targets(noun: Token) -> list[Token]:
    """Targets of a nominal trigger: "attack on X", "talks with X", "strike targeting X",
    and "Y's invasion of X" (see :func:`_agent_given`)."""
    out: list[Token] = []
    agent_given = _agent_given(noun)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and agent_given:
            out.extend(c for c in child.children if c.dep_ == "pobj")
            continue
        if child.dep_ == "prep" and child.lower_ in (
            "on",
            "against",
            "with",
            "between",
            "targeting",
            "for",
        ):
            out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "aim"):
            out.extend(c for c in child.children if c.dep_ == "dobj")
    return out


def _agent_given(noun: Token) -> bool:
    """Whether a nominal act names who did it by an owner or a "by" phrase
    ("Russia's invasion", "the arrest ... by police"): its "of" phrase then names
    whom it was done to. Alone, "of" may name the doer ("the visit of the
    president", "the resignation of the minister"), so it is not read."""
    return any(c.dep_ == "poss" for c in noun.children) or any(
        c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in noun.children)


def _place(trigger: Trigger, index: MentionIndex, used: set[int]) -> str | None:
    """A place named in a locative phrase of the trigger ("in Istanbul", "at the palace")."""
    for head in (trigger.verb, trigger.head):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for token in prep.subtree:
                mention = index.place_of.get(token.i)
                if mention is not None and token.i not in used:
                    return mention.place_id
    return None


def _any_place(
    sent: Span, index: MentionIndex, coded: list[CodedTrigger], item: CodedTrigger
) -> str | None:
    """A place named in the event's clause, or anywhere in a one-event sentence."""
    used = {t.i for c in coded for t in c.actor_tokens + c.recipient_tokens}
    scope = list(item.trigger.verb.subtree) if len(coded) > 1 else list(sent)
    for token in scope:
        mention = index.place_of.get(token.i)
        if mention is not None and token.i not in used and mention.actor_id is None:
            return mention.place_id
    return None


def _quantities_for(trigger: Trigger, quantities: list[Quantity]) -> list[Quantity]:
    root = trigger.verb
    chars = {t.idx for t in root.subtree}
    return [q for q in quantities if any(q.start <= c < q.end for c in chars)]


def _same_event_ancestor(item: CodedTrigger, coded: list[CodedTrigger]) -> CodedTrigger | None:
    ancestors = {t.i for t in item.trigger.verb.ancestors}
    for parent in coded:
        if parent.event.event == item.event.event and parent.trigger.tokens & ancestors:
            return parent
    return None


def _fold(parent: CodedTrigger, child: CodedTrigger) -> None:
    """Merge a restating clause into its parent event, filling what the parent lacks."""
    pe, ce = parent.event, child.event
    pe.actors = pe.actors or ce.actors
    pe.recipients = pe.recipients or [r for r in ce.recipients if r not in pe.actors]
    pe.mode = pe.mode or ce.mode
    pe.place_id = pe.place_id or ce.place_id
    pe.context = list(dict.fromkeys(pe.context + ce.context))
    known = {(q.start, q.end) for q in pe.quantities}
    pe.quantities += [q for q in ce.quantities if (q.start, q.end) not in known]
    parent.actor_tokens += child.actor_tokens
    parent.recipient_tokens += child.recipient_tokens
    # The clause still states its own position ("demanded A, insisting on B").
    parent.folded.append(child)


def _trigger_text(trigger: Trigger) -> str:
    if trigger.noun is None:
        return trigger.verb.text
    if trigger.noun.i == trigger.verb.i:
        return _noun_phrase(trigger.noun)
    return f"{trigger.verb.text} {_noun_phrase(trigger.noun)}"


def _noun_phrase(noun: Token) -> str:
    mods = [c for c in noun.children if c.dep_ in ("compound",)]
    return " ".join(t.text for t in sorted([*mods, noun], key=lambda t: t.i))
