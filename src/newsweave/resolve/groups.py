"""Group actors named only through a country: "French officials", "Palestinians", "Iraqi Kurds".

:func:`~newsweave.resolve.resolve_article` makes actors of countries, seats of
power, people and organisations, and of demonyms that qualify a government or
military noun ("Ukrainian forces"). Event coding also needs the other groups a
country word names, because they are the actors and recipients of many events:
"Palestinian youths", "Ivory Coast rebels", "a French minister", "Palestinians"
on their own. :func:`complete_actors`, the last step of resolving an article,
gives those mentions an actor (with the country from the run's gazetteer), so
an event's actor carries a country code.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from spacy.tokens import Doc, Token

from newsweave.gazetteer import Gazetteer
from newsweave.records import Actor, Mention, Resolution
from newsweave.resolve.entities import (
    GOV_NOUNS,
    MIL_NOUNS,
    is_stance_affix,
    names_other_party,
    own_predicate,
)
from newsweave.words import grouped_map, word_set

# Nouns a country word qualifies, with the PLOVER sector of the group they name.
GROUP_SECTORS: dict[str, str] = grouped_map("group_sectors")
# Nouns for a party without a sector of its own ("the Turkish and Greek sides").
GROUP_NOUNS = word_set("party_group_nouns")
# LOC too: the recogniser labels some countries LOC ("Ivory Coast rebels").
_LABELS = frozenset({"NORP", "GPE", "LOC"})
# Plural nouns a country word qualifies that are things, not parties.
NOT_PARTIES = word_set("not_parties")
HOME_COUNTRIES_PATH = Path(__file__).resolve().parent.parent / "data" / "plover" / "home_countries.json"
_NOT_NATIONAL = word_set("not_national_words")


@dataclass(frozen=True, slots=True)
class _Group:
    iso3: str
    sector: str | None
    # the group noun in the plural ("protesters", "children"); None for the state itself
    noun: str | None


def complete_actors(doc: Doc, resolution: Resolution, gazetteer: Gazetteer) -> int:
    """Give country-word mentions without an actor the group actor they name.

    Only mentions the earlier resolve steps left without an actor and without a
    place are touched (a country *where* something happens stays a place). The
    resolution is completed in place: new actors are appended to ``resolution.actors``.

    Args:
        doc: the parse the mentions point into.
        resolution: the mentions and actors resolved so far for the same article.
        gazetteer: the run's gazetteer (country names and demonyms).

    Returns:
        How many mentions gained an actor.
    """
    gaz = gazetteer
    demonym_mentions(doc, resolution, gaz)
    known = {a.id: a for a in resolution.actors}
    added = 0
    person_at = _person_tokens(doc, resolution)
    for mention in resolution.mentions:
        if _demonym_as_org(mention, known, gaz):
            # "Ugandan" tagged ORG ("five hundred Ugandan rebels"): a demonym, not a body.
            mention.actor_id, mention.label = None, "NORP"
        if mention.actor_id or mention.place_id or mention.label not in _LABELS:
            continue
        person = _titled_person(doc, mention, person_at)
        if person is not None:
            # "Zimbabwean Prime Minister Robert Mugabe": the title names the country.
            iso3 = country_code(mention.text, gaz)
            if iso3 is not None and person.id in known:
                known[person.id].country = iso3
            continue
        group = _group_of(doc, mention, gaz)
        if group is None:
            continue
        actor = _actor(group, gaz)
        if actor.id not in known:
            known[actor.id] = actor
            resolution.actors.append(actor)
        mention.actor_id = actor.id
        added += 1
    added += _located_groups(doc, resolution, known, gaz)
    _sentence_country_for_people(doc, resolution, known)
    _named_country_for_organisations(resolution, known, gaz)
    _home_country_for_groups(resolution, known)
    used = {m.actor_id for m in resolution.mentions}
    resolution.actors[:] = [a for a in resolution.actors if a.id in used or a.kind != "organisation"]
    return added


def _named_country_for_organisations(
    resolution: Resolution, known: dict[str, Actor], gaz: Gazetteer
) -> None:
    """An organisation whose name opens with a country word ("Palestinian Islamic Jihad",
    "Kenya Anti-Corruption Commission") belongs to that country."""
    for mention in resolution.mentions:
        actor = known.get(mention.actor_id or "")
        if actor is None or actor.kind not in ("organisation", "group") or actor.country:
            continue
        first = re.sub(r"^the\s+", "", mention.text, flags=re.IGNORECASE).split(" ")[0]
        if len(mention.text.split()) < 2 or not first[:1].isupper():
            continue
        entry = gaz.country_by_demonym(first) or gaz.country(first)
        iso3 = entry.iso3 if entry else (
            country_code(first, gaz) if _demonym_shape(first) else None
        )
        if iso3:
            actor.country = iso3


def _home_country_for_groups(resolution: Resolution, known: dict[str, Actor]) -> None:
    """ "Hamas", "UNITA", "the Tamil Tigers": a non-state group the event data codes with
    its home country (``data/plover/home_countries.json``) takes that country."""
    homes = home_countries()
    for mention in resolution.mentions:
        actor = known.get(mention.actor_id or "")
        if actor is None or actor.kind not in ("organisation", "group") or actor.country:
            continue
        for name in (mention.text, actor.name):
            key = re.sub(r"^the\s+", "", name.strip().lower())
            key = re.sub(r"\s*\(.*\)$", "", key)
            # "the Fatah Party", "the Hamas movement": the name without its generic noun.
            bare = re.sub(r"\s+(?:party|movement|group|militia|organi[sz]ation)$", "", key)
            iso3 = homes.get(key) or homes.get(bare)
            if iso3:
                actor.country = iso3
                break


@lru_cache(maxsize=1)
def home_countries() -> dict[str, str]:
    """Lower-cased group name -> ISO3 home country (see ``home_countries.json``)."""
    data = json.loads(HOME_COUNTRIES_PATH.read_text(encoding="utf-8"))
    return {str(k).lower(): str(v).upper() for k, v in data.get("groups", {}).items()}


def _sentence_country_for_people(doc: Doc, resolution: Resolution, known: dict[str, Actor]) -> None:
    """A person the actor builder left without a country takes the one country the
    sentences naming them mention ("President X banned Ugandan opposition candidates").

    The actor builder applies the same weak rule with its own gazetteer; this pass
    repeats it once the groups above have their countries, and only when the
    sentences name exactly one country.
    """
    sentence_of: dict[int, int] = {}
    for number, sent in enumerate(doc.sents):
        sentence_of.update({t.i: number for t in sent})
    states: list[tuple[int, int, str, bool]] = []  # (sentence, token, country, other party)
    people: dict[str, list[tuple[int, set[int]]]] = {}
    for mention in resolution.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        actor = known.get(mention.actor_id or "")
        if span is None or actor is None:
            continue
        number = sentence_of.get(span.start, -1)
        if actor.kind == "person" and not actor.country:
            people.setdefault(actor.id, []).append((number, own_predicate(span)))
        elif actor.country and actor.kind in ("state", "group"):
            states.append((number, span.start, actor.country, names_other_party(span)))
    for actor_id, mentions in people.items():
        # What the person says or acts on counts only when the sentences name no other
        # country, and never a country that is the other party ("against Russia").
        outside = {iso3 for number, skip in mentions for n, tok, iso3, _ in states
                   if n == number and tok not in skip}
        inside = {iso3 for number, skip in mentions for n, tok, iso3, other in states
                  if n == number and tok in skip and not other}
        others = {iso3 for number, skip in mentions for n, tok, iso3, other in states
                  if n == number and tok in skip and other}
        countries = outside or (inside if not others - inside else set())
        if len(countries) == 1:
            known[actor_id].country = countries.pop()


def _located_groups(
    doc: Doc, resolution: Resolution, known: dict[str, Actor], gaz: Gazetteer
) -> int:
    """ "Rebels in the Ivory Coast", "demonstrators in Baghdad": a group subject with no
    name of its own takes the country of the place it is in (the CAMEO convention).

    Adds a mention over the group noun, labelled ``GROUP``.
    """
    named = {
        t.i
        for m in resolution.mentions
        if (span := doc.char_span(m.start, m.end, alignment_mode="expand")) is not None
        for t in span
    }
    country_at = _countries_at(doc, resolution)
    added = 0
    for noun in doc:
        if noun.dep_ not in ("nsubj", "nsubjpass") or noun.pos_ != "NOUN" or noun.i in named:
            continue
        if any(c.i in named for c in noun.children if c.dep_ in ("amod", "compound", "poss")):
            continue
        sector = _sector(noun)
        if sector is None and noun.tag_ != "NNS":
            continue
        pobjs = [p for prep in noun.children if prep.dep_ == "prep"
                 and prep.lower_ in ("in", "from", "of") for p in prep.children
                 if p.dep_ == "pobj" and p.i in country_at]
        if not pobjs or any(country_at.get(c.i, pobjs[0]) != country_at[pobjs[0].i]
                            for c in pobjs[0].conjuncts):
            # "delegations from Russia and Ukraine": several countries, no one group;
            # the event coder reads the named states through the "from" phrase.
            continue
        iso3 = country_at[pobjs[0].i]
        actor = _actor(_Group(iso3, sector, _plural(noun)), gaz)
        if actor.id not in known:
            known[actor.id] = actor
            resolution.actors.append(actor)
        article_id = resolution.mentions[0].article_id if resolution.mentions else ""
        resolution.mentions.append(
            Mention(article_id=article_id, start=noun.idx, end=noun.idx + len(noun.text),
                    text=noun.text, label="GROUP", actor_id=actor.id)
        )
        added += 1
    return added


def _countries_at(doc: Doc, resolution: Resolution) -> dict[int, str]:
    """Token index -> ISO3 for every token of a mention of a place or a state."""
    places = {p.id: p.country for p in resolution.places}
    actors = {a.id: a.country for a in resolution.actors if a.kind == "state"}
    out: dict[int, str] = {}
    for m in resolution.mentions:
        iso3 = places.get(m.place_id or "") or actors.get(m.actor_id or "")
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if iso3 and span is not None:
            out.update({t.i: iso3 for t in span})
    return out


def _demonym_as_org(mention: Mention, known: dict[str, Actor], gaz: Gazetteer) -> bool:
    actor = known.get(mention.actor_id or "")
    if actor is None or actor.kind != "organisation" or actor.country or " " in mention.text:
        return False
    return gaz.country_by_demonym(mention.text) is not None or (
        _demonym_shape(mention.text) and country_code(mention.text, gaz) is not None
    )


def _person_tokens(doc: Doc, resolution: Resolution) -> dict[int, Actor]:
    people = {a.id: a for a in resolution.actors if a.kind == "person"}
    out: dict[int, Actor] = {}
    for mention in resolution.mentions:
        actor = people.get(mention.actor_id or "")
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if actor is not None and span is not None:
            out.update({t.i: actor for t in span})
    return out


def _titled_person(doc: Doc, mention: Mention, person_at: dict[int, Actor]) -> Actor | None:
    """The person whose title a country word opens ("Kyrgyz Prime Minister X")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    node = span.root
    for _ in range(4):
        if node.dep_ not in ("amod", "compound", "nmod", "poss") or node.head.i == node.i:
            return None
        node = node.head
        if node.i in person_at:
            return person_at[node.i]
    return None


