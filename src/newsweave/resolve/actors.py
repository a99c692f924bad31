"""Actors: who the entities of one article are, their countries, sectors and roles.

Per article, :class:`ActorBuilder` turns classified entities into actor ids:

- people: ``person:<slug of the full name>``; a surname alone ("Umerov",
  "Putin’s") links to the full-name person of the same article;
- countries: ``state:<ISO3>``; seats of power used as actors ("Kyiv said",
  "pressure on Moscow", "the Kremlin"): ``gov:<ISO3>`` (a capital *where*
  something happens is a place, see :func:`~newsweave.resolve.entities.is_locative`);
- a country or demonym with a group noun ("Ukrainian forces", "Russia’s
  delegation"): ``mil:<ISO3>`` or ``gov:<ISO3>`` by the noun;
- organisations: the lexicon's ``org:`` id, else ``org:<slug>``.

:func:`merge_actors` then maps actor ids to canonical ids across articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from breame.spelling import get_british_spelling
from rapidfuzz import fuzz, process

from newsweave.annotate import doc_text
from newsweave.gazetteer import Gazetteer, normalise, slugify
from newsweave.records import Actor, CountryEvidence, Role
from newsweave.resolve.entities import (
    GOV_NOUNS,
    MIL_NOUNS,
    POSSESSIVE,
    EntityInfo,
    is_stance_affix,
    names_other_party,
    own_predicate,
)
from newsweave.words import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Nouns a leader heads: "Ukraine's delegation, led by ...".
GROUP_NOUNS = word_set("delegation_nouns")
ACTOR_KINDS = frozenset({"person", "organisation", "state", "group"})
# Group words read as "delegation" in a head-of role.
DELEGATION_WORDS = word_set("delegation_words")
LEAD_LEMMAS = frozenset({"lead", "head"})
INCLUDING = frozenset({"including", "like"})
# "(R-Ohio)", ", D-Calif.,": party letter, hyphen, state name after a US legislator's name.
_PARTY_STATE_AFTER = re.compile(r"^\s*[(,]\s*[RDI]\s?-\s?[A-Z][a-z]")
# Strong evidence of a person's country (title or apposition) outweighs sentence counts.
STRONG_VOTE = 3
# "Republican Senator X", "a Democratic congresswoman": the two US parties with a US
# office state the person's country (the US press's usage). A party word alone does
# not: parties of those names exist in other countries.
US_PARTY_WORDS = word_set("us_party_words")
US_OFFICES = word_set("us_offices")
# Joins an actor id to the article it belongs to alone (see article_scoped).
SCOPE_MARK = "~"
# Heads of names that many countries (and states) give one of their bodies: "the
# Senate", "the Foreign Ministry", "the Supreme Court". Such a name says which body
# only with a qualifier ("the Ohio Senate", "France's Senate").
INSTITUTION_HEADS = word_set("institution_heads")
# Words that only say which body of a state it is ("Foreign Ministry", "House of
# Representatives", "Supreme Court"), not whose.
INSTITUTION_WORDS = INSTITUTION_HEADS | word_set("institution_words")
# Last words of names the NER tags PERSON that are organisations ("McAfee Avert
# Labs"): their first word is no first name to link a one-word mention to.
ORG_LAST_WORDS = INSTITUTION_HEADS | word_set("org_last_words")


@dataclass(slots=True)
class PersonInfo:
    """What one article says about one person."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    sector: str | None = None
    strong: Counter[str] = field(default_factory=Counter)
    weak: Counter[str] = field(default_factory=Counter)
    # Sentence votes that count what the person talks about or acts on: the last resort.
    weakest: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class ActorResult:
    """Actor ids per entity (by index into the entity list), actors and roles."""

    actor_ids: dict[int, str]
    actors: list[Actor]
    roles: list[Role]


# ---- person names ----------------------------------------------------------------


def _name_key(token: str) -> str:
    """A surname or first name folded for matching: no accents, no doubled letters."""
    return re.sub(r"(.)\1+", r"\1", normalise(token))


def person_key(name: str) -> tuple[str, str]:
    """(first name, surname) keys of a name; first name empty for a surname alone."""
    parts = normalise(name).replace("-", " ").split()
    if not parts:
        return ("", "")
    last = _name_key(parts[-1])
    return (_name_key(parts[0]) if len(parts) > 1 else "", last)


def middle_initials(name: str) -> str:
    """The initials of the names between the first name and the surname.

    "George W. Bush" -> "w", "Mira J. K. Dole" -> "jk", "Ann Lee" -> "".
    """
    parts = normalise(name).replace("-", " ").split()
    return "".join(part[0] for part in parts[1:-1] if part[0].isalpha())


def initials_compatible(a: str, b: str) -> bool:
    """Whether two strings of middle initials can name one person.

    One must be a subsequence of the other: "" fits any, "k" fits "jk", but
    "t" and "k" are two different people ("Arlen T. Voss", "Arlen K. Voss").
    """
    short, long_ = sorted((a, b), key=len)
    rest = iter(long_)
    return all(ch in rest for ch in short)


