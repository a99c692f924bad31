"""The record types that flow through newsweave.

Per-article stages turn a :class:`RawDoc` into an :class:`Article` and then an
:class:`ArticleResult` (mentions, actors, places, events, claims, positions).
Corpus stages group articles into :class:`Story` records and claims into
:class:`Fact` records with their :class:`Conflict` records.

Every span (``start``, ``end``) is a character offset into ``Article.body``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

InputFormat = Literal["text", "html", "jsonl", "feed", "warc"]
ActorKind = Literal["person", "organisation", "state", "group"]
Certainty = Literal["asserted", "reported", "expected", "hypothetical", "negated", "conditional"]
DatePrecision = Literal["day", "month", "year"]
# Where a claim's span lies: the article's body, or its headline (the title).
TextPart = Literal["body", "title"]
Stance = Literal["demands", "rejects", "offers", "supports"]
CountryEvidence = Literal["stated", "sentence"]


@dataclass(slots=True)
class RawDoc:
    """One input document as read from disk, before cleaning.

    Exactly one of ``text`` or ``html`` is set. ``metadata`` may hold ``title``,
    ``outlet``, ``url``, ``published`` (ISO date string) and ``language``.
    """

    source_path: str
    source_id: str
    fmt: InputFormat
    text: str | None = None
    html: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class IngestError:
    """An input that could not be read, with the reason in plain words."""

    source_path: str
    reason: str


@dataclass(slots=True)
class Article:
    """A cleaned article: metadata, body text and the lines removed from it."""

    id: str
    source_id: str
    source_path: str
    outlet: str
    url: str | None
    title: str
    published: dt.date | None
    body: str
    removed: list[str] = field(default_factory=list)
    language: str = "en"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Caveats of the cleaning, reported with the run (not stored as text).
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A named span in an article, resolved to an actor and/or a place."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None
    place_id: str | None = None


@dataclass(slots=True)
class Role:
    """A role the text gives an actor ("Defence Minister", "head of the delegation")."""

    actor_id: str
    role: str
    article_id: str
    start: int
    end: int
    text: str
    date: dt.date | None = None


@dataclass(slots=True)
class Actor:
    """One real-world entity: a person, an organisation, a state or a group.

    ``id`` is canonical across articles (``person:rustem-umerov``, ``gov:UKR``,
    ``state:UKR``, ``org:nato``). ``country`` is ISO 3166 alpha-3; ``sector`` a
    PLOVER sector code (GOV, MIL, LEG, JUD, POL, REB, IGO, NGO, MED, BUS, CVL...).
    """

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    # What the country rests on: "stated" (a title, nationality, party or state
    # notation next to the name), "sentence" (the one country its sentence names),
    # None when there is no country.
    country_evidence: CountryEvidence | None = None
    # Why mentions are this actor: {mention, reason} per link made within an article
    # ("John" -> the article's one John Smith), and across the corpus {actor_id,
    # mention, reason} per id merged into this one (newsweave.resolve.actors).
    merges: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    """A resolved location (GeoNames id, or ``user:<slug>`` for a user gazetteer)."""

    id: str
    name: str
    country: str | None
    lat: float
    lon: float
    feature_class: str = "P"
    population: int = 0

    def __reduce__(self) -> tuple[type, tuple]:
        # Pickled as a constructor call: the gazetteer's cache file holds some
        # 170,000 places, and reading them back this way takes a third less time
        # than restoring each one's slots by name.
        return (Place, (self.id, self.name, self.country, self.lat, self.lon,
                        self.feature_class, self.population))


@dataclass(slots=True)
class Quantity:
    """A number with what it counts: "over 40 bombers", "472 drones"."""

    value: float
    text: str
    start: int
    end: int
    unit: str = ""
    approx: str | None = None
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER event coded from one sentence."""

    id: str
    article_id: str
    event: str
    start: int
    end: int
    text: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    place_id: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    certainty: Certainty = "asserted"
    background: bool = False
    trigger: str = ""
    # How sure the coder is of the event type and its actor, 0-1 (see
    # newsweave.extract.events._confidence); lists may hide events below 0.5.
    confidence: float = 1.0


@dataclass(slots=True)
class Claim:
    """One article's statement of a fact; claims that say the same thing share a Fact."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    subject: str
    predicate: str
    object: str = ""
    event_type: str | None = None
    actors: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    certainty: Certainty = "asserted"
    background: bool = False
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    # the sentence's independent clauses: [start, end, act verb lemma, negated,
    # [weekdays and years dating the act]] each (newsweave.extract.propositions;
    # without the last field in stores written before it); empty for claims
    # stored before clauses existed
    clauses: list[list[Any]] = field(default_factory=list)
    # "title": the claim is the article's headline; start and end index the title
    part: TextPart = "body"


@dataclass(slots=True)
class Position:
    """What a party demands, rejects, offers or supports, with its evidence."""

    id: str
    article_id: str
    party: str
    stance: Stance
    object: str
    start: int
    end: int
    text: str
    certainty: Certainty = "asserted"
    # Where the object is worded in the article body (characters), when the text
    # words it as one stretch; None for objects assembled from several parts.
    object_start: int | None = None
    object_end: int | None = None


@dataclass(slots=True)
class SentenceTime:
    """When one sentence's main act happened, and whether it is background (not the news).

    ``start`` and ``end`` are the sentence's span in the parse (``Span.start_char``,
    ``Span.end_char``); the extract stage finds a sentence's time by ``start``.
    """

    start: int
    end: int
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    background: bool = False


@dataclass(slots=True)
class Resolution:
    """What the resolve stage finds in one article.

    ``actors`` include the groups named through a country word ("Veskarian
    protesters"); ``sentences`` hold one :class:`SentenceTime` per sentence.
    """

    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sentences: list[SentenceTime] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """What the extract stage finds in one article."""

    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)


@dataclass(slots=True)
class ArticleResult:
    """Everything the per-article chain derives from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """Articles about one real-world event, across outlets."""

    id: str
    title: str
    article_ids: list[str]
    outlets: list[str]
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(slots=True)
class FactMention:
    """Where one outlet states a fact."""

    claim_id: str
    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    # "title": the span lies in the article's headline, not its body
    part: TextPart = "body"


@dataclass(slots=True)
class Fact:
    """A proposition stated by one or more articles of a story.

    ``corroboration`` counts independent outlets: syndicated copies never add.
    """

    id: str
    story_id: str
    statement: str
    mentions: list[FactMention]
    outlets: list[str]
    corroboration: int
    event_type: str | None = None
    certainty: Certainty = "asserted"
    background: bool = False
    date: dt.date | None = None
    importance: float = 0.0
    # who told it first and who repeated it, and outlets that only carry one
    # speaker's quote (counted as one source): see align.fact_lineage
    lineage: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ConflictSide:
    """One outlet's wording in a conflict."""

    outlet: str
    article_id: str
    start: int
    end: int
    text: str
    value: str = ""
    # sides with one camp agree (a number conflict of three outlets, two of
    # them giving "about 40" and "around 40"); None when not worked out
    camp: int | None = None


@dataclass(slots=True)
class Conflict:
    """Outlets that disagree on a fact: numbers, qualifiers, conditions, dates,
    places (where a person lives) or positions."""

    id: str
    story_id: str
    kind: Literal["number", "qualifier", "condition", "date", "place", "position"]
    topic: str
    sides: list[ConflictSide]
    fact_id: str | None = None


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict (dates as ISO strings)."""
    return _jsonable(asdict(record))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