def _group_of(doc: Doc, mention: Mention, gaz: Gazetteer) -> _Group | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or is_stance_affix(span):
        return None
    iso3 = country_code(mention.text, gaz)
    if iso3 is None:
        return None
    root = span.root
    head = _qualified_noun(root)
    if head is None:
        # A plural demonym on its own names the people ("Palestinians protested");
        # a country name on its own names the state.
        if mention.label in ("GPE", "LOC"):
            return _Group(iso3, None, None)
        plural = root.tag_ in ("NNPS", "NNS") or root.lower_.endswith("s")
        if not plural:
            return None
        # "Iraqi Kurds", "the Albanians of southern Serbia": the state named beside an
        # ethnic group is its country (the CAMEO convention), else the demonym's own.
        return _Group(_country_beside(root, gaz) or iso3, "CVL", "people")
    sector = _sector(head)
    plural_people = head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() not in NOT_PARTIES
    if sector is None and head.lemma_.lower() not in GROUP_NOUNS and not plural_people:
        return None  # "German goods", "Russian gas": not a party
    return _Group(iso3, sector, _plural(head))


def _country_beside(root: Token, gaz: Gazetteer) -> str | None:
    near = [c for c in root.children if c.dep_ in ("amod", "compound", "nmod")]
    near += [
        p for c in root.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")
        for p in c.subtree if p.ent_type_ in ("GPE", "NORP")
    ]
    for token in near:
        if token.ent_type_ in ("GPE", "NORP") or token.text[:1].isupper():
            iso3 = country_code(token.text, gaz)
            if iso3 is not None:
                return iso3
    return None