def same_person(a: str, b: str, *, threshold: float = 90) -> bool:
    """Whether two full names are spellings of one person (Zelensky / Zelenskyy).

    Same first name, surnames with a rapidfuzz ratio of at least ``threshold``
    once accents and doubled letters are gone, and middle initials that do not
    contradict each other (see :func:`initials_compatible`).
    """
    (fa, la), (fb, lb) = person_key(a), person_key(b)
    return bool(fa and fa == fb and fuzz.ratio(la, lb) >= threshold
                and initials_compatible(middle_initials(a), middle_initials(b)))


def _strip_title(span: Span, gaz: Gazetteer) -> Span:
    """Drop title words the NER put inside a PERSON span ("President Putin")."""
    start = span.start
    for j in range(min(4, len(span) - 1), 0, -1):
        if gaz.title_sector(span.doc[span.start:span.start + j].text)[0]:
            start = span.start + j
            break
    end = span.end
    while end > start + 1 and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    return span.doc[start:end]


# ---- institutions --------------------------------------------------------------------


def _words(name: str) -> list[str]:
    return normalise(re.sub(r"^[Tt]he\s+", "", name)).replace("’", "'").split()


def is_institution_name(name: str) -> bool:
    """Whether a name is that of a state body, qualified or not ("Ohio Senate",
    "Senate", "Foreign Ministry of Velmaria"): its last word, or the word before
    its "of", is an institution head."""
    words = _words(name)
    if not words:
        return False
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head in INSTITUTION_HEADS


def split_institution(name: str) -> tuple[str, str] | None:
    """``(qualifier, generic part)`` of an institution's name, ``None`` if it is none.

    "Ohio Senate" -> ("Ohio", "Senate"); "the Senate" -> ("", "Senate");
    "Foreign Ministry of Velmaria" -> ("Velmaria", "Foreign Ministry"). The
    generic part is made of :data:`INSTITUTION_WORDS` only.
    """
    if not is_institution_name(name):
        return None
    tokens = re.sub(r"^[Tt]he\s+", "", name).split()
    generic = [t for t in tokens if normalise(t).replace("’", "'") in INSTITUTION_WORDS]
    qualifier = [t for t in tokens if t not in generic]
    if len(qualifier) + len(generic) != len(tokens):
        return None
    # "X of Y": Y the qualifier, "of" no part of the generic name
    if generic and generic[-1].lower() == "of" and qualifier:
        generic = generic[:-1]
    return " ".join(qualifier), " ".join(generic)


@dataclass(slots=True)
class _Body:
    """One qualified state body of an article: its id, name and country."""

    id: str
    name: str
    country: str | None


# ---- the per-article builder -------------------------------------------------------


