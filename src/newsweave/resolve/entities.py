"""Classify a Doc's named entities against the gazetteer.

spaCy's label is a hint, not the answer: a name the gazetteer knows (a seat of
power, a country, a demonym, an organisation, a venue) is classified by what it
is, whatever label the NER gave it. That is where "Kyiv is never a PERSON" and
"Crimea is never an ORG" are enforced for spans the entity ruler missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsweave.gazetteer import Gazetteer, normalise
from newsweave.words import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

EntityKind = Literal["person", "seat", "country", "demonym", "org", "venue", "place", "unknown"]

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# Words that head place and organisation names after a place word ("Jordan Valley").
_NAME_HEADS = word_set("name_heads")
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# A capital after one of these is where something happens, not who acts.
LOCATIVE_PREPS = word_set("locative_prepositions")
# Verbs whose object is a location: "capture Kyiv", "travelled to Moscow".
PLACE_VERBS = word_set("place_verbs")
# A PERSON span that is really a place must name a city at least this big.
PERSON_AS_PLACE_MIN_POPULATION = 50_000
# An ORG span is taken for a place only if a place of this size has exactly its name.
ORG_AS_PLACE_MIN_POPULATION = 15_000
# Group nouns and the PLOVER sector of the people they stand for.
MIL_NOUNS = word_set("military_nouns")
GOV_NOUNS = word_set("government_nouns")
# "pro-Russian" and "anti-Western" name a stance, not the country someone belongs to.
STANCE_PREFIXES = frozenset({"pro", "anti", "non"})


@dataclass(slots=True)
class EntityInfo:
    """One entity span with what the gazetteer says it is.

    ``key`` is an ISO3 code (country, demonym), an actor id (seat, org) or ``None``.
    """

    span: Span
    kind: EntityKind
    text: str
    key: str | None = None


def entity_text(span: Span) -> str:
    """The span's text without a trailing possessive ("Putin’s" -> "Putin")."""
    end = span.end
    while end > span.start and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    return span.doc[span.start:end].text


def classify_entities(doc: Doc, gazetteer: Gazetteer) -> list[EntityInfo]:
    """Every named entity of interest, classified against the gazetteer."""
    out = []
    skip: set[int] = set()
    for span in doc.ents:
        if span.label_ not in LABELS or span.start in skip:
            continue
        person = _place_word_as_first_name(span, gazetteer)
        if person is not None:
            # "Jordan Smith", "Israel Adesanya": a first name the NER read as a country.
            out.append(EntityInfo(person, "person", person.text))
            skip.update(range(person.start, person.end))
            continue
        text = entity_text(span)
        if text:
            out.append(_classify(span, text, gazetteer))
    return out


def _place_word_as_first_name(span: Span, gaz: Gazetteer) -> Span | None:
    """The full name when a one-word place entity is the first name of a person.

    The NER often tags the first word of "Jordan Smith", "Paris Hilton" or "Israel
    Adesanya" as a place and leaves the surname out. Read as a person when the place
    word modifies the capitalised proper noun right after it, and that noun is in no
    entity of its own (or in a one-word entity the gazetteer knows as no place), is
    not a word that heads place or organisation names ("Jordan Valley", "Georgia
    Tech") or a title ("UK Minister"), is the subject or object of a verb, and is not
    itself followed by another proper noun ("Paris Saint Germain").
    """
    if span.label_ not in ("GPE", "LOC") or len(span) != 1:
        return None
    word = span[0]
    doc = span.doc
    if word.dep_ != "compound" or word.head.i != word.i + 1:
        return None
    surname = word.head
    if surname.pos_ != "PROPN" or not surname.is_title or surname.lower_ in _NAME_HEADS:
        return None
    if surname.dep_ not in ("nsubj", "nsubjpass", "dobj") or gaz.title_sector(surname.text)[0]:
        # Only a name that acts or is acted on, and never a title ("UK Minister").
        return None
    if surname.i + 1 < len(doc) and doc[surname.i + 1].pos_ == "PROPN":
        return None
    if surname.ent_type_ and (
        surname.ent_type_ not in ("GPE", "PERSON") or gaz.country(surname.text)
        or gaz.named_places(surname.text, 1)
    ):
        return None
    return doc[word.i:surname.i + 1]


def _classify(span: Span, text: str, gaz: Gazetteer) -> EntityInfo:
    seat = gaz.seat(text)
    if seat:
        return EntityInfo(span, "seat", text, seat)
    capital = gaz.capital_seat(text)
    if capital and span.label_ in ("GPE", "LOC") and acts_as_government(span):
        # "Harare rejected the report": a capital outside the curated seats stands for
        # its government only where it acts; elsewhere it is the city.
        return EntityInfo(span, "seat", text, capital)
    country = gaz.country(text)
    if country:
        return EntityInfo(span, "country", text, country.iso3)
    demonym = gaz.country_by_demonym(text)
    if demonym:
        return EntityInfo(span, "demonym", text, demonym.iso3)
    org = gaz.organisation(text)
    if org:
        return EntityInfo(span, "org", text, org.id)
    if gaz.venue(text):
        return EntityInfo(span, "venue", text)
    if span.label_ == "PERSON":
        return EntityInfo(span, "person", text)
    if span.label_ == "FAC":
        return EntityInfo(span, "venue", text)
    if span.label_ in ("GPE", "LOC") and not _initialism(text):
        return EntityInfo(span, "place", text)
    if span.label_ == "ORG" and gaz.named_places(text, ORG_AS_PLACE_MIN_POPULATION):
        # spaCy calls many places ORG ("Crimea"); but also surnames ("Halvane said")
        # and initialisms, hence the stricter evidence.
        return EntityInfo(span, "place", text)
    if span.label_ == "ORG":
        return EntityInfo(span, "org", text)
    return EntityInfo(span, "unknown", text)