def demonym_mentions(doc: Doc, resolution: Resolution, gaz: Gazetteer) -> int:
    """Country adjectives the entity recogniser missed ("Ghanaian authorities").

    A capitalised adjective or proper noun outside every mention that qualifies a
    party noun (a sector or group noun) and names a country becomes a ``NORP``
    mention; :func:`complete_actors` then gives it its group actor.
    """
    covered = {
        t.i
        for m in resolution.mentions
        if (span := doc.char_span(m.start, m.end, alignment_mode="expand")) is not None
        for t in span
    }
    article_id = resolution.mentions[0].article_id if resolution.mentions else ""
    added = 0
    for token in doc:
        if token.i in covered or not token.text[:1].isupper() or token.pos_ not in ("ADJ", "PROPN"):
            continue
        if token.dep_ not in ("amod", "compound") or token.head.pos_ != "NOUN":
            continue
        head = token.head
        if _sector(head) is None and head.lemma_.lower() not in GROUP_NOUNS:
            continue
        if gaz.country_by_demonym(token.text) is None and not _demonym_shape(token.text):
            continue
        if country_code(token.text, gaz) is None:
            continue
        resolution.mentions.append(
            Mention(article_id=article_id, start=token.idx, end=token.idx + len(token.text),
                    text=token.text, label="NORP")
        )
        added += 1
    return added