class ActorBuilder:
    """Builds the actors and roles of one article from its classified entities.

    Args:
        doc: the annotated article body.
        infos: the article's entities from :func:`classify_entities`.
        gazetteer: lexicon lookups.
        article_id: written into roles.
        published: the article date, written into roles.
    """

    def __init__(
        self, doc: Doc, infos: list[EntityInfo], gazetteer: Gazetteer, *,
        article_id: str, published: dt.date | None,
    ) -> None:
        self.doc = doc
        self.infos = infos
        self.gaz = gazetteer
        self.article_id = article_id
        self.published = published
        self.persons: dict[str, PersonInfo] = {}
        self.roles: list[Role] = []
        self.actor_ids: dict[int, str] = {}
        self.others: dict[str, Actor] = {}
        # entity index -> the person whose title or apposition states that country
        self.claimed: dict[int, str] = {}
        # PERSON entities that name a state body ("the Ohio Senate" tagged PERSON)
        self.institutions: set[int] = {
            k for k, info in enumerate(infos)
            if info.kind == "person" and is_institution_name(info.text)
        }
        # generic part of a body's name -> the qualified bodies the article names
        self.bodies: dict[str, dict[str, _Body]] = defaultdict(dict)
        # (body id, surface) -> why a bare name ("the Senate") is that body
        self.body_links: dict[tuple[str, str], str] = {}
        # token index -> entity index, to read the entities around a token
        self.tok_ent: dict[int, int] = {
            t: k for k, info in enumerate(infos) for t in range(info.span.start, info.span.end)
        }

    def build(self, place_entities: set[int]) -> ActorResult:
        """Resolve every non-place entity; ``place_entities`` are left to the place resolver."""
        self._link_persons()
        self._find_bodies()
        for k, info in enumerate(self.infos):
            if k in place_entities or (info.kind == "person" and k not in self.institutions):
                continue
            actor = self._non_person_actor(info)
            if actor is not None:
                self.actor_ids[k] = actor.id
                if actor.kind != "person":
                    self._remember(actor, info.text)
        people = [(self.persons[self.actor_ids[k]], info) for k, info in enumerate(self.infos)
                  if info.kind == "person" and k in self.actor_ids
                  and self.actor_ids[k] in self.persons]
        for person, info in people:
            self._person_evidence(person, info)
        self._lead_roles()
        # Sentence votes last: a country already stated for one person ("Ukrainian
        # President X met Y") is no evidence for the others of its sentence.
        for person, info in people:
            self._sentence_vote(person, info.span)
        actors = [self._person_actor(p) for p in self.persons.values()]
        for actor in self.others.values():
            actor.merges = [{"mention": surface, "reason": reason}
                            for (aid, surface), reason in self.body_links.items()
                            if aid == actor.id]
            if actor.country and actor.country_evidence is None:
                actor.country_evidence = "stated"  # a state, its seat, a lexicon entry
        actors += list(self.others.values())
        return ActorResult(self.actor_ids, actors, self._dedupe_roles())

    # ---- people --------------------------------------------------------------
    def _link_persons(self) -> None:
        """Give every PERSON entity an id; surnames and spelling variants link to full names."""
        singles: list[tuple[int, str]] = []
        for k, info in enumerate(self.infos):
            if info.kind != "person" or k in self.institutions:
                continue
            name = _strip_title(info.span, self.gaz).text
            if len(name.split()) < 2:
                singles.append((k, name))
                continue
            pid = self._full_name_id(name)
            self.actor_ids[k] = pid
            self.persons[pid].aliases.append(name)
        for k, name in singles:
            pid = self._surname_id(name)
            self.actor_ids[k] = pid
            self.persons[pid].aliases.append(name)

    def _full_name_id(self, name: str) -> str:
        """The person a full name is, in this article: the one person it can be
        (spelling variant, compatible middle initial), else a new person."""
        matches = [pid for pid, p in self.persons.items() if " " in p.name
                   and same_person(p.name, name)]
        if len(matches) == 1:
            person = self.persons[matches[0]]
            if len(name) > len(person.name):
                person.name = name
            return matches[0]
        pid = f"person:{slugify(name)}"
        self.persons.setdefault(pid, PersonInfo(pid, name))
        return pid

    def _surname_id(self, name: str) -> str:
        """A one-word name: the one person of the article with that surname, or with
        that first name when no one has it as a surname ("John Smith ... John said").

        A one-word name two people of the article could carry ("John Smith met John
        Brown. John said ...") joins neither, and gets an id of this article only, so
        that across the corpus it is never read as someone else's surname.
        """
        _, last = person_key(name)
        full = [(pid, p) for pid, p in self.persons.items() if " " in p.name]
        by_surname = [pid for pid, p in full if fuzz.ratio(person_key(p.name)[1], last) >= 90]
        by_first = [pid for pid, p in full if person_key(p.name)[0] == last
                    and _words(p.name)[-1] not in ORG_LAST_WORDS]
        if len(by_surname) == 1 and not by_first:
            return by_surname[0]
        if len(by_first) == 1 and not by_surname:
            return by_first[0]
        pid = f"person:{slugify(name)}"
        if by_surname or by_first:
            pid = article_scoped(pid, self.article_id)
        self.persons.setdefault(pid, PersonInfo(pid, name))
        return pid

    def _person_evidence(self, person: PersonInfo, info: EntityInfo) -> None:
        """Country, sector and roles from the title, appositions and the sentence."""
        span = _strip_title(info.span, self.gaz)
        self._title_before(person, span)
        self._party_state_after(person, span)
        self._apposition(person, span)
        self._including(person, span)

    def _state(self, person: PersonInfo, token: int, iso3: str) -> None:
        """Count a country stated for ``person`` by the entity at ``token``, and claim
        that entity for the person (see :meth:`_sentence_vote`)."""
        person.strong[iso3] += STRONG_VOTE
        k = self.tok_ent.get(token)
        if k is not None:
            self.claimed.setdefault(k, person.id)

    def _party_state_after(self, person: PersonInfo, span: Span) -> None:
        """ "Sen. Rob Portman (R-Ohio)", "Rep. Ann Lee, D-Calif.,": a US legislator.

        The party-and-state notation is the US press's; it states the person's country.
        """
        after = doc_text(self.doc)[span.end_char:span.end_char + 12]
        if _PARTY_STATE_AFTER.match(after):
            person.strong["USA"] += STRONG_VOTE

    def _title_before(self, person: PersonInfo, span: Span) -> None:
        """"Turkish Foreign Minister Hakan Fidan": role, sector and country."""
        doc = self.doc
        sent_start = span.sent.start
        title_start = span.start
        for j in range(min(5, span.start - sent_start), 0, -1):
            words = doc[span.start - j:span.start]
            if any(t.is_punct for t in words):
                continue
            known, sector = self.gaz.title_sector(words.text)
            if known:
                title_start = span.start - j
                self._add_role(person, doc[title_start:span.start], sector)
                break
        found = self._country_left_of(title_start, sent_start)
        if found:
            self._state(person, *found)
        elif title_start < span.start and title_start > sent_start:
            self._us_party(person, doc[title_start - 1], doc[span.start - 1])

    def _us_party(self, person: PersonInfo, party: Token, office: Token) -> None:
        """ "Republican Senator X", "X, a Democratic congressman": a US legislator."""
        if (party.lower_ in US_PARTY_WORDS
                and office.lower_.rstrip(".") in US_OFFICES):
            person.strong["USA"] += STRONG_VOTE

    def _country_left_of(self, i: int, sent_start: int) -> tuple[int, str] | None:
        """The country named just before token ``i`` ("Turkish", "Russia's", "U.S."),
        with the token that names it."""
        j = i - 1
        if j >= sent_start and self.doc[j].text in POSSESSIVE:
            j -= 1
        if j < sent_start or j not in self.tok_ent:
            return None
        iso3 = self._country_of(self.infos[self.tok_ent[j]])
        return (j, iso3) if iso3 else None

    def _country_of(self, info: EntityInfo) -> str | None:
        if is_stance_affix(info.span):
            return None
        if info.kind in ("country", "demonym"):
            return info.key
        if info.kind == "seat" and info.key and info.key.startswith("gov:"):
            return info.key[4:]
        return None

    def _apposition(self, person: PersonInfo, span: Span) -> None:
        """"X, a longtime Putin associate" and "Ukraine's president, X"."""
        root = span.root
        nouns: list[Token] = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        for noun in nouns:
            if noun.pos_ not in ("NOUN", "PROPN") or noun.i in self.tok_ent:
                continue
            phrase = self._noun_phrase(noun)
            sector = self._sector_of_phrase(phrase)
            self._add_role(person, phrase, sector)
            for tok in phrase:
                iso3 = self._country_at(tok.i)
                if iso3 and (tok.dep_ in ("poss", "amod", "compound") or tok.head == noun):
                    self._state(person, tok.i, iso3)
                elif tok.head == noun and tok.dep_ in ("amod", "compound"):
                    self._us_party(person, tok, noun)

    def _noun_phrase(self, noun: Token) -> Span:
        """The noun with its contiguous left modifiers, stopping at punctuation."""
        subtree = {t.i for t in noun.subtree}
        start = noun.i
        while start - 1 >= noun.sent.start and start - 1 in subtree:
            prev = self.doc[start - 1]
            intra_word = prev.text == "-" and not prev.whitespace_
            if prev.is_punct and prev.text not in POSSESSIVE and not intra_word:
                break
            if prev.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "CCONJ"):
                break
            # Quotes and dashes glued to a word ("demilitarization”—despite") end the phrase.
            if any(ch in prev.text for ch in "“”\"—–"):
                break
            start -= 1
        return self.doc[start:noun.i + 1]

    def _including(self, person: PersonInfo, span: Span) -> None:
        """"Russian leaders, including Vladimir Putin": the group's country."""
        root = span.root
        if root.dep_ != "pobj" or root.head.lower_ not in INCLUDING:
            return
        group = root.head.head
        for child in group.children:
            iso3 = self._country_at(child.i)
            if iso3 and child.dep_ in ("amod", "poss", "compound", "nmod"):
                self._state(person, child.i, iso3)

    def _sentence_vote(self, person: PersonInfo, span: Span) -> None:
        """Weak evidence: the one country the sentence names.

        Countries in what the person says or does count only as the weakest evidence,
        used when nothing else is known, and only where they say where the act happens
        or qualify its object ("President X threatened a curfew in Algiers", "banned
        Ugandan opposition candidates": domestic); a country that is the other party
        ("threatened action against Russia", "talks with the president of Armenia")
        is not the person's, nor is a country stated for another person of the
        sentence. A sentence naming several countries gives no vote: no country
        beats a guess among them.
        """
        sent = span.sent
        skip = own_predicate(span)
        outside: set[str] = set()
        inside: set[str] = set()
        other: set[str] = set()
        for t in range(sent.start, sent.end):
            k = self.tok_ent.get(t)
            if k is not None and self.claimed.get(k, person.id) != person.id:
                continue  # stated for someone else: "Ukrainian President X met Y"
            if k is not None and self.infos[k].span.start == t:
                iso3 = self._country_of(self.infos[k])
                if not iso3:
                    continue
                if t not in skip:
                    outside.add(iso3)
                elif not names_other_party(self.infos[k].span):
                    inside.add(iso3)  # "a curfew in Algiers", "Ugandan candidates"
                else:
                    other.add(iso3)  # "sanctions against Russia": the other side
        if len(outside) == 1:
            person.weak[next(iter(outside))] += 1
        elif not outside and len(inside) == 1 and not other - inside:
            person.weakest[inside.pop()] += 1

    def _country_at(self, i: int) -> str | None:
        k = self.tok_ent.get(i)
        return self._country_of(self.infos[k]) if k is not None else None

    def _sector_of_phrase(self, phrase: Span) -> str | None:
        """The sector of the longest known title at the end of ``phrase``."""
        for j in range(min(4, len(phrase)), 0, -1):
            known, sector = self.gaz.title_sector(phrase[len(phrase) - j:].text)
            if known:
                return sector
        return None

    def _lead_roles(self) -> None:
        """"Ukraine's delegation, led by X" / "Leading Russia's delegation is X"."""
        for tok in self.doc:
            if tok.lemma_.lower() not in LEAD_LEMMAS or not tok.tag_.startswith("VB"):
                continue
            group = self._led_group(tok)
            if group is None:
                continue
            person_k = self._leader(tok, group)
            if person_k is None:
                continue
            person = self.persons[self.actor_ids[person_k]]
            group_phrase = self._noun_phrase(group)
            pspan = self.infos[person_k].span
            lo = min(group_phrase.start, tok.i, pspan.start)
            hi = max(group.i + 1, tok.i + 1, pspan.end)
            role = "head of " + _delegation(group_phrase)
            self._add_role(person, self.doc[lo:hi], "GOV", role=role)
            for t in group_phrase:
                iso3 = self._country_at(t.i)
                if iso3:
                    self._state(person, t.i, iso3)

    def _led_group(self, verb: Token) -> Token | None:
        candidates = []
        if verb.dep_ in ("acl", "relcl"):
            candidates.append(verb.head)
        candidates += [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
        for cand in candidates:
            if cand.lemma_.lower() in GROUP_NOUNS or cand.lower_ in GROUP_NOUNS:
                return cand
        return None

    def _leader(self, verb: Token, group: Token) -> int | None:
        """The PERSON entity that leads: agent, subject, or the clause's subject/attribute."""
        cands: list[Token] = []
        for child in verb.children:
            if child.dep_ == "agent":
                cands += [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "nsubj":
                cands.append(child)
        if verb.dep_ in ("csubj", "advcl", "ccomp", "xcomp"):
            cands += [c for c in verb.head.children if c.dep_ in ("nsubj", "attr")]
        for cand in cands:
            k = self.tok_ent.get(cand.i)
            if k is not None and self.infos[k].kind == "person" and k in self.actor_ids:
                return k
        # The parse missed it: the nearest person after the verb, in the same sentence.
        sent = verb.sent
        for t in range(verb.i + 1, min(sent.end, verb.i + 12)):
            k = self.tok_ent.get(t)
            if k is not None and self.infos[k].kind == "person" and k in self.actor_ids:
                return k
        return None

    def _add_role(
        self, person: PersonInfo, span: Span, sector: str | None, *, role: str | None = None
    ) -> None:
        self.roles.append(
            Role(
                actor_id=person.id, role=role or _straight(span.text), article_id=self.article_id,
                start=span.start_char, end=span.end_char, text=span.text, date=self.published,
            )
        )
        if sector and person.sector is None:
            person.sector = sector

    def _person_actor(self, person: PersonInfo) -> Actor:
        country, evidence = _person_country(person)
        aliases = sorted(set(person.aliases) - {person.name})
        return Actor(
            id=person.id, name=person.name, kind="person", country=country,
            sector=person.sector, aliases=aliases, country_evidence=evidence,
            merges=[{"mention": alias, "reason": _link_reason(alias, person.name)}
                    for alias in aliases],
        )

    def _dedupe_roles(self) -> list[Role]:
        seen: set[tuple[str, str, int]] = set()
        out = []
        for role in self.roles:
            key = (role.actor_id, role.role.lower(), role.start)
            if key not in seen:
                seen.add(key)
                out.append(role)
        return out

    # ---- states, governments, organisations ----------------------------------
    def _non_person_actor(self, info: EntityInfo) -> Actor | None:
        if info.kind == "seat" and info.key:
            return self._seat_actor(info.key)
        if info.kind in ("country", "demonym") and info.key:
            if is_stance_affix(info.span):
                return None
            sector = self._group_sector(info)
            if sector is not None:
                return self._state_actor(info.key, sector)
            return self._state_actor(info.key, None) if info.kind == "country" else None
        if info.kind == "org" or (info.kind == "person" and is_institution_name(info.text)):
            return self._surname_as_org(info) or self._org_actor(info)
        return None

    def _surname_as_org(self, info: EntityInfo) -> Actor | None:
        """spaCy tags some surnames ORG ("Halvane said"); link them to the article's person."""
        if " " in info.text or self.gaz.organisations.get(info.key or "") is not None:
            return None
        _, last = person_key(info.text)
        matches = [p for p in self.persons.values()
                   if " " in p.name and fuzz.ratio(person_key(p.name)[1], last) >= 90]
        if len(matches) != 1:
            return None
        matches[0].aliases.append(info.text)
        return self._person_actor(matches[0])

    def _group_sector(self, info: EntityInfo) -> str | None:
        """MIL/GOV when the entity qualifies a group noun: "Ukrainian forces", "Russia's team"."""
        root = info.span.root
        if root.dep_ not in ("amod", "poss", "compound", "nmod"):
            return None
        noun = root.head.lower_
        if noun in MIL_NOUNS:
            return "MIL"
        if noun in GOV_NOUNS:
            return "GOV"
        return None

    def _seat_actor(self, actor_id: str) -> Actor:
        if actor_id.startswith("gov:"):
            return self._state_actor(actor_id[4:], "GOV")
        org = self.gaz.organisations.get(actor_id)
        name = org.name if org else actor_id
        return Actor(id=actor_id, name=name, kind="organisation",
                     country=org.country if org else None, sector=org.sector if org else None)

    def _state_actor(self, iso3: str, sector: str | None) -> Actor:
        entry = self.gaz.countries.get(iso3)
        name = entry.name if entry else iso3
        if sector == "GOV":
            return Actor(id=f"gov:{iso3}", name=f"Government of {name}", kind="state",
                         country=iso3, sector="GOV")
        if sector == "MIL":
            return Actor(id=f"mil:{iso3}", name=f"Armed forces of {name}", kind="state",
                         country=iso3, sector="MIL")
        return Actor(id=f"state:{iso3}", name=name, kind="state", country=iso3)

    def _org_actor(self, info: EntityInfo) -> Actor | None:
        org = self.gaz.organisations.get(info.key or "")
        if org is not None:
            kind = org.kind if org.kind in ACTOR_KINDS else "organisation"
            return Actor(id=org.id, name=org.name, kind=kind,  # type: ignore[arg-type]
                         country=org.country, sector=org.sector)
        if self._is_title_word(info.span):
            return None
        body = self._body(info)
        if body is not None:
            return Actor(id=body.id, name=body.name, kind="organisation", country=body.country,
                         country_evidence="stated" if body.country else None)
        slug = slugify(info.text)
        name = re.sub(r"^[Tt]he\s+", "", info.text)
        return Actor(id=f"org:{slug}", name=name, kind="organisation") if slug else None

    # ---- state bodies: "the Senate" only with evidence of whose ------------------
    def _find_bodies(self) -> None:
        """Collect the article's qualified state bodies ("the Ohio Senate", "France's
        Senate"), so that its bare "the Senate" can be the one it names."""
        for info in self.infos:
            if info.kind not in ("org", "person"):
                continue
            if self.gaz.organisations.get(info.key or "") is not None:
                continue
            parts = split_institution(info.text)
            if parts is None or not parts[1]:
                continue
            qualifier, generic = parts
            body = self._qualified_body(info, qualifier, generic)
            if body is not None:
                self.bodies[normalise(generic)][body.id] = body

    def _qualified_body(self, info: EntityInfo, qualifier: str, generic: str) -> _Body | None:
        """The body a qualifier in or just before the name gives: "Ohio Senate",
        "the Russian Foreign Ministry", "France's Senate"."""
        if qualifier:
            iso3 = self.gaz.country_of(qualifier)
            surface = re.sub(r"^[Tt]he\s+", "", info.text)
            return self._make_body(generic, iso3, qualifier, surface=surface)
        found = self._country_left_of(info.span.start, info.span.sent.start)
        if found:
            return self._make_body(generic, found[1], None)
        before = info.span.start - 1
        k = self.tok_ent.get(before)
        if k is not None and self.infos[k].kind == "place":
            return self._make_body(generic, None, self.infos[k].text)  # "the Ohio Senate"
        return None

    def _make_body(self, generic: str, iso3: str | None, qualifier: str | None, *,
                   surface: str | None = None) -> _Body:
        """One body: a country's ("org:fra-senate", "Senate (France)", whichever way
        the text names the country), else the qualified name's own ("Ohio Senate")."""
        if iso3:
            entry = self.gaz.countries.get(iso3)
            return _Body(id=f"org:{iso3.lower()}-{slugify(generic)}",
                         name=f"{generic} ({entry.name if entry else iso3})", country=iso3)
        name = surface or f"{qualifier} {generic}"
        return _Body(id=f"org:{slugify(name)}", name=name, country=None)

    def _body(self, info: EntityInfo) -> _Body | None:
        """The state body an institution's name stands for, on the article's evidence.

        A qualified name ("Ohio Senate") is its own evidence. A bare one ("the
        Senate") is the one qualified body of that name in the article, else the
        body of the article's one country; with no such evidence it gets an id of
        this article alone, never merged with another article's "Senate".
        """
        parts = split_institution(info.text)
        if parts is None or not parts[1]:
            return None
        qualifier, generic = parts
        own = self._qualified_body(info, qualifier, generic)
        if own is not None:
            return own
        named = self.bodies.get(normalise(generic), {})
        if len(named) == 1:
            body = next(iter(named.values()))
            self.body_links[(body.id, info.text)] = "qualified_in_article"
            return body
        countries = self._article_countries()
        if len(countries) == 1 and not named:
            body = self._make_body(generic, countries.pop(), None)
            self.body_links[(body.id, info.text)] = "article_country"
            return body
        return _Body(id=article_scoped(f"org:{slugify(generic)}", self.article_id),
                     name=generic, country=None)

    def _article_countries(self) -> set[str]:
        """The countries the article names (countries, demonyms, seats of power)."""
        return {iso3 for info in self.infos if (iso3 := self._country_of(info))}

    def _is_title_word(self, span: Span) -> bool:
        """"Defense" tagged ORG in "Defense Minister Rustem Umerov" is part of a title."""
        doc = self.doc
        return any(
            self.gaz.title_sector(doc[span.start:min(len(doc), span.end + j)].text)[0]
            for j in (1, 2)
        )

    def _remember(self, actor: Actor, surface: str) -> None:
        kept = self.others.setdefault(actor.id, actor)
        if surface not in kept.aliases and surface != kept.name:
            kept.aliases.append(surface)


def _person_country(person: PersonInfo) -> tuple[str | None, CountryEvidence | None]:
    """The person's country and what it rests on: stated evidence (title, apposition,
    party-and-state notation, led delegation) in any of the article's mentions first;
    else the sentence votes (countries outside what the person says or does before
    those inside), only when one country leads outright."""
    for votes, evidence in ((person.strong, "stated"), (person.weak, "sentence"),
                            (person.weakest, "sentence")):
        top = votes.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0], evidence  # type: ignore[return-value]
        if top:
            return None, None  # stated countries disagree evenly: do not guess
    return None, None


def _link_reason(alias: str, name: str) -> str:
    """Why one article's mention ``alias`` is the person ``name``: ``surname_in_article``
    or ``first_name_in_article`` (the one person of the article it fits), else the
    reason two full names are one (:func:`merge_reason`)."""
    if len(alias.split()) == 1:
        first = person_key(name)[0]
        return ("first_name_in_article" if first and person_key(alias)[1] == first
                else "surname_in_article")
    return merge_reason(alias, name)


def _delegation(phrase: Span) -> str:
    """"Russia’s representatives" -> "Russia's delegation": one wording across outlets."""
    words = [t.text_with_ws for t in phrase[:-1]]
    noun = phrase[-1].text
    if noun.lower() in DELEGATION_WORDS:
        noun = "delegation"
    return _straight("".join(words) + noun)


def _straight(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


# ---- corpus level --------------------------------------------------------------------


def article_scoped(actor_id: str, article_id: str) -> str:
    """An id that only one article uses: ``person:john~1a2b3c4d``.

    For a name the article itself cannot tie to one entity (a first name two of
    its people share, a "Senate" with no country): no other article's mention of
    the same words can then be merged into it by name alone.
    """
    return f"{actor_id}{SCOPE_MARK}{slugify(article_id)[:8]}"


def is_article_scoped(actor_id: str) -> bool:
    """Whether an id belongs to one article only (see :func:`article_scoped`)."""
    return SCOPE_MARK in actor_id


# "org:usa-interior-department": a country's state body (ActorBuilder._make_body).
_COUNTRY_BODY = re.compile(r"^org:[a-z]{3}-(?P<generic>[a-z0-9-]+)$")


def story_key(actor_id: str) -> str:
    """The key under which story clustering compares an actor id.

    Story clustering reads a shared name as one more shared word, weighed with the
    text and the dates, not as a claim that two reports name one entity. So an id
    kept to its article ("org:senate~1a2b3c4d", "person:john~1a2b3c4d") and a
    country's state body ("org:usa-senate") count under their name ("org:senate"),
    as the words did before actors were merged on evidence; the actor records
    keep their own ids.
    """
    base = actor_id.split(SCOPE_MARK, 1)[0]
    found = _COUNTRY_BODY.match(base)
    if found and all(w in INSTITUTION_WORDS for w in found["generic"].split("-")):
        return f"org:{found['generic']}"
    return base


def merge_actors(actors: Sequence[Actor]) -> dict[str, str]:
    """Map each actor id to a canonical id, merging spellings of one person across articles.

    Full names merge when the first names match, the surnames have a rapidfuzz
    ratio of at least 90 after removing accents and doubled letters (Zelensky /
    Zelenskyy), their middle initials agree, and the texts do not state two
    different countries for them. A name with fewer initials
    ("Arlen Voss", "Mira K. Dole") then joins the one person its initials fit
    ("Arlen T. Voss", "Mira J. K. Dole"); when they fit two different people it
    stays apart. A surname alone merges into the one full-name person with that
    surname, if exactly one exists. Ids of one article (:func:`article_scoped`)
    never merge. The canonical id of a group is its most frequent id (ties: the
    alphabetically first). Other actors map to themselves.
    :func:`explain_merges` gives the reason of each merge.

    Args:
        actors: actors from any number of articles (repeats count as frequency).

    Returns:
        ``{actor_id: canonical_id}`` for every id in ``actors``.
    """
    freq = Counter(a.id for a in actors)
    names: dict[str, str] = {}
    stated = {a.id: a.country for a in actors if a.country and a.country_evidence == "stated"}
    for a in actors:
        if is_article_scoped(a.id):
            continue
        if (a.kind == "person" or _bare_org_name(a)) and len(a.name) > len(names.get(a.id, "")):
            names[a.id] = a.name
    mapping = {a.id: a.id for a in actors}
    full = sorted(pid for pid, n in names.items() if len(n.split()) > 1)
    singles = sorted(pid for pid, n in names.items() if len(n.split()) == 1)
    parent = {pid: pid for pid in full}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys = {pid: person_key(names[pid]) for pid in full}
    initials = {pid: middle_initials(names[pid]) for pid in full}
    by_first: dict[str, list[str]] = defaultdict(list)
    for pid in full:
        by_first[keys[pid][0]].append(pid)
    # Same first name, surnames alike: compared in rapidfuzz's C loop
    # (cdist), which keeps a first name shared by thousands of people fast.
    looser: dict[str, set[str]] = defaultdict(set)
    for first, group in by_first.items():
        if not first or len(group) < 2:
            continue
        for a, b in _alike_pairs([keys[p][1] for p in group], [keys[p][1] for p in group]):
            pa, pb = group[a], group[b]
            if a >= b or not initials_compatible(initials[pa], initials[pb]):
                continue
            if _two_countries(stated.get(pa), stated.get(pb)):
                continue  # the texts state two countries: two people of one name
            if initials[pa] == initials[pb]:
                parent[find(pa)] = find(pb)
            elif len(initials[pa]) < len(initials[pb]):
                looser[pa].add(pb)
            else:
                looser[pb].add(pa)
    # Fewer initials join the one person they fit, the fullest names first, so
    # that "Mira Dole" sees "Mira K. Dole" already joined to "Mira J. K. Dole".
    for pid in sorted(looser, key=lambda p: (-len(initials[p]), p)):
        fits = {find(other) for other in looser[pid]}
        if len(fits) == 1:
            parent[find(pid)] = fits.pop()
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in full:
        groups[find(pid)].append(pid)
    canonical: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda m: (-freq[m], m))
        for m in members:
            canonical[m] = best
    mapping.update(canonical)
    # A surname alone joins the one person whose surname it matches.
    surnames = sorted({keys[f][1] for f in full})
    heads_of: dict[str, set[str]] = defaultdict(set)
    for f in full:
        heads_of[keys[f][1]].add(canonical[f])
    single_keys = [person_key(names[pid])[1] for pid in singles]
    heads: dict[int, set[str]] = defaultdict(set)
    for i, j in _alike_pairs(single_keys, surnames):
        heads[i] |= heads_of[surnames[j]]
    for i, pid in enumerate(singles):
        if len(heads[i]) == 1:
            mapping[pid] = next(iter(heads[i]))
    return mapping


def _two_countries(a: str | None, b: str | None) -> bool:
    """Whether two stated countries (None: not stated) contradict each other."""
    return a is not None and b is not None and a != b


def merge_reason(member: str, head: str) -> str:
    """Why the name ``member`` was merged into the actor named ``head`` (a machine-readable
    word): ``surname`` (a surname alone, the one person of the corpus with it),
    ``middle_initial`` (same first name and surname, initials that fit),
    ``spelling_variant`` (same first name, a surname spelled alike), ``same_name``."""
    (fm, _), (fh, _) = person_key(member), person_key(head)
    if not fm or not fh:
        return "surname"
    if middle_initials(member) != middle_initials(head):
        return "middle_initial"
    # the surnames as written (person_key folds doubled letters: Grenick / Grennick)
    if _surname(member) != _surname(head):
        return "spelling_variant"
    return "same_name"


def _surname(name: str) -> str:
    parts = normalise(name).replace("-", " ").split()
    return parts[-1] if parts else ""


def explain_merges(actors: Sequence[Actor], mapping: dict[str, str]
                   ) -> dict[str, list[dict[str, str]]]:
    """The merges behind each canonical actor: which mention, and why.

    Args:
        actors: the per-article actors that were merged.
        mapping: ``{actor_id: canonical_id}`` from :func:`merge_actors` (or stored).

    Returns:
        ``{canonical_id: [{"actor_id", "mention", "reason"}, ...]}``, one entry per
        actor id merged into another id (ids that stand alone have none).
    """
    names: dict[str, str] = {}
    for a in actors:
        if len(a.name) > len(names.get(a.id, "")):
            names[a.id] = a.name
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for actor_id in sorted(names):
        head = mapping.get(actor_id, actor_id)
        if head == actor_id:
            continue
        reason = merge_reason(names[actor_id], names.get(head, head))
        out[head].append({"actor_id": actor_id, "mention": names[actor_id], "reason": reason})
    return dict(out)


def corpus_country(records: Sequence[Actor], *, person: bool = False) -> str | None:
    """One actor's country over its per-article records, decided by evidence.

    Countries stated next to the name (a title, nationality, party or state
    notation: ``country_evidence == "stated"``) count first; the one-country-in-
    the-sentence guesses only when nothing is stated, and never for a ``person``.
    The country named in more articles wins; an even split gives none (never a
    tie-break on article ids).
    """
    stated = Counter(r.country for r in records if r.country and r.country_evidence == "stated")
    guessed = Counter(r.country for r in records if r.country and r.country_evidence != "stated")
    # a person's country needs evidence next to the name (issue 16): a sentence
    # that names one country is none ("Halvane spoke in Maldar")
    for votes in (stated, Counter() if person else guessed):
        top = votes.most_common(2)
        if top:
            return top[0][0] if len(top) == 1 or top[0][1] > top[1][1] else None
    return None


def _alike_pairs(left: list[str], right: list[str], *, threshold: float = 90,
                 chunk: int = 2000) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``fuzz.ratio(left[i], right[j]) >= threshold``.

    ``fuzz.ratio`` is ``1 - indel / (len_i + len_j)`` and ``indel`` is at least
    the difference in length, so two strings can only reach the threshold when
    their lengths are close: each length of ``left`` is compared with the
    strings of ``right`` in its length window only (same pairs, a fraction of
    the comparisons; a lone surname against every full name's surname was the
    largest cost of the merge).
    """
    if not left or not right:
        return []
    share = threshold / 100.0
    right_by_length = _by_length(right)
    pairs: list[tuple[int, int]] = []
    for length, rows_of in _by_length(left).items():
        # |a - b| <= (1 - share)(a + b)  <=>  a share / (2 - share) <= b <= a (2 - share) / share
        low, high = length * share / (2 - share) - 1e-9, length * (2 - share) / share + 1e-9
        cols_of = [j for n, js in right_by_length.items() if low <= n <= high for j in js]
        if not cols_of:
            continue
        candidates = [right[j] for j in cols_of]
        for at in range(0, len(rows_of), chunk):
            rows = rows_of[at:at + chunk]
            scores = process.cdist([left[i] for i in rows], candidates, scorer=fuzz.ratio,
                                   score_cutoff=threshold, dtype=np.uint8)
            hits = np.nonzero(scores)
            pairs.extend((rows[r], cols_of[c]) for r, c in zip(*(h.tolist() for h in hits)))
    return sorted(pairs)


def _by_length(texts: list[str]) -> dict[int, list[int]]:
    """Indices of ``texts`` by string length."""
    out: dict[int, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        out[len(text)].append(i)
    return out


def _bare_org_name(actor: Actor) -> bool:
    """A one-word organisation the lexicon does not know: often a surname spaCy tagged ORG."""
    return (actor.kind == "organisation" and actor.id.startswith("org:") and actor.sector is None
            and len(actor.name.split()) == 1 and actor.name[:1].isupper())


def role_key(role: str) -> str:
    """The key under which one role's spellings meet.

    Case, hyphens and British/American spelling are folded (breame's word
    list), so outlets that write "Defense Minister" and "defence minister"
    give one role: ``"defence minister"``.
    """
    words = re.split(r"[\s\-]+", role.strip().lower())
    return " ".join(get_british_spelling(word) for word in words if word)
