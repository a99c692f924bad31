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

from newsweave.gazetteer import Gazetteer, normalise, slugify
from newsweave.records import Actor, Role
from newsweave.resolve.entities import (
    GOV_NOUNS,
    MIL_NOUNS,
    POSSESSIVE,
    EntityInfo,
    is_stance_affix,
    names_other_party,
    own_predicate,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Nouns a leader heads: "Ukraine's delegation, led by ...".
GROUP_NOUNS = frozenset(
    {"delegation", "team", "representatives", "negotiators", "mission", "side", "delegates",
     "group", "panel", "commission"}
)
ACTOR_KINDS = frozenset({"person", "organisation", "state", "group"})
# Group words read as "delegation" in a head-of role.
DELEGATION_WORDS = frozenset({"delegation", "team", "representatives", "negotiators", "delegates"})
LEAD_LEMMAS = frozenset({"lead", "head"})
INCLUDING = frozenset({"including", "like"})
# "(R-Ohio)", ", D-Calif.,": party letter, hyphen, state name after a US legislator's name.
_PARTY_STATE_AFTER = re.compile(r"^\s*[(,]\s*[RDI]\s?-\s?[A-Z][a-z]")
# Strong evidence of a person's country (title or apposition) outweighs sentence counts.
STRONG_VOTE = 3


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


def same_person(a: str, b: str, *, threshold: float = 90) -> bool:
    """Whether two full names are spellings of one person (Zelensky / Zelenskyy).

    Same first name, and surnames with a rapidfuzz ratio of at least ``threshold``
    once accents and doubled letters are gone.
    """
    (fa, la), (fb, lb) = person_key(a), person_key(b)
    return bool(fa and fa == fb and fuzz.ratio(la, lb) >= threshold)


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
        # token index -> entity index, to read the entities around a token
        self.tok_ent: dict[int, int] = {
            t: k for k, info in enumerate(infos) for t in range(info.span.start, info.span.end)
        }

    def build(self, place_entities: set[int]) -> ActorResult:
        """Resolve every non-place entity; ``place_entities`` are left to the place resolver."""
        self._link_persons()
        for k, info in enumerate(self.infos):
            if k in place_entities or info.kind == "person":
                continue
            actor = self._non_person_actor(info)
            if actor is not None:
                self.actor_ids[k] = actor.id
                if actor.kind != "person":
                    self._remember(actor, info.text)
        for k, info in enumerate(self.infos):
            if info.kind == "person" and k in self.actor_ids:
                self._person_evidence(self.persons[self.actor_ids[k]], info)
        self._lead_roles()
        actors = [self._person_actor(p) for p in self.persons.values()]
        actors += list(self.others.values())
        return ActorResult(self.actor_ids, actors, self._dedupe_roles())

    # ---- people --------------------------------------------------------------
    def _link_persons(self) -> None:
        """Give every PERSON entity an id; surnames and spelling variants link to full names."""
        singles: list[tuple[int, str]] = []
        for k, info in enumerate(self.infos):
            if info.kind != "person":
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
        for pid, person in self.persons.items():
            if same_person(person.name, name):
                if len(name) > len(person.name):
                    person.name = name
                return pid
        pid = f"person:{slugify(name)}"
        self.persons.setdefault(pid, PersonInfo(pid, name))
        return pid

    def _surname_id(self, name: str) -> str:
        _, last = person_key(name)
        matches = [
            pid for pid, p in self.persons.items()
            if " " in p.name and fuzz.ratio(person_key(p.name)[1], last) >= 90
        ]
        if len(matches) == 1:
            return matches[0]
        pid = f"person:{slugify(name)}"
        self.persons.setdefault(pid, PersonInfo(pid, name))
        return pid

    def _person_evidence(self, person: PersonInfo, info: EntityInfo) -> None:
        """Country, sector and roles from the title, appositions and the sentence."""
        span = _strip_title(info.span, self.gaz)
        self._title_before(person, span)
        self._party_state_after(person, span)
        self._apposition(person, span)
        self._including(person, span)
        self._sentence_vote(person, info.span)

    def _party_state_after(self, person: PersonInfo, span: Span) -> None:
        """ "Sen. Rob Portman (R-Ohio)", "Rep. Ann Lee, D-Calif.,": a US legislator.

        The party-and-state notation is the US press's; it states the person's country.
        """
        after = self.doc.text[span.end_char:span.end_char + 12]
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
        iso3 = self._country_left_of(title_start, sent_start)
        if iso3:
            person.strong[iso3] += STRONG_VOTE

    def _country_left_of(self, i: int, sent_start: int) -> str | None:
        """The country named just before token ``i`` ("Turkish", "Russia's", "U.S.")."""
        j = i - 1
        if j >= sent_start and self.doc[j].text in POSSESSIVE:
            j -= 1
        if j < sent_start or j not in self.tok_ent:
            return None
        return self._country_of(self.infos[self.tok_ent[j]])

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
                    person.strong[iso3] += STRONG_VOTE

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
                person.strong[iso3] += STRONG_VOTE

    def _sentence_vote(self, person: PersonInfo, span: Span) -> None:
        """Weak evidence: the one country the sentence names.

        Countries in what the person says or does count only as the weakest evidence,
        used when nothing else is known, and only where they say where the act happens
        or qualify its object ("President X threatened a curfew in Algiers", "banned
        Ugandan opposition candidates": domestic); a country that is the other party
        ("threatened action against Russia", "talks with the president of Armenia")
        is not the person's. A sentence naming several countries gives no vote: no
        country beats a guess among them.
        """
        sent = span.sent
        skip = own_predicate(span)
        outside: set[str] = set()
        inside: set[str] = set()
        other: set[str] = set()
        for t in range(sent.start, sent.end):
            k = self.tok_ent.get(t)
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
                    person.strong[iso3] += STRONG_VOTE

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
        country = _person_country(person)
        aliases = sorted(set(person.aliases) - {person.name})
        return Actor(
            id=person.id, name=person.name, kind="person", country=country,
            sector=person.sector, aliases=aliases,
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
        if info.kind == "org":
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
        slug = slugify(info.text)
        name = re.sub(r"^[Tt]he\s+", "", info.text)
        return Actor(id=f"org:{slug}", name=name, kind="organisation") if slug else None

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


def _person_country(person: PersonInfo) -> str | None:
    """The person's country: stated evidence (title, apposition, led delegation) in any
    of the article's mentions first; else the sentence votes (countries outside what
    the person says or does before those inside), only when one country leads outright."""
    for votes in (person.strong, person.weak, person.weakest):
        top = votes.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
        if top:
            return None  # stated countries disagree evenly: do not guess
    return None


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


def merge_actors(actors: Sequence[Actor]) -> dict[str, str]:
    """Map each actor id to a canonical id, merging spellings of one person across articles.

    Full names merge when the first names match and the surnames have a rapidfuzz
    ratio of at least 90 after removing accents and doubled letters (Zelensky /
    Zelenskyy). A surname alone merges into the one full-name person with that
    surname, if exactly one exists. The canonical id of a group is its most
    frequent id (ties: the alphabetically first). Other actors map to themselves.

    Args:
        actors: actors from any number of articles (repeats count as frequency).

    Returns:
        ``{actor_id: canonical_id}`` for every id in ``actors``.
    """
    freq = Counter(a.id for a in actors)
    names: dict[str, str] = {}
    for a in actors:
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
    by_first: dict[str, list[str]] = defaultdict(list)
    for pid in full:
        by_first[keys[pid][0]].append(pid)
    # Same first name, surnames alike: compared in rapidfuzz's C loop
    # (cdist), which keeps a first name shared by thousands of people fast.
    for first, group in by_first.items():
        if not first or len(group) < 2:
            continue
        for a, b in _alike_pairs([keys[p][1] for p in group], [keys[p][1] for p in group]):
            if a < b:
                parent[find(group[a])] = find(group[b])
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