def _demonym_shape(word: str) -> bool:
    # Demonyms end in -an, -ian, -ese, -i, -ish, -ic ("Ghanaian", "Congolese", "Kuwaiti").
    return bool(re.search(r"(an|ese|i|ish|ic|ch|sh)$", word.lower()))


def country_code(text: str, gaz: Gazetteer) -> str | None:
    """ISO3 of a country name or demonym: the resolve gazetteer first, then country_converter's
    name patterns (which also match demonyms such as "Zimbabwean" or "Kyrgyz").

    Multi-word names are tried whole, then word by word ("Bosnian Serbs" -> BIH,
    "ethnic Albanians" -> ALB).
    """
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    words = [w for w in re.split(r"[\s-]+", text) if w and w.lower() not in _NOT_NATIONAL]
    for candidate in [text, *words]:
        entry = gaz.country_by_demonym(candidate) or gaz.country(candidate)
        if entry is not None:
            return entry.iso3
        iso3 = _pattern_country(candidate)
        if iso3 is not None:
            return iso3
    return None


@lru_cache(maxsize=1 << 14)
def _pattern_country(name: str) -> str | None:
    """ISO3 of the first of country_converter's name patterns that ``name`` matches.

    Cached: each test runs some 250 regular expressions, and an article asks
    for the same few names again and again.
    """
    for pattern, iso3 in _name_patterns():
        if pattern.search(name):
            return iso3
    return None


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """country_converter's per-country name regexes (read from its data file: its
    converter object does not build under pandas 3)."""
    spec = find_spec("country_converter")
    if spec is None or spec.origin is None:
        return ()
    path = Path(spec.origin).parent / "country_data.tsv"
    out = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row.get("regex") and row.get("ISO3") and not row.get("obsolete"):
                out.append((re.compile(row["regex"], re.IGNORECASE), row["ISO3"]))
    return tuple(out)


def _qualified_noun(root: Token) -> Token | None:
    """The noun a country word qualifies ("Turkish and Greek sides" -> sides)."""
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    led = node.head
    if node.dep_ in ("npadvmod", "compound", "amod") and led.lower_ == "led" and led.dep_ == "amod":
        # "Vietnamese-led forces": the leading country's forces ("-backed" is another party).
        return led.head if led.head.pos_ in ("NOUN", "PROPN") else None
    if node.dep_ in ("amod", "compound", "nmod", "poss") and node.head.pos_ in ("NOUN", "PROPN"):
        head = node.head
        # "Palestinian riot police": the last noun of a compound is the group.
        while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        return head
    return None


def _plural(noun: Token) -> str:
    """The noun in the plural, as the text writes it when it is plural ("children")."""
    if noun.tag_ in ("NNS", "NNPS"):
        return noun.lower_
    lemma = noun.lemma_.lower()
    return lemma if lemma.endswith(("s", "people", "police")) else f"{lemma}s"


def _sector(noun: Token) -> str | None:
    words = [noun.lemma_.lower(), noun.lower_]
    words += [c.lemma_.lower() for c in noun.children if c.dep_ == "compound"]
    for word in words:
        if word in MIL_NOUNS:
            return "MIL"
        if word in GOV_NOUNS:
            return "GOV"
        if word in GROUP_SECTORS:
            return GROUP_SECTORS[word]
    return None


def _actor(group: _Group, gaz: Gazetteer) -> Actor:
    entry = gaz.countries.get(group.iso3)
    name = entry.name if entry else group.iso3
    if group.sector == "GOV":
        return Actor(id=f"gov:{group.iso3}", name=f"Government of {name}", kind="state",
                     country=group.iso3, sector="GOV")
    if group.sector == "MIL":
        return Actor(id=f"mil:{group.iso3}", name=f"Armed forces of {name}", kind="state",
                     country=group.iso3, sector="MIL")
    if group.noun is None:
        return Actor(id=f"state:{group.iso3}", name=name, kind="state", country=group.iso3)
    noun = group.noun
    return Actor(id=f"group:{group.iso3.lower()}-{noun}", name=f"{name}: {noun}", kind="group",
                 country=group.iso3, sector=group.sector)