def _initialism(text: str) -> bool:
    """"BA", "APC": short all-capital words name places only through the country list."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def demote_false_persons(infos: list[EntityInfo], gaz: Gazetteer, surnames: set[str]) -> None:
    """Fix one-word PERSON spans that no full name in the article explains.

    A city of some size becomes a place ("Kherson"); a capitalised word in a
    verbless line (a heading such as "Background of the conflict") is dropped.
    """
    for info in infos:
        if info.kind != "person" or " " in info.text or normalise(info.text) in surnames:
            continue
        if _acts(info.span):
            continue  # "Mary agreed": the subject of a verb is someone, whatever towns share the name
        if gaz.named_places(info.text, PERSON_AS_PLACE_MIN_POPULATION):
            info.kind = "place"
        elif not any(t.pos_ in ("VERB", "AUX") for t in info.span.sent):
            info.kind = "unknown"


def _acts(span: Span) -> bool:
    """Whether the span is the subject of a verb ("Mary agreed", "Halvane said")."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX")


# Verbs whose subject is a place being described, not a government acting.
STATIVE_VERBS = word_set("stative_verbs")
# Nouns a capital's possessive makes a government's ("Harare's decision").
GOVERNMENT_ACTS = word_set("government_acts")


def acts_as_government(span: Span) -> bool:
    """Whether a capital's name acts for its government, read from the parse.

    The subject of an active, non-stative verb ("Harare said", "Kampala rejected"),
    the agent of a passive ("condemned by Accra"), a partner after "with" /
    "against" ("talks with Bishkek"), the possessor of a decision-like noun
    ("Harare's response") or a qualifier of a government noun ("Accra officials").
    A conjunct shares its head's role ("Moscow and Harare said").
    """
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ == "nsubj":
        return head.pos_ == "VERB" and head.lemma_.lower() not in STATIVE_VERBS
    if root.dep_ == "pobj":
        return head.dep_ == "agent" or head.lower_ in ("with", "against")
    if root.dep_ == "poss":
        return head.lemma_.lower() in GOVERNMENT_ACTS or head.lower_ in GOV_NOUNS
    if root.dep_ == "compound":
        return head.lower_ in GOV_NOUNS or head.lower_ in MIL_NOUNS
    return False


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def own_predicate(span: Span) -> set[int]:
    """Token indices of what a person says or does, when the person is a subject.

    "Putin said Armenia had betrayed its allies", "Putin met leaders from Armenia":
    the countries there are what the person talks about, meets or acts on, not the
    person's own country. Returns the subtree of the verb the span is the subject
    of (or the agent of), minus the span itself and the verb's other subjects;
    empty when the span is not a subject.
    """
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    verb = None
    if root.dep_ in SUBJECT_DEPS:
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "agent":
        verb = root.head.head
    if verb is None or verb.i == root.i:
        return set()
    keep = {t.i for t in root.subtree}
    keep |= {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    return {t.i for t in verb.subtree} - keep


# Nouns that, with "of <country>", name that country's side ("the president of Armenia").
PARTY_NOUNS = GOV_NOUNS | MIL_NOUNS | word_set("party_nouns")


def names_other_party(span: Span) -> bool:
    """Whether a country mention is the other side of an act ("sanctions against Russia",
    "talks with the president of Armenia"), rather than where something happens
    ("a curfew in Algiers"), a qualifier ("Ugandan candidates", "Greece's trial") or
    the subject of what is said ("X said Ukraine would ...")."""
    root = span.root
    if root.dep_ in ("amod", "compound", "poss", "nmod"):
        return False
    if root.dep_ in ("nsubj", "nsubjpass"):
        # "X said Ukraine would not give up land": in a lone sentence the speaker most
        # often speaks for the country they talk about (the weakest evidence only)
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        # "the president of Armenia" is a party; "the Independence of Angola" qualifies
        return root.head.head.lower_ in PARTY_NOUNS
    return not is_locative(span)


def is_stance_affix(span: Span) -> bool:
    """Whether a demonym is part of "pro-Russian" / "anti-Western"."""
    doc, i = span.doc, span.start
    if i == 0 or doc[i - 1].whitespace_:
        return False
    prev = doc[i - 1].lower_
    if prev == "-" and i >= 2:
        prev = doc[i - 2].lower_ + "-"
    return prev.rstrip("-") in STANCE_PREFIXES and prev.endswith("-")


def is_locative(span: Span) -> bool:
    """Whether the span names where something happens ("in Kyiv", "capture Kyiv").

    Decided on the dependency parse: the object of a locative preposition, or of a
    verb of movement or attack, is a place; anything else (a subject, a possessor,
    "with Kyiv", "pressure on Moscow") is the government acting.
    """
    root = span.root
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ in LOCATIVE_PREPS:
            return True
        return head.lower_ in ("to", "from") and head.head.lemma_.lower() in PLACE_VERBS
    if root.dep_ in ("dobj", "nsubjpass"):
        return head.lemma_.lower() in PLACE_VERBS
    if root.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
        # "the Istanbul talks", "the Minsk Agreements"; but "Kyiv officials" act.
        return head.lower_ not in GOV_NOUNS and head.lower_ not in MIL_NOUNS
    return _modifies_venue(root)


def _modifies_venue(root: Token) -> bool:
    """"Moscow's Red Square": a possessor of a building is the building's city."""
    head = root.head
    return root.dep_ in ("poss", "compound") and head.ent_type_ == "FAC"
