"""resolve: who the entities of an article are and where its places are.

``resolve_article(article, doc, gazetteer)`` turns the named entities of an
annotated article into mentions with actor and place ids, the article's actors
(with the surface forms seen as aliases, and the groups named through a
country word: ``resolve.groups``), the roles the text gives them, the places it
names, and the date and background flag of every sentence
(``resolve.sentences``, on top of ``resolve.dates``).
``resolve.actors.merge_actors`` merges actors across articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import TYPE_CHECKING, Any

from newsweave.annotate import doc_text
from newsweave.gazetteer import Gazetteer, load_gazetteer
from newsweave.records import Article, Mention, Place, Resolution
from newsweave.resolve.actors import (
    ActorBuilder,
    is_institution_name,
    merge_actors,
    person_key,
)
from newsweave.resolve.entities import (
    EntityInfo,
    classify_entities,
    demote_false_persons,
    is_locative,
)
from newsweave.resolve.groups import complete_actors
from newsweave.resolve.places import (
    PlaceResolver,
    article_context,
    choose_place,
    find_toponyms,
)
from newsweave.resolve.sentences import sentence_times

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "Gazetteer", "choose_place", "complete_actors", "geoparse", "load_gazetteer", "merge_actors",
    "resolve_article", "sentence_times", "text_article",
]


def resolve_article(article: Article, doc: Doc, gazetteer: Gazetteer) -> Resolution:
    """Resolve the named entities of one annotated article.

    Args:
        article: the cleaned article (``doc`` was made from ``article.body``).
        doc: the annotated body from :func:`newsweave.annotate.annotate_articles`.
        gazetteer: from :func:`load_gazetteer`.

    Returns:
        A :class:`Resolution`: one mention per named entity (people, organisations,
        countries, demonyms, places), actors deduplicated by id (groups named
        through a country word among them), roles, places, and the date and
        background flag of every sentence.
    """
    infos = classify_entities(doc, gazetteer)
    surnames = {person_key(i.text)[1] for i in infos if i.kind == "person" and " " in i.text}
    demote_false_persons(infos, gazetteer, surnames)
    as_place, also_place = _place_entities(infos)
    built = ActorBuilder(
        doc, infos, gazetteer, article_id=article.id, published=article.published
    ).build(as_place)
    places = PlaceResolver(doc, infos, gazetteer, article_context(infos))
    mentions: list[Mention] = []
    seen_places: dict[str, Place] = {}
    for k, info in enumerate(infos):
        wanted = (k in as_place or k in also_place) and not party_state(doc_text(doc), info.span.start_char)
        place = places.resolve(k) if wanted else None
        if place is not None:
            seen_places.setdefault(place.id, place)
        mentions.append(
            Mention(
                article_id=article.id, start=info.span.start_char, end=info.span.end_char,
                text=info.span.text, label=_label(info), actor_id=built.actor_ids.get(k),
                place_id=place.id if place else None,
            )
        )
    resolution = Resolution(
        mentions=mentions, actors=built.actors, roles=built.roles,
        places=list(seen_places.values()), sentences=sentence_times(article, doc),
    )
    # "Veskarian protesters": groups named through a country word, last, once
    # the named actors and places are settled
    complete_actors(doc, resolution, gazetteer)
    return resolution


# "Sen. Rob Portman (R-Ohio)", "Rep. Smith, D-Calif.,": a party letter and a hyphen
# before a state name mark the legislator's party and state, not where anything happens.
_PARTY_STATE = re.compile(r"(?:^|[\s(,\[])[RDI]\s?-\s?$")


def party_state(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` follows a party letter ("(R-Ohio)")."""
    return bool(_PARTY_STATE.search(text[max(0, start - 4):start]))


def _place_entities(infos: list[EntityInfo]) -> tuple[set[int], set[int]]:
    """Entities that are only places, and countries that are also places ("in Ukraine")."""
    only: set[int] = set()
    also: set[int] = set()
    for k, info in enumerate(infos):
        if info.kind in ("place", "venue"):
            only.add(k)
        elif info.kind == "seat" and is_locative(info.span):
            only.add(k)  # "talks in Kyiv": where, not who
        elif info.kind == "country" and _country_as_place(info):
            also.add(k)
    return only, also


def _country_as_place(info: EntityInfo) -> bool:
    """"in Ukraine" is also a place, but "the Russia-Ukraine war" is not."""
    return info.span.root.dep_ != "compound" and is_locative(info.span)


def _label(info: EntityInfo) -> str:
    """The mention label: the NER's, corrected where the gazetteer knows better."""
    fixed = {"seat": "GPE", "country": "GPE", "demonym": "NORP", "venue": "FAC", "person": "PERSON"}
    if info.kind == "person" and is_institution_name(info.text):
        return "ORG"  # "the Ohio Senate" tagged PERSON: the actor is an organisation
    if info.kind in fixed:
        return fixed[info.kind]
    if info.kind == "place" and info.span.label_ not in ("GPE", "LOC", "FAC"):
        return "GPE"
    if info.kind == "org" and info.span.label_ != "ORG":
        return "ORG"
    return info.span.label_


def text_article(text: str, published: dt.date | None = None) -> Article:
    """A loose text as an :class:`Article` (for ``geoparse`` and ``code``): no cleaning."""
    from newsweave.clean import split_sentences

    return Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], source_id="-",
                   source_path="-", outlet="unknown", url=None, title="",
                   published=published, body=text, sentences=split_sentences(text))


def geoparse(article: Article, doc: Doc, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Every toponym of an annotated article with its coordinate (``newsweave geoparse``).

    Wider than :attr:`Resolution.places` (the places where things happen): a
    geoparser also reports a capital used for its government ("Moscow said"), a
    country as a modifier ("the Russia-Ukraine war"), an adjectival demonym
    ("Syrian forces") and a place inside another name ("University of Ohio").

    Returns:
        ``[{start, end, text, name, country, lat, lon, geonameid}]`` in text order.
    """
    infos = classify_entities(doc, gazetteer)
    surnames = {person_key(i.text)[1] for i in infos if i.kind == "person" and " " in i.text}
    demote_false_persons(infos, gazetteer, surnames)
    return [
        {"start": t.start, "end": t.end, "text": t.text, "name": t.place.name,
         "country": t.place.country, "lat": t.place.lat, "lon": t.place.lon,
         "geonameid": t.place.id}
        for t in find_toponyms(doc, infos, gazetteer)
    ]
