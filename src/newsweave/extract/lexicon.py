"""The PLOVER trigger lexicon: verb and noun lemmas mapped to (event, mode, context).

The data lives in ``newsweave/data/plover/verbs.json`` (written for newsweave from
the PLOVER manual's categories, modes and contexts); this module loads it once and
answers lookups for the rule coder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# The event of a reading that states what a verb means when it codes nothing.
NOT_AN_EVENT = "NONE"
LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "plover" / "verbs.json"


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a trigger: a PLOVER event with its default mode, contexts and stance."""

    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    stance: str | None = None
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    intransitive: bool = False
    verbs: frozenset[str] = frozenset()
    complement: bool = False
    not_with: frozenset[str] = frozenset()
    not_content: frozenset[str] = frozenset()
    no_clause: bool = False
    bare: bool = False
    content_events: frozenset[str] = frozenset()

    @property
    def is_event(self) -> bool:
        """False for readings that name what a verb means when it is no event ("shoot up")."""
        return self.event != NOT_AN_EVENT

    def allows_object(self, object_lemmas: set[str]) -> bool:
        """Whether the entry's object restrictions accept these direct-object lemmas.

        ``object_lemmas`` may hold the class ``@person`` (the object is a person or a
        group of people: a name, a personal pronoun, a noun of people).
        """
        if self.intransitive and object_lemmas:
            return False
        # "bare": the reading also holds with no object ("troops deployed to the border").
        unlicensed = self.objects and not (self.objects & object_lemmas)
        if unlicensed and not (self.bare and not object_lemmas):
            return False
        return not (self.not_objects & object_lemmas)

    def allows_clause(self, clause_lemmas: set[str], content_lemmas: set[str],
                      has_that_clause: bool) -> bool:
        """Whether the words of the clause and of its complement leave this reading standing.

        ``not_with``: words anywhere in the clause that give the verb another sense
        ("beaten in the primary"); ``not_content``: complement verbs that make it a plain
        statement ("declined to comment"); ``no_clause``: a that-clause makes it one
        ("denied that it had ...").
        """
        if self.not_with & clause_lemmas or self.not_content & content_lemmas:
            return False
        return not (self.no_clause and has_that_clause)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Verb and noun triggers plus the cue tables used to pick modes and contexts."""

    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    light_verbs: frozenset[str]
    weapon_modes: dict[str, str]
    labour_cues: frozenset[str]
    request_modes: dict[str, frozenset[str]]
    threat_modes: dict[str, frozenset[str]]
    contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    no_agent_causes: frozenset[str] = frozenset()
    thing_subjects: frozenset[str] = frozenset()

    def verb(
        self, keys: list[str], object_lemmas: set[str] | None = None
    ) -> tuple[str, Entry] | None:
        """The first reading of ``keys`` (most specific first, e.g. ``["call on", "call"]``).

        A verb may have several readings told apart by its direct object ("lift a
        curfew" vs "lift a ban"); with ``object_lemmas`` given, the first reading whose
        object restrictions accept them is returned.
        """
        for key in keys:
            for entry in self.verbs.get(key, ()):
                if object_lemmas is None or entry.allows_object(object_lemmas):
                    return key, entry
        return None

    def noun(self, keys: list[str], governor: str | None) -> Entry | None:
        """The reading of a nominal trigger under the verb ``governor`` (a lemma), if any.

        Readings that list licensing ``verbs`` apply only under those verbs; the
        others apply under any light verb (or with no governor when ``governor`` is None).
        """
        for key in keys:
            for entry in self.nouns.get(key, ()):
                if entry.verbs:
                    if governor is not None and governor in entry.verbs:
                        return entry
                elif governor is None or governor in self.light_verbs:
                    return entry
        return None

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def __bool__(self) -> bool:
        # ``len(lexicon) > 0`` without counting every reading: ``lexicon or
        # load_lexicon()`` runs once per sentence.
        return any(self.verbs.values()) or any(self.nouns.values())


def _entry(raw: dict[str, Any]) -> Entry:
    return Entry(
        event=raw["event"],
        mode=raw.get("mode"),
        context=tuple(raw.get("context", ())),
        stance=raw.get("stance"),
        objects=frozenset(raw.get("objects", ())),
        not_objects=frozenset(raw.get("not_objects", ())),
        intransitive=bool(raw.get("intransitive", False)),
        verbs=frozenset(raw.get("verbs", ())),
        complement=bool(raw.get("complement", False)),
        not_with=frozenset(raw.get("not_with", ())),
        not_content=frozenset(raw.get("not_content", ())),
        no_clause=bool(raw.get("no_clause", False)),
        bare=bool(raw.get("bare", False)),
        content_events=frozenset(raw.get("content_events", ())),
    )


def _readings(raw: dict[str, Any] | list[dict[str, Any]]) -> tuple[Entry, ...]:
    return tuple(_entry(r) for r in raw) if isinstance(raw, list) else (_entry(raw),)


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build a :class:`Lexicon` from the JSON structure of ``verbs.json``."""
    return Lexicon(
        verbs={k: _readings(v) for k, v in data["verbs"].items()},
        nouns={k: tuple(_entry(e) for e in v) for k, v in data["nouns"].items()},
        light_verbs=frozenset(data.get("light_verbs", ())),
        weapon_modes=dict(data.get("weapon_modes", {})),
        labour_cues=frozenset(data.get("labour_cues", ())),
        request_modes={k: frozenset(v) for k, v in data.get("request_modes", {}).items()},
        threat_modes={k: frozenset(v) for k, v in data.get("threat_modes", {}).items()},
        contexts={k: tuple(v) for k, v in data.get("contexts", {}).items()},
        no_agent_causes=frozenset(data.get("no_agent_causes", ())),
        thing_subjects=frozenset(data.get("thing_subjects", ())),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The built-in lexicon (loaded once per process)."""
    return parse_lexicon(json.loads(LEXICON_PATH.read_text(encoding="utf-8")))
