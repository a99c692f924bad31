"""Response models of the REST API (the shapes the OpenAPI schema documents)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a longer list."""

    total: int = Field(description="rows matching the filters, over all pages")
    limit: int
    offset: int
    items: list[T]


class StoryPublic(BaseModel):
    """A story in the list: its size, dates and outlets."""

    story_id: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    outlets: list[str]
    articles: int = Field(description="reports grouped into the story")
    events: int
    facts: int = Field(description="news facts (background excluded)")
    conflicts: int


class BriefFact(BaseModel):
    """A fact of the brief with the outlets stating it."""

    model_config = ConfigDict(extra="allow")

    fact_id: str
    statement: str
    outlets: list[str]
    corroboration: int = Field(description="independent outlets stating the fact")
    single_source: bool
    conflicts: list[str] = []


class CoverageOutlet(BaseModel):
    """A column of the coverage grid: an independent outlet and its totals."""

    outlet: str
    abbr: str = Field(description="short column name, distinct within the story")
    reported: int = Field(description="facts it states")
    first: int = Field(description="facts it stated on an earlier day than another outlet")
    left_out: int = Field(description="facts two or more other sources state and it does not")


class CoverageFact(BaseModel):
    """A row of the coverage grid: one fact and each outlet's cell."""

    fact_id: str
    label: str = Field(description="the statement, cut short")
    statement: str
    sources: int = Field(description="independent sources stating it")
    first: list[str] = Field(description="outlets that stated it first (earliest day); "
                                         "none when all stated it on one day")
    cells: dict[str, Literal["first", "reported", "left_out", "not_reported"]]
    evidence: dict[str, dict[str, Any]] = Field(
        description="each reporting outlet's span: article_id, start, end, part")


class CoverageLeftOut(BaseModel):
    """A fact an outlet leaves out, and who reports it."""

    fact_id: str
    label: str
    reported_by: list[str]


class CoverageOmissions(BaseModel):
    """What one outlet leaves out, the most reported first."""

    outlet: str
    facts: list[CoverageLeftOut]


class CoveragePublic(BaseModel):
    """Which outlet reports which fact, who was first, what each leaves out."""

    outlets: list[CoverageOutlet]
    facts: list[CoverageFact]
    omissions: list[CoverageOmissions]


class BriefPublic(BaseModel):
    """A story's brief as data (``newsweave brief ID --format json``).

    Only the main keys are typed; the brief may carry more, which are passed on.
    """

    model_config = ConfigDict(extra="allow")

    story_id: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    outlets: list[str]
    articles: list[dict[str, Any]]
    facts: list[BriefFact]
    coverage: CoveragePublic
    conflicts: list[dict[str, Any]]
    positions: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    actors: list[dict[str, Any]]


class ArticlePublic(BaseModel):
    """An article without its body."""

    article_id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    story_id: str | None = None
    duplicate_of: str | None = Field(None, description="the original, when this is a copy")
    chars: int | None = None


class SpanPublic(BaseModel):
    """A stretch of the body (character offsets) that a record points to."""

    model_config = ConfigDict(extra="allow")

    start: int
    end: int
    text: str


class ArticleDetail(BaseModel):
    """An article's body, the lines cleaning removed, and every evidence span."""

    article_id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source_file: str | None = Field(
        None, description="the input's file name (never the server's folders)")
    language: str | None = None
    story_id: str | None = None
    story_title: str | None = None
    duplicate_of: str | None = None
    body: str
    removed: list[str] = Field(description="boilerplate lines removed by cleaning")
    sentences: list[list[int]] = Field(description="[start, end] of each sentence")
    events: list[SpanPublic]
    claims: list[SpanPublic]
    positions: list[SpanPublic]
    mentions: list[SpanPublic]


class EventPublic(BaseModel):
    """A PLOVER event with its article, outlet, story and place."""

    event_id: str
    article_id: str
    outlet: str | None = None
    story_id: str | None = None
    event: str = Field(description="PLOVER event type")
    mode: str | None = None
    context: list[str] = []
    actors: list[str] = []
    recipients: list[str] = []
    date: dt.date | None = None
    date_precision: str | None = None
    place_id: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    quantities: list[dict[str, Any]] = []
    certainty: str | None = None
    background: bool | None = None
    start: int
    end: int
    text: str
    trigger: str | None = None
    confidence: float | None = Field(None, description="how sure the coder is of the event, "
                                                       "0-1 (none: stored before it existed)")


class ActorPublic(BaseModel):
    """A canonical actor with its mention count."""

    actor_id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = []
    mentions: int = 0


class ActorDetail(BaseModel):
    """An actor with its roles, events, positions and stories."""

    actor_id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = []
    country_evidence: str | None = Field(
        None, description="what the country rests on: stated (a title, nationality, party "
                          "or state next to the name) or sentence (the one country of the "
                          "sentences that name the actor)")
    merges: list[dict[str, Any]] = Field(
        [], description="why mentions are this actor: actor_id, mention and reason; "
                        "within an article (with the number of articles): "
                        "surname_in_article, first_name_in_article, qualified_in_article, "
                        "article_country; across the corpus: same_name, middle_initial, "
                        "spelling_variant, surname")
    roles: list[dict[str, Any]]
    events: list[EventPublic]
    positions: list[dict[str, Any]]
    stories: list[dict[str, Any]]


class PlacePublic(BaseModel):
    """A resolved place and how many events happen there."""

    place_id: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    population: int | None = None
    events: int = 0


class PositionPublic(BaseModel):
    """Who demands, rejects, offers or supports what, in which report."""

    position_id: str
    party: str | None = None
    party_name: str | None = None
    stance: str
    object: str | None = None
    text: str
    certainty: str | None = None
    start: int
    end: int
    object_start: int | None = Field(None, description="where the text words the object "
                                                       "(body offsets), when in one stretch")
    object_end: int | None = None
    article_id: str
    outlet: str | None = None
    story_id: str | None = None


class FactPublic(BaseModel):
    """A fact aligned across outlets, with its mentions and conflicts."""

    fact_id: str
    story_id: str | None = None
    statement: str
    outlets: list[str]
    corroboration: int
    event_type: str | None = None
    certainty: str | None = None
    background: bool | None = None
    date: dt.date | None = None
    importance: float | None = None
    mentions: list[dict[str, Any]] = []
    conflicts: list[str] = []


class Problem(BaseModel):
    """An error: what is wrong."""

    detail: str
